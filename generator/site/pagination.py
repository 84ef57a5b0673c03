"""Pagination: which entries of a listing go on which page, and each page's path and pager.

Python decides the cuts; the listings (``listings``) say what is cut and how much a page holds.
A cut depends on the entries around it, not on how many pages there are (``entry_pages``), so a
new source changes the pages it enters, not every page after them. Page 1 keeps the listing's
path; page k >= 2 of ``X.md`` is ``X/k.md`` (``page_path``).
"""
from __future__ import annotations

import zlib
from collections import defaultdict
from functools import lru_cache


def page_path(path: str, k: int) -> str:
    """Page ``k`` (from 1) of the listing at ``path``: ``X.md``, then ``X/2.md``, ``X/3.md``..."""
    return path if k == 1 else f"{path[:-3]}/{k}.md"


def entry_pages(weights: list[int], budget: int, keys: list) -> list[int]:
    """The page (from 0) of each entry, in order, cut where the entries themselves say: after an
    entry whose key (``_mark``) falls under its weight's share of ``budget`` (so a page weighs
    ``budget`` on average), never before a page weighs ``budget // 8``, always before one would
    outweigh ``3 * budget``. A cut depends on the entries around it, not on how many came before:
    an entry added or taken away changes its own page, and the numbers of the pages after it only
    when it is a cut itself or a page is at its limits. An entry is never split (one heavier
    than the limit has a page of its own)."""
    out, page, load = [], 0, 0
    low, high = max(1, budget // 8), 3 * budget
    for w, key in zip(weights, keys):
        if load and load + w > high:
            page, load = page + 1, 0
        load += w
        out.append(page)
        if load >= low and _mark(key) * budget < w:
            page, load = page + 1, 0
    return out


@lru_cache(maxsize=1 << 18)   # the same entries are cut again on every rebuild under serve
def _mark(key) -> float:
    """A number in [0, 1) fixed by ``key`` alone (the same in every process and run)."""
    return zlib.crc32(repr(key).encode("utf-8")) / 2 ** 32


def _entry_key(section: dict, entry) -> tuple:
    """What names an entry of a listing across builds: its section (a kind, a speaker, an
    event's date, a disputed point) and its source (and item)."""
    name = section.get("id", section.get("date"))
    if isinstance(entry, dict):
        return name, entry.get("source"), entry.get("id"), entry.get("anchor")
    return name, getattr(entry, "source", None), getattr(entry, "id", None)


def chunks(rows: list[dict], size: int) -> list[list[dict]]:
    """``rows`` (each with an ``id``) in pages of about ``size`` (``entry_pages``: a row added or
    taken away changes its own page); one empty page when there are none."""
    pages: list[list[dict]] = []
    for row, p in zip(rows, entry_pages([1] * len(rows), size, [r["id"] for r in rows])):
        if p == len(pages):
            pages.append([])
        pages[p].append(row)
    return pages or [[]]


def weight(group: dict) -> int:
    """A source group's weight: its quoted sentences, and a footnote as one more."""
    return sum(2 if i.context else 1 for i in group["entries"])


def one(_) -> int:
    return 1


def cut_pages(sections: list[dict], key: str, weight, budget: int, one: int | None = None) -> list[list[dict]]:
    """Cut the entries under ``key`` of consecutive ``sections`` (kinds, speakers, events...)
    into pages of at most ``budget`` (``weight`` of each entry). Each page is a list of
    copies of the sections it holds entries of, with those entries under ``key`` and
    ``continued`` true when the section began on an earlier page; sections without entries
    are left out, except that a single page keeps every section. Entries weighing ``one``
    (default: ``budget``) or less in all stay on a single page."""
    flat = [(n, x) for n, s in enumerate(sections) for x in s[key]]
    weights = [weight(x) for _, x in flat]
    where = entry_pages(weights, budget, [_entry_key(sections[n], x) for n, x in flat])
    if not where or where[-1] == 0 or sum(weights) <= (one or budget):
        return [[dict(s, continued=False) for s in sections]]
    parts: list[list[tuple[int, list]]] = [[] for _ in range(where[-1] + 1)]
    for (n, x), p in zip(flat, where):
        if not parts[p] or parts[p][-1][0] != n:
            parts[p].append((n, []))
        parts[p][-1][1].append(x)
    started: set[int] = set()
    out = []
    for part in parts:
        out.append([dict(sections[n], **{key: xs, "continued": n in started}) for n, xs in part])
        started.update(n for n, _ in part)
    return out


def pager(paths: list[str], k: int) -> dict | None:
    """The pager of page ``k`` (from 0) of a listing's pages: ``None`` for a single page. It
    names this page and links the first, previous and next; not how many pages there are, so
    a page added at the end of the listing changes the page before it and no other."""
    if len(paths) == 1:
        return None
    return {"page": k + 1, "path": paths[k], "first": paths[0] if k > 1 else None,
            "prev": paths[k - 1] if k else None, "next": paths[k + 1] if k + 1 < len(paths) else None}


def section_pages(cut: list[list[dict]], key: str, first: int, path: str) -> dict:
    """Section ``key`` -> the pages (numbered from ``first``) of the listing at ``path`` whose
    part of ``cut`` holds entries of that section."""
    pages_of: dict = defaultdict(list)
    for j, part in enumerate(cut):
        for section in part:
            pages_of[section[key]].append({"page": first + j, "path": page_path(path, first + j)})
    return pages_of
