"""``cache.files`` and ``cache.stamps``: the one atomic write, the one stamp, the one fingerprint."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.briefs.problem import Problem
from generator.cache import files, stamps


def test_atomic_write_replaces_whole_and_skips_what_is_already_there(tmp_path):
    path = tmp_path / "deep" / "page.md"
    assert files.atomic_write(path, "first\n") is True          # the folder is made
    assert path.read_bytes() == b"first\n"
    path.chmod(0o640)
    before = stamps.stamp(path)
    assert files.atomic_write(path, "first\n") is False         # unchanged: not touched
    assert stamps.stamp(path) == before
    assert files.atomic_write(path, b"second\r\n") is True      # bytes as they are
    assert path.read_bytes() == b"second\r\n"
    assert path.stat().st_mode & 0o777 == 0o640                 # the mode a person gave it
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.md"]   # no temporary left


def test_atomic_write_refuses_a_link_and_leaves_its_target(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "brief.yaml"
    link.symlink_to(target)
    with pytest.raises(Problem):
        files.atomic_write(link, "written\n")
    assert target.read_text(encoding="utf-8") == "kept\n" and link.is_symlink()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "cache.bin"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with files.atomic_file(path) as f:
            f.write(b"half of the new")
            raise RuntimeError("killed half way")
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["cache.bin"]


def test_clean_stale_removes_only_what_a_finished_run_left(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = tmp_path / f".a.yaml.x1y2.{dead}-w.tmp"
    mine = tmp_path / f".b.yaml.x1y2.{files.token()}.tmp"
    brief = tmp_path / "a.yaml"
    for p in (left, mine, brief):
        p.write_text("x", encoding="utf-8")
    assert files.clean_stale(tmp_path) == [left]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, brief.name])


def test_stamp_of_a_missing_file_is_none_and_an_edit_changes_it(tmp_path):
    path = tmp_path / "a.yaml"
    assert stamps.stamp(path) is None and stamps.stamp(None) is None
    path.write_text("a: 1\n", encoding="utf-8")
    first = stamps.stamp(path)
    path.write_text("a: 12\n", encoding="utf-8")
    assert first is not None and stamps.stamp(path) != first


def test_stamps_snapshot_reads_each_file_once(tmp_path):
    """Within ``snapshot()`` a file's stamp is the one first read (a rebuild under serve stats
    each file once); outside it, and in the next block, the file as it is now."""
    snapshot, stamp = stamps.snapshot, stamps.stamp
    path = tmp_path / "a.yaml"
    path.write_text("one\n")
    before = stamp(path)
    with snapshot():
        assert stamp(path) == before and stamp(tmp_path / "missing") is None
        path.write_text("one and two\n")
        os.utime(path, ns=(1, 1))
        assert stamp(path) == before and stamp(str(path)) == before
        (tmp_path / "missing").write_text("now\n")
        assert stamp(tmp_path / "missing") is None
    assert stamp(path) == [len("one and two\n"), 1] != before
    with snapshot():
        assert stamp(path) == [len("one and two\n"), 1] and stamp(tmp_path / "missing") is not None


def test_a_folder_is_listed_once_a_block_and_kept_while_its_entries_stand(tmp_path):
    """``listed``: outside a ``snapshot()`` block a folder is listed each time; within one,
    once; the next block keeps that listing while the folder's size and mtime are as they were
    (and were older than ``RACY_NS`` when it was listed); an entry added lists it again."""
    snapshot, listed = stamps.snapshot, stamps.listed
    made: list[list[str]] = []

    def names():
        made.append(sorted(os.listdir(tmp_path)))
        return made[-1]
    (tmp_path / "a").write_text("")
    assert listed(tmp_path, "names", names) == ["a"] and listed(tmp_path, "names", names) == ["a"]
    assert len(made) == 2
    with snapshot():   # changed just now: listed once in the block, not kept for the next
        assert listed(tmp_path, "names", names) == ["a"] == listed(tmp_path, "names", names)
    assert len(made) == 3
    old = 1_000_000_000
    os.utime(tmp_path, ns=(old, old))
    for _ in range(3):
        with snapshot():
            assert listed(tmp_path, "names", names) == ["a"]
    assert len(made) == 4
    with snapshot():   # another kind of listing of the same folder is its own
        assert listed(tmp_path, "other", lambda: ["x"]) == ["x"]
    (tmp_path / "a").write_text("edited inside: the listing stands")
    os.utime(tmp_path, ns=(old, old))
    with snapshot():
        assert listed(tmp_path, "names", names) == ["a"] and len(made) == 4
    (tmp_path / "b").write_text("")
    with snapshot():
        assert listed(tmp_path, "names", names) == ["a", "b"] and len(made) == 5
    os.utime(tmp_path, ns=(old, old))   # the same mtime as before, another size of the folder
    with snapshot():
        assert listed(tmp_path, "names", names) == ["a", "b"] and len(made) == 6


def test_folder_stamps_are_the_files_stamps_read_once_a_block(tmp_path):
    """``folder_stamps``: every entry's ``stamp``; within a block the snapshot's (a file
    changed meanwhile keeps the stamp first read, by either function), outside it as now."""
    (tmp_path / "a.txt").write_text("one\n")
    (tmp_path / "sub").mkdir()
    assert stamps.folder_stamps(tmp_path / "missing") is None
    found = stamps.folder_stamps(tmp_path)
    assert found == {"a.txt": stamps.stamp(tmp_path / "a.txt"), "sub": stamps.stamp(tmp_path / "sub")}
    with stamps.snapshot():
        first = stamps.folder_stamps(tmp_path)
        (tmp_path / "a.txt").write_text("one and two\n")
        (tmp_path / "b.txt").write_text("new\n")
        assert stamps.folder_stamps(tmp_path) == first == found
        assert stamps.stamp(tmp_path / "a.txt") == found["a.txt"]
    assert stamps.folder_stamps(tmp_path)["a.txt"][0] == len("one and two\n")
    assert "b.txt" in stamps.folder_stamps(tmp_path)


def test_fingerprint_keeps_its_parts_apart_and_reads_files(tmp_path):
    assert stamps.fingerprint("ab", "c") != stamps.fingerprint("a", "bc")
    assert stamps.fingerprint(b"x", 1) == stamps.fingerprint(b"x", 1)
    data = tmp_path / "taxonomy.yaml"
    data.write_text("motives: []\n", encoding="utf-8")
    before = stamps.fingerprint(data)
    data.write_text("motives: [opium]\n", encoding="utf-8")
    assert stamps.fingerprint(data) != before
    assert stamps.fingerprint(stamps) == stamps.fingerprint(stamps.PACKAGE / "cache" / "stamps.py")


def test_value_digest_is_of_the_value_not_of_how_it_is_shared():
    item = {"quote": "Russia fears ISIS.", "start": 3}
    assert stamps.value_digest([item, item]) == stamps.value_digest([dict(item), dict(item)])
    assert stamps.value_digest([item]) != stamps.value_digest([dict(item, start=4)])
