"""The benchmark harness: a deterministic corpus, the floor, and the pipeline's fast paths.

No wall-clock assertions: the figures live in BENCHMARKS.md; these tests check that the
harness measures what it says and that the fast paths give the same briefs as slow ones.
"""
import hashlib
import shutil
from pathlib import Path

from generator.bench.corpus import article, make_corpus, seed_pool
from generator.bench.floor import floor
from generator.bench.harness import Bench, digest, report, with_hook
from generator.briefs.extraction import extract_all, write_cross_source
from generator.briefs.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "briefs" / "taxonomy.yaml"


def _briefs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(TAXONOMY, folder / "taxonomy.yaml")
    return folder


def test_corpus_is_deterministic_and_every_article_differs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    size = make_corpus(ROOT / "seeds", a, 30)
    make_corpus(ROOT / "seeds", b, 30)
    files = sorted(a.iterdir())
    assert len(files) == 30 and size == sum(p.stat().st_size for p in files)
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in sorted(b.iterdir())]
    assert len({hashlib.sha256(p.read_bytes()).digest() for p in files}) == 30
    # article i does not depend on how many are made
    titles, paragraphs = seed_pool(ROOT / "seeds")
    assert files[7].read_text(encoding="utf-8") == article(7, titles, paragraphs)


def test_numbers_are_shifted_and_years_stay_years():
    titles, _ = seed_pool(ROOT / "seeds")
    same = ["In 2015 some 90 percent of the 1,200 fighters left."] * 15
    text = article(5, titles, same)     # article 5: numbers + 6, years + 1
    assert text.count("In 2016 some 96 percent of the 7,200 fighters left.") >= 9
    assert "dispatch 6" in text.splitlines()[0]


def test_floor_counts_cue_words(tmp_path):
    make_corpus(ROOT / "seeds", tmp_path / "seeds", 10)
    hits = floor(tmp_path / "seeds", TAXONOMY)
    assert hits > 0 and hits == floor(tmp_path / "seeds", TAXONOMY)


def test_fast_paths_give_the_briefs_a_full_run_gives(tmp_path):
    """Cores, staging, the unchanged path and cross-source briefs from the cache all agree
    with a forced one-core run and with cross-source briefs recomputed from the YAML."""
    seeds = tmp_path / "seeds"
    make_corpus(ROOT / "seeds", seeds, 12)
    one, two = _briefs(tmp_path / "one"), _briefs(tmp_path / "two")
    extract_all(seeds, one, jobs=1, force=True)
    extract_all(seeds, two, jobs=2)
    assert digest(one) == digest(two)
    again = extract_all(seeds, two, jobs=2)
    assert len(again.skipped) == 12 and again.written == [] and digest(two) == digest(one)
    assert not list((two / "sources").glob(".*.tmp"))
    # one article edited: its brief and the cross-source briefs (from cached counts) change
    # exactly as a full extraction of the edited corpus changes them
    edited = seeds / "a00003.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRussia fears ISIS in Central Asia.\n",
                      encoding="utf-8")
    partial = extract_all(seeds, two, jobs=2)
    assert len(partial.skipped) == 11
    full = _briefs(tmp_path / "full")
    extract_all(seeds, full, jobs=1, force=True)
    assert digest(two) == digest(full)
    # the cross-source briefs recomputed from every source brief's YAML are the same
    before = digest(two)
    write_cross_source(two, load_taxonomy(two / "taxonomy.yaml"))
    assert digest(two) == before


def test_a_hand_edited_orphan_still_counts(tmp_path):
    seeds = tmp_path / "seeds"
    make_corpus(ROOT / "seeds", seeds, 3)
    briefs = _briefs(tmp_path / "briefs")
    extract_all(seeds, briefs, jobs=1)
    orphan = briefs / "sources" / "a00001.yaml"   # a person's note: its brief stays, as an orphan
    orphan.write_text(orphan.read_text(encoding="utf-8").replace("\nnotes: null\n", "\nnotes: invented\n", 1),
                      encoding="utf-8")
    (seeds / "a00001.txt").unlink()
    report = extract_all(seeds, briefs, jobs=1)
    assert report.orphans == ["a00001"]
    before = digest(briefs)
    write_cross_source(briefs, load_taxonomy(briefs / "taxonomy.yaml"))
    assert digest(briefs) == before
    # edited by hand: an actor's count a date (JSON cannot hold it: that record stays in memory
    # and is not cached), a motive item rejected (out of the counts and the summary)
    orphan = briefs / "sources" / "a00001.yaml"
    text = orphan.read_text(encoding="utf-8")
    count = text.index("  count: ", text.index("actors:"))
    text = text[:count] + "  count: 2016-05-01" + text[text.index("\n", count):]
    status = text.index("status: auto", text.index("motives:"))
    orphan.write_text(text[:status] + "status: rejected" + text[status + 12:], encoding="utf-8")
    extract_all(seeds, briefs, jobs=1)
    assert "2016-05-01" in "".join(p.read_text(encoding="utf-8") for p in (briefs / "actors").glob("*.yaml"))
    before = digest(briefs)
    write_cross_source(briefs, load_taxonomy(briefs / "taxonomy.yaml"))
    assert digest(briefs) == before
    again = extract_all(seeds, briefs, jobs=1)
    assert again.written == [] and digest(briefs) == before


def test_hook_is_added_to_the_config_text():
    hook = Path("/x/timing_hook.py")
    assert with_hook("site_name: x\n", hook) == "site_name: x\n\nhooks:\n  - /x/timing_hook.py\n"
    assert with_hook("hooks:\n  - a.py\nsite_name: x\n", hook) == \
        "hooks:\n  - /x/timing_hook.py\n  - a.py\nsite_name: x\n"


def test_harness_runs_and_reports(tmp_path):
    bench = Bench(project=ROOT, work=tmp_path / "work", n=10, repeat=1, site_sizes=(), memory_n=8)
    results = bench.run()
    ex = results["extraction"]
    assert ex["identical"] and ex["unchanged_identical"]
    assert ex["unchanged"]["skipped"] == 10 and ex["cold"]["written"] > 10
    assert ex["floor"]["hits"] > 0 and ex["small"]["n"] == 8
    # one article changed: only it is extracted again, and it is put back afterwards
    assert ex["one_edited"]["skipped"] == 9 and ex["one_edited"]["written"] >= 1
    make_corpus(ROOT / "seeds", tmp_path / "again", 10)
    assert digest(tmp_path / "again") == digest(tmp_path / "work" / "extract-10" / "seeds")
    text = report(results, "brief bench --n 10")
    assert "| re-extraction after one article changed |" in text
    assert "× floor" in text and "byte-identical whatever the cores and on re-extraction: yes" in text
    # the copy of the code is compiled before anything is timed: its modules and templates
    assert results["compile"]["templates"] >= 10 and "templates compiled into Jinja's cache" in text
    assert list((tmp_path / "work" / "code" / "generator" / "site").glob("__pycache__/render.*.pyc"))


def test_memory_is_reported_for_main_and_worker_at_both_sizes():
    run = lambda s, rss, workers: {"seconds": s, "runs": [s], "loads": [0.5], "rss_kb": rss,
                                   "children_rss_kb": workers}
    ex = {"n": 1000, "corpus_bytes": 6e6, "cores": 2, "briefs_bytes": 22e6, "identical": True,
          "unchanged_identical": True, "floor": run(0.3, 26 * 1024, 0),
          "cold": {**run(7.0, 40 * 1024, 37 * 1024), "cross_seconds": 0.5},
          "cold_1": {**run(12.0, 48 * 1024, 0), "cross_seconds": 0.5},
          "unchanged": {**run(0.1, 38 * 1024, 0), "skipped": 1000, "skipped_runs": [1000]},
          "small": {"n": 250, "rss_kb": 37 * 1024, "children_rss_kb": 36 * 1024, "briefs_bytes": 5.5e6}}
    text = report({"extraction": ex}, "brief bench")
    assert "| 40 / 37 MB |" in text and "| 48 / – MB |" in text     # no worker: a dash, not 0
    assert ("37 / 36 MB at 250 articles (5.5 MB of briefs), 40 / 37 MB at 1,000 (22.0 MB of briefs): "
            "the main process grows 3 MB while the briefs grow 16.5 MB") in text


def test_a_kept_serve_project_takes_the_repository_s_current_site_files(tmp_path):
    from generator.bench.serve import make_project
    repo = tmp_path / "repo"
    for part in ("docs", "model", "seeds"):
        shutil.copytree(ROOT / part, repo / part)
    (repo / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", repo / "briefs" / "taxonomy.yaml")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    project = make_project(repo, tmp_path / "serve-3", 3)
    seeds = {p.name: p.stat().st_mtime_ns for p in (project / "seeds").iterdir()}
    script = Path("docs/assets/javascripts/search-progressive.js")
    (repo / script).write_text("// the new script\n")
    (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text() + "\n# changed\n")
    assert make_project(repo, tmp_path / "serve-3", 3) == project
    assert (project / script).read_text() == "// the new script\n"
    assert (project / "mkdocs.yml").read_bytes() == (repo / "mkdocs.yml").read_bytes()
    assert {p.name: p.stat().st_mtime_ns for p in (project / "seeds").iterdir()} == seeds  # kept
    assert len(list((project / "briefs" / "sources").glob("*.yaml"))) == 3
