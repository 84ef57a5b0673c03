"""The floor extraction is measured against: the least work any extractor must do.

Read every seed file, decode it, split it into sentences with one regular expression and
look each sentence's words up in a set of the taxonomy's cue words. Nothing is written.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..ingest.articles import source_files
from ..briefs.taxonomy import load_taxonomy

SENTENCE = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[a-z0-9']+")


def cue_words(taxonomy_path: Path) -> frozenset[str]:
    tax = load_taxonomy(taxonomy_path)
    words = set()
    for item in (*tax.motives, *tax.counterarguments):
        phrases = [*item.cues.any, *item.cues.none, *(p for group in item.cues.all for p in group)]
        for phrase in phrases:
            words.update(WORD.findall(phrase.lower()))
    return frozenset(words)


def floor(seeds: Path, taxonomy_path: Path) -> int:
    """Number of cue-word hits in the corpus (returned so the work cannot be skipped)."""
    cues = cue_words(taxonomy_path)
    hits = 0
    for path in source_files(seeds):
        text = path.read_bytes().decode("utf-8")
        for sentence in SENTENCE.split(text):
            hits += sum(1 for w in WORD.findall(sentence.lower()) if w in cues)
    return hits
