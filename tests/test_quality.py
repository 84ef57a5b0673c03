"""The whole extraction on the shipped seeds, scored against the reference annotation.

The sentence model that labels motives and counterarguments here is trained on the dev set
alone (none of the seeds): the seeds are scored as articles it never saw, not by its fit."""
from pathlib import Path

import pytest

from generator.briefs.export import records
from generator.learn.annotations import load_annotation
from generator.learn.score import Scorer, table
from generator.briefs.extraction import extract_all
from generator.briefs.taxonomy import load_taxonomy
from generator.extract import Extractor
from generator.learn.dataset import from_annotation, from_examples
from generator.learn.train import fit, model_text

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "seeds.yaml"
# motives and counterarguments: a model that never saw the seeds (0.72, 0.81, 0.79 with session 12's
# objection words and counter threshold; 0.67, 0.80, 0.76 when set;
# trained on the dev set and the taxonomy's examples; 0.74, 0.71, 0.69 before headlines were
# labelled: the dev set labels headlines, the seeds' annotation never does, and the model now
# labels the seeds' headlines too); the cues alone, written on the seeds, scored 0.90 / 0.99 /
# 0.99 on them (their fit)
THRESHOLDS = {"motive_f1": 0.65, "counter_f1": 0.78, "counter_rebuts_f1": 0.75, "quote_f1": 0.85,
              "event_f1": 0.80, "actor_f1": 0.90, "grounded": 1.0}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    root = tmp_path_factory.mktemp("quality")
    (root / "briefs").mkdir()
    (root / "briefs" / "taxonomy.yaml").write_bytes((ROOT / "briefs" / "taxonomy.yaml").read_bytes())
    taxonomy = load_taxonomy(root / "briefs" / "taxonomy.yaml")
    extractor = Extractor(taxonomy)
    dev = from_annotation(extractor, load_annotation(ROOT / "gold/dev/dev.yaml", ROOT / "gold/dev/texts"))
    (root / "model").mkdir()
    (root / "model" / "sentences.json").write_text(model_text(fit(taxonomy, dev + from_examples(extractor, taxonomy))))
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
