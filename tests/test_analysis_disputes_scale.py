"""Disagreements found by comparing distinct readings equal the pairwise definition."""
import random

from generator.analysis.disputes import MAX_REASONS, _reasons, disagree

READINGS = [{"kind": "number", "dimension": "fighters", "low": 1000, "high": 3000},
            {"kind": "number", "dimension": "fighters", "low": 20000, "high": 50000},
            {"kind": "level", "level": "none"}, {"kind": "level", "level": "low"},
            {"kind": "level", "level": "high"}, {"kind": "unknown"}]


def pairwise(statements):
    out = []
    for i, a in enumerate(statements):
        for j in range(i + 1, len(statements)):
            why = a["source"] != statements[j]["source"] and disagree(a["reading"], statements[j]["reading"])
            if why:
                out.append({"reason": why, "a": i, "b": j})
    return out


def test_same_as_comparing_every_pair():
    rng = random.Random(7)
    for _ in range(300):
        statements = [{"source": f"s{rng.randint(0, 5)}", "reading": dict(rng.choice(READINGS))}
                      for _ in range(rng.randint(0, 14))]
        assert _reasons(statements) == (pairwise(statements), False)


def test_thousands_of_statements_are_capped():
    statements = [{"source": f"s{i}", "reading": dict(READINGS[i % 3])} for i in range(6000)]
    reasons, capped = _reasons(statements)
    assert capped and len(reasons) == MAX_REASONS
    # the first pairs in statement order are those of statement 0
    expected = [{"reason": why, "a": 0, "b": j} for j in range(1, len(statements))
                if (why := disagree(statements[0]["reading"], statements[j]["reading"]))][:MAX_REASONS]
    assert reasons == expected
