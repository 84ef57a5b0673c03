"""Listing contexts (``site.listings``) that hold only what their page shows."""
from __future__ import annotations

import random

from generator.site.listings import evidence_at_rows


def test_evidence_at_rows_answers_every_lookup_of_its_rows_as_the_whole_does():
    rng = random.Random(2)
    sids = [f"s{n:03d}" for n in range(200)]
    at = {m: {sid: f"motives/{m}/{rng.randint(2, 9)}.md" for sid in rng.sample(sids, rng.randint(0, 80))}
          for m in ("a", "b", "c")}
    at["empty"] = {}
    rows = [{"id": sid} for sid in rng.sample(sids, 30)]
    part = evidence_at_rows(at, rows)
    assert list(part) == list(at)
    for m in [*at, "missing"]:
        for row in rows:
            assert (part[m].get(row["id"]) if m in part else None) == (at[m].get(row["id"]) if m in at else None)
    assert all(sid in {r["id"] for r in rows} for pages in part.values() for sid in pages)
