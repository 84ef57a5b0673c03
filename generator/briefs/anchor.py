"""Re-placing an item a person kept in the article as it is now, and ``brief check --fix``.

Kept items are re-anchored the way W3C Web Annotation selectors work: the exact quote
(TextQuoteSelector) with ``prefix``/``suffix`` context, and ``start`` (TextPositionSelector)
to choose between equals. An item that cannot be placed with certainty gets a ``flag:`` with
the reason and keeps its old offsets; only a person removes a flag.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..ingest.articles import clean
from ..ingest.segment import segment
from .format import HUMAN, ITEM_KINDS, free_id, with_id
from .model import Article, SourceMeta
from .writer import roundtrip

CONTEXT = 32          # characters of prefix/suffix kept with a human-touched item

FLAG_GONE = "the quote is no longer in the article: its sentence was removed or reworded"
FLAG_NOT_HERE = ("the quote is not in this article, which is unchanged since extraction: the quote "
                 "was edited, or the item was moved here from another source's brief")
FLAG_CONTEXT = ("the quote is still in the article, but the text on both sides of it changed; "
                "check that it is the same passage")
FLAG_AMBIGUOUS = "the quote occurs {n} times in the article; set start to the place meant"


class Placer:
    """Places kept items in the current article text (see the module docstring)."""

    def __init__(self, text: str, same: bool, file: str):
        self.text, self.same, self.markdown = text, same, file.endswith(".md")
        self._sentences: list | None = None

    def __call__(self, item: dict, hint: dict | None = None) -> dict:
        if item.get("flag") is not None:
            return item            # a person clears a flag, never the machine
        quote, start = item.get("quote"), item.get("start")
        if not isinstance(quote, str) or not quote:
            return item
        text = self.text
        if self.same and isinstance(start, int) and text[start:start + len(quote)] == quote:
            return self._at(item, start, hint)
        places = occurrences(text, quote)
        if not places:
            return flagged(item, FLAG_NOT_HERE if self.same else FLAG_GONE)
        prefix, suffix = item.get("prefix"), item.get("suffix")
        candidates = places
        if prefix is not None or suffix is not None:
            both = [p for p in places if self._before(p, prefix) and self._after(p, quote, suffix)]
            either = [p for p in places if self._before(p, prefix) or self._after(p, quote, suffix)]
            candidates = both or either
            if not candidates and not self.same:
                return flagged(item, FLAG_CONTEXT)
            # The article is as it was extracted, yet its text fits neither side: the context is
            # another place's or another article's (a person re-quoted the item, or moved it here
            # from another source's brief). Its words, verbatim here, are what the person meant.
            candidates = candidates or places
        if len(candidates) == 1:
            return self._at(item, candidates[0], hint)
        if isinstance(start, int) and start in candidates:
            return self._at(item, start, hint)
        return flagged(item, FLAG_AMBIGUOUS.format(n=len(candidates)))

    def _before(self, at: int, prefix) -> bool:
        if not isinstance(prefix, str):
            return False
        lo = at - len(prefix)
        return lo >= 0 and self.text[lo:at] == prefix and (len(prefix) >= CONTEXT or lo == 0)

    def _after(self, at: int, quote: str, suffix) -> bool:
        if not isinstance(suffix, str):
            return False
        end = at + len(quote)
        hi = end + len(suffix)
        return self.text[end:hi] == suffix and (len(suffix) >= CONTEXT or hi == len(self.text))

    def _at(self, item: dict, at: int, hint: dict | None) -> dict:
        end = at + len(item["quote"])
        if hint and hint.get("start") == at and hint.get("end") == end and hint.get("anchor"):
            anchor = hint["anchor"]
        elif item.get("start") == at and item.get("anchor") and self.same:
            anchor = item["anchor"]
        else:
            anchor = self.anchor(at, end) or item.get("anchor")
        return self.context(set_fields(item, start=at, end=end, anchor=anchor))

    def context(self, item: dict) -> dict:
        """Add or refresh prefix/suffix of a placed item."""
        at, end = item.get("start"), item.get("end")
        if not isinstance(at, int) or not isinstance(end, int):
            return item
        return set_fields(item, prefix=self.text[max(0, at - CONTEXT):at], suffix=self.text[end:end + CONTEXT])

    def sentences(self) -> list[dict]:
        """The article's sentences as items: quote, start, end and anchor."""
        return [{"quote": self.text[s:e], "start": s, "end": e, "anchor": a} for s, e, a in self._segmented()]

    def anchor(self, start: int, end: int) -> str | None:
        for s_start, s_end, anchor in self._segmented():
            if s_start <= start < s_end:
                return anchor
        return None

    def _segmented(self) -> list[tuple[int, int, str]]:
        if self._sentences is None:
            self._sentences = _sentences(self.text, self.markdown)
        return self._sentences


def set_fields(item: dict, **values) -> dict:
    """``item`` with ``values`` set; new keys go after the position fields, in a fixed order."""
    out = dict(item)
    missing = {k: v for k, v in values.items() if k not in out}
    for k, v in values.items():
        if k in out:
            out[k] = v
    if not missing:
        return out
    after = next((k for k in ("suffix", "prefix", "anchor", "end", "start", "quote") if k in out), None)
    result = {}
    for k, v in out.items():
        result[k] = v
        if k == after:
            result.update(missing)
    if after is None:
        result.update(missing)
    return result


def occurrences(text: str, quote: str) -> list[int]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def _sentences(text: str, markdown: bool) -> list[tuple[int, int, str]]:
    blocks, removed, _ = clean(text, markdown=markdown)
    doc = segment(Article("", Path(""), text, "", SourceMeta(), tuple(blocks), tuple(removed)))
    return [(s.start, s.end, s.anchor) for p in doc.paragraphs for s in p.sentences]


def flagged(item: dict, reason: str) -> dict:
    """``item`` with a ``flag:`` (after its status): what a person must look at."""
    out = {}
    for key, value in item.items():
        out[key] = value
        if key == "status":
            out["flag"] = reason
    if "flag" not in out:
        out["flag"] = reason
    return out



def fix_text(existing_text: str, data: dict, text: str, seed: Path) -> str | None:
    """Ids, offsets, anchors and context filled in where the quote places itself; None if nothing to do."""
    sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    same = (data.get("source") or {}).get("sha256") == sha
    place = Placer(text, True, seed.name)
    out = dict(data)
    for kind in ITEM_KINDS:
        items = []
        for n, item in enumerate(data.get(kind) or []):
            status = item.get("status", "auto")
            if status == "rejected" or item.get("flag") is not None:
                items.append(item)
                continue
            if item.get("id") is None:
                taken = {i.get("id") for i in data.get(kind) or []} | {i.get("id") for i in items}
                item = with_id(item, free_id(kind, item, taken))
            start, quote = item.get("start"), item["quote"]
            grounded = isinstance(start, int) and text[start:start + len(quote)] == quote \
                and item.get("end") == start + len(quote)
            if not grounded or (same and status in HUMAN and item.get("prefix") is None):
                placed = place(item)
                if "flag" not in placed:
                    item = placed
            items.append(item)
        out[kind] = items
    if out == data:
        return None
    return roundtrip(existing_text, out, seed)
