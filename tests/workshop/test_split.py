"""The room's story (split.split_by_role): groups below the low-sample threshold are never shown
alone, the groups always add up to the whole room, and the perception gap (R-GAP-1)."""
from __future__ import annotations

from readiness.respondents.models import RESPONDENT_ROLES
from readiness.workshop.split import split_by_role


def answers(**by_role):
    return [(role, level) for role, levels in by_role.items() for level in levels]


def total(split):
    return sum(g.n for g in split.groups)


def test_two_roles_above_the_threshold_split_with_their_gap():
    sp = split_by_role(answers(executive=[4, 4, 5], front_line=[2, 2, 3, None]), 3, 1.0,
                       RESPONDENT_ROLES)
    assert sp.shown
    assert [g.roles for g in sp.groups] == [("executive",), ("front_line",)]
    assert sp.groups[1].n == 4 and sp.groups[1].scored == 3
    assert round(sp.gap, 2) == round(13 / 3 - 7 / 3, 2)
    assert sp.flagged and sp.high.roles == ("executive",) and sp.low.roles == ("front_line",)
    assert sp.merged == ()


def test_a_small_role_is_never_shown_alone():
    sp = split_by_role(answers(executive=[4, 4, 4], front_line=[2, 2, 2], it=[1]), 3, 1.0,
                       RESPONDENT_ROLES)
    assert sp.shown
    assert all(g.n >= 3 for g in sp.groups)
    # The lone IT answer joins the smallest group, named with both roles: nothing is hidden, so
    # nothing can be read off as "the room minus the groups shown".
    assert ("it",) not in [g.roles for g in sp.groups]
    assert any("it" in g.roles and len(g.roles) == 2 for g in sp.groups)
    assert total(sp) == 7 and sp.merged == ("it",)


def test_small_roles_pool_into_other_roles_when_together_large_enough():
    sp = split_by_role(answers(executive=[5, 5, 5], it=[1, 2], manager=[3]), 3, 1.0,
                       RESPONDENT_ROLES)
    assert sp.shown
    pooled = [g for g in sp.groups if g.pooled]
    assert len(pooled) == 1 and set(pooled[0].roles) == {"manager", "it"} and pooled[0].n == 3
    assert total(sp) == 6


def test_no_split_when_fewer_than_two_groups_reach_the_threshold():
    for data in (answers(executive=[4, 4, 4], front_line=[2, 2]),
                 answers(executive=[4, 4], front_line=[2, 2]),
                 answers(executive=[1, 2, 3, 4, 5]), []):
        sp = split_by_role(data, 3, 1.0, RESPONDENT_ROLES)
        assert not sp.shown and sp.groups == ()


def test_agreeing_roles_are_not_flagged_and_dont_know_has_no_mean():
    sp = split_by_role(answers(executive=[3, 3, 3], front_line=[3, 4, 3]), 3, 1.0)
    assert sp.shown and not sp.flagged and sp.gap is not None and sp.gap < 1
    sp = split_by_role(answers(executive=[None, None, None], front_line=[3, 3, 3]), 3, 1.0)
    assert sp.shown and sp.gap is None and sp.groups[0].mean is None


def test_threshold_one_shows_every_role_and_bad_levels_are_ignored():
    sp = split_by_role(answers(executive=[5], it=[1], front_line=[9]), 1, 1.0, RESPONDENT_ROLES)
    assert [g.roles for g in sp.groups] == [("executive",), ("it",)]
