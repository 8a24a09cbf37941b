"""Property tests (hypothesis) of the scoring engine on the built-in questionnaire:
R-SCORE-1/2/3 bounds, R-SCORE-1 monotonicity, and order independence of `assess()`.

Answer rows -> scoring.block_sums_from_answers -> assess, as the app does it.
"""
from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from readiness.method import scoring
from readiness.method.assess import assess
from readiness.method.loading import load_questionnaire
from readiness.method.types import (
    CONFIDENCES,
    ROLES,
    AnswerInput,
    Assessment,
    DepartmentInput,
    EngagementFacts,
    PainInput,
    RespondentInput,
    Stat,
)

ROOT = Path(__file__).resolve().parents[2]
Q = load_questionnaire(ROOT / "questionnaires" / "crm-readiness.yaml")
ITEMS = [item.id for item in Q.items()]
BLOCK_OF = {item_id: block_id for item_id, (block_id, _, _) in Q.item_index().items()}
DEPARTMENT_IDS = (1, 2)

# Nothing is written into the repository: no example database, and hypothesis's own caches
# (.hypothesis/constants) go to the temp directory instead of the working directory.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "readiness-tests-hypothesis")
PROPERTY = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@dataclass(frozen=True)
class Engagement:
    respondents: tuple[RespondentInput, ...]
    answers: tuple[AnswerInput, ...]
    departments: tuple[DepartmentInput, ...] = ()
    pains: tuple[PainInput, ...] = ()
    facts: EngagementFacts = EngagementFacts()

    def assess(self) -> Assessment:
        sums = scoring.block_sums_from_answers(self.answers, Q)
        return assess(Q, self.respondents, sums, self.departments, self.pains, self.facts)


levels = st.one_of(st.none(), st.integers(1, 5))  # None = "don't know"
confidences = st.sampled_from(CONFIDENCES)
# Answers cluster on a few blocks so blocks get several answers and several respondents.
item_pool = st.sampled_from(ITEMS[:6] + ITEMS[18:30] + ITEMS[36:42])


@st.composite
def fit_answers(draw) -> dict[str, str]:
    answers = {}
    for question in Q.fit:
        option = draw(st.one_of(st.none(), st.sampled_from([o.id for o in question.options])))
        if option is not None:
            answers[question.id] = option
    return answers


@st.composite
def engagements(draw, min_respondents: int = 0, max_respondents: int = 7) -> Engagement:
    n = draw(st.integers(min_respondents, max_respondents))
    respondents, answers = [], []
    for rid in range(1, n + 1):
        respondents.append(RespondentInput(rid, draw(st.sampled_from(ROLES)),
                                           draw(st.sampled_from((None, *DEPARTMENT_IDS)))))
        for item in draw(st.lists(item_pool, unique=True, max_size=10)):
            answers.append(AnswerInput(rid, item, draw(levels), draw(confidences)))
    departments = tuple(
        DepartmentInput(d, f"Department {d}", draw(st.integers(0, 3)), draw(fit_answers()),
                        draw(st.one_of(st.none(), st.integers(1, 3))), "consultant's reason")
        for d in DEPARTMENT_IDS)
    pain_count = draw(st.integers(0, 6))
    pains = tuple(PainInput(pid, f"pain {pid}", draw(st.integers(1, 5)), draw(st.integers(1, 5)),
                            draw(st.integers(0, 6)))
                  for pid in range(1, pain_count + 1))
    facts = EngagementFacts(
        sponsor_name=draw(st.sampled_from(["", "Ada"])),
        sponsor_hours_per_month=draw(st.sampled_from([None, 0, 2.5])),
        team_sides=tuple(draw(st.lists(st.sampled_from(["business", "it"]), max_size=3))),
        customer_input_mean=draw(st.one_of(st.none(), st.floats(1, 5))))
    return Engagement(tuple(respondents), tuple(answers), departments, pains, facts)


def all_scores(engagement: Engagement, result: Assessment) -> list[float]:
    """Every 0-100 number: respondent scores, block / department / role stats, overall."""
    values = [v for blocks in scoring.respondent_scores(
        scoring.block_sums_from_answers(engagement.answers, Q)).values() for v in blocks.values()]
    stats: list[Stat] = [b.stat for b in result.blocks.values()]
    for grouped in (result.by_department, result.by_role):
        stats += [s for blocks in grouped.values() for s in blocks.values()]
    for stat in stats:
        values += [v for v in (stat.mean, stat.median, stat.q1, stat.q3) if v is not None]
    if result.overall is not None:
        values.append(result.overall)
    return values


# R-SCORE-1/2/3: bounds -------------------------------------------------------------------------

B3_ALL_FIVE = Engagement(
    (RespondentInput(1, "it", 1),),
    (AnswerInput(1, "B3.1", 5, "high"), AnswerInput(1, "B3.3", 5, "medium"),
     AnswerInput(1, "B3.4", 5, "medium")))
B3_ALL_ONE = Engagement(
    (RespondentInput(1, "it", 1),),
    (AnswerInput(1, "B3.1", 1, "high"), AnswerInput(1, "B3.3", 1, "medium"),
     AnswerInput(1, "B3.4", 1, "medium")))


@PROPERTY
@given(engagements())
@example(B3_ALL_FIVE)  # raw float sums give 100.00000000000003 here
@example(B3_ALL_ONE)
def test_every_score_is_within_0_and_100(engagement):
    """R-SCORE-1/2/3: respondent, block, department, role and overall scores lie in [0, 100]
    (exactly: no 100.00000000000003), IQRs in [0, 100], don't-know rates in [0, 1], role means in
    [1, 5] and gaps in [0, 4]."""
    result = engagement.assess()
    for value in all_scores(engagement, result):
        assert 0.0 <= value <= 100.0, value
    for block in result.blocks.values():
        if block.stat.n:
            assert 0.0 <= block.stat.iqr <= 100.0
            assert block.stat.q1 <= block.stat.median <= block.stat.q3
            assert block.stat.low_sample == (block.stat.n < 3)
        if block.dont_know_rate is not None:
            assert 0.0 <= block.dont_know_rate <= 1.0
    for gap in result.gaps:
        assert all(1.0 <= m <= 5.0 for m in gap.role_means.values())
        assert 0.0 <= gap.gap <= 4.0
        assert set(gap.role_means) <= {"executive", "front_line", "it"}


@PROPERTY
@given(engagements())
def test_counts_add_up(engagement):
    """R-SCORE-2: a block's n is the number of respondents with a scored answer there; the
    department and role n add up to at most that."""
    result = engagement.assess()
    scored = {(a.respondent_id, BLOCK_OF[a.item_id]) for a in engagement.answers if a.level}
    for block_id, block in result.blocks.items():
        assert block.stat.n == sum(1 for (_, b) in scored if b == block_id)
        assert sum(g[block_id].n for g in result.by_department.values()) <= block.stat.n
        assert sum(g[block_id].n for g in result.by_role.values()) == block.stat.n


# R-SCORE-1: raising an answer never lowers its block score --------------------------------------

@st.composite
def raised_answer(draw):
    """An engagement, one of its scored answers below 5, and that answer raised (same confidence)."""
    engagement = draw(engagements(min_respondents=1))
    extra = AnswerInput(1, draw(item_pool), draw(st.integers(1, 4)), draw(confidences))
    answers = [a for a in engagement.answers
               if not (a.respondent_id == 1 and a.item_id == extra.item_id)]
    answers.append(extra)
    answers = draw(st.permutations(answers))
    candidates = [i for i, a in enumerate(answers) if a.level is not None and a.level < 5]
    index = draw(st.sampled_from(candidates))
    old = answers[index]
    new_level = draw(st.integers(old.level + 1, 5))
    raised = list(answers)
    raised[index] = replace(old, level=new_level)
    return (replace(engagement, answers=tuple(answers)),
            replace(engagement, answers=tuple(raised)), old)


@PROPERTY
@given(raised_answer())
def test_raising_one_answer_never_lowers_its_block_score(case):
    """R-SCORE-1: a higher level on one answer (same confidence) never lowers that respondent's
    block score, nor the block's aggregate, department, role or overall score; other blocks are
    unchanged."""
    before, after, answer = case
    block_id = BLOCK_OF[answer.item_id]
    rid = answer.respondent_id

    def respondent(engagement):
        return scoring.respondent_scores(scoring.block_sums_from_answers(engagement.answers, Q))[rid]

    r_before, r_after = respondent(before), respondent(after)
    assert r_after[block_id] >= r_before[block_id]
    assert {b: v for b, v in r_after.items() if b != block_id} == {
        b: v for b, v in r_before.items() if b != block_id}

    a_before, a_after = before.assess(), after.assess()
    assert a_after.blocks[block_id].score >= a_before.blocks[block_id].score
    assert a_after.blocks[block_id].stat.median >= a_before.blocks[block_id].stat.median
    assert a_after.overall >= a_before.overall
    for other in a_before.blocks:
        if other != block_id:
            assert a_after.blocks[other] == a_before.blocks[other]
    who = next(r for r in before.respondents if r.id == rid)
    assert a_after.by_role[who.role][block_id].mean >= a_before.by_role[who.role][block_id].mean
    if who.department_id is not None:
        dept_after = a_after.by_department[who.department_id][block_id]
        dept_before = a_before.by_department[who.department_id][block_id]
        assert dept_after.mean >= dept_before.mean


# Order independence ----------------------------------------------------------------------------

@st.composite
def respondents_reordered(draw):
    """The engagement, and the same with respondents, their answer rows and pains reordered
    (each respondent's own answers keep their order)."""
    engagement = draw(engagements())
    order = draw(st.permutations(engagement.respondents))
    answers = tuple(a for r in order for a in engagement.answers if a.respondent_id == r.id)
    pains = tuple(draw(st.permutations(engagement.pains)))
    return engagement, replace(engagement, respondents=tuple(order), answers=answers, pains=pains)


@st.composite
def answers_reordered(draw):
    """The engagement, and the same with every row (respondents, answers, pains) in any order."""
    engagement = draw(engagements())
    return engagement, replace(
        engagement,
        respondents=tuple(draw(st.permutations(engagement.respondents))),
        answers=tuple(draw(st.permutations(engagement.answers))),
        pains=tuple(draw(st.permutations(engagement.pains))))


B4_ROWS = (AnswerInput(1, "B4.1", 3, "low"), AnswerInput(1, "B4.2", 5, "medium"),
           AnswerInput(1, "B4.3", 3, "medium"))
B4_ENGAGEMENT = Engagement((RespondentInput(1, "executive", 1), RespondentInput(2, "it", 1)),
                           (*B4_ROWS, AnswerInput(2, "B4.1", 4)))


@PROPERTY
@given(respondents_reordered())
def test_reordering_respondents_changes_nothing(pair):
    """R-SCORE-2/3, R-GAP-1, R-CWR, R-PAIN, R-RED: the Assessment does not depend on the order of
    respondents (with their answers) or pain points."""
    original, reordered = pair
    assert reordered.assess() == original.assess()


@PROPERTY
@given(answers_reordered())
@example((B4_ENGAGEMENT, replace(B4_ENGAGEMENT, answers=B4_ENGAGEMENT.answers[::-1])))
def test_reordering_answers_changes_nothing(pair):
    """R-SCORE-1..4 and everything after: any order of answer rows gives an equal Assessment
    (the example is a block whose raw float sums differ in the last digit between orders)."""
    original, reordered = pair
    assert reordered.assess() == original.assess()


def _close(a, b, path="assessment"):
    """Structural equality with floats compared to 1e-9 (a weaker, diagnostic form)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9), (path, a, b)
    elif is_dataclass(a):
        assert type(a) is type(b), path
        for f in fields(a):
            _close(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, Mapping):
        assert set(a) == set(b), path
        for key in a:
            _close(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{path}[{i}]")
    else:
        assert a == b, (path, a, b)


@PROPERTY
@given(answers_reordered())
def test_reordering_answers_keeps_every_number_within_rounding(pair):
    """R-SCORE-1..3: whatever the row order, every number agrees to 1e-9 (weaker than the exact
    test above; pinpoints the field when that one fails)."""
    original, reordered = pair
    _close(reordered.assess().blocks, original.assess().blocks, "blocks")
    _close(reordered.assess().overall, original.assess().overall, "overall")
    _close(reordered.assess().gaps, original.assess().gaps, "gaps")
