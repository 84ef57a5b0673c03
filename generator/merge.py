"""Merge a fresh extraction into an existing brief without losing a human edit.

Kept from the existing brief: every item whose status is confirmed, rejected or manual
(a rejected item never comes back as auto), a summary whose status is not auto, notes and
comments. Replaced: auto items. Human items whose text moved are re-anchored by their quote
(nearest occurrence to the old offset); items whose quote is gone are flagged, not deleted.
"""
from __future__ import annotations

from pathlib import Path

from . import briefs as B
from .briefs import ITEM_KINDS

HUMAN = ("confirmed", "rejected", "manual")


def merge_text(existing_text: str | None, fresh: dict, text: str, path: Path) -> str:
    """The YAML text of the merged brief (``path`` names the brief in errors)."""
    old = B.load_from_text(existing_text, path) if existing_text else None
    return B.dump(merge(old, fresh, text))


def merge(existing: dict | None, fresh: dict, text: str) -> dict:
    if not existing:
        return fresh
    out = dict(fresh)
    summary = existing.get("summary")
    if isinstance(summary, dict) and summary.get("status", "auto") != "auto":
        out["summary"] = summary
    if existing.get("notes") is not None:
        out["notes"] = existing["notes"]
    for kind in ITEM_KINDS:
        out[kind] = _merge_items(existing.get(kind) or [], fresh.get(kind) or [], text)
    out["actors"] = _merge_actors(existing.get("actors") or [], fresh.get("actors") or [])
    return out


def _merge_items(old: list, new: list, text: str) -> list:
    human = {i.get("id"): i for i in old if isinstance(i, dict) and i.get("status") in HUMAN}
    comments = {i.get("id"): i["comment"] for i in old
                if isinstance(i, dict) and i.get("comment") is not None}
    merged, used = [], set()
    for item in new:
        iid = item["id"]
        if iid in human:
            merged.append(reanchor(human[iid], text))
            used.add(iid)
        else:
            merged.append({**item, "comment": comments[iid]} if iid in comments else item)
    for iid, item in human.items():
        if iid not in used:
            merged.append(reanchor(item, text))
    return merged


def _merge_actors(old: list, new: list) -> list:
    human = {a.get("actor"): a for a in old if isinstance(a, dict) and a.get("status") in HUMAN}
    merged = [human.get(a["actor"], a) for a in new]
    seen = {a["actor"] for a in new}
    merged += [a for k, a in human.items() if k not in seen]
    return merged


def reanchor(item: dict, text: str) -> dict:
    """Place a human item's quote in the current text, or flag it."""
    quote, start = item.get("quote"), item.get("start")
    if not isinstance(quote, str) or not quote:
        return item
    if isinstance(start, int) and text[start:start + len(quote)] == quote and item.get("end") == start + len(quote):
        return {k: v for k, v in item.items() if k != "flag"}
    places = _occurrences(text, quote)
    if not places:
        return {**item, "flag": "quote not found in the current article text"}
    best = min(places, key=lambda p: abs(p - (start if isinstance(start, int) else 0)))
    if len(places) > 1 and not _context_agrees(item, text, best):
        return {**item, "flag": "quote occurs more than once; check which place is meant"}
    fixed = {k: v for k, v in item.items() if k != "flag"}
    fixed.update(start=best, end=best + len(quote))
    return fixed


def _occurrences(text: str, quote: str) -> list[int]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def _context_agrees(item: dict, text: str, at: int) -> bool:
    prefix, suffix = item.get("prefix"), item.get("suffix")
    if not prefix and not suffix:
        return False
    end = at + len(item["quote"])
    return (not prefix or text[:at].endswith(prefix)) and (not suffix or text[end:].startswith(suffix))
