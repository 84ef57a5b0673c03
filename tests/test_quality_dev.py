"""Quotes, events, actors, grounding and boilerplate on the 30 real articles of the dev set, on
the seeds and on the six pieces the team wrote (gold/written), scored against their reference
annotations (``gold/``) as ``brief eval`` does.

The motive and counterargument figures of the dev set are the learned classifier's, asserted
with their cross-validation elsewhere; here the rule-based extractions: quotes with their
speakers, dated events, actors per source, 100% grounded spans and no page furniture in any
item.
"""
from pathlib import Path

import pytest

from generator.briefs.export import records
from generator.briefs.extraction import extract_all
from generator.learn.annotations import load_annotation
from generator.learn.score import Scorer, table

ROOT = Path(__file__).resolve().parent.parent
# "written": six pieces the team wrote (gold/written/README.md), not real articles
SETS = {"dev": (ROOT / "gold" / "dev" / "dev.yaml", ROOT / "gold" / "dev" / "texts"),
        "seeds": (ROOT / "gold" / "seeds.yaml", ROOT / "seeds"),
        "written": (ROOT / "gold" / "written" / "written.yaml", ROOT / "gold" / "written" / "texts")}
THRESHOLDS = {"quote_f1": 0.80, "event_f1": 0.85, "actor_f1": 0.92, "grounded": 1.0}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory):
    gold, texts = SETS[request.param]
    briefs = tmp_path_factory.mktemp(request.param) / "briefs"
    briefs.mkdir()
    (briefs / "taxonomy.yaml").write_bytes((ROOT / "briefs" / "taxonomy.yaml").read_bytes())
    extract_all(texts, briefs, force=True)
    result = Scorer(load_annotation(gold, texts)).score(records(briefs))
    print(request.param, table(result), sep="\n")
    return result.figures


@pytest.mark.parametrize("measure", sorted(THRESHOLDS))
def test_threshold(scored, measure):
    assert scored[measure] >= THRESHOLDS[measure], f"{measure} = {scored[measure]:.3f}"


def test_no_page_furniture_in_any_item(scored):
    assert scored["boilerplate_leaks"] == 0
