"""Property tests (hypothesis) of data honesty and pain ties on random engagements: R-DATA-1/2
and R-PAIN-2. The engagement strategy is test_properties.py's."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readiness.method.types import PainInput
from tests.method.test_properties import PROPERTY, engagements

# R-DATA-1 / R-DATA-2: no conclusion without data, caveats where stated -------------------------

#: The blocks whose respondents each answer-reading red light rests on (R-DATA-2).
READS_ANSWERS = {"R-RED-1": ("B1", "B2"), "R-RED-2": ("B4",), "R-RED-5": ("B1", "B3"),
                 "R-CWR-4": ("B5", "B7")}


@PROPERTY
@given(engagements(max_respondents=4))
def test_no_conclusion_without_data_and_caveats_where_stated(engagement):
    """R-DATA-1: 'no-answers' leads the flags exactly when no answer is scored ("don't know" alone
    scores nothing), and then no red light reads answers; a department without scored answers gets
    'no-data-department' and no level reason from scores. R-DATA-2: a red light that reads answers
    carries low_n = the fewest respondents behind the blocks it reads when that is 1-2, and says
    so; a department level from fewer than 3 respondents says so right after 'ready'. R-RED-5
    fires only on a customer-input mean below 3 from real answers."""
    result = engagement.assess()
    scored = any(b.stat.n for b in result.blocks.values())
    codes = [f.code for f in result.flags]
    assert ("no-answers" in codes) == (not scored)
    if not scored:
        assert codes[0] == "no-answers"
        assert not set(READS_ANSWERS) & {f.rule for f in result.red_lights}
    mean = engagement.facts.customer_input_mean
    assert ("R-RED-5" in {f.rule for f in result.red_lights}) == (
        scored and mean is not None and mean < 3.0)
    for finding in result.red_lights:
        counts = [result.blocks[b].stat.n for b in READS_ANSWERS.get(finding.rule, ())
                  if result.blocks[b].stat.n]
        n = min(counts) if counts else 0
        if 0 < n < 3:
            assert finding.params["low_n"] == n
            assert finding.message("en").endswith(
                f" Based on {n} respondent{'s' if n > 1 else ''} only.")
        else:
            assert "low_n" not in finding.params
    for level in result.levels:
        stats = result.by_department.get(level.department_id, {})
        dept_n = max((s.n for s in stats.values() if s.mean is not None), default=0)
        assert (level.scored, level.n, level.low_sample) == (dept_n > 0, dept_n, 0 < dept_n < 3)
        reasons = [f.code for f in level.reasons]
        if level.scored:
            assert reasons[0] == "ready"
            assert (reasons[1] == "low-sample-level") == level.low_sample
            assert "no-data-department" not in reasons
        else:
            assert reasons[0] == "no-data-department"
            assert not {"ready", "low-sample-level", "above-readiness", "build-gap"} & set(reasons)


# R-PAIN-2: ties at the cut-off choose none -----------------------------------------------------

@PROPERTY
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(0, 3)), max_size=12),
       st.integers(1, 5))
def test_key_pains_never_split_a_tie(rows, top):
    """R-PAIN-2: at most `top` key pains; pains of equal priority are all key or none (never
    chosen by order of entry); a key pain outranks every non-key pain; the 'no-clear-priority'
    flag is raised exactly when a tie straddles the cut-off."""
    from readiness.method import pains as pain_rules

    ranked = pain_rules.rank_pains(
        [PainInput(i, f"pain {i}", s, f, v) for i, (s, f, v) in enumerate(rows, start=1)], top)
    keys = [p for p in ranked if p.key]
    assert len(keys) <= top
    for value in {p.priority for p in ranked}:
        assert len({p.key for p in ranked if p.priority == value}) == 1
    if keys and len(keys) < len(ranked):
        assert min(p.priority for p in keys) > max(p.priority for p in ranked if not p.key)
    flagged = bool(pain_rules.priority_flags(ranked, top))
    straddles = len(ranked) > top and ranked[top - 1].priority == ranked[top].priority
    assert flagged == straddles
    # Without a straddling tie the top `top` (or all, when fewer) are key.
    assert len(keys) == (min(top, len(ranked)) if not straddles else
                         sum(1 for p in ranked if p.priority > ranked[top - 1].priority))
