"""The whole extraction on the shipped seeds, scored against the reference annotation."""
from pathlib import Path

import pytest

from generator.briefs.export import records
from generator.learn.annotations import load_annotation
from generator.learn.score import Scorer, table
from generator.briefs.extraction import extract_all

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "seeds.yaml"
THRESHOLDS = {"motive_f1": 0.85, "counter_f1": 0.75, "counter_rebuts_f1": 0.65, "quote_f1": 0.85,
              "event_f1": 0.80, "actor_f1": 0.90, "grounded": 1.0}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    root = tmp_path_factory.mktemp("quality")
    (root / "briefs").mkdir()
    (root / "briefs" / "taxonomy.yaml").write_bytes((ROOT / "briefs" / "taxonomy.yaml").read_bytes())
    extract_all(ROOT / "seeds", root / "briefs", force=True)
    recs = records(root / "briefs")
    result = Scorer(load_annotation(GOLD, ROOT / "seeds")).score(recs)
    figures = result.figures
    print(table(result))
    return root, recs, figures


@pytest.mark.parametrize("measure", sorted(THRESHOLDS))
def test_threshold(scored, measure):
    assert scored[2][measure] >= THRESHOLDS[measure], f"{measure} = {scored[2][measure]:.3f}"


def test_no_boilerplate_in_any_item(scored):
    assert scored[2]["boilerplate_leaks"] == 0


def test_every_kind_is_found(scored):
    kinds = {r["kind"] for r in scored[1]}
    assert kinds >= {"motive", "counter", "actor", "quote", "event", "figure"}
