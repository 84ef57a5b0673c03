"""Agreement matrix, stance lines and disputed points from hand-made briefs."""
from analysis_util import brief, taxonomy

from generator.analysis.agreement import agreement, stance
from generator.briefs.taxonomy import questions
from generator.analysis.disputes import disagree, group_claims, reading


def ev(motive, n=1):
    return [{"motive": motive, "quote": f"q{i}", "status": "auto"} for i in range(n)]


def co(rebuts, n=1, status="auto"):
    return [{"counter": "x", "rebuts": rebuts, "quote": f"c{i}", "status": status} for i in range(n)]


SOURCES = {
    "a": brief("a", motives=ev("isis-threat", 3) + ev("opium"), counters=co("isis-threat")),
    "b": brief("b", motives=ev("isis-threat"), counters=co("isis-threat", 2) + co(None, 2)),
    "c": brief("c", motives=[], counters=co("opium", 5, status="rejected")),
}


def test_matrix_positions_and_labels():
    view = agreement(taxonomy(), SOURCES)
    rows = {r["motive"]: r for r in view["motives"]}
    assert view["sources"] == ["a", "b", "c"]
    isis = rows["isis-threat"]
    assert isis["cells"]["a"] == {"asserts": 3, "rebuts": 1, "position": "asserts"}
    assert isis["cells"]["b"]["position"] == "rebuts" and isis["cells"]["c"]["position"] == "silent"
    assert isis["label"] == "asserted by one source only; rebutted by 1"
    assert rows["opium"]["cells"]["c"]["position"] == "silent"      # rejected items do not count
    assert rows["pakistan-ties"]["label"] == "asserted by no source"



def test_matrix_counts_only_motive_ids():
    """A motive or rebuttal that is not text (a hand-edited brief with a list or a number
    there) names no motive: it is not counted, and nothing fails."""
    odd = {"d": brief("d", motives=ev("opium", 2) + [{"motive": ["opium"], "quote": "q", "status": "auto"},
                                                     {"motive": 7, "quote": "q", "status": "auto"}],
                      counters=co("opium") + [{"counter": "x", "rebuts": {"a": 1}, "quote": "c", "status": "auto"}])}
    rows = {r["motive"]: r for r in agreement(taxonomy(), odd)["motives"]}
    assert rows["opium"]["cells"]["d"] == {"asserts": 2, "rebuts": 1, "position": "asserts"}
    assert rows["isis-threat"]["cells"]["d"]["position"] == "silent"

def test_stance_rule():
    assert stance(SOURCES["b"])["stance"] == "critical"            # 4 counters
    assert stance(SOURCES["b"])["line"] == "critical of the policy: 4 counterarguments, 1 motive reported"
    assert stance(SOURCES["a"])["stance"] == "mixed"               # 1 counter
    assert stance(brief("d", motives=ev("opium") + ev("isis-threat")))["stance"] == "sympathetic"
    assert stance(brief("e"))["stance"] == "neutral"
    assert stance(brief("f", motives=ev("opium", 2), counters=co(None, 2)))["stance"] == "critical"
    assert stance(brief("g", motives=ev("opium", 9), counters=co(None, 2)))["stance"] == "mixed"


QS = {q.id: q for q in questions(taxonomy().extra["questions"])}


def test_readings():
    q = QS["isis-strength"]
    assert reading("between 1,000 and 3,000 fighters", q) == {"kind": "number", "low": 1000, "high": 3000,
                                                              "dimension": "count"}
    assert reading("tens of thousands of fighters", q)["low"] == 10_000
    assert reading("about $400 million", QS["taliban-opium-income"])["dimension"] == "money"
    assert reading("entirely fictitious", q) == {"kind": "level", "level": "none"}
    assert reading("very small", q)["level"] == "low"
    assert reading("a puzzle", q) == {"kind": "unknown"} and reading(None, q)["kind"] == "unknown"


def test_disagreement_rule():
    q = QS["isis-strength"]
    r = lambda v: reading(v, q)
    assert disagree(r("between 1,000 and 3,000 fighters"), r("tens of thousands of fighters"))
    assert not disagree(r("between 1,000 and 3,000 fighters"), r("about 2,500 fighters"))
    assert not disagree(r("3,000 fighters"), r("5,000 fighters"))                 # within a factor of two
    assert disagree(r("entirely fictitious"), r("between 1,000 and 3,000 fighters"))
    assert disagree(r("very small"), r("serious"))
    assert not disagree(r("very small"), r("between 1,000 and 3,000 fighters"))  # not comparable
    assert not disagree(r("90 percent"), r("70,000 people"))                     # other dimension


def claim(question, value):
    return {"question": question, "value": value, "quote": f"... {value} ...", "start": 0,
            "end": 9, "anchor": "p1-s1", "status": "auto"}


def test_groups_across_sources():
    sources = {"a": brief("a", claims=[claim("isis-strength", "between 1,000 and 3,000 fighters")]),
               "b": brief("b", claims=[claim("isis-strength", "tens of thousands of fighters"),
                                       claim("opiate-share", "90 percent")]),
               "c": brief("c", claims=[claim("opiate-share", "about 90 percent"),
                                       {**claim("isis-strength", "entirely fictitious"), "status": "rejected"}])}
    groups = {g["question"]: g for g in group_claims(taxonomy(), sources)}
    assert groups["isis-strength"]["disputed"] and groups["isis-strength"]["sources"] == ["a", "b"]
    assert groups["isis-strength"]["motive"] == "isis-threat"
    assert not groups["opiate-share"]["disputed"] and len(groups["opiate-share"]["statements"]) == 2
    assert "us-casualties" not in groups


def test_one_source_contradicting_itself_is_not_a_dispute():
    sources = {"a": brief("a", claims=[claim("isis-strength", "very small"), claim("isis-strength", "serious")])}
    assert not group_claims(taxonomy(), sources)[0]["disputed"]
    assert group_claims(taxonomy(), {"a": brief("a")}) == []
