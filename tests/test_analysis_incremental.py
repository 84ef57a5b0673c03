"""The incremental cross-source analysis (``analysis.incremental``) gives what ``site_view``
computed whole gives, after random edits, additions and removals of briefs."""
from __future__ import annotations

import copy
import random

import pytest

from generator.analysis import site_view
from generator.analysis.incremental import IncrementalView
from analysis_util import taxonomy

WORDS = ("russia taliban talks moscow meeting kabul envoy attack isis fighters opium border heroin "
         "thousands fighters province").split()
VALUES = ["about 3,000 fighters", "between 1,000 and 2,000", "tens of thousands", "a myth", "minor",
          "more than 10,000", "5 percent", "$2 billion", None, 12]
DATES = ["2015", "2015-09", "2015-09-23", "2016", "2016-02", "2017-05-01", "201", "2018"]
STATUSES = ["auto", "auto", "auto", "confirmed", "manual", "rejected"]


def _quote(rng) -> str:
    return " ".join(rng.sample(WORDS, rng.randint(2, 7)))


def _brief(rng, sid: str, tax) -> dict:
    motives = [m.id for m in tax.motives] + ["unknown-motive"]
    counters = [(c.id, c.rebuts) for c in tax.counterarguments]
    actors = [a.id for a in tax.actors[:6]] + ["jane-doe", "john-roe", "the-other"]
    qs = [q["id"] for q in tax.extra["questions"]][:6] + ["no-such-question"]
    types = [r["id"] for r in tax.extra["relations"]] + ["unknown-type"]

    def item(n, **fields):
        start = rng.randint(0, 900)
        return {"id": f"{sid}-{n}", "status": rng.choice(STATUSES), "quote": _quote(rng),
                "anchor": f"p{rng.randint(1, 9)}-s{rng.randint(1, 5)}", "start": start, "end": start + 40,
                **fields}
    brief = {
        "motives": [item(n, motive=rng.choice(motives)) for n in range(rng.randint(0, 6))],
        "counters": [item(n, counter=c, rebuts=r) for n, (c, r) in enumerate(rng.sample(counters, rng.randint(0, 3)))],
        "claims": [item(n, question=rng.choice(qs), value=rng.choice(VALUES)) for n in range(rng.randint(0, 3))],
        "relations": [item(n, type=rng.choice(types), subject=rng.choice(actors), object=rng.choice(actors),
                           confidence=0.5) for n in range(rng.randint(0, 4))],
        "events": [item(n, date=rng.choice(DATES + [None])) for n in range(rng.randint(0, 4))],
        "actors": [{"actor": a, "name": f"{a} as {sid} says", "status": "auto"}
                   for a in rng.sample(actors, rng.randint(0, 4))],
    }
    if rng.random() < 0.5:
        brief["summary"] = {"text": _quote(rng), "status": "auto"}
    return brief


def _motive_briefs(rng, tax) -> dict:
    out = {}
    for m in tax.motives:
        kind = rng.choice(["none", "stored", "manual", "empty", "rejected"])
        if kind == "none":
            continue
        text = "" if kind == "empty" else _quote(rng)
        status = {"stored": "auto", "empty": "auto", "manual": "manual", "rejected": "rejected"}[kind]
        out[m.id] = {"summary": {"text": text, "status": status, "sentences": []}}
    return out


def _same(view: IncrementalView, tax, briefs: dict, motives: dict) -> None:
    got = view.view(tax, briefs, motives)
    want = site_view(tax, copy.deepcopy(briefs), copy.deepcopy(motives))
    assert got == want
    assert repr(got) == repr(want)   # the same order everywhere, too


@pytest.mark.parametrize("seed", range(4))
def test_incremental_view_equals_the_whole_after_random_changes(seed):
    rng, tax = random.Random(seed), taxonomy()
    briefs = {f"s{n:03d}": _brief(rng, f"s{n:03d}", tax) for n in range(rng.randint(5, 25))}
    motives = _motive_briefs(rng, tax)
    view = IncrementalView()
    _same(view, tax, briefs, motives)
    for step in range(30):
        change = rng.random()
        if change < 0.4 and briefs:      # an edit: the brief read again, as a new object
            sid = rng.choice(sorted(briefs))
            edited = copy.deepcopy(briefs[sid])
            kind = rng.choice(["motives", "counters", "claims", "relations", "events", "actors"])
            if edited[kind] and rng.random() < 0.5:
                rng.choice(edited[kind])["status"] = rng.choice(STATUSES)
            else:
                edited = _brief(rng, sid, tax)
            briefs[sid] = edited
        elif change < 0.6:               # a new source
            sid = f"s{rng.randint(0, 60):03d}x"
            briefs[sid] = _brief(rng, sid, tax)
        elif change < 0.75 and briefs:   # a source removed
            del briefs[rng.choice(sorted(briefs))]
        elif change < 0.85:              # the motive briefs changed
            motives = _motive_briefs(rng, tax)
        elif change < 0.9 and briefs:    # the same data read again: an equal, new object
            sid = rng.choice(sorted(briefs))
            briefs[sid] = copy.deepcopy(briefs[sid])
        _same(view, tax, briefs, motives)


def test_an_unchanged_brief_is_not_analysed_again(monkeypatch):
    rng, tax = random.Random(9), taxonomy()
    briefs = {f"s{n}": _brief(rng, f"s{n}", tax) for n in range(8)}
    view = IncrementalView()
    view.view(tax, briefs, {})
    from generator.analysis import incremental
    made = []
    original = incremental._Share.__init__

    def counting(self, sid, brief, frame):
        made.append(sid)
        original(self, sid, brief, frame)
    monkeypatch.setattr(incremental._Share, "__init__", counting)
    briefs["s3"] = copy.deepcopy(briefs["s3"])
    _same(view, tax, briefs, {})
    assert made == ["s3"]


def test_a_malformed_brief_fails_as_the_whole_analysis_does_and_recovers():
    rng, tax = random.Random(5), taxonomy()
    briefs = {f"s{n}": _brief(rng, f"s{n}", tax) for n in range(6)}
    view = IncrementalView()
    _same(view, tax, briefs, {})
    good = briefs["s2"]
    briefs["s2"] = dict(good, relations=[{"type": "supports", "subject": ["a", "list"], "object": "russia"}])
    with pytest.raises(TypeError):
        site_view(tax, briefs, {})
    with pytest.raises(TypeError):
        view.view(tax, briefs, {})
    briefs["s2"] = good
    _same(view, tax, briefs, {})
