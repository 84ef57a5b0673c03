"""An item a person moved by hand into another source's brief (session 19's analyst).

Its words verbatim in the brief's own article (unchanged since extraction): the item is placed
there, silently, as the person meant. Its words not in that article: flagged as such (not as a
reworded sentence), and `brief check` says which other article holds them, at path:line:column.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from conftest import extracted_good_project
from generator.briefs.anchor import FLAG_NOT_HERE
from generator.briefs.extraction import extract_all
from generator.cli import main

MOTIVE = "Officials in Moscow say the Islamic State threat in Afghanistan worries Russia and Central Asia."
OTHER = ("Trade Routes Through Kabul\n\nDiplomats in Tashkent met on Monday to weigh new rail links "
         "across the Amu Darya. The envoys parted without a joint statement.\n")


def _brief_path(project: Path, sid: str) -> Path:
    return project / "briefs" / "sources" / f"{sid}.yaml"


def _load(project: Path, sid: str) -> dict:
    return yaml.safe_load(_brief_path(project, sid).read_text(encoding="utf-8"))


def _save(project: Path, sid: str, data: dict) -> None:
    _brief_path(project, sid).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")


def _project(tmp_path: Path, other: str) -> Path:
    """The good project with a second article ``b``; a's motive confirmed, commented, then
    moved by hand (cut from a's brief, pasted into b's)."""
    project = extracted_good_project(tmp_path)
    (project / "seeds" / "b.txt").write_text(other, encoding="utf-8")
    extract_all(project / "seeds", project / "briefs", jobs=1)
    a, b = _load(project, "a"), _load(project, "b")
    item = next(i for i in a["motives"] if i["quote"] == MOTIVE)
    item.update(status="confirmed", comment="an invented remark",
                prefix="Russia has opened a channel to the Taliban. ", suffix="\n\nZamir Kabulov said")
    a["motives"] = [i for i in a["motives"] if i is not item]
    # pasted in place of the machine's copy, if b's extraction found the sentence too
    b["motives"] = [*(i for i in b.get("motives") or [] if i["id"] != item["id"]), item]
    _save(project, "a", a)
    _save(project, "b", b)
    return project


def _moved(brief: dict) -> list[dict]:
    return [i for i in brief["motives"] if i.get("comment") == "an invented remark"]


def test_an_item_moved_to_an_article_that_holds_its_words_is_placed_there(tmp_path, monkeypatch, capsys):
    other = OTHER + "\nA columnist in Almaty put it plainly. " + MOTIVE + "\n"
    project = _project(tmp_path, other)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    capsys.readouterr()
    [item] = _moved(_load(project, "b"))
    assert "flag" not in item and item["status"] == "confirmed"
    assert other[item["start"]:item["end"]] == MOTIVE and item["start"] == other.index(MOTIVE)
    assert item["prefix"] == other[item["start"] - 32:item["start"]]
    assert main(["check"]) == 0, capsys.readouterr().out


def test_an_item_moved_to_an_article_without_its_words_says_where_they_are(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path, OTHER)
    monkeypatch.chdir(project)
    assert main(["check"]) == 1         # before extraction: the quote is not in b.txt, but in a.txt
    text = (project / "seeds" / "a.txt").read_text(encoding="utf-8")
    at = text.index(MOTIVE)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    where = f"it is found in another article, seeds/a.txt:{line}:{column}: was the item moved here"
    out = capsys.readouterr().out
    assert "quote not found verbatim in b.txt; " + where in out
    assert main(["extract", "--jobs", "1"]) == 0
    capsys.readouterr()
    [item] = _moved(_load(project, "b"))
    assert item["flag"] == FLAG_NOT_HERE and "reworded" not in item["flag"]
    assert main(["check"]) == 1
    [problem] = [p for p in capsys.readouterr().out.splitlines() if "b.yaml" in p]
    assert problem.startswith("briefs/sources/b.yaml:") and f"{FLAG_NOT_HERE}; {where}" in problem


@pytest.mark.parametrize("edit", ["a.txt", "b.txt"])
def test_the_cached_check_sees_the_other_article_change(tmp_path, monkeypatch, capsys, edit):
    # the hint depends on every seed: an edit of either article is seen by the next check
    project = _project(tmp_path, OTHER)
    monkeypatch.chdir(project)
    main(["check"])
    assert "seeds/a.txt:" in capsys.readouterr().out
    seed = project / "seeds" / edit
    seed.write_text(seed.read_text(encoding="utf-8").replace("Islamic State", "ISIS"), encoding="utf-8")
    main(["check"])
    out = [p for p in capsys.readouterr().out.splitlines() if "b.yaml" in p and "verbatim" in p]
    assert out and all("another article" in p for p in out) == (edit == "b.txt")


def test_an_item_pasted_back_beside_the_machines_copy_of_it_wins(tmp_path, monkeypatch, capsys):
    # cut from a's brief (moved to b's), extracted (a's copy comes back, unreviewed), then
    # pasted back into a's: the person's item and the machine's copy share the id
    project = _project(tmp_path, OTHER)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    b = _load(project, "b")
    [item] = _moved(b)
    b["motives"] = [i for i in b["motives"] if i is not item]
    _save(project, "b", b)
    a = _load(project, "a")
    [twin] = [i for i in a["motives"] if i["id"] == item["id"]]
    assert twin["status"] == "auto"
    a["motives"].append({k: v for k, v in item.items() if k != "flag"})
    _save(project, "a", a)
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"duplicate id {item['id']!r}: an unreviewed copy of the confirmed item at line" in out
    assert main(["extract", "--jobs", "1"]) == 0
    kept = [i for i in _load(project, "a")["motives"] if i["id"] == item["id"]]
    assert [(i["status"], i.get("comment")) for i in kept] == [("confirmed", "an invented remark")]
    assert "flag" not in kept[0]
    capsys.readouterr()
    assert main(["check"]) == 0, capsys.readouterr().out


def test_two_items_a_person_owns_under_one_id_still_stop_extraction(tmp_path, monkeypatch, capsys):
    project = extracted_good_project(tmp_path)
    a = _load(project, "a")
    item = next(i for i in a["motives"] if i["quote"] == MOTIVE)
    item["status"] = "confirmed"
    a["motives"].append({**copy.deepcopy(item), "status": "rejected"})
    _save(project, "a", a)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 1
    assert f"duplicate id {item['id']!r} (first at line" in capsys.readouterr().err
