"""A fast writer of plain data (dicts, lists, strings, numbers, None, booleans) as YAML.

It produces exactly what ``yaml.dump(data, Dumper=CSafeDumper, sort_keys=False,
allow_unicode=True, width=100000, default_flow_style=False)`` produces, which the tests
check on real and random briefs. Even with the C dumper, PyYAML represents and resolves
every scalar in Python (about 10 ms for a 20 KB brief, more than all the extraction
before it); here a scalar that can only be a plain string is written directly, and any
other scalar is handed to PyYAML, so no style decision is made here that PyYAML would
make differently.
"""
from __future__ import annotations

import re

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_OPTIONS = dict(Dumper=_Dumper, allow_unicode=True, width=100000, default_flow_style=False)

# Words the YAML 1.1 resolver reads as booleans or null when plain.
_RESERVED = frozenset("""yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF
null Null NULL""".split())
# Characters that PyYAML writes plain with allow_unicode: printable, no line breaks, no BOM.
_NOT_PLAIN = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")  # libyaml quotes astral characters


def _plain(s: str) -> bool:
    """True when PyYAML would write ``s`` as a plain scalar resolving back to a string."""
    return (s[:1].isalpha() and s[:1].isascii() and s not in _RESERVED
            and ": " not in s and " #" not in s and s[-1] not in ": "
            and (s.isascii() and s.isprintable() or _NOT_PLAIN.search(s) is None))   # (printable ASCII: none)


def _scalar(value) -> str:
    if isinstance(value, str):
        cached = _STRINGS.get(value)
        if cached is None:
            cached = value if value and _plain(value) else _pyyaml_scalar(value)
            if len(value) <= 48 and len(_STRINGS) < 50_000:  # cues, statuses, labels repeat
                _STRINGS[value] = cached
        return cached
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value:   # 0.0 and -0.0 are one dict key but two scalars
            return _pyyaml_scalar(value)
        cached = _FLOATS.get(value)
        if cached is None:
            cached = _FLOATS[value] = _pyyaml_scalar(value) if len(_FLOATS) < 10_000 else None
        return cached or _pyyaml_scalar(value)
    return _pyyaml_scalar(value)


_STRINGS: dict[str, str] = {}
_BREAKS = re.compile("[\n\x85\u2028\u2029]")   # YAML's line breaks
_FLOATS: dict[float, str] = {}


def _pyyaml_scalar(value) -> str:
    text = yaml.dump(value, **_OPTIONS)
    if text.endswith("\n...\n"):
        text = text[:-5]
    text = text.rstrip("\n")
    if _BREAKS.search(text):   # PyYAML indents what follows a break: it depends on the nesting
        raise _Fallback
    return text


class _Fallback(Exception):
    """A scalar PyYAML writes over several lines, or a key that is not a plain string:
    let PyYAML write the whole document."""


def _mapping(data: dict, indent: str, out: list, seen: dict) -> None:
    for key, value in data.items():
        if key not in _KEYS:
            if not (isinstance(key, str) and key and len(key) < 128 and _plain(key)):
                raise _Fallback  # PyYAML may write such a key in the "? key" form
            if len(_KEYS) < 10_000:
                _KEYS.add(key)
        kind = type(value)
        if kind is str or kind is float:   # the common cases first: strings, offsets, confidences
            text = seen.get(value)
            if text is None:
                text = seen[value] = _scalar(value)
            out.append(f"{indent}{key}: {text}\n")
        elif kind is int:
            out.append(f"{indent}{key}: {value}\n")
        elif value is None:
            out.append(f"{indent}{key}: null\n")
        elif isinstance(value, dict) and value:
            out.append(f"{indent}{key}:\n")
            _mapping(value, indent + "  ", out, seen)
        elif isinstance(value, list) and value:
            out.append(f"{indent}{key}:\n")
            _sequence(value, indent, out, seen)
        else:
            out.append(f"{indent}{key}: {_empty_or_scalar(value)}\n")


def _sequence(data: list, indent: str, out: list, seen: dict) -> None:
    for value in data:
        if isinstance(value, dict) and value:
            first = len(out)
            _mapping(value, indent + "  ", out, seen)
            out[first] = f"{indent}- {out[first][len(indent) + 2:]}"
        elif isinstance(value, list) and value:
            first = len(out)
            _sequence(value, indent + "  ", out, seen)
            out[first] = f"{indent}- {out[first][len(indent) + 2:]}"
        elif type(value) is str:
            text = seen.get(value)
            if text is None:
                text = seen[value] = _scalar(value)
            out.append(f"{indent}- {text}\n")
        else:
            out.append(f"{indent}- {_empty_or_scalar(value)}\n")


_KEYS: set[str] = set()   # keys known to be plain strings


def quote_style(value: str) -> str:
    """How PyYAML writes the string ``value``: ``""`` (plain), ``"'"`` or ``'"'`` (quoted)."""
    try:
        first = _scalar(value)[:1]
    except _Fallback:          # over several lines
        first = yaml.dump(value, **_OPTIONS)[:1]
    return first if first in ("'", '"') else ""


def _empty_or_scalar(value) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dump(data: dict) -> str:
    """``data`` as block-style YAML, byte-identical to PyYAML's (see the module's doc)."""
    if not isinstance(data, dict) or not data:
        return yaml.dump(data, sort_keys=False, **_OPTIONS)
    out: list[str] = []
    try:
        _mapping(data, "", out, {})   # {}: the strings of this document written so far
    except _Fallback:
        return yaml.dump(data, sort_keys=False, **_OPTIONS)
    return "".join(out)
