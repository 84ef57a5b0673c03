"""`brief check`: the bad-input corpus (tests/bad), the real project, --fix, the CLI."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.briefs import check as C
from generator.briefs import reader
from generator.cli import main

HERE = Path(__file__).parent
BAD = HERE / "bad"
ROOT = HERE.parent
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))

# Which file of the good project a case file replaces, by its name's first word.
TARGETS = {"brief": "briefs/sources/a.yaml", "tax": "briefs/taxonomy.yaml", "seed": "seeds/a.txt",
           "motive": "briefs/motives/opium.yaml", "actor": "briefs/actors/russia.yaml"}


def make_project(dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(BAD / "_project", dest)
    return dest


# A file outside the project, which no command may read, extract or publish.
SECRET = "root:x:0:0:a line of a file outside the project\n"


def outside(project: Path, name: str = "secret.txt", text: str = SECRET) -> Path:
    folder = project.parent / f"{project.name}-outside"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _move_out(project: Path, rel: str) -> None:
    """Move ``rel`` out of the project and leave a symbolic link to it in its place."""
    away = outside(project).parent / Path(rel).name
    shutil.move(project / rel, away)
    (project / rel).symlink_to(away)


def _copy_seed(project: Path, name: str) -> None:
    shutil.copy2(project / "seeds" / "a.txt", project / "seeds" / name)


def _grow(path: Path, filler: bytes, size: int = 50 * 2 ** 20) -> None:
    """``path`` made ``size`` bytes long by appending ``filler`` (50 MB: issue 20's figure)."""
    with open(path, "ab") as f:
        f.write(filler * ((size - path.stat().st_size) // len(filler) + 1))


# Cases made by changing the good project's files themselves (links, names), without a case file.
SETUPS = {
    "seeds-empty": lambda p: (p / "seeds" / "a.txt").unlink(),
    "seed-link-outside": lambda p: (p / "seeds" / "b.txt").symlink_to(outside(p)),
    "seed-link-inside": lambda p: _move_out(p, "seeds/a.txt"),
    "seed-sidecar-link": lambda p: (p / "seeds" / "a.meta.yaml").symlink_to(
        outside(p, "a.meta.yaml", "title: a secret title\n")),
    "seeds-folder-link": lambda p: _move_out(p, "seeds"),
    "brief-link": lambda p: (p / "briefs" / "sources" / "b.yaml").symlink_to(outside(p)),
    "brief-folder-link": lambda p: _move_out(p, "briefs/actors"),
    "tax-link": lambda p: _move_out(p, "briefs/taxonomy.yaml"),
    "seed-name-space": lambda p: _copy_seed(p, "my article.txt"),
    "seed-name-dash": lambda p: _copy_seed(p, "-rf.txt"),
    "seed-name-accent": lambda p: _copy_seed(p, "café.txt"),
    "seed-pair": lambda p: _copy_seed(p, "a.md"),
    # 50 MB where a few KB are expected: refused before it is read (issue 20, item 4)
    "brief-huge": lambda p: _grow(p / "briefs" / "sources" / "a.yaml", b"# padding\n"),
    "seed-huge": lambda p: _grow(p / "seeds" / "a.txt", b"Padding sentences, repeated. "),
}


def apply_case(name: str, project: Path) -> None:
    if name in SETUPS:
        SETUPS[name](project)
        return
    target = TARGETS[name.split("-")[0]]
    if name.startswith("motive-unknown"):
        (project / target).unlink()
        target = "briefs/motives/poppies.yaml"
    (project / target).write_bytes((BAD / "cases" / name).read_bytes())


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_case(name: str, project: Path, monkeypatch=None) -> list[C.Problem]:
    make_project(project)
    apply_case(name, project)
    import os
    cwd = os.getcwd()
    os.chdir(project)
    try:
        return C.check_project(Path("seeds"), Path("briefs"))
    finally:
        os.chdir(cwd)


def test_good_project_is_clean(tmp_path):
    project = make_project(tmp_path / "p")
    assert C.check_project(project / "seeds", project / "briefs") == []


def test_corpus_is_large_and_complete():
    files = {p.name for p in (BAD / "cases").iterdir()}
    assert len(CASES) >= 30
    assert files == {n for n in CASES if n not in SETUPS}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name, tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    apply_case(name, project)
    monkeypatch.chdir(project)
    before = snapshot(project)
    assert main(["check"]) == (1 if CASES[name] else 0)   # [] : odd input that is valid
    out = capsys.readouterr()
    got = [line for line in out.out.splitlines() if line]
    assert got == CASES[name], "\n".join(got)
    assert "outside the project\n" not in out.out + out.err and "secret title" not in out.out + out.err
    assert snapshot(project) == before, "brief check changed a file"


def test_real_project_is_clean():
    if not (ROOT / "briefs" / "sources").is_dir():
        pytest.skip("no real briefs")
    problems = C.check_project(ROOT / "seeds", ROOT / "briefs")
    assert problems == [], "\n".join(map(str, problems))


def test_problem_str():
    assert str(C.Problem("b/x.yaml", "boom", 12, 5)) == "b/x.yaml:12:5: boom"
    assert str(C.Problem("b/x.yaml", "boom")) == "b/x.yaml: boom"


def test_all_problems_of_a_file(tmp_path):
    project = make_project(tmp_path / "p")
    brief = project / "briefs/sources/a.yaml"
    text = brief.read_text(encoding="utf-8")
    text = text.replace("  motive: opium\n", "  motive: opiun\n").replace("  start: 260\n", "  start: x\n")
    text = text.replace("notes: null", "notes: null\nbogus: 1")
    brief.write_text(text, encoding="utf-8")
    messages = [p.message for p in C.check_project(project / "seeds", project / "briefs")]
    assert len(messages) == 3, messages


def test_fix_fills_offsets_of_manual_items(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    brief = project / "briefs/sources/a.yaml"
    text = brief.read_text(encoding="utf-8").replace("counters:\n", (
        "# the analyst's own find\n- motive: opium  # added by hand\n"
        "  quote: Russia has opened a channel to the Taliban.\n  status: manual\ncounters:\n"))
    brief.write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    assert "run `brief check --fix`" in capsys.readouterr().out
    assert main(["check", "--fix"]) == 0
    fixed = brief.read_text(encoding="utf-8")
    data = yaml.safe_load(fixed)
    item = data["motives"][-1]
    seed = (project / "seeds/a.txt").read_text(encoding="utf-8")
    assert seed[item["start"]:item["end"]] == item["quote"]
    assert item["anchor"] == "p3-s1" and item["id"].startswith("m-")
    assert item["prefix"].endswith("\n\n") and item["suffix"].startswith(" Officials")
    assert "# the analyst's own find" in fixed and "# added by hand" in fixed
    assert main(["check", "--fix"]) == 0
    assert brief.read_text(encoding="utf-8") == fixed     # nothing left to fix: not rewritten


def test_fix_never_writes_over_a_save_made_since_it_read(tmp_path, monkeypatch, capsys):
    """An analyst saves the brief while --fix works on it: the save stays, the brief is reported
    as not fixed, and the next --fix fixes what the person saved."""
    project = make_project(tmp_path / "p")
    brief = project / "briefs/sources/a.yaml"
    manual = ("- motive: opium\n  quote: Russia has opened a channel to the Taliban.\n"
              "  status: manual\ncounters:\n")
    brief.write_text(brief.read_text(encoding="utf-8").replace("counters:\n", manual), encoding="utf-8")
    saved = brief.read_text(encoding="utf-8").replace("notes: null", "notes: saved meanwhile")
    fix_text = C.fix_text

    def save_during_fix(*args):
        out = fix_text(*args)
        brief.write_text(saved, encoding="utf-8")   # the analyst's save, after --fix read the file
        return out
    monkeypatch.setattr(C, "fix_text", save_during_fix)
    monkeypatch.chdir(project)
    assert main(["check", "--fix"]) == 1     # the item is still not fixed
    assert brief.read_text(encoding="utf-8") == saved
    assert "not fixed briefs/sources/a.yaml: it was saved while being fixed" in capsys.readouterr().err
    assert not [p.name for p in brief.parent.iterdir() if p.name.startswith(".")]   # nothing staged left
    monkeypatch.setattr(C, "fix_text", fix_text)
    assert main(["check", "--fix"]) == 0
    fixed = yaml.safe_load(brief.read_text(encoding="utf-8"))
    assert fixed["notes"] == "saved meanwhile" and isinstance(fixed["motives"][-1]["start"], int)


def test_check_project_api_for_the_plugin(tmp_path):
    project = make_project(tmp_path / "p")
    apply_case("brief-unknown-motive.yaml", project)
    problems = C.check_project(project / "seeds", project / "briefs", None)
    assert [(p.line, p.column) for p in problems] == [(59, 11)]
    assert str(problems[0]).startswith(str(project / "briefs/sources/a.yaml") + ":59:11: ")




def test_an_unreadable_source_brief_makes_no_actor_unknown(tmp_path):
    """A source brief whose YAML is broken may name any actor: its own problem is reported,
    not "unknown actor" on each actor brief that only it names (by `brief check` and by the
    cached check the build runs)."""
    from generator.cache.check import check_briefs
    project = make_project(tmp_path / "p")
    brief = project / "briefs/sources/a.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "motives:\n", "- actor: orla-venkat\n  name: Orla Venkat\n  kind: person\n  count: 1\n"
        "  forms:\n  - Orla Venkat\n  status: auto\nmotives:\n"), encoding="utf-8")
    actor = (project / "briefs/actors/zamir-kabulov.yaml").read_text(encoding="utf-8")
    (project / "briefs/actors/orla-venkat.yaml").write_text(
        actor.replace("zamir-kabulov", "orla-venkat").replace("Zamir Kabulov", "Orla Venkat"), encoding="utf-8")
    seeds, briefs = project / "seeds", project / "briefs"
    assert C.check_project(seeds, briefs) == [] == check_briefs(seeds, briefs)
    brief.write_text(brief.read_text(encoding="utf-8").replace("notes: null", "notes: see: the map"),
                     encoding="utf-8")
    expected = [f"{brief}:17:11: {reader.COLON}"]
    assert [str(p) for p in C.check_project(seeds, briefs)] == expected
    assert [str(p) for p in check_briefs(seeds, briefs)] == expected
    (project / "briefs/actors/orla-venkat.yaml").write_text(actor.replace(
        "zamir-kabulov", "brannoch-ilse").replace("Zamir Kabulov", "Brannoch Ilse"), encoding="utf-8")
    brief.write_text(brief.read_text(encoding="utf-8").replace("notes: see: the map", "notes: null"),
                     encoding="utf-8")
    unknown = [p.message for p in C.check_project(seeds, briefs)]
    assert unknown == ["id 'brannoch-ilse' differs from the file name 'orla-venkat'",
                       "unknown actor 'brannoch-ilse': not in the taxonomy nor in any source brief"]


@pytest.mark.parametrize("status, text, stale_reported", [
    ("auto", None, True),                            # the machine's summary: its sentences hold
    ("confirmed", None, True),                       # confirmed as it is: shown as those sentences
    ("manual", "Moscow courts the Taliban.", False),  # a person's own text, shown as written
    ("confirmed", "Moscow courts the Taliban.", False),
])
def test_a_persons_summary_leaves_the_machines_sentences_unchecked(tmp_path, status, text, stale_reported):
    """The sentences a rewritten summary leaves behind are no page's quotes: when the article
    is edited and they go stale, neither `brief check` nor the site's build fails on them."""
    from generator.site.load import load_site
    project = make_project(tmp_path / "p")
    brief = project / "briefs/sources/a.yaml"
    seed = (project / "seeds/a.txt").read_text(encoding="utf-8")
    quote = "Officials in Moscow say the Islamic State threat in Afghanistan worries Russia and Central Asia."
    start = seed.index(quote) + 1        # one character off: the article was edited since
    block = (f"summary:\n  text: {text or quote}\n  status: {status}\n  sentences:\n  - anchor: p3-s9\n"
             f"    start: {start}\n    end: {start + len(quote)}\n    quote: {quote}\n")
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "summary:\n  text: null\n  status: auto\n", block), encoding="utf-8")
    found = [p.message for p in C.check_project(project / "seeds", project / "briefs")]
    assert bool(found) == stale_reported, found
    site = load_site(project / "briefs", project / "seeds")
    anchors = [p.message for p in site.problems if "anchor 'p3-s9'" in p.message]
    assert bool(anchors) == stale_reported, [p.message for p in site.problems]


def test_a_misplaced_quote_that_occurs_twice_is_not_sent_to_fix(tmp_path, monkeypatch, capsys):
    """`--fix` places a quote that occurs once and chooses none of several places, so `brief
    check` names the places and asks for start instead of advising a `--fix` that does nothing."""
    project = make_project(tmp_path / "p")
    seed, brief = project / "seeds/a.txt", project / "briefs/sources/a.yaml"
    quote = "Officials in Moscow say the Islamic State threat in Afghanistan worries Russia and Central Asia."
    text = seed.read_text(encoding="utf-8") + "\n" + quote + "\n"
    seed.write_text(text, encoding="utf-8")
    first, second = text.index(quote), text.rindex(quote)
    data = brief.read_text(encoding="utf-8")
    data = re.sub(r"sha256: \w+", f"sha256: {hashlib.sha256(text.encode()).hexdigest()}", data, count=1)
    brief.write_text(data.replace(f"  start: {first}\n  end: {first + len(quote)}\n",
                                  f"  start: {first + 3}\n  end: {first + 3 + len(quote)}\n"), encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["check", "--fix"]) == 1 and main(["check"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("briefs/")]
    assert lines[-1].endswith(f"quote is not at {first + 3}:{first + 3 + len(quote)} in a.txt (it occurs 2 "
                              f"times, at {first}, {second}): set start to the place meant"), lines


def test_a_flagged_item_is_reported_once_by_the_build(tmp_path):
    """An item extraction flagged (it could not place it again) is reported by its flag, not
    also as "quote differs ...; re-run extraction", which would not mend it."""
    from generator.site.load import load_site
    project = make_project(tmp_path / "p")
    brief = project / "briefs/sources/a.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "  start: 90\n  end: 186\n  anchor: p3-s2\n  status: auto\n",
        "  start: 93\n  end: 189\n  anchor: p3-s2\n  status: confirmed\n  flag: the quote occurs 2 times in "
        "the article; set start to the place meant\n"), encoding="utf-8")
    site = load_site(project / "briefs", project / "seeds")
    messages = [p.message for p in site.problems]
    assert len(messages) == 1 and messages[0].startswith("flagged on re-extraction: the quote occurs 2 times"), messages
