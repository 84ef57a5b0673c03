"""A quick reader for the block YAML that Briefsmith writes, or ``Unsure``.

``brief check`` used to compose every brief with libyaml and rebuild it node by node: 12 to
13 ms for a 21 KB brief, most of it PyYAML creating and resolving a Python object per node.
Briefs are written by ``yamlout`` and edited by hand in the same shape: block mappings and
sequences, one scalar per line. This reader accepts only that shape, line by line, and
raises ``Unsure`` on anything else (flow collections other than ``{}`` and ``[]``, block
or multi-line scalars, anchors, tags, escapes, tabs, trailing comments, duplicate keys,
unusual characters, ...): the caller then reads the file with libyaml as before.

What it accepts, it reads exactly as ``reader.parse_composed`` (libyaml's composer plus
``reader._build``) would: plain scalars are resolved with the same loader's implicit
resolvers and built with PyYAML's own constructors, timestamps stay as written, keys are
their text. ``tests/test_briefs_quickyaml.py`` compares the two on mutated briefs.
"""
from __future__ import annotations

import re

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ctor = yaml.constructor.SafeConstructor()
# Tags a plain scalar may resolve to and still be read here (reader.SAFE_TAGS without
# timestamps, which stay text, and without the collections, which a scalar cannot be).
_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("int", "float", "bool", "null")}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# Anything but printable characters and line feeds (tabs, CR, NEL, the Unicode line and
# paragraph separators, BOM, astral characters) is left to libyaml.
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
# One line: its indentation, then a whole-line comment (or nothing), or an optional "- ",
# an optional "key:" (the key a plain name, read as its text anyway) and the rest.
_LINE = re.compile(r"^( *)(?:#.*|(- )?(?:([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: |$))?(.*))$", re.M)
# First characters of a plain scalar that libyaml reads as an indicator, or that could be
# one: a scalar starting with them is left to libyaml.
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")


class Unsure(Exception):
    """The text is outside the subset read here: read it with libyaml."""


def load(text: str) -> dict:
    """The document's top-level mapping as plain data; ``Unsure`` outside the subset."""
    if _OUTSIDE.search(text) is not None or " \n" in text or text.endswith(" "):
        raise Unsure             # odd characters; trailing spaces (libyaml drops them)
    _check_resolvers()
    # blank and comment lines have no dash, key or rest (a comment line ends any plain
    # scalar, and no multi-line scalar is accepted, so they can be dropped)
    rows = [r for r in _LINE.findall(text) if r[1] or r[2] or r[3]]
    if not rows or rows[0][0]:
        raise Unsure
    data, end = _mapping(rows, 0, "")
    if end != len(rows):
        raise Unsure
    return data


def _mapping(rows: list, i: int, pad: str, first: bool = False) -> tuple[dict, int]:
    """The block mapping whose keys stand after ``pad``, from row ``i``; with ``first``,
    row ``i`` is a sequence entry "- key: ..." whose key opens the mapping."""
    out: dict = {}
    end, seen = len(rows), _seen
    while i < end:
        indent, dash, key, rest = rows[i]
        if first:
            first = False
        elif indent != pad or dash:
            if len(indent) < len(pad):
                break
            raise Unsure
        if not key or key in out:
            raise Unsure         # not a key, or a duplicate key: reader.parse reports it
        if rest:
            value = seen.get(rest, seen)       # _scalar's cache, looked up inline
            out[key] = _scalar(rest) if value is seen else value
            i += 1
        else:
            out[key], i = _nested(rows, i + 1, pad)
    return out, i


def _nested(rows: list, i: int, pad: str):
    """The value of a ``key:`` after ``pad`` written on the lines that follow it: a block
    mapping indented further, or a block sequence at the key's column or further."""
    if i == len(rows):
        raise Unsure             # an empty value (null): rare, left to libyaml
    indent, dash = rows[i][0], rows[i][1]
    if len(indent) < len(pad) or len(indent) == len(pad) and not dash:
        raise Unsure
    return _sequence(rows, i, indent) if dash else _mapping(rows, i, indent)


def _sequence(rows: list, i: int, pad: str) -> tuple[list, int]:
    """The block sequence whose dashes stand after ``pad``, from row ``i``."""
    out: list = []
    inner, end, seen = pad + "  ", len(rows), _seen
    while i < end:
        indent, dash, key, rest = rows[i]
        if indent != pad or not dash:
            if len(indent) > len(pad):
                raise Unsure
            break                # the parent's next key (same column) or a shallower line
        if key:
            item, i = _mapping(rows, i, inner, first=True)
            out.append(item)
        elif rest:
            value = seen.get(rest, seen)
            out.append(_scalar(rest) if value is seen else value)
            i += 1
        else:
            raise Unsure
    return out, i


def _scalar(s: str):
    """The value of a one-line scalar (or ``{}``, ``[]``) as ``reader._build`` makes it."""
    value = _seen.get(s, _seen)
    if value is not _seen:
        return value
    if s == "{}":
        return {}
    if s == "[]":
        return []
    value = _quoted(s) if s[0] in "'\"" else _plain(s)
    if len(s) <= 64 and len(_seen) < 100_000:   # labels, names, numbers and cues repeat
        _seen[s] = value
    return value


_seen: dict = {}   # scalar text -> its value (immutable); emptied when the resolvers change
_resolvers_seen: list = [None]


def _quoted(s: str) -> str:
    """A one-line single-quoted scalar, or a double-quoted one without escapes."""
    inner, quote = s[1:-1], s[0]
    if len(s) < 2 or s[-1] != quote:
        raise Unsure
    if quote == "'":
        if "'" in inner.replace("''", ""):
            raise Unsure
        return inner.replace("''", "'")
    if '"' in inner or "\\" in inner:
        raise Unsure
    return inner


def _plain(s: str):
    """A plain scalar resolved as the loader resolves it (``Resolver.resolve``)."""
    first = s[0]
    if first in _NOT_FIRST and not (first == "-" and s[1:2] not in ("", " ")):
        raise Unsure
    if ": " in s or " #" in s or s[-1] == ":":
        raise Unsure
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(first, ()):
        if regexp.match(s):
            if tag == _TIMESTAMP:
                return s         # dates stay as written (reader._build)
            if tag not in _SCALAR_TAGS:
                raise Unsure     # merge key, value or yaml tag: reader.parse reports it
            if tag == "tag:yaml.org,2002:int" and s.isdigit() and s.isascii() \
                    and (first != "0" or len(s) == 1):
                return int(s)
            return _ctor.yaml_constructors[tag](_ctor, yaml.ScalarNode(tag, s))
    return s


def _check_resolvers() -> None:
    """``Unsure`` if the loader resolves in ways not modelled here (wildcard or path
    resolvers); forget the cached values if its resolvers changed."""
    resolvers = _Loader.yaml_implicit_resolvers
    if None in resolvers or getattr(_Loader, "yaml_path_resolvers", None):
        raise Unsure
    state = (id(resolvers), [(k, tuple(v)) for k, v in resolvers.items()])
    if state != _resolvers_seen[0]:
        _seen.clear()
        _resolvers_seen[0] = state
