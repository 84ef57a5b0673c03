"""The quick reader of briefs (``generator.briefs.quickyaml``) against libyaml's composer.

Whatever ``quickyaml.load`` accepts must read exactly as ``reader.parse_composed`` reads it
(same values, same types, same key order, no problem), and ``brief check`` must report the
same problems, at the same places, whichever reader read the file. Mutated briefs probe
both; a few fixed cases pin what must be left to libyaml.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.briefs import check as C
from generator.briefs import quickyaml as Q
from generator.briefs import reader as R
from test_briefs_check import CASES, apply_case, make_project

HERE = Path(__file__).parent
PROJECT = HERE / "bad" / "_project"
BRIEFS = [PROJECT / "briefs/sources/a.yaml", PROJECT / "briefs/motives/opium.yaml",
          PROJECT / "briefs/actors/russia.yaml"]
TEXTS = [p.read_text(encoding="utf-8") for p in BRIEFS]
EXAMPLES = int(os.environ.get("BRIEFSMITH_FUZZ_EXAMPLES", "400"))

# Pieces inserted into a line, and values put after "key: " or "- ": YAML's indicators,
# odd characters and every kind of plain scalar the resolvers tell apart.
PIECES = [":", ": ", " ", "  ", "-", "- ", "#", " #", "'", "''", '"', "\t", "\n", "\n  ", "\n- ",
          "{", "}", "[", "]", "{}", "[]", "&a ", "*a", "!", "!!str ", "|", ">", "%", "@", "`",
          "?", "? ", ",", "~", "0", ".", "\\", "\r", "\u2028", "\x85", "é", "\U0001d11e",
          "\ufeff", "\x07", "\u00a0", "---", "...", "key: v", "x:", "_"]
VALUES = ["yes", "No", "null", "~", "0o17", "0x1F", "1_000", "1:30", ".inf", ".NaN", "-.5", "+1",
          "012", "0", "1e3", "1.5e+3", "2016-09-01", "2016-09-01 10:00:00", "2016-9-1", "<<", "=",
          "''", '""', "'it''s'", "'it's'", '"q"', '"a\\nb"', "{}", "[]", "[a]", "{a: 1}", "-", "- x",
          "a: b", "a #b", "a#b", "'x", "!!str 1", "&x 1", "*x", "|", ">-", "y", "Off", "0.", "-0",
          "190:20:30", "-.inf", "0b", ":a", "?a", "-a", "--", "%x", "@x", "`x", ",x", "a,b", "x]",
          "a  b", "“q”", "a:", "1,000"]

MUTATION = st.tuples(st.integers(0, 8), st.integers(0, 10 ** 6), st.integers(0, 10 ** 6),
                     st.sampled_from(PIECES), st.sampled_from(VALUES))


def mutate(text: str, steps) -> str:
    """``text`` with each step applied to its lines (insert, delete, indent, dedent,
    duplicate, drop or swap lines, replace a value)."""
    lines = text.split("\n")
    for op, a, b, piece, value in steps:
        i = a % len(lines)
        line = lines[i]
        if op == 0:
            j = b % (len(line) + 1)
            lines[i] = line[:j] + piece + line[j:]
        elif op == 1 and line:
            j = b % len(line)
            lines[i] = line[:j] + line[j + 1 + b % 3:]
        elif op == 2:
            lines.insert(i, lines[b % len(lines)])
        elif op == 3:
            lines[i] = " " * (1 + b % 4) + line
        elif op == 4:
            lines[i] = line[1 + b % 2:] if line.startswith(" ") else line
        elif op == 5 and len(lines) > 1:
            del lines[i]
        elif op == 6 and ": " in line:
            lines[i] = line[:line.index(": ") + 2] + value
        elif op == 7 and "- " in line:
            lines[i] = line[:line.index("- ") + 2] + value
        elif op == 8:
            j = b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def typed(x):
    """``x`` with the type of every value spelled out (1, 1.0 and True differ)."""
    if isinstance(x, dict):
        return ("map", [(typed(k), typed(v)) for k, v in x.items()])
    if isinstance(x, list):
        return ("seq", [typed(v) for v in x])
    return (type(x).__name__, repr(x))


def quick(text: str):
    try:
        return Q.load(text)
    except Q.Unsure:
        return Q.Unsure


# ---- the reader -----------------------------------------------------------------------

@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(st.integers(0, len(TEXTS) - 1), st.lists(MUTATION, min_size=1, max_size=3))
def test_what_it_reads_reads_as_libyaml(which, steps):
    text = mutate(TEXTS[which], steps)
    data = quick(text)
    if data is Q.Unsure:
        return
    doc, problems = R.parse_composed(text, Path("x.yaml"))
    assert problems == []
    assert typed(data) == typed(doc.data)


def test_mutations_reach_both_readers():
    """The properties above mean something only if many mutated briefs are read quickly
    and many are not."""
    import random
    rng = random.Random(6)
    read = 0
    for _ in range(400):
        steps = [(rng.randrange(9), rng.randrange(10 ** 6), rng.randrange(10 ** 6),
                  rng.choice(PIECES), rng.choice(VALUES)) for _ in range(rng.randint(1, 3))]
        text = mutate(rng.choice(TEXTS), steps)
        read += quick(text) is not Q.Unsure
    assert 60 < read < 340, read


def test_briefs_as_written_are_read_quickly():
    for text in TEXTS:
        assert typed(Q.load(text)) == typed(R.parse_composed(text, Path("x.yaml"))[0].data)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                       # duplicate key
    "a: !!str 1\n", "a: !include x\n",   # tags
    "a: &x 1\nb: *x\n",                   # anchor, alias
    "a:\n\tb: 1\n",                       # tab
    "a: b\r\n",                           # CR
    "a: |\n  text\n",                     # block scalar
    "a: one\n  two\n",                    # plain scalar over two lines
    "a: 'one\n  two'\n",                  # quoted scalar over two lines
    'a: "x\\ty"\n',                       # escapes
    "a: b # comment\n",                   # trailing comment
    "a: b \n",                            # trailing space
    "a: [1, 2]\n", "a: {b: 1}\n",         # flow collections
    "<<: {a: 1}\n", "a: <<\n", "a: =\n",  # merge and value tags
    "a:\n", "a:\nb: 1\n",                 # empty values
    "- a\n", "a: 1\n---\nb: 2\n", "",    # not one mapping
    "a: \U0001d11e\n", "a: x\u2028y\n",   # astral character, line separator
    "a:\n  - - x\n",                      # a sequence in a sequence
])
def test_left_to_libyaml(text):
    assert quick(text) is Q.Unsure


@pytest.mark.parametrize("value, expected", [
    ("2016-09-01", "2016-09-01"), ("2016-09", "2016-09"), ("012", 10), ("0x1F", 31),
    ("1_000", 1000), ("1:30", 90), ("0", 0), ("-7", -7), ("1.5e+3", 1500.0), (".inf", float("inf")),
    ("yes", True), ("Off", False), ("null", None), ("~", None), ("'it''s'", "it's"),
    ('"q"', "q"), ("it's", "it's"), ("a, [b]", "a, [b]"), ("{}", {}), ("[]", []),
])
def test_scalars(value, expected):
    data = Q.load(f"k: {value}\n")
    assert typed(data) == typed({"k": expected}) == typed(R.parse_composed(f"k: {value}\n", Path("x"))[0].data)


def test_values_are_not_shared_between_documents():
    a, b = Q.load("k: {}\nl: []\n"), Q.load("k: {}\nl: []\n")
    assert a["k"] is not b["k"] and a["l"] is not b["l"]


# ---- brief check ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory):
    dest = tmp_path_factory.mktemp("quick") / "p"
    shutil.copytree(PROJECT, dest)
    return dest


def _unsure(text):
    raise Q.Unsure


def _check(project: Path, text: str, quick_reader: bool):
    """The problems ``check_project`` finds with ``a.yaml`` replaced by ``text``."""
    (project / "briefs/sources/a.yaml").write_text(text, encoding="utf-8")
    original = Q.load
    Q.load = original if quick_reader else _unsure
    try:
        return C.check_project(project / "seeds", project / "briefs")
    finally:
        Q.load = original


@settings(max_examples=max(EXAMPLES // 4, 20), deadline=None, derandomize=True)
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_check_reports_the_same_either_way(project, steps):
    text = mutate(TEXTS[0], steps)
    assert _check(project, text, True) == _check(project, text, False)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_inputs_without_the_quick_reader(name, tmp_path, monkeypatch):
    """The bad-input corpus reports the same lines when every file is composed."""
    project = make_project(tmp_path / "p")
    apply_case(name, project)
    monkeypatch.chdir(project)
    monkeypatch.setattr(Q, "load", _unsure)
    assert [str(p) for p in C.check_project(Path("seeds"), Path("briefs"))] == CASES[name]


def test_clean_briefs_are_never_composed(tmp_path, monkeypatch):
    """A project without problems is checked without composing any brief (the taxonomy,
    written in flow style, is composed)."""
    dest = tmp_path / "p"
    shutil.copytree(PROJECT, dest)
    composed = []
    real = yaml.compose

    def compose(text, Loader):
        composed.append(text.split("\n", 2)[1])
        return real(text, Loader=Loader)
    monkeypatch.setattr(R.yaml, "compose", compose)
    assert C.check_project(dest / "seeds", dest / "briefs") == []
    assert not any(line.startswith("brief:") for line in composed), composed


def test_composer_keeps_no_nodes():
    R.parse_composed(TEXTS[0], Path("x.yaml"))
    assert not R._ctor.constructed_objects
