"""Merge a fresh extraction into an existing brief without losing a human edit.

What a person owns is kept: every item whose status is confirmed, rejected or manual (a
rejected item never comes back as auto), an auto item whose quote or label was edited by hand
(it becomes manual), comments (an auto item with a comment is kept even when extraction no
longer finds it), notes, and a summary whose status is not auto or whose text is not taken
from the article. Everything else is the machine's and is replaced.

Kept items are re-anchored in the current article text (``anchor``); one whose sentence was
edited a little follows it (``_follow``), whatever its status. A brief without an
existing file, or one the machine alone wrote, is written anew (``writer.dump``); a brief a
person touched is updated in place through a round trip (``writer.roundtrip``), so comments
and key order survive. Output is deterministic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from . import format as B
from . import reader
from .anchor import Placer, flagged
from .format import EXTRA_KINDS, HUMAN, ITEM_KINDS, LABEL_KEY, PREFIX, free_id, with_id
from .problem import Problem
from .writer import commented_ids, dump, roundtrip, rt_dump, rt_load

FLAG_UNFOUND = "extraction no longer finds this item; it is kept for its comment"


# ---- text level -------------------------------------------------------------------

def merge_text(existing_text: str | None, fresh: dict, text: str, path: Path,
               notes: list | None = None) -> str:
    """The YAML text of the merged brief (``path`` names the brief in errors). ``notes``
    collects what happened to a person's decisions (``Decision``): followed an edit, or lost."""
    if not existing_text:
        return dump(fresh)
    old = _load_valid(existing_text, path)
    found: list = []
    merged = merge(old, fresh, text, notes=found)
    if merged == old:
        return existing_text
    if not touched(old) and existing_text == dump(old):
        return dump(merged)        # written by the machine alone: the fast, C path
    doc = rt_load(existing_text, path)
    commented = commented_ids(doc)
    if commented:                    # an item with a YAML comment is kept like one with comment:
        found = []
        merged = merge(old, fresh, text, commented, notes=found)
    if notes is not None:
        notes.extend(found)
    return rt_dump(doc, merged)


def _load_valid(existing_text: str, path: Path) -> dict:
    """The existing brief as data; an invalid one stops the extraction (nothing is lost)."""
    from . import schema as S   # pydantic's models, 0.1 s to build: only when a brief exists
    doc, problems = reader.parse(existing_text, path)
    old = doc.data if doc is not None and not problems and isinstance(doc.data, dict) else {}
    if old.get("brief") == "source" and not S.validate(S.SourceBrief, old):
        problems = B.duplicate_id_problems(doc, copies=False)
        if not problems:
            return old
    elif doc is not None and not problems and isinstance(doc.data, dict):
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


def merge(existing: dict | None, fresh: dict, text: str, commented: set = frozenset(),
          notes: list | None = None) -> dict:
    """Fresh extraction + what a person owns in ``existing`` (plain data, no I/O); ``notes``
    collects a ``Decision`` for each decision that followed an edit or could not be placed."""
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
                                     commented, notes)
    out["actors"] = _merge_actors(existing.get("actors") or [], fresh.get("actors") or [])
    return out


def _merge_items(kind: str, old: list, new: list, place: Placer, commented=frozenset(),
                 notes: list | None = None) -> list:
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
    follows, onto = _follow(kind, keep, noted, new, place)
    for item in new:
        iid = item["id"]
        if iid in keep:
            merged.append(place(keep[iid], hint=item))
            used.add(iid)
        elif iid in follows:          # a decision on this sentence before a small edit of it
            before = follows[iid]
            merged.append(_moved(keep[before], item, place))
            used.add(before)
            _note(notes, kind, keep[before], "followed", iid)
        elif iid in noted:
            merged.append(place.context({**item, **({"comment": noted[iid]["comment"]}
                                                    if "comment" in noted[iid] else {})}))
            used.add(iid)
        else:
            merged.append(item)
    for iid, item in {**keep, **noted}.items():
        if iid in used:
            continue
        if iid in onto:               # no fresh item on the edited sentence: the sentence itself
            merged.append(_moved(item, onto[iid], place))
            _note(notes, kind, item, "followed", onto[iid]["id"])
            continue
        placed = place(item)
        if iid in noted and "flag" not in placed:
            placed = flagged(placed, FLAG_UNFOUND)
        if iid in keep and "flag" in placed and "flag" not in item:
            _note(notes, kind, item, "lost", placed["flag"])
        merged.append(placed)
    order = {iid: n for n, iid in enumerate(i.get("id") for i in old if isinstance(i, dict))}
    order.update({moved["id"]: order.get(iid, len(order)) for iid, moved in onto.items()})
    tail = sorted(merged[len(new):], key=lambda i: order.get(i.get("id"), len(order)))
    return merged[:len(new)] + tail


# How alike a kept item's quote and a fresh one must be for the decision to follow the
# sentence (difflib's ratio: 2 * matching characters / both lengths): a typo fixed, a word
# changed or a few added in a sentence of ordinary length.
SIMILAR = 0.9


@dataclass(frozen=True)
class Decision:
    """What became of a person's decision on an item in a merge: ``followed`` (its sentence was
    edited a little; the decision now holds the item ``detail``, the new id) or ``lost`` (its
    quote is no longer in the article; kept with the flag ``detail``)."""
    kind: str
    id: str
    status: str
    what: str
    detail: str

    def __str__(self) -> str:
        if self.what == "followed":
            return (f"the {self.status} item {self.id} follows its sentence, edited in the article "
                    f"(now {self.detail})")
        return (f"the {self.status} item {self.id} could not be placed in the article ({self.detail}); "
                "kept with a flag: review it")


def _note(notes: list | None, kind: str, item: dict, what: str, detail: str) -> None:
    if notes is not None:
        notes.append(Decision(kind, str(item.get("id")), str(item.get("status", "auto")), what, detail))


def _follow(kind: str, keep: dict, noted: dict, new: list, place: Placer) -> tuple[dict, dict]:
    """Where kept decisions whose quote is no longer in the article go: ``(fresh id -> kept id,
    kept id -> the article's sentence as an item)``. A decision follows the fresh item of its
    label (motive, counterargument, speaker, date...) that nobody decided on and that quotes
    nearly the same words (``SIMILAR``); failing one (extraction does not find the sentence: an
    item a person added, say), the article's sentence that does. The best match, the nearest
    on a tie: one rule for every status."""
    fresh_ids = {item["id"] for item in new}
    lost = [(iid, item) for iid, item in keep.items()
            if iid not in fresh_ids and item.get("flag") is None and isinstance(item.get("quote"), str)
            and item["quote"] and place.text.find(item["quote"]) < 0]
    if not lost:
        return {}, {}
    label = LABEL_KEY.get(kind)
    follows: dict[str, str] = {}
    for iid, item in lost:
        free = [c for c in new if c["id"] not in keep and c["id"] not in noted and c["id"] not in follows
                and str(c.get(label)) == str(item.get(label))]
        best = _nearest_alike(item, free)
        if best is not None:
            follows[best["id"]] = iid
    onto: dict[str, dict] = {}
    taken = fresh_ids | set(keep) | set(noted)
    for iid, item in lost:
        if iid in follows.values():
            continue
        lines = [s for s in place.sentences() if s["quote"] and B.item_id(kind, str(item.get(label)),
                                                                          s["quote"]) not in taken]
        best = _nearest_alike(item, lines)
        if best is not None:
            onto[iid] = {**best, "id": B.item_id(kind, str(item.get(label)), best["quote"])}
            taken.add(onto[iid]["id"])
    return follows, onto


def _nearest_alike(item: dict, candidates: list) -> dict | None:
    """The candidate (an item: quote, start) whose quote is most like ``item``'s, at least
    ``SIMILAR``; the nearest to ``item``'s old place on a tie; None if none is alike."""
    best = None
    for cand in candidates:
        ratio = SequenceMatcher(None, item["quote"], cand["quote"], autojunk=False).ratio()
        if ratio >= SIMILAR:
            distance = abs(cand.get("start", 0) - item["start"]) if isinstance(item.get("start"), int) else 0
            key = (-ratio, distance)
            if best is None or key < best[0]:
                best = (key, cand)
    return None if best is None else best[1]


def _moved(item: dict, fresh: dict, place: Placer) -> dict:
    """The kept ``item`` (its status, comment and every field a person gave it) on the fresh
    item's words and place, under the fresh item's id."""
    out = dict(item)
    for key in ("id", "quote", "start", "end", "anchor"):
        if key in fresh:
            out[key] = fresh[key]
    return place.context(out)


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


def machine_alone(existing_text: str, path: Path) -> bool:
    """Whether a motive or actor brief holds the machine's text alone: as extraction writes
    it, without a summary, notes or YAML comments of a person's (an invalid one is a person's)."""
    try:
        old = reader.load_text(existing_text, path).data
    except Problem:
        return False
    return isinstance(old, dict) and not _own_summary(old.get("summary")) \
        and old.get("notes") is None and existing_text == dump(old)


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
