"""The one YAML reader: every brief, the taxonomy and every article's sidecar is read here, with
the place of each node for ``path:line:column`` problems.

- Plain YAML only: text, numbers, true/false, null, lists and mappings. Other tags, merge
  keys, complex keys and duplicate keys are problems; dates stay as written ("2016-09-01").
- No anchors or aliases (``&a``, ``*a``): no brief needs one, and aliases nested a few levels
  deep make billions of nodes of a few hundred bytes. The first one is refused, with its
  place, before anything is built.
- At most ``MAX_BYTES`` a file, refused before it is read.
- The shape Briefsmith writes is read line by line (``quickyaml``, about ten times faster
  than libyaml); anything else is composed by libyaml and built node by node. Nodes are
  composed for a text read quickly only when a problem has to be placed.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..ingest.paths import LINK
from . import quickyaml
from .problem import Problem

MAX_BYTES = 16 * 1024 * 1024   # a motive brief of 100,000 sources' rows is about 5 MB
SAFE_TAGS = {"tag:yaml.org,2002:" + t for t in
             ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
ALIASES = "anchors and aliases (&name, *name) are not allowed: write the value out where it is used"
_Compose = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ctor = yaml.constructor.SafeConstructor()


class Places:
    """Line and column of key paths in one YAML text (or file, read on first use): the text is
    composed with positions only when the first place is asked for."""

    def __init__(self, path: Path | None, text: str | None = None, node=None):
        self.path, self._text, self._node, self._done = path, text, node, node is not None

    @property
    def node(self):
        if not self._done:
            self._done = True
            try:
                text = self._text if self._text is not None else Path(self.path).read_text(encoding="utf-8")
                self._node = yaml.compose(text, Loader=_Compose)
            except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError, TypeError):
                self._node = None
            self._text = None
        return self._node

    def node_at(self, loc, key: bool = False, nearest: bool = True):
        """The node at ``loc`` (keys and list indexes); its key node with ``key``. A step that
        is not there stops at the nearest node reached, or gives None unless ``nearest``."""
        node = self.node
        for i, part in enumerate(loc):
            found = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == part:
                        found = k if (key and i == len(loc) - 1) else v
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                found = node.value[part]
            if found is None:
                return node if nearest else None
            node = found
        return node

    def at(self, loc=(), key: bool = False, nearest: bool = True) -> tuple[int, int]:
        """1-based (line, column) of the node at ``loc``; (1, 1) when there is none."""
        node = self.node_at(loc, key, nearest) if self.node is not None else None
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1


class Doc:
    """A YAML document as plain data, and the places of its nodes."""

    def __init__(self, path: Path, data, places: Places):
        self.path, self.data, self.places = path, data, places

    @property
    def node(self):
        return self.places.node

    def node_at(self, loc, key: bool = False):
        return self.places.node_at(loc, key)

    def place(self, loc=(), key: bool = False) -> tuple[int, int]:
        return self.places.at(loc, key)

    def problem(self, message: str, loc=(), key: bool = False) -> Problem:
        return Problem(str(self.path), message, *self.place(loc, key))


# ---- reading a file ---------------------------------------------------------------

def read_text(path: Path, limit: int = MAX_BYTES) -> tuple[str | None, Problem | None]:
    """The UTF-8 text of a file, or the problem that keeps it from being read."""
    if os.path.islink(path):
        return None, Problem(str(path), LINK)
    try:
        size = os.stat(path).st_size
        if size > limit:
            return None, Problem(str(path), too_large(size, limit))
        data = Path(path).read_bytes()
    except OSError as e:
        return None, Problem(str(path), f"cannot read: {e.strerror}")
    return decode(data, path)


def too_large(size: int, limit: int) -> str:
    return (f"too large to read: {size / 2 ** 20:.1f} MB, over the limit of {limit // 2 ** 20} MB "
            "(see docs/format.md)")


def decode(data: bytes, path: Path) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file, or a problem placed at the offending byte."""
    bad = data.find(b"\x00")
    if bad >= 0:
        line, col = _byte_place(data, bad)
        return None, Problem(str(path), "binary file, not text (it contains NUL bytes)", line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _byte_place(data, e.start)
        return None, Problem(str(path), f"not valid UTF-8 at byte {e.start}; save the file as UTF-8", line, col)
    if text.startswith("\ufeff"):
        return None, Problem(str(path), "starts with a byte-order mark; save it as UTF-8 without BOM", 1, 1)
    return text, None


def _byte_place(data: bytes, at: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, at) + 1
    return data.count(b"\n", 0, at) + 1, len(data[line_start:at].decode("utf-8", "replace")) + 1


# ---- parsing ------------------------------------------------------------------------

def parse(text: str, path: Path) -> tuple[Doc | None, list[Problem]]:
    """Plain data of ``text``; problems for syntax, anchors, tags and duplicate keys (a
    document with problems of the last two kinds still has its data). Text in the shape
    Briefsmith writes is read quickly, anything else composed with libyaml."""
    try:
        data = quickyaml.load(text)
    except quickyaml.Unsure:
        return parse_composed(text, path)
    return Doc(path, data, Places(path, text)), []


def parse_composed(text: str, path: Path) -> tuple[Doc | None, list[Problem]]:
    """``parse`` through libyaml's composer and ``_build``: every text, every problem."""
    alias = _first_alias(text, path)
    if alias is not None:
        return None, [alias]
    try:
        node = yaml.compose(text, Loader=_Compose)
    except yaml.YAMLError as e:
        return None, [_syntax(e, path, text)]
    problems: list[Problem] = []
    if node is None:
        return Doc(path, None, Places(path, node=None)), problems
    try:
        return Doc(path, _build(node, path, problems), Places(path, node=node)), problems
    finally:
        _ctor.constructed_objects.clear()   # it keeps every node it built otherwise
        _ctor.recursive_objects.clear()


def _first_alias(text: str, path: Path) -> Problem | None:
    """The first anchor or alias of ``text``, found in libyaml's stream of events (linear in
    the text, whatever the aliases would expand to); None also when the text is not YAML."""
    if "&" not in text and "*" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=_Compose):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                mark = event.start_mark
                return Problem(str(path), ALIASES, mark.line + 1, mark.column + 1)
    except yaml.YAMLError:
        return None    # composing reports the syntax error
    return None


# What PyYAML says of a tab ("found character that cannot start any token") names no tab: a
# person who indented a line with one in an editor is told what to change.
TAB = "invalid YAML: a tab character; indent with spaces (YAML does not allow tabs for indentation)"


# What the parser says of a colon and a space inside an unquoted value ("comment: check: is
# this so?"): "mapping values are not allowed in this context", at the second colon.
COLON = ("invalid YAML: a colon and a space inside a value that is not in quotes; put the whole "
         "value in quotes (comment: \"check: is this so?\")")


# What it says of a key indented further than the one above it ("  status: confirmed" then
# "   comment: ..."): the same words, at the colon; the line reads as the value above going on.
INDENT = ("invalid YAML: this key is indented further than the key above it, so it reads as "
          "part of that value; indent it as the other keys of its item")


def _syntax(e: yaml.YAMLError, path: Path, text: str) -> Problem:
    mark, start = getattr(e, "problem_mark", None), getattr(e, "context_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    ctx = getattr(e, "context", None)
    unclosed = "end of stream" in problem and "quoted scalar" in (ctx or "")
    if start is not None and mark is not None and start.line != mark.line:
        ctx = f"{ctx} that starts at line {start.line + 1}" if ctx else None
        if "end of stream" in problem:
            mark = start   # an unclosed quote or bracket: point at where it opens
    mark = mark or start
    message = f"invalid YAML: {problem}" + (f" ({ctx})" if ctx else "")
    if unclosed:   # (no quote after it closes it: it runs to the end of the file)
        message = ("invalid YAML: a quoted value opened here is never closed (it runs on to the end "
                   "of the file): close its quote (or remove the one that opens it)")
    opened = _run_on_quote(text, mark)
    if opened is not None:
        message = (f"invalid YAML: a quoted value opened here runs on to line {mark.line + 1}: "
                   "close its quote (or remove the one that opens it)")
        mark = opened
    if mark is not None and ("tab character" in problem or _char_at(text, mark.line, mark.column) == "\t"):
        message = TAB
    elif "mapping values are not allowed" in problem and mark is not None \
            and _char_at(text, mark.line, mark.column) == ":" and ": " in _line_before(text, mark):
        message = COLON   # (a key and its value before this colon on the line: not an indentation)
    elif "mapping values are not allowed" in problem and mark is not None and _indented_further(text, mark):
        message = INDENT
    return Problem(str(path), message, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)


def _run_on_quote(text: str, mark):
    """Where a quoted value opens that a missing closing quote ran on over several lines to
    the error at ``mark`` (the typo is where it opens, not where the parser stopped), or None.
    Briefsmith writes every quoted value on one line."""
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=_Compose):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'") \
            and last.start_mark.line < last.end_mark.line == mark.line:
        return last.start_mark
    return None


def _indented_further(text: str, mark) -> bool:
    """Whether the line of ``mark`` is a lone key (``   comment``) indented further than the
    key of the line above it (``  status: ...`` or ``- id: ...``)."""
    lines = text.split("\n", mark.line + 1)
    if mark.line < 1 or mark.line >= len(lines):
        return False
    key = lines[mark.line][:mark.column]
    above = lines[mark.line - 1]
    if not key.strip() or " " in key.strip() or key.lstrip().startswith(("-", "#")) or not above.strip():
        return False
    above_key = len(above) - len(above.lstrip(" -"))
    return len(key) - len(key.lstrip(" ")) > above_key


def _line_before(text: str, mark) -> str:
    lines = text.split("\n", mark.line + 1)
    return lines[mark.line][:mark.column] if mark.line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


def _build(node, path: Path, problems: list[Problem]) -> Any:
    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in SAFE_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(str(path), f"tag {tag} is not allowed: only plain YAML "
                                "(text, numbers, true/false, null, lists, mappings)", *where))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":timestamp"):
            return node.value  # dates stay as written
        try:
            return _ctor.construct_object(node)
        except yaml.YAMLError as e:
            problems.append(Problem(str(path), f"invalid value: {getattr(e, 'problem', e)}", *where))
            return None
    if isinstance(node, yaml.SequenceNode):
        return [_build(n, path, problems) for n in node.value]
    out: dict = {}
    for k, v in node.value:
        kwhere = (k.start_mark.line + 1, k.start_mark.column + 1)
        if not isinstance(k, yaml.ScalarNode) or k.tag == "tag:yaml.org,2002:merge":
            problems.append(Problem(str(path), "keys must be plain names (no merge keys or complex keys)", *kwhere))
            continue
        key = _build(k, path, problems)
        if not isinstance(key, str):
            key = str(k.value)
        if key in out:
            problems.append(Problem(str(path), f"duplicate key {key!r}", *kwhere))
        out[key] = _build(v, path, problems)
    return out


# ---- reading or stopping ----------------------------------------------------------

def load(path: Path, what: str = "a brief") -> Doc:
    """The document in the file at ``path``, a mapping; its first problem is raised."""
    return _mapping(read_yaml(path), path, what)


def load_text(text: str, path: Path, what: str = "a brief") -> Doc:
    """``load`` of a text already read."""
    return _mapping(parsed(text, path), path, what)


def read_yaml(path: Path) -> Doc:
    """The document in the file at ``path``, whatever its shape (the taxonomy and a sidecar say
    what they expect themselves); its first problem is raised."""
    text, problem = read_text(path)
    if problem is not None:
        raise problem
    return parsed(text, path)


def parsed(text: str, path: Path) -> Doc:
    """``parse``, its first problem raised (saying how many more there are)."""
    doc, problems = parse(text, path)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise Problem(first.path, first.message + more, first.line, first.column)
    return doc


def _mapping(doc: Doc, path: Path, what: str) -> Doc:
    if not isinstance(doc.data, dict):
        raise Problem(str(path), f"{what} must be a mapping", 1, 1)
    return doc
