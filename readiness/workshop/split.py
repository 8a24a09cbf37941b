"""The room's story after a reveal: one item's answers split by role (executives vs front line vs
IT...), and the gap between the highest and the lowest group mean, the item-level reading of the
perception gap (R-GAP-1) shown to the people who hold it.

Anonymity (R-SCORE-2's low-sample threshold): no group smaller than the threshold is shown.
Roles below it are pooled into "other roles"; a pool still below it joins the smallest shown
group (named with both roles) rather than being hidden, because a hidden remainder could be read
off as the whole room minus the groups shown. If that leaves fewer than two groups, there is no
split. Every answer is in exactly one group, so the groups add up to the whole distribution.

Pure: no Flask, no database (answers.levels_by_role reads the pairs)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

DONT_KNOW = "dk"
LEVEL_KEYS: tuple[int | str, ...] = (1, 2, 3, 4, 5, DONT_KNOW)


@dataclass(frozen=True)
class Group:
    roles: tuple[str, ...]
    counts: dict[int | str, int]
    #: True for the pool of roles each below the threshold ("other roles").
    pooled: bool = False

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def scored(self) -> int:
        return self.n - self.counts[DONT_KNOW]

    @property
    def mean(self) -> float | None:
        scored = self.scored
        if not scored:
            return None
        return sum(int(k) * v for k, v in self.counts.items() if k != DONT_KNOW) / scored


@dataclass(frozen=True)
class RoleSplit:
    groups: tuple[Group, ...] = ()
    #: Roles that were too small alone and are shown merged (pooled or joined to a group).
    merged: tuple[str, ...] = ()
    gap: float | None = None
    flagged: bool = False
    high: Group | None = None
    low: Group | None = None
    threshold: int = 3
    largest: int = field(default=0)

    @property
    def shown(self) -> bool:
        return len(self.groups) >= 2


def _counts(levels: Iterable[int | None]) -> dict[int | str, int]:
    counts: dict[int | str, int] = {k: 0 for k in LEVEL_KEYS}
    for level in levels:
        counts[DONT_KNOW if level is None else level] += 1
    return counts


def split_by_role(answers: Iterable[tuple[str, int | None]], low_sample: int,
                  gap_threshold: float, order: Sequence[str] = ()) -> RoleSplit:
    """`answers`: (role, level or None for don't know) per participant, for one item and round.
    Groups follow `order` (the roles' usual order), unknown roles after it."""
    threshold = max(1, low_sample)
    by_role: dict[str, list[int | None]] = {}
    for role, level in answers:
        if level is not None and level not in (1, 2, 3, 4, 5):
            continue
        by_role.setdefault(role, []).append(level)
    rank = {role: i for i, role in enumerate(order)}
    roles = sorted(by_role, key=lambda r: (rank.get(r, len(rank)), r))
    big = [r for r in roles if len(by_role[r]) >= threshold]
    small = [r for r in roles if len(by_role[r]) < threshold]
    groups = [Group((r,), _counts(by_role[r])) for r in big]
    pool = [level for r in small for level in by_role[r]]
    if pool and len(pool) >= threshold:
        groups.append(Group(tuple(small), _counts(pool), pooled=True))
    elif pool:
        if len(groups) < 2:
            return RoleSplit(merged=tuple(small), threshold=threshold)
        smallest = min(range(len(groups)), key=lambda i: (groups[i].n, i))
        joined = groups[smallest]
        groups[smallest] = Group(joined.roles + tuple(small),
                                 _counts([lv for r in joined.roles + tuple(small)
                                          for lv in by_role[r]]))
    if len(groups) < 2:
        return RoleSplit(merged=tuple(small), threshold=threshold)
    with_mean = [g for g in groups if g.mean is not None]
    gap = high = low = None
    if len(with_mean) >= 2:
        high = max(with_mean, key=lambda g: g.mean or 0.0)
        low = min(with_mean, key=lambda g: g.mean or 0.0)
        gap = (high.mean or 0.0) - (low.mean or 0.0)
    return RoleSplit(groups=tuple(groups), merged=tuple(small), gap=gap,
                     flagged=gap is not None and gap >= gap_threshold - 1e-9,
                     high=high, low=low, threshold=threshold,
                     largest=max(max(g.counts.values()) for g in groups))
