"""The extraction cache (``cache/extraction.py``): one index line then a record per source, an
unchanged run that reads only the index, damaged records read from the briefs instead, the
fingerprint of extraction's code, the cross-source briefs of the machine alone not read again,
a sidecar that re-extracts its source."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

from corpus import project  # noqa: F401  (fixture)
from generator.briefs import extraction as pipeline
from generator.briefs.extraction import extract_all
from generator.cache.extraction import ExtractionCache, Records, brief_code_files, record_line
from generator.cache.state import state_dir

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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


def test_an_article_just_read_has_the_seed_digest_of_its_file(tmp_path):
    """``article_digest`` (the worker's, from the bytes it read) is ``seed_digest`` (read from
    the files), without a sidecar and with one (whose bytes count too)."""
    from generator.cache.extraction import article_digest, seed_digest
    from generator.ingest.articles import read_article
    seed = tmp_path / "a.txt"
    seed.write_text("Russia’s envoy met the Taliban.\n\nMoscow wants leverage in the region.\n", encoding="utf-8")
    alone = article_digest(read_article(seed))
    assert alone == seed_digest(seed)
    (tmp_path / "a.meta.yaml").write_text("outlet: Example\n", encoding="utf-8")
    with_sidecar = article_digest(read_article(seed))
    assert with_sidecar == seed_digest(seed) != alone
