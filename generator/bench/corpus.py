"""A deterministic synthetic corpus: seed paragraphs recombined, numbers shifted.

Article ``i`` takes a title from one seed, a byline, and 9-15 body paragraphs drawn without
replacement from all seeds, in a random order fixed by ``(seed, i)``. Every number in it
is shifted by an amount that depends on ``i`` (years by at most 3, so they stay years), and
its title carries its number, so no two articles are equal and each is plain news prose
that the extractor finds motives, quotes, dates and figures in.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from ..ingest.articles import read_article, source_files

AUTHORS = ("Anna Petrova", "James Whitfield", "Farid Rahimi", "Li Wen", "Maria Gonzalez",
           "Omar Haidari", "Elena Sokolova", "David Mercer", "Nadia Karimi", "Tom Baker")
NUMBER = re.compile(r"(?<![\w.,])\d+(?![\w])")


def seed_pool(seeds: Path) -> tuple[list[str], list[str]]:
    """(titles, body paragraphs) of the seed articles, in file order."""
    titles, paragraphs = [], []
    for path in source_files(seeds):
        article = read_article(path)
        for block in article.blocks:
            text = article.text[block.start:block.end]
            if block.role == "title":
                titles.append(" ".join(text.split()))
            elif block.role == "body":
                paragraphs.append(text)
    if not titles or len(paragraphs) < 15:
        raise ValueError(f"{seeds}: too few seed articles to recombine")
    return titles, paragraphs


def _shift(text: str, i: int) -> str:
    small, year = 1 + i % 47, i % 4

    def repl(m: re.Match) -> str:
        n = int(m.group())
        if 1600 <= n <= 2096 and len(m.group()) == 4:
            return str(n + year)
        return str(n + small)
    return NUMBER.sub(repl, text)


def article(i: int, titles: list[str], paragraphs: list[str], seed: int = 0) -> str:
    rng = random.Random(f"briefsmith-bench-{seed}-{i}")
    title = f"{rng.choice(titles)}: dispatch {i + 1}"
    k = rng.randint(9, 15)
    body = [_shift(p, i) for p in rng.sample(paragraphs, k)]
    return "\n\n".join([title, f"by {rng.choice(AUTHORS)}", *body]) + "\n"


def make_corpus(seeds: Path, out: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` articles into ``out`` (``a00000.txt``...); return their total size in bytes."""
    titles, paragraphs = seed_pool(seeds)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        data = article(i, titles, paragraphs, seed).encode("utf-8")
        (out / f"a{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total
