"""The sentence model in extraction: found by default, part of the cache key, confidence from
its probabilities, a damaged file named, a model for another taxonomy not used."""
import json
import shutil
from pathlib import Path

import pytest

from generator.briefs.extraction import extract_all
from generator.briefs import reader
from generator.briefs.model import BriefsmithError
from generator.briefs.taxonomy import load_taxonomy
from generator.cli import main
from generator.extract import Extractor
from generator.briefs.model import Sentence
from generator.extract.classifier import SentenceModel, classify_candidates, taxonomy_fingerprint
from generator.extract.features import Candidate, cut_off_at_end
from generator.ingest.articles import read_article
from generator.ingest.segment import segment


def _brief(path):
    return reader.load(path).data

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "model" / "sentences.json"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "briefs").mkdir()
    shutil.copy2(ROOT / "briefs" / "taxonomy.yaml", tmp_path / "briefs" / "taxonomy.yaml")
    (tmp_path / "model").mkdir()
    shutil.copy2(MODEL, tmp_path / "model" / "sentences.json")
    for p in tmp_path.rglob("*"):
        p.chmod(p.stat().st_mode | 0o200)
    return tmp_path


def _items(briefs: Path, kind: str) -> list[dict]:
    return [i for p in sorted((briefs / "sources").glob("*.yaml")) for i in _brief(p).get(kind) or []]


def test_the_project_model_is_used_and_gives_its_probabilities_as_confidence(project):
    extract_all(project / "seeds", project / "briefs", jobs=1)
    model = SentenceModel(json.loads(MODEL.read_text()))
    motives = _items(project / "briefs", "motives")
    assert motives and all(i["confidence"] >= model.heads["motive"].threshold for i in motives)
    counters = _items(project / "briefs", "counters")
    assert counters and all(i["confidence"] >= model.heads["counter"].threshold for i in counters)
    # the confidence is the model's probability for that label and sentence
    taxonomy = load_taxonomy(project / "briefs" / "taxonomy.yaml")
    article = read_article(next((project / "seeds").glob("*.txt")))
    doc = segment(article)
    cands = Extractor(taxonomy).sentence_view(doc)
    p = model.probabilities(taxonomy, cands)
    brief = _brief(project / "briefs" / "sources" / f"{article.id}.yaml")
    labels = model.heads["motive"].labels
    for item in brief["motives"]:
        row = next(i for i, c in enumerate(cands) if c.sentence.start == item["start"])
        assert item["confidence"] == round(float(p["motive"][row, labels.index(item["motive"])]), 2)


def test_a_new_model_re_extracts_and_the_same_one_does_not(project):
    first = extract_all(project / "seeds", project / "briefs", jobs=1)
    assert first.written
    assert not extract_all(project / "seeds", project / "briefs", jobs=1).written
    data = json.loads(MODEL.read_text())
    data["heads"]["motive"]["threshold"] = 0.95
    (project / "model" / "sentences.json").write_text(json.dumps(data))
    again = extract_all(project / "seeds", project / "briefs", jobs=1)
    assert again.written and not again.skipped
    assert all(i["confidence"] >= 0.95 for i in _items(project / "briefs", "motives") if i["status"] == "auto")


def test_model_option_and_a_model_for_another_taxonomy(project, capsys):
    other = json.loads(MODEL.read_text())
    other["taxonomy"] = "0" * 16
    (project / "other.json").write_text(json.dumps(other))
    briefs_other, briefs_none = project / "b1", project / "b2"
    for b in (briefs_other, briefs_none):
        b.mkdir()
    tax = str(project / "briefs" / "taxonomy.yaml")
    assert main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(briefs_other), "--taxonomy", tax,
                 "--model", str(project / "other.json"), "--jobs", "1"]) == 0
    (project / "model" / "sentences.json").unlink()
    assert main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(briefs_none), "--taxonomy", tax,
                 "--jobs", "1"]) == 0
    # a model whose taxonomy differs is not used: the cues label sentences, as with no model
    strip = lambda items: [(i["motive"], i["start"], i["confidence"]) for i in items]
    assert strip(_items(briefs_other, "motives")) == strip(_items(briefs_none, "motives"))


def test_the_run_says_what_labelled_the_sentences(project, capsys):
    seeds, tax = str(project / "seeds"), str(project / "briefs" / "taxonomy.yaml")
    assert main(["extract", "--seeds", seeds, "--briefs", str(project / "briefs"), "--jobs", "1"]) == 0
    assert "sentences labelled by the trained model" in capsys.readouterr().out
    # the taxonomy edited since `brief train` (a counterargument renamed): the model is not used, and a
    # notice says so and what to run, where `brief build` shows it too
    text = (project / "briefs" / "taxonomy.yaml").read_text()
    last = load_taxonomy(project / "briefs" / "taxonomy.yaml").counterarguments[-1].id
    (project / "briefs" / "taxonomy.yaml").write_text(text.replace(f"id: {last}\n", f"id: {last}-renamed\n", 1))
    report = extract_all(project / "seeds", project / "briefs", jobs=1)
    assert any("trained for another taxonomy" in n and "brief train" in n for n in report.notices())
    assert not report.classifier
    # no model at all: said in the run's lines, not as a notice
    (project / "model" / "sentences.json").unlink()
    report = extract_all(project / "seeds", project / "briefs", jobs=1, force=True)
    assert "no trained model at" in report.classifier and not report.other_model
    # nothing extracted: nothing to say
    assert not extract_all(project / "seeds", project / "briefs", jobs=1).classifier


def test_a_model_asked_for_by_name_must_exist(project, capsys):
    briefs = project / "b"
    briefs.mkdir()
    shutil.copy2(project / "briefs" / "taxonomy.yaml", briefs / "taxonomy.yaml")
    assert main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(briefs),
                 "--model", str(project / "modle.json"), "--jobs", "1"]) == 1
    assert "modle.json: no sentence model here" in capsys.readouterr().err
    assert not (briefs / "sources").exists() or not list((briefs / "sources").glob("*.yaml"))


def test_a_damaged_model_is_named(project, capsys):
    (project / "model" / "sentences.json").write_text('{"format": "something else"}')
    assert main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(project / "briefs"),
                 "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "model/sentences.json: not a sentence model" in err
    (project / "model" / "sentences.json").write_text("{not json")
    assert main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(project / "briefs"),
                 "--jobs", "1"]) == 1
    assert "model/sentences.json: not a sentence model (JSON)" in capsys.readouterr().err
    assert not (project / "briefs" / "sources").exists()


def test_fingerprint_is_the_label_layout():
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    model = SentenceModel(json.loads(MODEL.read_text()))
    assert model.fingerprint == taxonomy_fingerprint(taxonomy) and model.matches(taxonomy)
    with pytest.raises(BriefsmithError, match="damaged sentence model"):
        SentenceModel({**json.loads(MODEL.read_text()), "heads": {}}, "m.json")


def test_the_headline_is_labelled_with_the_body():
    # reference annotations label headlines ("Russia Hosts Taliban Talks as It Seeks Regional
    # Influence"): the classifier sees the headline's sentences first, marked as the headline
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    doc = segment(read_article(ROOT / "gold" / "dev" / "texts" / "d5_05_theindiansubcontinent_kazan_talks.txt"))
    cands = Extractor(taxonomy).sentence_view(doc)
    title = [s for p in doc.paragraphs if p.role == "title" for s in p.sentences]
    assert title and [c.sentence for c in cands[:len(title)]] == title
    assert [c.body_paragraph for c in cands[:len(title)]] == [0] * len(title)
    assert all(c.body_paragraph >= 1 for c in cands[len(title):])
    assert len(cands) == len(title) + len(doc.sentences())
    assert cands[0].hits   # the headline's cues are found as a body sentence's are


def _labelled(tmp_path, text: str):
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    doc = segment(read_article(path))
    cands = Extractor(taxonomy).sentence_view(doc)
    motives, counters = classify_candidates(SentenceModel(json.loads(MODEL.read_text())), taxonomy, cands)
    return cands, {e.span.start for e in (*motives, *counters)}


# invented text: a last sentence that states a motive plainly, whole or cut off by the page's end
CUT_HEAD = ("Moscow Talks With the Taliban\n\nRussian diplomats met a Taliban delegation in Moscow on Friday.\n\n"
            "Russia fears that the Islamic State will spread from Afghanistan into Central Asia, and it sees the "
            "Taliban as a force against the Islamic State")


def test_a_last_sentence_the_text_cuts_off_gets_no_motive_or_counterargument(tmp_path):
    cands, labelled = _labelled(tmp_path, CUT_HEAD + ".\n")
    assert cut_off_at_end(cands) is None and cands[-1].sentence.start in labelled   # whole: labelled
    cands, labelled = _labelled(tmp_path, CUT_HEAD + " and a partner in\n")
    assert cut_off_at_end(cands) == len(cands) - 1 and cands[-1].sentence.start not in labelled


def test_what_counts_as_cut_off():
    def cands(*texts, headline=False):
        return [Candidate(Sentence(f"p1-s{i}", 1, 0, len(t), t), 0 if headline else 1, i == 0,
                          frozenset(), {}, ()) for i, t in enumerate(texts)]
    assert cut_off_at_end(cands("One.", "It ended here.")) is None
    assert cut_off_at_end(cands("One.", "“It ended here.”")) is None
    assert cut_off_at_end(cands("One.", "Did it end?)")) is None
    assert cut_off_at_end(cands("One.", "It ended…")) is None
    assert cut_off_at_end(cands("One.", "It did not end wi")) == 1
    assert cut_off_at_end(cands("One.", "He replied: “As")) == 1
    assert cut_off_at_end(cands("One.", "He said:")) == 1
    assert cut_off_at_end(cands("A Headline Without a Stop", headline=True)) is None   # a headline is no cut
    assert cut_off_at_end([]) is None
