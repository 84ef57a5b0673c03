"""A document's terms looked up at once (``extract.terms``): the words and word pairs of the
vocabulary found as one lookup per term finds them, and the sums per (sentence, label) the
same floats whichever labels and sentences are asked with them."""
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from generator.briefs.taxonomy import load_taxonomy
from generator.extract import Extractor
from generator.extract.classifier import SentenceModel
from generator.extract.features import terms
from generator.extract.terms import TermIndex
from generator.ingest.articles import read_article
from generator.ingest.segment import segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model_and_docs():
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    model = SentenceModel(json.loads((ROOT / "model" / "sentences.json").read_text()))
    extractor = Extractor(taxonomy)
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "gold" / "dev" / "texts").glob("*.txt"))
    return model, [[c.words for c in extractor.sentence_view(segment(read_article(p)))] for p in paths]


def _known_terms(model, words):
    """Per sentence, Counter of the vocabulary columns of its terms (one lookup per term)."""
    return [Counter(model.vocabulary[t] for t in terms(w) if t in model.vocabulary) for w in words]


def test_the_terms_of_a_document_are_those_of_its_sentences(model_and_docs):
    model, docs = model_and_docs
    found = 0
    for words in docs:
        doc = model.terms.document(words)
        got = [{} for _ in words]
        for row, column, value in zip(doc.rows.tolist(), doc.columns.tolist(), doc.values.tolist()):
            got[row][column] = value
        for sentence, counts in zip(got, _known_terms(model, words)):
            assert set(sentence) == set(counts)
            tf_idf = {t: (1 + np.log(n)) * model.idf[t] for t, n in counts.items()}
            norm = np.sqrt(sum(v * v for v in tf_idf.values()))
            assert all(np.isclose(sentence[t], model.term_weight * v / norm) for t, v in tf_idf.items())
            found += len(counts)
    assert found > 5000


def test_a_pair_is_found_within_a_sentence_never_across_two():
    index = TermIndex(["a", "b", "a b", "b c"], np.ones(4), 1.0, np.eye(4))
    doc = index.document([("a", "b"), ("c", "a")])   # "b c" spans the two sentences
    assert sorted(zip(doc.rows.tolist(), doc.columns.tolist())) == [(0, 0), (0, 1), (0, 2), (1, 0)]


def test_sums_are_the_same_floats_for_any_labels_and_sentences_asked(model_and_docs):
    model, docs = model_and_docs
    for words in docs[:12]:
        doc = model.terms.document(words)
        full = model.terms.sums(doc, slice(None))
        for head in model.heads.values():
            assert np.array_equal(model.terms.sums(doc, head.rows), full[:, head.rows])
            some = np.arange(0, len(words), 3)
            assert np.array_equal(model.terms.sums(doc, head.rows, some), full[some, head.rows])
