"""Merge a fresh extraction into an existing brief without losing a human edit.

What a person owns is kept: every item whose status is confirmed, rejected or manual (a
rejected item never comes back as auto), an auto item whose quote or label was edited by hand
(it becomes manual), comments (an auto item with a comment is kept even when extraction no
longer finds it), notes, and a summary whose status is not auto or whose text is not taken
from the article. Everything else is the machine's and is replaced.

Kept items are re-anchored in the current article text the way W3C Web Annotation selectors
work: the exact quote (TextQuoteSelector) with ``prefix``/``suffix`` context, and ``start``
(TextPositionSelector) to choose between equals. An item that cannot be placed with certainty
gets a ``flag:`` with the reason and keeps its old offsets; only a person removes a flag.

Output: a brief without an existing file, or one the machine alone wrote, is dumped with
PyYAML's C dumper (``briefs.dump``); a brief a person touched is updated in place through a
ruamel.yaml round trip, so comments and key order survive. Output is deterministic.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from . import format as B
from .format import ITEM_KINDS, LABEL_KEY, PREFIX
from .model import BriefsmithError

HUMAN = ("confirmed", "rejected", "manual")
CONTEXT = 32          # characters of prefix/suffix kept with a human-touched item
EXTRA_KINDS = ("relations", "claims")

FLAG_GONE = "the quote is no longer in the article: its sentence was removed or reworded"
FLAG_CONTEXT = ("the quote is still in the article, but the text on both sides of it changed; "
                "check that it is the same passage")
FLAG_AMBIGUOUS = "the quote occurs {n} times in the article; set start to the place meant"
FLAG_UNFOUND = "extraction no longer finds this item; it is kept for its comment"


# ---- text level -------------------------------------------------------------------

def merge_text(existing_text: str | None, fresh: dict, text: str, path: Path) -> str:
    """The YAML text of the merged brief (``path`` names the brief in errors)."""
    if not existing_text:
        return B.dump(fresh)
    old = _load_valid(existing_text, path)
    merged = merge(old, fresh, text)
    if merged == old:
        return existing_text
    if not touched(old) and existing_text == B.dump(old):
        return B.dump(merged)        # written by the machine alone: the fast, C path
    doc = _rt_load(existing_text, path)
    commented = _commented_ids(doc)
    if commented:                    # an item with a YAML comment is kept like one with comment:
        merged = merge(old, fresh, text, commented)
    return _rt_dump(doc, merged)


def _load_valid(existing_text: str, path: Path) -> dict:
    """The existing brief as data; an invalid one stops the extraction (nothing is lost)."""
    from . import schema as S
    from .check import parse, schema_problems
    try:
        old = B.load_from_text(existing_text, path)
    except BriefsmithError:
        old = {}
    if old.get("brief") == "source" and not S.validate(S.SourceBrief, old):
        return old
    doc, problems = parse(existing_text, path)
    if doc is not None and not problems:
        problems = schema_problems(doc, S.BRIEFS.get(old.get("brief"), S.SourceBrief))
    p = problems[0] if problems else None
    more = f" (and {len(problems) - 1} more; run `brief check`)" if len(problems) > 1 else ""
    raise BriefsmithError(path, (p.message if p else "not a source brief") + more
                          + "; fix the brief before extracting again",
                          p.line if p else 1, p.column if p else 1)


def _yaml():
    from ruamel.yaml import YAML
    y = YAML(typ="rt")
    y.width = 100000
    y.indent(mapping=2, sequence=2, offset=0)
    y.allow_unicode = True
    y.representer.add_representer(
        type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def roundtrip(existing_text: str, merged: dict, path: Path | None = None) -> str:
    """``existing_text`` changed in place to hold ``merged``: comments and key order stay."""
    return _rt_dump(_rt_load(existing_text, path), merged)


def _rt_load(existing_text: str, path: Path | None):
    from ruamel.yaml.error import YAMLError
    try:
        return _yaml().load(existing_text)
    except YAMLError as e:
        raise BriefsmithError.from_yaml(path, e)


def _rt_dump(doc, merged: dict) -> str:
    _sync_map(doc, merged)
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def _commented_ids(doc) -> set[str]:
    """Ids of items that carry a YAML comment (on one of their lines or just after them)."""
    out = set()
    for kind in (*ITEM_KINDS, *EXTRA_KINDS):
        for item in doc.get(kind) or []:
            if hasattr(item, "ca") and isinstance(item.get("id"), str) \
                    and (item.ca.items or item.ca.comment):
                out.add(item["id"])
    return out


def _sync_map(cm, new: dict):
    for key in [k for k in cm if k not in new]:
        del cm[key]
    prev = None
    for key, value in new.items():
        if key in cm:
            cm[key] = _sync_value(cm[key], value)
        else:
            keys = list(cm)
            cm.insert(keys.index(prev) + 1 if prev in keys else (0 if prev is None else len(keys)),
                      key, value)
        prev = key
    return cm


def _sync_value(old, new):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    if isinstance(new, dict) and isinstance(old, CommentedMap):
        return _sync_map(old, new)
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        if all(isinstance(x, dict) for x in new) and any(isinstance(x, dict) for x in new):
            return _sync_seq(old, new)
        if list(old) == new:
            return old
        seq = CommentedSeq(new)
        if old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(old, bool) != isinstance(new, bool) or type(old) is str and not isinstance(new, str):
        return new
    return old if old == new and (old is None) == (new is None) else new


def _ident(item) -> tuple:
    for key in ("id", "actor", "source"):
        if item.get(key) is not None:
            return (key, str(item[key]))
    return ("quote", str(item.get("quote")))


def _sync_seq(seq, new: list[dict]):
    old: dict[tuple, list[int]] = {}
    for i, elem in enumerate(seq):
        if hasattr(elem, "items"):
            old.setdefault(_ident(elem), []).append(i)
            if _ident(elem)[0] != "quote":
                old.setdefault(("quote", str(elem.get("quote"))), []).append(i)
    used, elems = set(), []
    for item in new:
        free = [i for key in (_ident(item), ("quote", str(item.get("quote"))))
                for i in old.get(key, []) if i not in used]
        if free:
            i = free[0]
            used.add(i)
            elems.append((i, _sync_map(seq[i], item)))
        else:
            elems.append((None, item))
    if [i for i, _ in elems] == list(range(len(seq))):
        return seq
    comments = {i: seq.ca.items[i] for i in list(seq.ca.items)}
    del seq[:]
    seq.ca.items.clear()
    for j, (i, elem) in enumerate(elems):
        seq.append(elem)
        if i is not None and i in comments:
            seq.ca.items[j] = comments[i]
    return seq


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
    place = _Placer(text, same, str(fresh["source"].get("file") or ""))
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


def _merge_items(kind: str, old: list, new: list, place: "_Placer", commented=frozenset()) -> list:
    keep: dict[str, dict] = {}        # id -> item a person owns
    noted: dict[str, dict] = {}       # id -> auto item with a comment
    for item in old:
        if not isinstance(item, dict):
            continue
        if _edited(kind, item) and item.get("status", "auto") == "auto":
            item = {**item, "status": "manual"}
        iid = item.get("id")
        if iid is None and kind in PREFIX and isinstance(item.get("quote"), str):
            iid = _free_id(kind, item, set(keep))
            item = _with_id(item, iid)
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
                placed = _flagged(placed, FLAG_UNFOUND)
            merged.append(placed)
    order = {iid: n for n, iid in enumerate(i.get("id") for i in old if isinstance(i, dict))}
    tail = sorted(merged[len(new):], key=lambda i: order.get(i.get("id"), len(order)))
    return merged[:len(new)] + tail


def _free_id(kind: str, item: dict, taken: set) -> str:
    base = B.item_id(kind, str(item.get(LABEL_KEY[kind])), item["quote"])
    iid, n = base, 2
    while iid in taken:
        iid, n = f"{base}-{n}", n + 1
    return iid


def _with_id(item: dict, iid: str) -> dict:
    return {"id": iid, **item}


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


def _flagged(item: dict, reason: str) -> dict:
    out = {}
    for key, value in item.items():
        out[key] = value
        if key == "status":
            out["flag"] = reason
    if "flag" not in out:
        out["flag"] = reason
    return out


# ---- re-anchoring -----------------------------------------------------------------------

class _Placer:
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
            return _flagged(item, FLAG_GONE)
        prefix, suffix = item.get("prefix"), item.get("suffix")
        if prefix is not None or suffix is not None:
            both = [p for p in places if self._before(p, prefix) and self._after(p, quote, suffix)]
            either = [p for p in places if self._before(p, prefix) or self._after(p, quote, suffix)]
            candidates = both or either
            if not candidates:
                return _flagged(item, FLAG_CONTEXT)
        else:
            candidates = places
        if len(candidates) == 1:
            return self._at(item, candidates[0], hint)
        if isinstance(start, int) and start in candidates:
            return self._at(item, start, hint)
        return _flagged(item, FLAG_AMBIGUOUS.format(n=len(candidates)))

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
        return self.context(_set(item, start=at, end=end, anchor=anchor))

    def context(self, item: dict) -> dict:
        """Add or refresh prefix/suffix of a placed item."""
        at, end = item.get("start"), item.get("end")
        if not isinstance(at, int) or not isinstance(end, int):
            return item
        return _set(item, prefix=self.text[max(0, at - CONTEXT):at], suffix=self.text[end:end + CONTEXT])

    def anchor(self, start: int, end: int) -> str | None:
        if self._sentences is None:
            self._sentences = _sentences(self.text, self.markdown)
        for s_start, s_end, anchor in self._sentences:
            if s_start <= start < s_end:
                return anchor
        return None


def _set(item: dict, **values) -> dict:
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
    from ..ingest.articles import clean
    from .model import Article, SourceMeta
    from ..ingest.segment import segment
    blocks, removed, _ = clean(text, markdown=markdown)
    doc = segment(Article("", Path(""), text, "", SourceMeta(), tuple(blocks), tuple(removed)))
    return [(s.start, s.end, s.anchor) for p in doc.paragraphs for s in p.sentences]


# ---- brief check --fix --------------------------------------------------------------------

def fix_text(existing_text: str, data: dict, text: str, seed: Path) -> str | None:
    """Ids, offsets, anchors and context filled in where the quote places itself; None if nothing to do."""
    sha = __import__("hashlib").sha256(seed.read_bytes()).hexdigest()
    same = (data.get("source") or {}).get("sha256") == sha
    place = _Placer(text, True, seed.name)
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
                item = _with_id(item, _free_id(kind, item, taken))
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


def merge_cross_text(existing_text: str | None, fresh: dict, path: Path) -> str:
    """A motive or actor brief: fresh counts, the person's summary, notes and comments kept."""
    return cross_text(existing_text, fresh, path)[0]


def cross_text(existing_text: str | None, fresh: dict, path: Path) -> tuple[str, bool]:
    """``merge_cross_text``, and whether the text is the machine's alone (``B.dump(fresh)``:
    no summary, notes or comments of a person's in it)."""
    if not existing_text:
        return B.dump(fresh), True
    old = B.load_from_text(existing_text, path)
    merged = dict(fresh)
    summary = old.get("summary")
    if _own_summary(summary):
        merged["summary"] = summary if summary.get("status") != "auto" else {**summary, "status": "manual"}
    if old.get("notes") is not None:
        merged["notes"] = old["notes"]
    own = _own_summary(summary) or old.get("notes") is not None
    if merged == old:
        return existing_text, not own and existing_text == B.dump(old)
    if existing_text == B.dump(old) and not own:
        return B.dump(merged), True
    return roundtrip(existing_text, merged, path), False
