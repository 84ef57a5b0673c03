"""A sentence model's terms, for all the sentences of a document at once: the tf-idf values of
the words and word pairs its vocabulary knows, and their products with the terms' weights summed
per (sentence, label) for the labels and sentences asked (``classifier.SentenceModel``).

Each (sentence, label) sum is added up from zero in the order of the sentence's terms (sorted by
column), whichever other labels or sentences are asked with it: the same floats every time, so
a head's sums may be asked for the few sentences that need them alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np

SENTENCE_END = "\x00"   # between two sentences' words: no stem is it, so no pair spans two


@dataclass(frozen=True)
class DocumentTerms:
    """The known terms of a document's sentences: sentence, column and tf-idf value (weighted,
    unit length per sentence) of each, sorted by sentence then column."""
    sentences: int
    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray


class TermIndex:
    """The vocabulary made for lookups of whole documents: each word's code gives its column
    (+ 1, 0 for none) and its number among the words of the vocabulary's pairs (0 for none),
    so that one C-level pass over a document's words finds its words, and numpy its pairs."""

    def __init__(self, vocabulary: list[str], idf: np.ndarray, weight: float, w_terms: np.ndarray):
        self.size, self.idf, self.weight, self.w_terms = len(vocabulary), idf, weight, w_terms
        pairs = [(t.split(" ", 1), i) for i, t in enumerate(vocabulary) if " " in t]
        pair_words: dict[str, int] = {}
        for (first, second), _ in pairs:
            pair_words.setdefault(first, len(pair_words) + 1)
            pair_words.setdefault(second, len(pair_words) + 1)
        self.bits = (len(pair_words) + 1).bit_length()
        self.code = {w: n for w, n in pair_words.items()}
        for i, t in enumerate(vocabulary):
            if " " not in t:
                self.code[t] = (i + 1) << self.bits | self.code.get(t, 0)
        keys = np.array([pair_words[a] << self.bits | pair_words[b] for (a, b), _ in pairs], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self.pair_keys = keys[order]
        self.pair_columns = np.array([i for _, i in pairs], dtype=np.int64)[order]

    def document(self, sentences_words: list) -> DocumentTerms:
        """The known terms of each sentence (its words and the pairs of adjacent words)."""
        n = len(sentences_words)
        words: list = []
        for w in sentences_words:
            words += w
            words.append(SENTENCE_END)
        code = np.fromiter(map(self.code.get, words, repeat(0)), dtype=np.int64, count=len(words))
        row_of = np.repeat(np.arange(n, dtype=np.int64),
                           np.fromiter(map(len, sentences_words), dtype=np.int64, count=n) + 1)
        word_columns = code >> self.bits
        mask = (1 << self.bits) - 1
        first, second = code[:-1] & mask, code[1:] & mask
        candidate = np.flatnonzero((first > 0) & (second > 0))
        keys = first[candidate] << self.bits | second[candidate]
        at = np.minimum(np.searchsorted(self.pair_keys, keys), max(len(self.pair_keys) - 1, 0))
        known = self.pair_keys[at] == keys if len(self.pair_keys) else np.zeros(len(keys), dtype=bool)
        words_known = word_columns > 0
        flat = np.concatenate((row_of[words_known] * self.size + word_columns[words_known] - 1,
                               row_of[candidate[known]] * self.size + self.pair_columns[at[known]]))
        # np.unique sorts the keys: the order they are gathered in does not matter
        found, counts = np.unique(flat, return_counts=True)
        rows, columns = found // max(self.size, 1), found % max(self.size, 1)
        values = (1.0 + np.log(counts)) * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=n))
        values *= self.weight / norms[rows]
        return DocumentTerms(n, rows, columns, values)

    def sums(self, terms: DocumentTerms, labels: slice, sentences: np.ndarray | None = None) -> np.ndarray:
        """Per sentence asked (all: None) and label of ``labels`` (columns of ``w_terms``), the
        sum of its terms' values times their weights, ``(sentences, labels)``."""
        rows, columns, values = terms.rows, terms.columns, terms.values
        n = terms.sentences
        if sentences is not None:
            asked = np.zeros(n, dtype=bool)
            asked[sentences] = True
            keep = asked[rows]
            rows = np.searchsorted(sentences, rows[keep])   # the sentence's place among those asked
            columns, values, n = columns[keep], values[keep], len(sentences)
        weights = self.w_terms[columns, labels]
        width = weights.shape[1]
        # per (sentence, label) the sum of its terms' products in the order of the terms, from
        # zero: the floating-point sums np.add.at gives, in one bincount at a third of its cost
        flat = (rows[:, None] * width + np.arange(width)).ravel()
        return np.bincount(flat, weights=(values[:, None] * weights).ravel(),
                           minlength=n * width).reshape(n, width)
