"""Merge a fresh extraction into an existing brief without losing a human edit.

What a person owns is kept: every item whose status is confirmed, rejected or manual (a
rejected item never comes back as auto), an auto item whose quote or label was edited by hand
(it becomes manual), comments (an auto item with a comment is kept even when extraction no
longer finds it), notes, and a summary whose status is not auto or whose text is not taken
from the article. Everything else is the machine's and is replaced.

Kept items are re-anchored in the current article text (``anchor``). A brief without an
existing file, or one the machine alone wrote, is written anew (``writer.dump``); a brief a
person touched is updated in place through a round trip (``writer.roundtrip``), so comments
and key order survive. Output is deterministic.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import format as B
from . import reader
from . import schema as S
from .anchor import Placer, flagged
from .format import EXTRA_KINDS, HUMAN, ITEM_KINDS, LABEL_KEY, PREFIX, free_id, with_id
from .problem import Problem
from .writer import commented_ids, dump, roundtrip, rt_dump, rt_load

FLAG_UNFOUND = "extraction no longer finds this item; it is kept for its comment"


# ---- text level -------------------------------------------------------------------

def merge_text(existing_text: str | None, fresh: dict, text: str, path: Path) -> str:
    """The YAML text of the merged brief (``path`` names the brief in errors)."""
    if not existing_text:
        return dump(fresh)
    old = _load_valid(existing_text, path)
    merged = merge(old, fresh, text)
    if merged == old:
        return existing_text
    if not touched(old) and existing_text == dump(old):
        return dump(merged)        # written by the machine alone: the fast, C path
    doc = rt_load(existing_text, path)
    commented = commented_ids(doc)
    if commented:                    # an item with a YAML comment is kept like one with comment:
        merged = merge(old, fresh, text, commented)
    return rt_dump(doc, merged)


def _load_valid(existing_text: str, path: Path) -> dict:
    """The existing brief as data; an invalid one stops the extraction (nothing is lost)."""
    doc, problems = reader.parse(existing_text, path)
    old = doc.data if doc is not None and not problems and isinstance(doc.data, dict) else {}
    if old.get("brief") == "source" and not S.validate(S.SourceBrief, old):
        return old
    if doc is not None and not problems and isinstance(doc.data, dict):
        problems = S.schema_problems(doc, S.BRIEFS.get(old.get("brief"), S.SourceBrief))
    p = problems[0] if problems else None
    more = f" (and {len(problems) - 1} more; run `brief check`)" if len(problems) > 1 else ""
    raise Problem(path, (p.message if p else "not a source brief") + more
                  + "; fix the brief before extracting again", p.line if p else 1, p.column if p else 1)


# ---- data level ---------------------------------------------------------------------

def touched(brief: dict) -> bool:
    """True when a person has put anything into the brief."""
    if brief.get("notes") is not None:
        return True
    if _own_summary(brief.get("summary")):
        return True
    for kind in (*ITEM_KINDS, "actors", *EXTRA_KINDS):
        for item in brief.get(kind) or []:
            if not isinstance(item, dict) or _human(kind, item) or item.get("comment") is not None \
                    or item.get("flag") is not None:
                return True
    return False


def _human(kind: str, item: dict) -> bool:
    return item.get("status", "auto") in HUMAN or _edited(kind, item)


def _edited(kind: str, item: dict) -> bool:
    """An auto item whose quote or label a person changed: its id no longer fits."""
    if kind not in PREFIX or not isinstance(item.get("id"), str):
        return False
    expected = B.item_id(kind, str(item.get(LABEL_KEY[kind])), str(item.get("quote")))
    return not (item["id"] == expected or item["id"].startswith(expected + "-"))


def merge(existing: dict | None, fresh: dict, text: str, commented: set = frozenset()) -> dict:
    """Fresh extraction + what a person owns in ``existing`` (plain data, no I/O)."""
    if not existing:
        return fresh
    same = (existing.get("source") or {}).get("sha256") == fresh["source"].get("sha256")
    place = Placer(text, same, str(fresh["source"].get("file") or ""))
    out = dict(fresh)
    summary = existing.get("summary")
    if _own_summary(summary, text):
        out["summary"] = summary if summary.get("status") != "auto" else {**summary, "status": "manual"}
    if existing.get("notes") is not None:
        out["notes"] = existing["notes"]
    for kind in (*ITEM_KINDS, *EXTRA_KINDS):
        if kind in fresh or existing.get(kind):
            out[kind] = _merge_items(kind, existing.get(kind) or [], fresh.get(kind) or [], place,
                                     commented)
    out["actors"] = _merge_actors(existing.get("actors") or [], fresh.get("actors") or [])
    return out


def _merge_items(kind: str, old: list, new: list, place: Placer, commented=frozenset()) -> list:
    keep: dict[str, dict] = {}        # id -> item a person owns
    noted: dict[str, dict] = {}       # id -> auto item with a comment
    for item in old:
        if not isinstance(item, dict):
            continue
        if _edited(kind, item) and item.get("status", "auto") == "auto":
            item = {**item, "status": "manual"}
        iid = item.get("id")
        if iid is None and kind in PREFIX and isinstance(item.get("quote"), str):
            iid = free_id(kind, item, set(keep))
            item = with_id(item, iid)
        if iid is None:
            continue
        if item.get("status", "auto") in HUMAN:
            keep.setdefault(iid, item)
        elif item.get("comment") is not None or iid in commented:
            noted.setdefault(iid, item)
    merged, used = [], set()
    for item in new:
        iid = item["id"]
        if iid in keep:
            merged.append(place(keep[iid], hint=item))
            used.add(iid)
        elif iid in noted:
            merged.append(place.context({**item, **({"comment": noted[iid]["comment"]}
                                                    if "comment" in noted[iid] else {})}))
            used.add(iid)
        else:
            merged.append(item)
    for iid, item in {**keep, **noted}.items():
        if iid not in used:
            placed = place(item)
            if iid in noted and "flag" not in placed:
                placed = flagged(placed, FLAG_UNFOUND)
            merged.append(placed)
    order = {iid: n for n, iid in enumerate(i.get("id") for i in old if isinstance(i, dict))}
    tail = sorted(merged[len(new):], key=lambda i: order.get(i.get("id"), len(order)))
    return merged[:len(new)] + tail


def _merge_actors(old: list, new: list) -> list:
    human = {a.get("actor"): a for a in old if isinstance(a, dict) and a.get("status", "auto") in HUMAN}
    comments = {a.get("actor"): a["comment"] for a in old
                if isinstance(a, dict) and a.get("comment") is not None}
    merged = []
    for a in new:
        if a["actor"] in human:
            merged.append(human[a["actor"]])
        elif a["actor"] in comments:
            merged.append({**a, "comment": comments[a["actor"]]})
        else:
            merged.append(a)
    seen = {a["actor"] for a in new}
    merged += [a for k, a in human.items() if k not in seen]
    merged += [a for a in old if isinstance(a, dict) and a.get("actor") not in seen
               and a.get("actor") not in human and a.get("comment") is not None]
    return merged


def _own_summary(summary, text: str | None = None) -> bool:
    """A summary a person wrote: status not auto, or text that is not the machine's.

    The machine's summary is its sentences joined (``analysis.summaries``), taken from the
    article; a person who rewrites the text but forgets to set ``status: manual`` still owns it
    (the merge sets the status for them)."""
    if not isinstance(summary, dict):
        return False
    if summary.get("status", "auto") != "auto":
        return True
    body = summary.get("text")
    if not body:
        return False
    sentences = summary.get("sentences")
    if isinstance(sentences, list) and body == " ".join(
            str(s.get("quote")) for s in sentences if isinstance(s, dict)):
        return False
    return text is None or not _extractive(body, text)


def _extractive(summary: str, text: str) -> bool:
    """A summary made of the article's own sentences (what extraction writes)."""
    norm = " ".join(text.split())
    parts = [p for p in re.split(r"(?<=[.!?…])\s+", " ".join(summary.split())) if p]
    return bool(parts) and all(p in norm for p in parts)


def merge_cross_text(existing_text: str | None, fresh: dict, path: Path) -> str:
    """A motive or actor brief: fresh counts, the person's summary, notes and comments kept."""
    return cross_text(existing_text, fresh, path)[0]


def cross_text(existing_text: str | None, fresh: dict, path: Path) -> tuple[str, bool]:
    """``merge_cross_text``, and whether the text is the machine's alone (``dump(fresh)``:
    no summary, notes or comments of a person's in it)."""
    if not existing_text:
        return dump(fresh), True
    old = reader.load_text(existing_text, path).data
    merged = dict(fresh)
    summary = old.get("summary")
    if _own_summary(summary):
        merged["summary"] = summary if summary.get("status") != "auto" else {**summary, "status": "manual"}
    if old.get("notes") is not None:
        merged["notes"] = old["notes"]
    own = _own_summary(summary) or old.get("notes") is not None
    if merged == old:
        return existing_text, not own and existing_text == dump(old)
    if existing_text == dump(old) and not own:
        return dump(merged), True
    return roundtrip(existing_text, merged, path), False
