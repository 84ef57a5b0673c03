"""The classifier's dense features built for a document at once (``features.dense_matrix``)
are the row-by-row definition's, bit for bit: the same model outputs, the same training."""
from pathlib import Path

import numpy as np
import pytest

from generator.briefs.taxonomy import load_taxonomy
from generator.extract import Extractor
from generator.extract.features import (ANAPHOR, OPENING_QUOTE, Settings, _CONTRAST, _OBJECTION, _REASON, _REASON_PAIRS,
                                        cue_fires, dense_matrix, dense_names, dense_rows, label_keys)
from generator.ingest.articles import read_article
from generator.ingest.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _sentence(c, subject):
    stripped, w = c.sentence.text.strip(), c.words
    reasons = sum(x in _REASON for x in w) + sum(p in _REASON_PAIRS for p in zip(w, w[1:]))
    contrasts = sum(x in _CONTRAST for x in w)
    objections = sum(x in _OBJECTION for x in w)
    return [float(c.body_paragraph == 0), float(c.body_paragraph == 1), float(c.opens_paragraph),
            float(subject is not None and subject in c.actors), min(len(c.actors), 5) / 5,
            min(reasons, 3) / 3, min(contrasts, 3) / 3, float(stripped[:1] in OPENING_QUOTE),
            float(bool(ANAPHOR.match(stripped))), float(stripped.rstrip("”\"’')").endswith("?")),
            min(len(c.sentence.text.split()), 60) / 60, min(objections, 3) / 3]


def _definition(taxonomy, settings, cands):
    """One row per sentence, each feature as the model's format describes it."""
    rows, previous = [], None
    for c in cands:
        fired = [v for kind, item in label_keys(taxonomy) for v in cue_fires(item.cues, c.hits, kind, item.id)]
        row = list(fired) if settings.cues else []
        if settings.sentence:
            row += _sentence(c, taxonomy.subject)
        if settings.context:
            same = previous is not None and previous[0] == c.sentence.paragraph
            row += previous[1][0::3] if same else [0.0] * len(label_keys(taxonomy))
        previous = (c.sentence.paragraph, fired)
        rows.append(row)
    return rows


def _articles():
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "gold" / "dev" / "texts").glob("*.txt"))


@pytest.fixture(scope="module")
def views():
    taxonomy = load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")
    extractor = Extractor(taxonomy)
    return taxonomy, [extractor.sentence_view(segment(read_article(p))) for p in _articles()]


@pytest.mark.parametrize("settings", [Settings(), Settings(cues=False), Settings(sentence=False, context=False),
                                      Settings(cues=False, sentence=False, context=False)])
def test_dense_matrix_is_the_row_by_row_definition(views, settings):
    taxonomy, docs = views
    assert len(docs) >= 30 and sum(len(c) for c in docs) > 500
    parts = {key[2] for cands in docs for c in cands for key in c.hits}
    assert {"all", "any", "none"} <= parts   # every kind of hit is there to be counted
    touched = 0
    for cands in docs:
        matrix = dense_matrix(taxonomy, settings, cands)
        expected = _definition(taxonomy, settings, cands)
        assert matrix.shape == (len(cands), len(dense_names(taxonomy, settings)))
        assert matrix.tolist() == expected and dense_rows(taxonomy, settings, cands) == expected
        touched += int(np.count_nonzero(matrix))
    assert touched > 0 or not (settings.cues or settings.sentence or settings.context)


def test_a_document_without_sentences_has_no_rows(views):
    taxonomy, _ = views
    assert dense_matrix(taxonomy, Settings(), []).shape == (0, len(dense_names(taxonomy, Settings())))
    assert dense_rows(taxonomy, Settings(), []) == []
