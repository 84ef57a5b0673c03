"""A seed file renamed takes its brief, and a person's edits in it, along (briefs/renames.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import extracted_good_project
from generator.briefs import extraction
from generator.briefs.extraction import extract_all
from generator.cli import main

MOTIVE = "Officials in Moscow say the Islamic State threat in Afghanistan worries Russia and Central Asia."


@pytest.fixture
def project(tmp_path) -> Path:
    """tests/bad's good project, extracted afresh, one motive confirmed with a comment."""
    project = extracted_good_project(tmp_path)
    path = project / "briefs" / "sources" / "a.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  status: auto\n", text.index(f"  quote: {MOTIVE}\n"))
    path.write_text(text[:at] + "  status: confirmed\n  comment: an invented remark\n"
                    + text[at + len("  status: auto\n"):], encoding="utf-8")
    return project


def _brief(project: Path, name: str) -> dict:
    return yaml.safe_load((project / "briefs" / "sources" / f"{name}.yaml").read_text(encoding="utf-8"))


def _decided(brief: dict) -> list[tuple]:
    return [(i["status"], i.get("comment")) for i in brief["motives"] if i["quote"] == MOTIVE]


def test_a_renamed_seed_takes_its_brief_and_the_edits_in_it(project, monkeypatch, capsys):
    (project / "seeds" / "a.txt").rename(project / "seeds" / "b.txt")
    monkeypatch.chdir(project)
    assert main(["check"]) == 1   # what the run will do, said before it
    assert "briefs/sources/a.yaml:6:9: unknown source: a.txt not found in seeds; the article is now " \
           "seeds/b.txt (the same bytes): `brief extract` moves this brief there" in capsys.readouterr().out
    assert main(["extract", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "moved briefs/sources/a.yaml to briefs/sources/b.yaml: its article was renamed to b.txt " \
           "(the same bytes); the edits in it go with it" in out.splitlines()
    assert not (project / "briefs" / "sources" / "a.yaml").exists()
    brief = _brief(project, "b")
    assert brief["id"] == "b" and brief["source"]["file"] == "b.txt"
    assert _decided(brief) == [("confirmed", "an invented remark")]
    assert main(["check"]) == 0
    assert main(["extract", "--jobs", "1"]) == 0 and "0 written" in capsys.readouterr().out


def test_a_fresh_brief_the_new_name_got_already_gives_way(project, monkeypatch, capsys):
    # the renamed seed was extracted once before (a version that left the brief behind): the
    # new name's brief is the machine's alone, and the person's brief replaces it
    (project / "seeds" / "a.txt").rename(project / "seeds" / "b.txt")
    monkeypatch.setattr(extraction, "follow_renames", lambda files, briefs: [])
    extract_all(project / "seeds", project / "briefs", jobs=1)
    assert _decided(_brief(project, "b")) == [("auto", None)]
    monkeypatch.undo()
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    assert _decided(_brief(project, "b")) == [("confirmed", "an invented remark")]
    assert not (project / "briefs" / "sources" / "a.yaml").exists()


@pytest.mark.parametrize("case", ["edited too", "person wrote in the new brief", "bytes twice",
                                  "the machine's alone"])
def test_no_brief_is_moved_when_the_bytes_do_not_say_which(project, monkeypatch, capsys, case):
    seeds = project / "seeds"
    (seeds / "a.txt").rename(seeds / "b.txt")
    if case == "edited too":
        (seeds / "b.txt").write_text((seeds / "b.txt").read_text(encoding="utf-8") + "\nMore.\n",
                                     encoding="utf-8")
    elif case == "person wrote in the new brief":
        shutil.copy2(project / "briefs" / "sources" / "a.yaml", project / "briefs" / "sources" / "b.yaml")
        text = (project / "briefs" / "sources" / "b.yaml").read_text(encoding="utf-8")
        (project / "briefs" / "sources" / "b.yaml").write_text(
            text.replace("id: a\n", "id: b\n").replace("file: a.txt\n", "file: b.txt\n"), encoding="utf-8")
    elif case == "bytes twice":
        shutil.copy2(seeds / "b.txt", seeds / "c.txt")
    else:
        path = project / "briefs" / "sources" / "a.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "  status: confirmed\n  comment: an invented remark\n", "  status: auto\n"), encoding="utf-8")
    before = (project / "briefs" / "sources" / "a.yaml").read_bytes()
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith("moved ")]
    if case == "the machine's alone":   # removed: b's fresh brief is what it would be
        assert "removed briefs/sources/a.yaml: its article is no longer in the seeds" in out
        assert not (project / "briefs" / "sources" / "a.yaml").exists() and main(["check"]) == 0
        return
    assert "kept a: its article is no longer in the seeds, and a person wrote in it" in out
    assert (project / "briefs" / "sources" / "a.yaml").read_bytes() == before


def test_a_deleted_articles_brief_goes_unless_a_person_wrote_in_it(project, monkeypatch, capsys):
    # the machine's brief of a deleted article left every build refused on an unknown source
    seeds = project / "seeds"
    (seeds / "c.txt").write_text("Kabul, invented. Moscow says the Taliban can hold back the Islamic State.\n",
                                 encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0 and (project / "briefs" / "sources" / "c.yaml").is_file()
    (seeds / "c.txt").unlink()
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "briefs/sources/c.yaml:6:9: unknown source: c.txt not found in seeds; no person wrote in " \
           "this brief: `brief extract` removes it" in capsys.readouterr().out
    assert main(["extract", "--jobs", "1"]) == 0
    assert "removed briefs/sources/c.yaml: its article is no longer in the seeds" in capsys.readouterr().out
    assert not (project / "briefs" / "sources" / "c.yaml").exists() and main(["check"]) == 0
    (seeds / "a.txt").rename(project / "a.txt.away")   # a's brief holds a confirmation and a comment
    (seeds / "c.txt").write_text("Kabul, invented. Another article.\n", encoding="utf-8")
    before = (project / "briefs" / "sources" / "a.yaml").read_bytes()
    assert main(["extract", "--jobs", "1"]) == 0
    assert "kept a: its article is no longer in the seeds, and a person wrote in it" in capsys.readouterr().out
    assert main(["check"]) == 1
    assert "not found in seeds; put the article back, or delete this brief" in capsys.readouterr().out
    assert (project / "briefs" / "sources" / "a.yaml").read_bytes() == before
