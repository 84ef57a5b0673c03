"""The indexed timeline merge gives what comparing with every entry gives."""
import random

from generator.analysis.timeline import _dates_agree, merge_events, same_event

WORDS = "russia taliban talks moscow meeting kabul envoy attack isis fighters opium border".split()


def reference(source_briefs):
    reports = [{"source": sid, "id": e["id"], "date": e["date"], "quote": e["quote"], "anchor": None,
                "start": e["start"], "end": None, "status": "auto"}
               for sid in sorted(source_briefs) for e in source_briefs[sid]["events"]]
    entries = []
    for r in reports:
        home = next((g for g in entries if all(_dates_agree(r["date"], x["date"]) for x in g)
                     and any(same_event(r, x) for x in g)), None)
        (entries.append([r]) if home is None else home.append(r))
    return sorted(([max((x["date"] for x in g), key=len), [x["id"] for x in g]] for g in entries),
                  key=lambda e: (e[0], e[1][0]))


def test_same_entries_as_the_exhaustive_merge():
    rng = random.Random(3)
    for _ in range(100):
        briefs = {}
        for s in range(rng.randint(1, 6)):
            briefs[f"s{s}"] = {"events": [
                {"id": f"e{s}-{k}", "start": k, "status": "auto",
                 "date": rng.choice(["2015", "2016", "2016-09", "2016-09-12", "2016-07"]),
                 "quote": " ".join(rng.sample(WORDS, rng.randint(2, 6)))} for k in range(rng.randint(0, 5))]}
        got = sorted(([e["date"], [c["id"] for c in e["citations"]]] for e in merge_events(briefs)),
                     key=lambda e: (e[0], e[1][0]))
        assert got == reference(briefs)
