"""The one YAML reader (``generator.briefs.reader``): what it reads, and that no input hangs a
command (issue 20, item 4). Anchors and aliases are refused with their place before anything
is built, and files far over their size limit before they are read, by every command that
reads them: `brief check` (tests/bad), `brief extract`, and the site's load."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.briefs import reader
from generator.briefs.extraction import extract_all
from generator.briefs.problem import Problem
from generator.briefs.taxonomy import load_taxonomy
from generator.ingest.articles import read_article
from generator.site.load import load_site

HERE = Path(__file__).parent
ALIASES = "anchors and aliases (&name, *name) are not allowed: write the value out where it is used"
# nine levels of aliases: 9^9 (387 million) strings once built, in 400 bytes
BOMB = "".join(f"{k}: &{k} [" + ", ".join([f"*{p}" if p else "lol"] * 9) + "]\n"
               for p, k in zip(["", *"abcdefgh"], "abcdefghi"))


@pytest.fixture
def project(tmp_path) -> Path:
    dest = tmp_path / "p"
    shutil.copytree(HERE / "bad" / "_project", dest)
    return dest


def test_plain_yaml_reads_as_plain_data():
    doc, problems = reader.parse("a: 1\nb: [x, 2016-09-01]\nc: {d: null}\n", Path("x.yaml"))
    assert problems == [] and doc.data == {"a": 1, "b": ["x", "2016-09-01"], "c": {"d": None}}
    assert doc.place(("c", "d")) == (3, 8)


@pytest.mark.timeout(60)
def test_an_alias_bomb_is_refused_at_its_first_anchor():
    doc, problems = reader.parse("brief: source\n" + BOMB, Path("b.yaml"))
    assert doc is None and [str(p) for p in problems] == [f"b.yaml:2:4: {ALIASES}"]
    with pytest.raises(Problem) as e:
        reader.load_text("x: &a 1\ny: *a\n", Path("b.yaml"))
    assert str(e.value) == f"b.yaml:1:4: {ALIASES}"


def with_bomb(brief: Path) -> int:
    """``BOMB`` added at the end of ``brief``; the line of its first anchor."""
    brief.write_text(brief.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    return brief.read_text(encoding="utf-8").count("\n") - 8


@pytest.mark.timeout(60)
def test_extraction_refuses_an_alias_bomb_in_an_existing_brief(project):
    brief = project / "briefs" / "sources" / "a.yaml"
    line = with_bomb(brief)
    with pytest.raises(Problem) as e:
        extract_all(project / "seeds", project / "briefs", jobs=1)
    assert str(e.value) == f"{brief}:{line}:4: {ALIASES}; fix the brief before extracting again"


@pytest.mark.timeout(60)
def test_the_site_shows_an_alias_bomb_as_a_problem_of_its_page(project):
    brief = project / "briefs" / "motives" / "opium.yaml"
    line = with_bomb(brief)
    site = load_site(project / "briefs", project / "seeds")
    assert (str(brief), ALIASES, line, 4, "motives/opium.md") in \
        [(p.path, p.message, p.line, p.column, p.page) for p in site.problems]


def test_taxonomy_and_sidecar_refuse_aliases(project):
    tax = project / "briefs" / "taxonomy.yaml"
    tax.write_text(tax.read_text(encoding="utf-8").replace("person_titles: [President]",
                                                           "person_titles: &t [President]\nx: *t"), encoding="utf-8")
    with pytest.raises(Problem) as e:
        load_taxonomy(tax)
    assert str(e.value) == f"{tax}:5:16: {ALIASES}"
    (project / "seeds" / "a.meta.yaml").write_text("title: &t A title\nsubtitle: *t\n", encoding="utf-8")
    with pytest.raises(Problem) as e:
        read_article(project / "seeds" / "a.txt")
    assert str(e.value) == f"{project / 'seeds' / 'a.meta.yaml'}:1:8: {ALIASES}"


def _grow(path: Path, filler: bytes, size: int = 50 * 2 ** 20) -> None:
    with open(path, "ab") as f:
        f.write(filler * ((size - path.stat().st_size) // len(filler) + 1))


def test_a_50_mb_brief_is_refused_unread(project):
    brief = project / "briefs" / "sources" / "a.yaml"
    _grow(brief, b"# padding\n")
    message = "too large to read: 50.0 MB, over the limit of 16 MB (see docs/format.md)"
    with pytest.raises(Problem) as e:
        extract_all(project / "seeds", project / "briefs", jobs=1)
    assert str(e.value) == f"{brief}: {message}"
    site = load_site(project / "briefs", project / "seeds")
    assert (str(brief), message, "sources/a.md") in [(p.path, p.message, p.page) for p in site.problems]


def test_a_50_mb_article_is_refused_unread(project):
    seed = project / "seeds" / "a.txt"
    _grow(seed, b"Padding sentences, repeated. ")
    message = "too large to read: 50.0 MB, over the limit of 2 MB (see docs/format.md)"
    with pytest.raises(Problem) as e:
        extract_all(project / "seeds", project / "briefs", jobs=1, force=True)
    assert str(e.value) == f"{seed}: {message}"
    site = load_site(project / "briefs", project / "seeds")
    assert (str(seed), message) in [(p.path, p.message) for p in site.problems]


@pytest.mark.parametrize("mark", ['"', "'"])
def test_a_quote_left_open_is_reported_where_it_opens(tmp_path, mark):
    # session 18: a comment's closing quote forgotten ran the value on to the next quote, 11
    # lines down, where the parser gave up; the message named that line, not the typo's
    text = ("brief: source\nnotes: null\nmotives:\n- id: m-1\n  motive: opium\n"
            f"  comment: {mark}an invented remark\n  quote: An invented sentence.\n  start: 0\n"
            f"  prefix: {mark}an invented prefix{mark}\n  status: confirmed\n")
    doc, problems = reader.parse_composed(text, tmp_path / "a.yaml")
    assert doc is None and len(problems) == 1
    p = problems[0]
    assert (p.line, p.column) == (6, 12)
    assert p.message == "invalid YAML: a quoted value opened here runs on to line 9: close its " \
                        "quote (or remove the one that opens it)"
    fine = text.replace(f"{mark}an invented remark\n", f"{mark}an invented remark{mark}\n")
    assert reader.parse_composed(fine, tmp_path / "a.yaml")[1] == []
    other = reader.parse_composed("a: 1\n b: 2\n", tmp_path / "b.yaml")[1][0]   # no quote involved
    assert "quoted value" not in other.message


def test_a_colon_inside_an_unquoted_value_is_named():
    # session 19: an analyst's comment with a colon in it ("comment: check: ...") got the
    # parser's "mapping values are not allowed in this context"
    text = "brief: source\nmotives:\n- id: m-1\n  comment: check: is this the envoy's view?\n  status: auto\n"
    doc, problems = reader.parse_composed(text, Path("a.yaml"))
    assert doc is None and [(p.line, p.column, p.message) for p in problems] == [(4, 17, reader.COLON)]
    quoted = text.replace("check: is this the envoy's view?", '"check: is this the envoy\'s view?"')
    assert reader.parse_composed(quoted, Path("a.yaml"))[1] == []
    other = reader.parse_composed("a: 1\n b: 2\n", Path("b.yaml"))[1][0]   # a bad indentation
    assert other.message == reader.INDENT


def test_a_key_indented_further_than_the_one_above_is_named():
    text = "brief: source\nmotives:\n- id: m-1\n  status: confirmed\n   comment: an invented remark\n"
    doc, problems = reader.parse_composed(text, Path("a.yaml"))
    assert doc is None and [(p.line, p.column, p.message) for p in problems] == [(5, 11, reader.INDENT)]
    assert reader.parse_composed(text.replace("   comment", "  comment"), Path("a.yaml"))[1] == []
