"""The executive summary's parts without a PDF: the perception gaps told in words (R-GAP-1,
R-DATA-2) and the rule citations of the client's copy and the working copy."""
from readiness.method.perception import gap_rows, gap_story
from readiness.method.types import Assessment, Gap, Stat
from readiness.report.citations import Citations


def _stat(n: int, mean: float | None = 50.0, low: int = 3) -> Stat:
    return Stat(n, mean, mean, mean, mean, n < low)


def _assessment(gaps, by_role=None, respondents=20) -> Assessment:
    by_role = by_role or {role: {g.block_id: _stat(8) for g in gaps}
                          for role in ("executive", "front_line", "it")}
    return Assessment(respondents, 50.0, {}, {}, by_role, tuple(gaps), (), (), (), ())


def _gap(block, means, threshold=1.0):
    ordered = sorted(means, key=means.get)
    gap = means[ordered[-1]] - means[ordered[0]]
    return Gap(block, means, ordered[-1], ordered[0], gap, gap >= threshold)


def test_the_largest_gaps_in_words_largest_first():
    gaps = [_gap("B5", {"executive": 4.3, "front_line": 2.2, "it": 3.0}),
            _gap("B1", {"executive": 3.0, "front_line": 2.9, "it": 3.1}),
            _gap("B7", {"executive": 3.0, "front_line": 3.2, "it": 4.6})]
    story = gap_story(_assessment(gaps), 1.0)
    assert [s.en for s in story] == [
        "Executives rate Processes 2.1 points higher than the front line.",
        "IT rates Technology 1.6 points higher than executives.",
    ]
    assert story[0].zh == "高管对流程的评分比一线员工高 2.1 分。"
    rows = gap_rows(_assessment(gaps))
    assert [r.block_id for r in rows] == ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"]
    assert rows[1].gap is None and rows[1].means == {}  # nobody answered Strategy: no gap stated
    assert rows[4].flagged and rows[4].name.en == "Processes"


def test_a_gap_from_a_thin_role_carries_its_caveat():
    gaps = [_gap("B4", {"executive": 4.0, "front_line": 2.0})]
    by_role = {"executive": {"B4": _stat(2)}, "front_line": {"B4": _stat(9)}}
    story = gap_story(_assessment(gaps, by_role), 1.0)
    assert story[0].en == ("Executives rate Organisational collaboration 2.0 points higher than "
                           "the front line (executives: 2 respondents only).")
    assert story[0].zh.endswith("（高管仅 2 位受访者）。")
    assert gap_rows(_assessment(gaps, by_role))[3].thin == ("executive",)


def test_agreeing_roles_and_missing_roles_are_said_so():
    calm = [_gap("B1", {"executive": 3.0, "front_line": 2.6})]
    assert gap_story(_assessment(calm), 1.0)[0].en == (
        "Executives, the front line and IT rate every block within 1 point of each other.")
    assert "1.5 points" in gap_story(_assessment(calm), 1.5)[0].en
    assert gap_story(_assessment([], respondents=0), 1.0) == []


def test_client_copy_cites_by_footnote_and_the_working_copy_by_rule_id():
    client = Citations(["R-SCORE-1", "R-SCORE-2", "R-CWR-1", "R-CWR-2"])
    assert str(client.mark("R-SCORE-2")) == '<sup class="fn"><a href="#rule-R-SCORE-2">2</a></sup>'
    assert str(client.mark("R-CWR-1/2")) == ('<sup class="fn"><a href="#rule-R-CWR-1">3</a>,'
                                             '<a href="#rule-R-CWR-2">4</a></sup>')
    assert str(client.mark("R-NOPE-9")) == ""
    note = client.cite("Scores <0-100> (low sample, R-SCORE-2): read with care (R-SCORE-1).")
    assert str(note) == ('Scores &lt;0-100&gt; (low sample<sup class="fn"><a href="#rule-R-SCORE-2">'
                         '2</a></sup>): read with care<sup class="fn"><a href="#rule-R-SCORE-1">1'
                         '</a></sup>.')
    assert "R-SCORE-1" not in client.cite("得分为 0-100（R-SCORE-1）。").replace("#rule-R-SCORE-1", "")
    working = Citations(["R-SCORE-1"], working_copy=True)
    assert str(working.mark("R-SCORE-1")) == ' <span class="rule">R-SCORE-1</span>'
    assert str(working.cite("x (R-SCORE-1) <b>")) == "x (R-SCORE-1) &lt;b&gt;"
