"""R-GAP-1 told as a story for the executive summary: executives vs front line vs IT per block, and
the largest gaps named in words ("Executives rate Processes 2.1 points higher than the front
line"). R-DATA-2: a gap read from a low-sample role says so in its sentence.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .roadmap_types import Bi
from .texts import BLOCK_NAMES, ROLE_NAMES, respondents_text
from .types import GAP_ROLES, Assessment, Gap

#: Who rates (subject, verb agreeing with it) and who is rated against (object), in English.
_SUBJECT = {"executive": ("Executives", "rate"), "front_line": ("The front line", "rates"),
            "it": ("IT", "rates")}
_OBJECT = {"executive": "executives", "front_line": "the front line", "it": "IT"}
_CAVEAT = Bi(" ({role}: {respondents} only)", "（{role}仅 {respondents}）")
NO_GAP = Bi("Executives, the front line and IT rate every block within {t} of each other.",
            "高管、一线员工和 IT 对各模块的评分差距均在 {t} 分以内。")
NO_ROLES = Bi("Too few roles have answered to compare executives, the front line and IT.",
              "作答的角色太少，无法比较高管、一线员工和 IT 的看法。")


@dataclass(frozen=True)
class GapRow:
    """One block of the summary's perception strip: each role's mean on 1-5 and the spread."""

    block_id: str
    name: Bi
    means: Mapping[str, float]  # only the roles that answered the block
    gap: float | None  # None: fewer than two roles to compare (R-DATA-1: no gap is stated)
    flagged: bool
    thin: tuple[str, ...]  # R-DATA-2: roles whose mean rests on a low sample


def _thin(assessment: Assessment, gap: Gap) -> tuple[str, ...]:
    return tuple(role for role in GAP_ROLES if role in gap.role_means
                 and (s := assessment.by_role.get(role, {}).get(gap.block_id)) is not None
                 and s.low_sample)


def _name(block_id: str) -> Bi:
    return Bi(BLOCK_NAMES["en"].get(block_id, block_id), BLOCK_NAMES["zh"].get(block_id, block_id))


def gap_rows(assessment: Assessment) -> list[GapRow]:
    """Every block, in order; a block fewer than two roles answered keeps its row, with the one
    role's mean if any and no gap, so a missing row never hides a block."""
    gaps = {g.block_id: g for g in assessment.gaps}
    rows = []
    for block_id in BLOCK_NAMES["en"]:
        g = gaps.get(block_id)
        if g is not None:
            rows.append(GapRow(block_id, _name(block_id), g.role_means, g.gap, g.flagged,
                               _thin(assessment, g)))
            continue
        means = {role: s.mean / 25 + 1 for role in GAP_ROLES
                 if (s := assessment.by_role.get(role, {}).get(block_id)) is not None
                 and s.mean is not None}
        rows.append(GapRow(block_id, _name(block_id), means, None, False, ()))
    return rows


def _sentence(assessment: Assessment, gap: Gap) -> Bi:
    high, low = gap.high_role, gap.low_role
    block = _name(gap.block_id)
    subject, verb = _SUBJECT.get(high, (ROLE_NAMES["en"].get(high, high).capitalize(), "rate"))
    points = f"{gap.gap:.1f}"
    en = f"{subject} {verb} {block.en} {points} points higher than {_OBJECT.get(low, low)}."
    zh = f"{ROLE_NAMES['zh'].get(high, high)}对{block.zh}的评分比{ROLE_NAMES['zh'].get(low, low)}高 {points} 分。"
    thin = [r for r in (high, low) if r in _thin(assessment, gap)]
    if thin:  # R-DATA-2: the caveat where the conclusion is stated
        role = min(thin, key=lambda r: assessment.by_role[r][gap.block_id].n)
        n = assessment.by_role[role][gap.block_id].n
        en = en[:-1] + _CAVEAT.en.format(role=_OBJECT.get(role, role), respondents=respondents_text(n, "en")) + "."
        zh = zh[:-1] + _CAVEAT.zh.format(role=ROLE_NAMES["zh"].get(role, role),
                                         respondents=respondents_text(n, "zh")) + "。"
    return Bi(en, zh)


def gap_story(assessment: Assessment, threshold: float, limit: int = 3) -> list[Bi]:
    """The largest flagged gaps in words, largest first; a sentence saying there is none when the
    roles agree, and that they cannot be compared when fewer than two roles answered."""
    if not assessment.gaps:
        return [NO_ROLES] if assessment.scored else []
    flagged = sorted((g for g in assessment.gaps if g.flagged), key=lambda g: (-g.gap, g.block_id))
    if not flagged:
        t = f"{threshold:g}"
        return [Bi(NO_GAP.en.format(t=f"{t} point" if t == "1" else f"{t} points"),
                   NO_GAP.zh.format(t=t))]
    return [_sentence(assessment, g) for g in flagged[:limit]]
