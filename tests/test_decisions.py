"""A human decision is never undone by the machine (issue 20, item 9): a rejection (like a
confirmation) follows its sentence through a small edit, and `brief extract` says what it
could not place; a brief saved during a run is merged again, never overwritten; a machine-made
motive or actor brief about nothing any more is removed, a person's kept and reported. (Two
articles of one name, x.txt and x.md, are refused: tests/test_paths.py.)"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import extracted_good_project
from generator.briefs import extraction
from generator.briefs.extraction import extract_all
from generator.cli import main
from generator.site.load import load_site

COUNTER = "Critics reply that the Taliban profit from opium."
TYPO_FIXED = "Critics reply that the Taliban profits from opium."
REWRITTEN = "Others answer that opium money flows to the Taliban."
MOTIVE = "Officials in Moscow say the Islamic State threat in Afghanistan worries Russia and Central Asia."


@pytest.fixture
def project(tmp_path) -> Path:
    """tests/bad's good project, extracted afresh."""
    return extracted_good_project(tmp_path)


def _brief(project: Path) -> dict:
    return yaml.safe_load((project / "briefs" / "sources" / "a.yaml").read_text(encoding="utf-8"))


def _decide(project: Path, quote: str, status: str) -> str:
    """Set the status of the item quoting ``quote`` (as an analyst does, in place); its id."""
    path = project / "briefs" / "sources" / "a.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"  quote: {quote}\n")
    status_at = text.index("  status: auto\n", at)
    path.write_text(text[:status_at] + f"  status: {status}\n" + text[status_at + len("  status: auto\n"):],
                    encoding="utf-8")
    start = text.rindex("- id: ", 0, at)
    return text[start + 6:text.index("\n", start)]


def _edit_seed(project: Path, old: str, new: str) -> None:
    seed = project / "seeds" / "a.txt"
    text = seed.read_text(encoding="utf-8")
    assert old in text
    seed.write_text(text.replace(old, new), encoding="utf-8")


def _items(brief: dict) -> list[dict]:
    return [i for kind in ("motives", "counters", "quotes", "events", "figures") for i in brief.get(kind) or []]


def test_a_rejection_and_a_confirmation_follow_their_sentence_through_a_typo_fix(project, monkeypatch, capsys):
    rejected = _decide(project, COUNTER, "rejected")
    confirmed = _decide(project, MOTIVE, "confirmed")
    _edit_seed(project, COUNTER, TYPO_FIXED)
    _edit_seed(project, "worries Russia", "worries  Russia")   # a doubled space
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    brief = _brief(project)
    fixed = [i for i in _items(brief) if i["quote"] == TYPO_FIXED]
    assert [i["status"] for i in fixed] == ["rejected"]        # no unreviewed copy came back
    assert not any(i["quote"] == COUNTER for i in _items(brief))
    seed = (project / "seeds" / "a.txt").read_text(encoding="utf-8")
    assert seed[fixed[0]["start"]:fixed[0]["end"]] == TYPO_FIXED and "flag" not in fixed[0]
    moved = [i for i in brief["motives"] if i["status"] == "confirmed"]
    assert len(moved) == 1 and moved[0]["quote"] == MOTIVE.replace("worries Russia", "worries  Russia")
    assert f"briefs/sources/a.yaml: the rejected item {rejected} follows its sentence, edited in the " \
           f"article (now {fixed[0]['id']})" in out.splitlines()
    assert f"the confirmed item {confirmed} follows its sentence" in out
    assert main(["check"]) == 0
    site = load_site(project / "briefs", project / "seeds")
    shown = [i.quote for s in site.sources for i in s.items]
    assert TYPO_FIXED not in shown and MOTIVE.replace("worries Russia", "worries  Russia") in shown


def test_a_rejection_that_cannot_be_placed_is_reported_by_extract_and_check(project, monkeypatch, capsys):
    rejected = _decide(project, COUNTER, "rejected")
    _edit_seed(project, COUNTER, REWRITTEN)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert f"briefs/sources/a.yaml: the rejected item {rejected} could not be placed in the article " \
           "(the quote is no longer in the article: its sentence was removed or reworded); kept with " \
           "a flag: review it" in out.splitlines()
    kept = [i for i in _items(_brief(project)) if i.get("id") == rejected]
    assert kept and kept[0]["status"] == "rejected" and kept[0]["flag"]
    assert main(["check"]) == 1
    assert "this rejection no longer holds any sentence" in capsys.readouterr().out


def test_a_brief_saved_during_the_run_is_merged_again_not_overwritten(project, monkeypatch, capsys):
    """The analyst saves the brief after the run read it and before it replaces it."""
    _edit_seed(project, COUNTER, COUNTER + " Moscow denies it.")   # the article changes too
    target = project / "briefs" / "sources" / "a.yaml"
    real, saves = extraction._extract_one, []

    def then_the_analyst_saves(path, brief_path, token):
        result = real(path, brief_path, token)
        if not saves:
            saves.append(1)
            _decide(project, MOTIVE, "confirmed")
            with open(target, "a", encoding="utf-8") as f:
                f.write("# checked against the print edition\n")
        return result
    monkeypatch.setattr(extraction, "_extract_one", then_the_analyst_saves)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    text = target.read_text(encoding="utf-8")
    brief = yaml.safe_load(text)
    assert [i["status"] for i in brief["motives"] if i["quote"] == MOTIVE] == ["confirmed"]
    assert "# checked against the print edition" in text             # the analyst's edit, kept
    assert brief["source"]["sha256"] == _seed_sha(project)          # and the article merged in
    assert "changed while brief extract ran" not in capsys.readouterr().out


def _seed_sha(project: Path) -> str:
    import hashlib
    return hashlib.sha256((project / "seeds" / "a.txt").read_bytes()).hexdigest()


def test_a_brief_that_keeps_changing_is_left_as_saved(project, monkeypatch, capsys):
    _edit_seed(project, COUNTER, COUNTER + " Moscow denies it.")
    target = project / "briefs" / "sources" / "a.yaml"
    real, count = extraction._extract_one, [0]

    def saved_again_every_time(path, brief_path, token):
        result = real(path, brief_path, token)
        count[0] += 1
        with open(target, "a", encoding="utf-8") as f:
            f.write(f"# save {count[0]}\n")
        return result
    monkeypatch.setattr(extraction, "_extract_one", saved_again_every_time)
    monkeypatch.chdir(project)
    before = target.read_text(encoding="utf-8")
    assert main(["extract", "--jobs", "1"]) == 0
    assert target.read_text(encoding="utf-8") == before + "".join(f"# save {n}\n" for n in range(1, count[0] + 1))
    assert yaml.safe_load(before)["source"]["sha256"] != _seed_sha(project)   # not merged: as saved
    assert count[0] == 1 + extraction.MERGE_AGAIN
    out = capsys.readouterr().out
    assert "kept briefs/sources/a.yaml: it changed while brief extract ran" in out
    assert not list((project / "briefs" / "sources").glob(".*.tmp"))
    # the next run merges the article into the brief as saved
    monkeypatch.setattr(extraction, "_extract_one", real)
    assert main(["extract", "--jobs", "1"]) == 0
    text = target.read_text(encoding="utf-8")
    assert "# save 1\n" in text and yaml.safe_load(text)["source"]["sha256"] == _seed_sha(project)


def test_a_motive_brief_saved_during_the_run_is_merged_again(project, monkeypatch):
    _edit_seed(project, COUNTER, COUNTER + " Moscow denies it.")
    motive = project / "briefs" / "motives" / "opium.yaml"
    from generator.briefs import cross_source
    real, done = cross_source.cross_text, []

    def then_the_analyst_writes_notes(existing, doc, path):
        result = real(existing, doc, path)
        if path == motive and not done:
            done.append(1)
            motive.write_text(motive.read_text(encoding="utf-8").replace(
                "notes: null", "notes: Ask the desk about 2017."), encoding="utf-8")
        return result
    monkeypatch.setattr(cross_source, "cross_text", then_the_analyst_writes_notes)
    extract_all(project / "seeds", project / "briefs", jobs=1)
    assert yaml.safe_load(motive.read_text(encoding="utf-8"))["notes"] == "Ask the desk about 2017."


PERSON = "The analyst Ivan Petrov said the talks would fail. "


def test_briefs_about_nothing_any_more_are_removed_or_kept_and_reported(project, monkeypatch, capsys):
    _edit_seed(project, "Moscow.", "Moscow. " + PERSON.strip() + " Moscow disagreed.")
    _edit_seed(project, "Critics reply", "Anna Orlova said Critics reply")   # a second person
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    actors = project / "briefs" / "actors"
    assert (actors / "ivan-petrov.yaml").is_file() and (actors / "anna-orlova.yaml").is_file()
    person_brief = actors / "anna-orlova.yaml"     # an analyst writes in this one
    person_brief.write_text(person_brief.read_text(encoding="utf-8").replace(
        "notes: null", "notes: A source in Moscow."), encoding="utf-8")
    _edit_seed(project, PERSON, "")
    _edit_seed(project, "Anna Orlova said Critics reply", "Critics reply")
    capsys.readouterr()
    assert main(["extract", "--jobs", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not (actors / "ivan-petrov.yaml").exists()
    assert "removed briefs/actors/ivan-petrov.yaml: nothing in the sources is about it any more" in out
    assert person_brief.is_file() and "A source in Moscow." in person_brief.read_text(encoding="utf-8")
    assert ("kept briefs/actors/anna-orlova.yaml: nothing in the sources is about it any more, but a "
            "person wrote in it (summary, notes or comments); delete it once they are not needed") in out
    assert main(["check"]) == 1    # the kept one names an actor no source knows: the person decides
    assert [line for line in capsys.readouterr().out.splitlines() if line] == [
        "briefs/actors/anna-orlova.yaml:4:5: unknown actor 'anna-orlova': not in the taxonomy nor in any "
        "source brief"]
    person_brief.unlink()
    assert main(["check"]) == 0


def test_an_edit_saved_while_a_real_run_works_survives(tmp_path):
    """The issue's case, as it happens: `brief extract` of many articles in a process of its
    own; the analyst saves a brief the run has already read (its staged copy is there)."""
    import subprocess
    import sys
    import time
    from conftest import REPO, mkdocs_env
    from generator.bench.corpus import make_corpus
    project = tmp_path / "p"
    (project / "briefs").mkdir(parents=True)
    (project / "briefs" / "taxonomy.yaml").write_bytes((REPO / "briefs" / "taxonomy.yaml").read_bytes())
    make_corpus(REPO / "seeds", project / "seeds", 40)
    extract_all(project / "seeds", project / "briefs", jobs=1)
    for seed in (project / "seeds").glob("*.txt"):   # every article corrected: all re-extracted
        seed.write_text(seed.read_text(encoding="utf-8") + "\nRussia denies it.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "extract", "--jobs", "2"], cwd=project,
                            env=mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        deadline, staged = time.monotonic() + 120, []
        while not staged and time.monotonic() < deadline and proc.poll() is None:
            staged = sorted((project / "briefs" / "sources").glob(".*.tmp"))
            time.sleep(0.01)
        assert staged, "the run staged nothing"
        brief = project / "briefs" / "sources" / staged[0].name.split(".yaml.")[0].lstrip(".")
        brief = brief.with_suffix(".yaml")
        with open(brief, "a", encoding="utf-8") as f:     # saved after the run read it
            f.write("# the analyst's note, saved mid-run\n")
        out, _ = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            import os
            import signal
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    assert proc.returncode == 0, out
    text = brief.read_text(encoding="utf-8")
    assert "# the analyst's note, saved mid-run\n" in text
    seed = project / "seeds" / f"{brief.stem}.txt"
    import hashlib
    assert yaml.safe_load(text)["source"]["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest() \
        or f"kept {brief.relative_to(project)}: it changed while brief extract ran" in out


def test_brief_build_says_what_became_of_the_decisions(project, tmp_path):
    import subprocess
    import sys
    from conftest import REPO, mkdocs_env
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs")
    rejected = _decide(project, COUNTER, "rejected")
    _edit_seed(project, COUNTER, TYPO_FIXED)
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(tmp_path / "site")],
                          cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert f"the rejected item {rejected} follows its sentence, edited in the article" in proc.stderr


def _empty_list(project: Path, key: str) -> str:
    """Delete every item of the brief's list ``key`` by hand, as an analyst does: ``key:`` is
    left with nothing after it (YAML's null)."""
    path = project / "briefs" / "sources" / "a.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{key}:\n") + len(f"\n{key}:\n")
    end = next(i for i in range(start, len(text)) if text[i - 1] == "\n" and text[i].isalpha())
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return text[start:end]


def test_the_last_item_deleted_as_check_advises_leaves_a_brief_that_works(project, monkeypatch, capsys):
    # session 18's analyst: a rejected counterargument whose sentence left the article is
    # flagged, `brief check` says to delete it; it was the list's only item, and `counters:`
    # with nothing after it stopped `brief check`, every `brief extract` and the build
    rejected = _decide(project, COUNTER, "rejected")
    _edit_seed(project, COUNTER, "An invented sentence about the weather replaces it.")
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    assert main(["check"]) == 1
    assert "then delete this one" in capsys.readouterr().out
    deleted = _empty_list(project, "counters")
    assert rejected in deleted and deleted.count("- id: ") == 1
    assert main(["check"]) == 0, capsys.readouterr().out
    assert main(["extract", "--jobs", "1"]) == 0
    brief = _brief(project)
    assert brief["counters"] == [] and not any(i.get("id") == rejected for i in _items(brief))
    assert "\ncounters: []\n" in (project / "briefs" / "sources" / "a.yaml").read_text(encoding="utf-8")
    site = load_site(project / "briefs", project / "seeds")
    assert site.sources and main(["export"]) == 0 and main(["review"]) == 0


OPENED = "Russia has opened a channel to the Taliban."
REWORDED = "Russia has now opened a channel to the Taliban."


def _add_manual_motive(project: Path, quote: str) -> None:
    """An analyst adds a motive the extraction did not find: label, quote and status alone."""
    path = project / "briefs" / "sources" / "a.yaml"
    text = path.read_text(encoding="utf-8")
    mine = f"- motive: opium\n  quote: {quote}\n  status: manual\n  comment: Mine, not the machine's.\n"
    path.write_text(text.replace("\nmotives:\n", "\nmotives:\n" + mine, 1), encoding="utf-8")


def _manual(project: Path) -> list[dict]:
    return [i for i in _brief(project)["motives"] if i["status"] == "manual"]


def test_a_manual_item_follows_its_reworded_sentence_as_a_confirmed_one_does(project, monkeypatch, capsys):
    _add_manual_motive(project, OPENED)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    [placed] = _manual(project)
    assert OPENED not in [i["quote"] for i in _brief(project)["motives"] if i["status"] == "auto"]
    _edit_seed(project, OPENED, REWORDED)
    capsys.readouterr()
    assert main(["extract", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    [moved] = _manual(project)
    seed = (project / "seeds" / "a.txt").read_text(encoding="utf-8")
    assert moved["quote"] == REWORDED and seed[moved["start"]:moved["end"]] == REWORDED
    assert (moved["start"], moved["end"]) == (placed["start"], placed["end"] + 4)
    assert moved["comment"] == "Mine, not the machine's." and "flag" not in moved
    assert moved["anchor"] == placed["anchor"] and moved["id"] != placed["id"]
    assert f"briefs/sources/a.yaml: the manual item {placed['id']} follows its sentence, edited in the " \
           f"article (now {moved['id']})" in out.splitlines()
    assert main(["check"]) == 0
    capsys.readouterr()
    assert main(["extract", "--jobs", "1"]) == 0      # and stays put
    assert _manual(project) == [moved]


def test_a_manual_item_whose_sentence_is_gone_is_flagged_with_its_line(project, monkeypatch, capsys):
    _add_manual_motive(project, OPENED)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    [placed] = _manual(project)
    _edit_seed(project, OPENED + " ", "")
    capsys.readouterr()
    assert main(["extract", "--jobs", "1"]) == 0
    assert f"briefs/sources/a.yaml: the manual item {placed['id']} could not be placed in the article " \
           "(the quote is no longer in the article: its sentence was removed or reworded); kept with " \
           "a flag: review it" in capsys.readouterr().out.splitlines()
    [kept] = _manual(project)
    assert kept["quote"] == OPENED and kept["flag"] and kept["start"] == placed["start"]
    assert main(["check"]) == 1
    text = (project / "briefs" / "sources" / "a.yaml").read_text(encoding="utf-8")
    line = text[:text.index("  flag: ")].count("\n") + 1
    assert any(f"sources/a.yaml:{line}:" in row and "flagged on re-extraction" in row
               for row in capsys.readouterr().out.splitlines())
