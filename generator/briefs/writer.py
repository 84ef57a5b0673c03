"""Writing a brief: its YAML text, fast when the machine alone wrote it, and through a
ruamel.yaml round trip when a person touched it, so that comments and key order survive.

``dump`` writes exactly what PyYAML's block style writes (``yamlout``, for speed); the round
trip (``roundtrip``) changes a person's file in place to hold the merged data: a value that did
not change keeps its quotes byte for byte, and a new string is quoted as PyYAML quotes it (so
a merge adds no diff noise, and a new ``yes`` is never written plain, where YAML 1.1 reads a
boolean). The text a
round trip reads has been read by ``reader`` first, which refuses anchors and aliases.
Output is deterministic.
"""
from __future__ import annotations

import io
from pathlib import Path

from . import yamlout
from .format import EXTRA_KINDS, HEADER, ITEM_KINDS
from .problem import Problem


def dump(brief: dict) -> str:
    """The brief's YAML text: PyYAML's block style, written by ``yamlout`` for speed."""
    return HEADER + yamlout.dump(brief)


def _yaml():
    from ruamel.yaml import YAML
    y = YAML(typ="rt")
    y.width = 100000
    y.indent(mapping=2, sequence=2, offset=0)
    y.allow_unicode = True
    y.preserve_quotes = True      # an unchanged value is written as the person's file has it
    y.representer.add_representer(
        type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def roundtrip(existing_text: str, merged: dict, path: Path | None = None) -> str:
    """``existing_text`` changed in place to hold ``merged``: comments and key order stay."""
    return rt_dump(rt_load(existing_text, path), merged)


def rt_load(existing_text: str, path: Path | None):
    """A brief's text as ruamel.yaml's round-trip document (comments and key order kept)."""
    from ruamel.yaml.error import YAMLError
    try:
        return _yaml().load(existing_text)
    except YAMLError as e:
        raise Problem.from_yaml(path, e)


def rt_dump(doc, merged: dict) -> str:
    """The round-trip document ``doc`` changed in place to hold ``merged``, as text."""
    _sync_map(doc, merged)
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def commented_ids(doc) -> set[str]:
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
                      key, _styled(value))
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
        seq = CommentedSeq(_styled(new))
        if old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(old, bool) != isinstance(new, bool) or type(old) is str and not isinstance(new, str):
        return new
    return old if old == new and (old is None) == (new is None) else _styled(new)


def _styled(value):
    """``value`` with each string in it marked with the quotes PyYAML would give it."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
    if isinstance(value, dict):
        return {k: _styled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_styled(v) for v in value]
    if type(value) is not str:
        return value
    style = yamlout.quote_style(value)
    return SingleQuotedScalarString(value) if style == "'" else \
        DoubleQuotedScalarString(value) if style == '"' else value


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
            elems.append((None, _styled(item)))
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
