"""Every span a page shows as a quote is grounded: the summaries' sentences as the items are,
in `brief check` (tests/bad: brief-summary-*, motive-summary-*, actor-summary-*), in
`brief build` and in the site's own check (what `mkdocs serve` runs on every rebuild)."""
from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import copy_project, mkdocs_env
from generator.cache.check import CHECK_CACHE
from generator.cache.state import state_dir
from generator.cache.site import SiteCache
from generator.site.load import load_site

NOWHERE = "This sentence stands in no source at all."


def _fabricate(brief_path, status: str = "confirmed") -> tuple[str, int]:
    """Replace the second sentence of a motive brief's summary by a sentence of no source,
    the text along with it (so the page shows it as a quote); (its source, its line)."""
    text = brief_path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    sentence = data["summary"]["sentences"][1]
    old = sentence["quote"]
    new = text.replace(f"quote: {old}", f"quote: {NOWHERE}", 1)
    new = new.replace(data["summary"]["text"], data["summary"]["text"].replace(old, NOWHERE), 1)
    new = new.replace("  status: auto\n  sentences:", f"  status: {status}\n  sentences:", 1)
    assert new.count(NOWHERE) == 2 and f"status: {status}" in new
    brief_path.write_text(new, encoding="utf-8")
    line = next(n for n, x in enumerate(new.splitlines(), 1) if x.strip() == f"quote: {NOWHERE}")
    return sentence["source"], line


def test_brief_build_refuses_a_summary_sentence_of_no_source(tmp_path):
    project = copy_project("repo", tmp_path / "p")
    brief = project / "briefs/motives/opium.yaml"
    source, line = _fabricate(brief)
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(tmp_path / "site")],
                          cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    seed = yaml.safe_load((project / f"briefs/sources/{source}.yaml").read_text())["source"]["file"]
    assert f"{brief}:{line}:12: quote not found verbatim in {seed}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert NOWHERE in brief.read_text(encoding="utf-8")   # the person's summary is kept as it is


def test_site_check_as_under_serve_follows_the_seeds_a_summary_quotes(tmp_path):
    """The plugin's load under `mkdocs serve` (check results kept in memory, no file written):
    a fabricated sentence is a problem on the motive's page; and a summary that was grounded
    becomes a problem when the article it quotes changes (the check's cache knows which
    seeds a motive brief's summary depends on)."""
    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    store = SiteCache(briefs, persist=False)   # as the plugin under `mkdocs serve`
    site = load_site(briefs, seeds, store=store)
    assert site.problems == []

    good = (briefs / "motives/opium.yaml").read_text(encoding="utf-8")
    source, line = _fabricate(briefs / "motives/opium.yaml")
    site = load_site(briefs, seeds, store=store)
    found = [p for p in site.problems if "quote not found verbatim" in p.message]
    assert [(p.path, p.line, p.column, p.page) for p in found] == \
        [(str(briefs / "motives/opium.yaml"), line, 12, "motives/opium.md")]

    (briefs / "motives/opium.yaml").write_text(good, encoding="utf-8")
    assert load_site(briefs, seeds, store=store).problems == []
    # the article behind the first sentence of the summary changes under it
    first = yaml.safe_load(good)["summary"]["sentences"][0]
    seed = seeds / yaml.safe_load((briefs / f"sources/{first['source']}.yaml").read_text())["source"]["file"]
    seed.write_text(seed.read_text(encoding="utf-8").replace(first["quote"], first["quote"].upper()),
                    encoding="utf-8")
    site = load_site(briefs, seeds, store=store)
    assert any(p.path == str(briefs / "motives/opium.yaml") and "quote not found verbatim" in p.message
               for p in site.problems), [str(p) for p in site.problems]
    assert not (state_dir(briefs) / CHECK_CACHE).exists()   # serving writes no check cache
