"""Paraphrased twins (session 11): an annotated article rewritten in other words, with the same
labels, is training data of its own, and a leak when it trains the fold that tests its original.

The twins here are copies of the seeds' labelled documents marked as twins (the grouping is
what is tested, not the paraphrase); the twin files are written in a temporary folder."""
from pathlib import Path

import pytest

from generator.briefs.taxonomy import load_taxonomy
from generator.extract import Extractor
from generator.learn import cv as cv_module
from generator.learn.annotations import load_annotation
from generator.learn.dataset import Labels, from_annotation
from generator.learn.train import Config, fit, targets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds():
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    annotation = load_annotation(ROOT / "gold/seeds.yaml", ROOT / "seeds")
    return taxonomy, annotation, from_annotation(Extractor(taxonomy), annotation)


def _twins(docs, flip: bool = False, flip_counters: bool = False):
    """A twin of each document (``flip``: the opposite motive labels on every sentence;
    ``flip_counters``: the opposite counter labels)."""
    out = []
    for d in docs:
        labels = [Labels({"opium"} if flip and not lab.motives else set() if flip else set(lab.motives),
                         lab.counter, lab.counter_id, lab.rebuts) for lab in d.labels]
        if flip_counters:
            labels = [Labels(lab.motives, not lab.counter, None if lab.counter else "undermines-kabul",
                             None if lab.counter else "opium") for lab in labels]
        out.append(type(d)("twin-" + d.group, "twin", d.doc, d.candidates, labels, twin_of=d.group))
    return out


def test_an_annotation_names_the_original_of_a_twin(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "t1_a.txt").write_text("Moscow courts the movement.\n\nIt fears the militants.\n",
                                                 encoding="utf-8")
    (tmp_path / "twins.yaml").write_text(
        "sources:\n  - id: t1_a\n    twin_of: d1_a\n    motives:\n      - head: \"It fears the\"\n"
        "        motives: [isis-threat]\n  - id: t1_b\n    motives: []\n", encoding="utf-8")
    (tmp_path / "texts" / "t1_b.txt").write_text("Another page.\n", encoding="utf-8")
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    docs = from_annotation(Extractor(taxonomy), load_annotation(tmp_path / "twins.yaml", tmp_path / "texts"))
    assert [(d.group, d.twin_of, d.family) for d in docs] == [("t1_a", "d1_a", "d1_a"), ("t1_b", None, "t1_b")]


def test_no_fold_trains_on_a_twin_of_its_test_articles(seeds, monkeypatch):
    """``brief eval --cv``'s folds: each trains on every twin but those of the articles it tests."""
    taxonomy, annotation, docs = seeds
    twins = _twins(docs)
    model = fit(taxonomy, docs, Config(), thresholds=False)
    seen = []

    def recording_fit(taxonomy, train, config, embedder=None):
        seen.append({d.group for d in train})
        return model
    monkeypatch.setattr(cv_module, "fit", recording_fit)
    cv_module.cross_validate(taxonomy, {"seeds": (annotation, docs)}, twins, Config(), n=5)
    groups = {d.group for d in docs}
    assert len(seen) == 5
    for train in seen:
        held_out = groups - train
        assert len(held_out) == 1
        assert {t.group for t in twins if t.group in train} == {"twin-" + g for g in groups - held_out}


def test_a_twin_and_its_original_share_the_inner_threshold_folds(seeds):
    """The inner folds that choose the thresholds group by article: a twin goes with its original."""
    taxonomy, _, docs = seeds
    y = targets(taxonomy, docs + _twins(docs))
    per_doc = sum(len(d.labels) for d in docs)
    assert y["groups"][per_doc:] == y["groups"][:per_doc]
    assert y["twin"][per_doc:].all() and not y["twin"][:per_doc].any()


def test_twins_weighing_nothing_change_no_head(seeds):
    """``twin_weight`` weighs the twins' sentences in the motive heads (the others see none by
    default): at 0 their labels change nothing."""
    taxonomy, _, docs = seeds
    real, extra = docs[:3], docs[3:]
    config = Config(twin_weight=0.0)
    one = fit(taxonomy, real + _twins(extra), config, thresholds=False)
    other = fit(taxonomy, real + _twins(extra, flip=True), config, thresholds=False)
    assert one["heads"] == other["heads"]
    assert one["config"]["twin_weight"] == 0.0
    plain = fit(taxonomy, real + _twins(extra), Config(), thresholds=False)
    assert plain["heads"]["motive"] != one["heads"]["motive"]


def test_without_twins_their_weight_changes_nothing(seeds):
    taxonomy, _, docs = seeds
    assert fit(taxonomy, docs[:3], Config(twin_weight=0.5), thresholds=False) == \
        fit(taxonomy, docs[:3], Config(), thresholds=False)


def test_twins_teach_the_motive_heads_only(seeds):
    """By default (session 13) the twins train the motive heads alone: the counter, ``rebuts`` and
    counter-id heads, the counter threshold and the features' scaling and terms are those of a fit
    without them, whatever the twins' counter labels; with ``twin_counter_heads`` the twins train
    every head."""
    taxonomy, _, docs = seeds
    plain = fit(taxonomy, docs, Config())
    one = fit(taxonomy, docs + _twins(docs), Config())
    other = fit(taxonomy, docs + _twins(docs, flip_counters=True), Config())
    for model in (one, other):
        for head in ("counter", "rebuts", "counter_id"):
            assert model["heads"][head] == plain["heads"][head]
        assert model["dense"] == plain["dense"] and model["terms"] == plain["terms"]
    assert one["heads"]["motive"] == other["heads"]["motive"]
    assert one["heads"]["motive"]["coef"] != plain["heads"]["motive"]["coef"]
    assert one["config"]["twin_counter_heads"] is False
    every = fit(taxonomy, docs + _twins(docs, flip_counters=True), Config(twin_counter_heads=True),
                thresholds=False)
    assert every["heads"]["counter"]["coef"] != plain["heads"]["counter"]["coef"]
