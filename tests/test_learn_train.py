"""brief train and the cross-validated figures of the sentence classifier (issue 21).

The thresholds are asserted on leave-articles-out cross-validation over the seeds and the dev
set (no article is scored by a model trained on it), never on the model's fit."""
import shutil
from pathlib import Path

import pytest

from generator.briefs.taxonomy import load_taxonomy
from generator.cli import main
from generator.extract import Extractor
from generator.extract.classifier import SentenceModel, classify_candidates
from generator.learn.annotations import load_annotation
from generator.learn.cv import cross_validate, report
from generator.learn.dataset import apply_reviews, from_annotation, from_examples
from generator.learn.train import Config, fit

ROOT = Path(__file__).resolve().parent.parent
# What cross-validation reaches (docs/learning.md: 0.69, 0.68, 0.65 since session 17's titles
# and headings; 0.69, 0.69, 0.66 with session 12's objection
# words for the counter heads and its pooled counter threshold; 0.69, 0.67, 0.64 with the 50
# invented articles of sessions 9 and 10 in every fold's training data; 0.68, 0.66, 0.62 with
# session 9's 25), held so that no change lowers it unseen. The issue's counter targets (0.60, +rebuts 0.50)
# are met; motives (0.75) not. The invented articles took the seeds' counters (cue-fitted) from
# 0.94 to 0.85 while the dev set's rose 0.41 -> 0.48 and those of the real held-out articles a-f
# 0.23 -> 0.38.
CV_FLOORS = {"motive_f1": 0.66, "counter_f1": 0.66, "counter_rebuts_f1": 0.62}


@pytest.fixture(scope="module")
def data():
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    extractor = Extractor(taxonomy)
    annotated = {}
    for gold, texts in (("gold/seeds.yaml", "seeds"), ("gold/dev/dev.yaml", "gold/dev/texts")):
        annotation = load_annotation(ROOT / gold, ROOT / texts)
        annotated[gold] = (annotation, from_annotation(extractor, annotation))
    return taxonomy, extractor, annotated


def _training_only(taxonomy, extractor):
    """What ``brief train`` and ``brief eval --cv`` learn from besides the annotations: the
    invented articles of gold/invented/ and the taxonomy's examples (never scored)."""
    invented = from_annotation(extractor, load_annotation(ROOT / "gold/invented/invented.yaml",
                                                          ROOT / "gold/invented/texts"))
    for d in invented:
        d.origin = "invented"
    return invented + from_examples(extractor, taxonomy)


@pytest.fixture(scope="module")
def cv(data):
    taxonomy, extractor, annotated = data
    result = cross_validate(taxonomy, annotated, _training_only(taxonomy, extractor), Config())
    print(report(result))
    return result


# The first of these builds the cv fixture: seven fold models, about 2 minutes on a quiet two-core
# machine, past the suite's 300 s hang guard when other work shares the cores (session 19: twice
# at load 8-13). A longer guard, still bounded; speed is measured in BENCHMARKS.md, not here.
@pytest.mark.timeout(1500)
@pytest.mark.parametrize("measure", sorted(CV_FLOORS))
def test_cross_validated_figures(cv, measure):
    assert cv.figures()[measure] >= CV_FLOORS[measure], report(cv)


def test_every_article_is_scored_by_a_model_that_did_not_see_it(data):
    from generator.learn.cv import folds
    docs = [d for _, ds in data[2].values() for d in ds]
    split = folds(docs)
    assert sorted(g for fold in split for g in fold) == sorted(d.group for d in docs)
    assert all(a.isdisjoint(b) for i, a in enumerate(split) for b in split[i + 1:])


def test_invented_articles_are_training_data_never_scored(tmp_path, monkeypatch):
    """``brief train`` and ``brief eval --cv`` take gold/invented/ as training data only: every
    fold trains on it, no fold tests on it, and no score counts it."""
    import argparse
    from generator.cli.learn import training_data
    from generator.learn.cv import folds
    monkeypatch.chdir(ROOT)
    args = argparse.Namespace(taxonomy=None, briefs=Path("briefs"), gold=[], seeds=Path("seeds"))
    _, annotated, training_only, _, _ = training_data(args, with_reviews=False)
    invented = {d.group for d in training_only if d.origin == "invented"}
    assert len(invented) == 50
    assert sorted(Path(k).name for k in annotated) == ["dev.yaml", "seeds.yaml"]
    scored = {d.group for _, ds in annotated.values() for d in ds}
    assert not invented & scored
    assert not invented & {g for fold in folds([d for _, ds in annotated.values() for d in ds] + training_only)
                           for g in fold}
    # a --gold of one's own takes no invented article
    args.gold = [Path("gold/seeds.yaml")]
    assert not any(d.origin == "invented" for d in training_data(args, with_reviews=False)[2])


def test_inference_reproduces_what_training_learned(data):
    """numpy inference on the training sentences fits them (a mismatch of feature layout
    between training and inference would not)."""
    taxonomy, _, annotated = data
    docs = [d for _, ds in annotated.values() for d in ds]
    model = SentenceModel(fit(taxonomy, docs, Config(), thresholds=False))
    hits = total = 0
    for d in docs:
        motives, _ = classify_candidates(model, taxonomy, d.candidates)
        found = {(e.span.start, e.label) for e in motives}
        gold = {(c.sentence.start, m) for c, lab in zip(d.candidates, d.labels) for m in lab.motives}
        hits += len(found & gold)
        total += len(gold)
    assert hits / total > 0.85


def test_train_reproduces_the_committed_model(tmp_path, monkeypatch, capsys):
    for folder in ("gold", "seeds", "briefs"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))
    monkeypatch.chdir(tmp_path)
    assert main(["train"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (tmp_path / "model" / "sentences.json").read_bytes() == (ROOT / "model" / "sentences.json").read_bytes()
    assert main(["train"]) == 0
    assert "unchanged" in capsys.readouterr().out


REVIEWED = """brief: source
version: 1
id: a
source: {{file: a.txt}}
motives:
- {{id: m-1, motive: opium, quote: "{one}", start: 0, end: {one_end}, status: rejected}}
- {{id: m-2, motive: pakistan-ties, quote: "{two}", start: {two_start}, end: {two_end}, status: manual}}
counters:
- {{id: c-1, counter: us-not-at-doorstep, rebuts: anti-us-leverage, quote: "{two}", start: {two_start}, end: {two_end}, status: confirmed}}
"""


def test_review_decisions_are_training_data(tmp_path, data):
    taxonomy, extractor, annotated = data
    one, two = "Opium flows into Russia from Afghanistan.", "Afghanistan does not border Russia."
    text = f"{one} {two}\n"
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "briefs" / "sources").mkdir(parents=True)
    (tmp_path / "briefs" / "sources" / "a.yaml").write_text(REVIEWED.format(
        one=one, one_end=len(one), two=two, two_start=len(one) + 1, two_end=len(text) - 1), encoding="utf-8")
    docs = []
    assert apply_reviews(extractor, tmp_path / "briefs", tmp_path / "seeds", docs) == 3
    (doc,) = docs
    first, second = doc.labels
    assert first.motives == set() and not first.counter                    # rejected: a negative
    assert second.motives == {"pakistan-ties"} and second.counter          # manual, confirmed: positives
    assert (second.counter_id, second.rebuts) == ("us-not-at-doorstep", "anti-us-leverage")
    # a decision on an annotated article overrides its annotation
    seed_doc = annotated["gold/seeds.yaml"][1][0]
    labelled = next(i for i, lab in enumerate(seed_doc.labels) if lab.motives)
    c = seed_doc.candidates[labelled]
    label = sorted(seed_doc.labels[labelled].motives)[0]
    brief = tmp_path / "b2" / "sources"
    brief.mkdir(parents=True)
    (brief / f"{seed_doc.group}.yaml").write_text(
        f"brief: source\nid: {seed_doc.group}\nmotives:\n- motive: {label}\n  start: {c.sentence.start}\n"
        f"  end: {c.sentence.end}\n  status: rejected\n", encoding="utf-8")
    copy = [type(seed_doc)(seed_doc.group, "annotation", seed_doc.doc, seed_doc.candidates,
                           [type(lab)(set(lab.motives), lab.counter, lab.counter_id, lab.rebuts)
                            for lab in seed_doc.labels])]
    assert apply_reviews(extractor, tmp_path / "b2", ROOT / "seeds", copy) == 1
    assert label not in copy[0].labels[labelled].motives


def test_train_without_anything_to_learn_is_an_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "taxonomy.yaml").write_text(
        "question: q\nmotives:\n  - id: m\ncounterarguments: []\nactors: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["train"]) == 1
    assert "nothing to learn from" in capsys.readouterr().err
    assert not (tmp_path / "model").exists()


def _as_invented(docs, flip: bool = False):
    """Copies of ``docs`` marked invented (session 9's training-only articles); ``flip`` gives
    every sentence the opposite motive labels (a motive set where there was none, none where
    there was one)."""
    from generator.learn.dataset import Labels
    out = []
    for d in docs:
        labels = [Labels({"opium"} if flip and not lab.motives else set() if flip else set(lab.motives),
                         lab.counter, lab.counter_id, lab.rebuts) for lab in d.labels]
        out.append(type(d)("invented-" + d.group, "invented", d.doc, d.candidates, labels))
    return out


def test_invented_articles_weighing_nothing_in_the_motive_heads(data):
    """An invented article's sentences weigh ``invented_motive_weight`` in the motive heads: at 0
    their motive labels change nothing there, while the counter heads still learn from them."""
    taxonomy, _, annotated = data
    real = annotated["gold/seeds.yaml"][1]
    extra = annotated["gold/dev/dev.yaml"][1][:4]
    config = Config(invented_motive_weight=0.0)
    one = fit(taxonomy, real + _as_invented(extra), config, thresholds=False)
    other = fit(taxonomy, real + _as_invented(extra, flip=True), config, thresholds=False)
    assert one["heads"]["motive"] == other["heads"]["motive"]
    plain = fit(taxonomy, real + _as_invented(extra), Config(), thresholds=False)
    assert plain["heads"]["motive"] != one["heads"]["motive"]
    assert plain["heads"]["counter"] == one["heads"]["counter"]
    assert one["config"]["invented_motive_weight"] == 0.0


def test_without_invented_articles_their_options_change_nothing(data):
    taxonomy, _, annotated = data
    docs = [d for _, ds in annotated.values() for d in ds][:12]
    options = Config(invented_motive_weight=0.5, invented_counter_weight=0.5, thresholds_on_real=True)
    assert fit(taxonomy, docs, options) == fit(taxonomy, docs, Config())


def test_reviewed_articles_weigh_review_weight(data):
    """A reviewed article's sentences (origin "reviews") weigh ``review_weight`` in every head: at 0
    their labels change no head (flipped, the same fit); at 1 the model stores nothing of it (a
    project without the option trains the same bytes as before it)."""
    taxonomy, _, annotated = data
    real = annotated["gold/seeds.yaml"][1]
    extra = annotated["gold/dev/dev.yaml"][1][:4]

    def reviewed(flip: bool = False):
        return [type(d)("reviewed-" + d.group, "reviews", d.doc, d.candidates, e.labels)
                for d, e in zip(extra, _as_invented(extra, flip))]
    nothing = fit(taxonomy, real + reviewed(), Config(review_weight=0.0), thresholds=False)
    flipped = fit(taxonomy, real + reviewed(flip=True), Config(review_weight=0.0), thresholds=False)
    assert nothing["heads"]["motive"] == flipped["heads"]["motive"]
    plain = fit(taxonomy, real + reviewed(), Config(), thresholds=False)
    heavier = fit(taxonomy, real + reviewed(), Config(review_weight=3.0), thresholds=False)
    assert plain["heads"]["motive"] != heavier["heads"]["motive"] != nothing["heads"]["motive"]
    assert "review_weight" not in plain["config"] and heavier["config"]["review_weight"] == 3.0


# An invented article of four sentences, reviewed in part or in whole (statuses filled in).
PARTLY = ("Moscow wants the Taliban to keep heroin laboratories away from the northern border. "
          "The delegation flew home on a chartered plane after two days. "
          "Kremlin planners see the movement as a buffer against jihadist cells drifting north. "
          "The talks ended without a joint statement.\n")
PARTLY_BRIEF = """brief: source
id: b
source: {{file: b.txt}}
motives:
- {{motive: opium, quote: "{s[0]}", start: {a[0]}, end: {b[0]}, status: {first}}}
- {{motive: isis-threat, quote: "{s[2]}", start: {a[2]}, end: {b[2]}, status: {third}}}
"""


def _partly_reviewed(tmp_path, extractor, first: str, third: str):
    """The invented article ``b`` as ``apply_reviews`` reads it with its two motives' statuses."""
    ends = [i + 1 for i, ch in enumerate(PARTLY) if ch == "." and PARTLY[i + 1] in " \n"]
    starts = [0] + [e + 1 for e in ends[:-1]]
    sentences = [PARTLY[a:b] for a, b in zip(starts, ends)]
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "b.txt").write_text(PARTLY, encoding="utf-8")
    (tmp_path / "briefs" / "sources").mkdir(parents=True, exist_ok=True)
    (tmp_path / "briefs" / "sources" / "b.yaml").write_text(PARTLY_BRIEF.format(
        s=sentences, a=starts, b=ends, first=first, third=third), encoding="utf-8")
    docs = []
    apply_reviews(extractor, tmp_path / "briefs", tmp_path / "seeds", docs)
    (doc,) = docs
    return doc, [next(i for i, c in enumerate(doc.candidates) if c.sentence.start == a) for a in starts]


def test_a_partial_review_teaches_its_decided_sentences_alone(tmp_path, data):
    """While a motive of the brief is left ``auto``, the article's undecided sentences are no
    negatives (session 20: taken as negatives, the first 50 decisions of ``--uncertain`` lowered the
    other articles' counters); once every one is decided, they are."""
    from generator.learn.train import targets
    taxonomy, extractor, annotated = data
    doc, rows = _partly_reviewed(tmp_path, extractor, first="confirmed", third="auto")
    assert doc.taught == (rows[0],)
    assert targets(taxonomy, [doc])["motive"].shape[0] == 1
    assert "opium" in doc.labels[rows[0]].motives
    # what the undecided sentences say is not learnt: their labels flipped, the same fit
    real = annotated["gold/seeds.yaml"][1]
    flipped = type(doc)(doc.group, doc.origin, doc.doc, doc.candidates,
                        [lab if i == rows[0] else type(lab)({"regional-influence"}, True, None, None)
                         for i, lab in enumerate(doc.labels)], taught=doc.taught)
    assert fit(taxonomy, real + [doc], thresholds=False) == fit(taxonomy, real + [flipped], thresholds=False)
    whole, rows = _partly_reviewed(tmp_path, extractor, first="confirmed", third="rejected")
    assert whole.taught is None
    assert targets(taxonomy, [whole])["motive"].shape[0] == len(whole.candidates)
    assert not any(whole.labels[i].motives for i in rows[1:])


def test_a_decision_of_a_partial_review_moves_the_next_extraction(tmp_path, data):
    """A confirmation in a brief still half ``auto`` raises its motive on its sentence for the
    model trained next; a rejection lowers it."""
    taxonomy, extractor, annotated = data
    real = annotated["gold/seeds.yaml"][1]

    def opium(first: str | None) -> float:
        doc, rows = _partly_reviewed(tmp_path, extractor, first=first or "confirmed", third="auto")
        model = SentenceModel(fit(taxonomy, real + ([doc] if first else []), thresholds=False))
        p = model.scores(taxonomy, doc.candidates).head("motive")
        return float(p[rows[0], model.heads["motive"].labels.index("opium")])
    assert opium("confirmed") > opium(None) > opium("rejected")
    assert opium("manual") == opium("confirmed")
