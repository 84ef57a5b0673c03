"""Helpers for the extraction and analysis tests: a hand-made text through the real extraction."""
from __future__ import annotations

import functools
from pathlib import Path

from generator.extract import Extractor
from generator.ingest.articles import read_article
from generator.ingest.segment import segment
from generator.briefs.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def taxonomy():
    return load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")


@functools.lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor(taxonomy())


def extracted(extractor: Extractor, tmp_path: Path, text: str, name: str = "t"):
    """(article, extraction) of a file holding exactly ``text``."""
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    return article, extractor.extract(segment(article))


def extract(tmp_path: Path, text: str, name: str = "t"):
    """(document, extraction) of ``text`` (paragraphs separated by blank lines)."""
    path = tmp_path / f"{name}.txt"
    path.write_text("A title for the test\n\n" + text, encoding="utf-8")
    doc = segment(read_article(path))
    return doc, extractor().extract(doc)


def brief(sid: str, **kinds) -> dict:
    """A hand-made source brief: ``brief("a", motives=[...], counters=[...])``."""
    return {"brief": "source", "version": 1, "id": sid, **kinds}


def actors(extractor: Extractor, tmp_path: Path, body: str, title: str = "A Headline For The Test") -> dict:
    """{actor id: ActorMention} of a text made of a headline and ``body``."""
    return {a.actor: a for a in extracted(extractor, tmp_path, f"{title}\n\n{body}\n")[1].actors}


def sentences(tmp_path: Path, text: str):
    """A page as ingest reads it, and its sentences' texts."""
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    return article, [s.text for s in segment(article).sentences()]
