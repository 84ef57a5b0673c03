"""The site's caches (``cache.site``, ``cache.check``): a build reuses what did not change and
gives the pages a build without caches gives; forked workers give what one process gives."""
from __future__ import annotations

import subprocess
import sys

from conftest import copy_project, mkdocs_env
from generator.cache.state import state_dir


def test_cached_check_equals_check_project_after_edits(tmp_path):
    """``check_briefs`` (what ``brief build`` and the plugin run) reports exactly what
    ``check.check_project`` reports, from its cache file or its in-memory cache, after edits
    to a brief, a seed and the taxonomy, and after a seed or brief is removed."""
    from generator.briefs.check import check_project
    from generator.cache.check import CHECK_CACHE, check_briefs

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    memory: dict = {}

    def same():
        expected = check_project(seeds, briefs)
        assert check_briefs(seeds, briefs) == expected
        assert check_briefs(seeds, briefs, memory=memory, persist=False) == expected
        assert check_briefs(seeds, briefs) == expected  # from the file
        return expected

    assert same() == [] and (state_dir(briefs) / CHECK_CACHE).is_file()
    sources = sorted((briefs / "sources").glob("*.yaml"))
    sources[0].write_text(sources[0].read_text().replace("motive: ", "motive: x", 1))
    assert any("unknown motive" in p.message for p in same())
    seed = sorted(seeds.glob("*.txt"))[1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nmore", encoding="utf-8")
    taxonomy = briefs / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("id: opium", "id: opium2", 1))
    before = len(same())
    sorted(seeds.glob("*.txt"))[2].unlink()
    sources[3].unlink()
    assert len(same()) > before


def test_loaded_briefs_cache_follows_edits(tmp_path):
    """The site cache keeps parsed briefs (briefs.marshal); an edited brief is parsed again, and
    the cached view equals a fresh one."""
    from generator.cache.site import DataCache, SiteCache
    from generator.site.load import load_site

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    fresh = _cached(briefs, seeds)
    assert (state_dir(briefs) / DataCache.NAME).is_file()
    assert _cached(briefs, seeds) == fresh
    brief = briefs / "sources" / "002_2352f3490b38a229.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("motive: opium\n", "motive: opiun\n", 1),
                     encoding="utf-8")
    site = load_site(briefs, seeds, store=SiteCache(briefs))
    assert any(i.label == "opiun" for i in site.items("motive"))
    assert any("unknown motive 'opiun'" in p.message for p in site.problems)


def _cached(briefs, seeds, templates=None, store=None):
    """The pages of a load and render through a site cache (a new one: the file's)."""
    from generator.cache.site import SiteCache
    from generator.site.load import load_site
    from generator.site.render import Renderer

    store = store if store is not None else SiteCache(briefs)
    return Renderer(templates).render_site(load_site(briefs, seeds, store=store), store=store)


def _render_counting(monkeypatch, briefs, seeds, templates=None, store=None):
    """Pages of a load and render through the site cache, and the templates rendered."""
    from generator.site.render import Renderer

    rendered: list[str] = []
    original = Renderer.render

    def counting(self, template, **context):
        rendered.append(template)
        return original(self, template, **context)
    monkeypatch.setattr(Renderer, "render", counting)
    pages = _cached(briefs, seeds, templates, store)
    monkeypatch.setattr(Renderer, "render", original)
    return pages, rendered


def _uncached(briefs, seeds, templates=None):
    from generator.site.load import load_site
    from generator.site.render import Renderer

    return Renderer(templates).render_site(load_site(briefs, seeds))


def test_site_cache_rerenders_only_what_an_edit_changes(tmp_path, monkeypatch):
    """The site cache (site.marshal) keeps each source's view, the analysis and the pages: an
    unchanged rebuild renders nothing, an edited brief re-renders its own source page and the
    pages that gather from every source, and every page equals an uncached render."""
    from generator.cache.site import SiteCache

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    first, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert (state_dir(briefs) / SiteCache.NAME).is_file()
    assert rendered.count("source.md.j2") == len(list((briefs / "sources").glob("*.yaml")))
    again, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert again == first and list(again) == list(first) and again.origins == first.origins
    assert rendered == []

    brief = sorted((briefs / "sources").glob("*.yaml"))[1]
    text = brief.read_text(encoding="utf-8")
    # a motive sentence confirmed: its source page and the motive's page change, and the
    # pages whose context it does not touch (the disputed points, the timeline) are reused
    at = text.index("\nmotives:\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: confirmed", 1), encoding="utf-8")
    edited, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert rendered.count("source.md.j2") == 1 and "motive.md.j2" in rendered
    assert "disputed.md.j2" not in rendered and "timeline.md.j2" not in rendered
    assert edited == _uncached(briefs, seeds)
    assert edited[f"sources/{brief.stem}.md"] != first[f"sources/{brief.stem}.md"]

    # an edited seed (its sentences) and an edited template are inputs too
    seed = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA closing sentence added by the test.\n",
                    encoding="utf-8")
    after_seed, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert rendered.count("source.md.j2") == 1
    assert after_seed == _uncached(briefs, seeds)
    assert "A closing sentence added by the test." in "".join(after_seed.values())
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "timeline.md.j2").write_text("# Timeline of the override\n", encoding="utf-8")
    overridden, rendered = _render_counting(monkeypatch, briefs, seeds, templates=templates)
    assert overridden["timeline.md"] == "# Timeline of the override\n"
    assert overridden == _uncached(briefs, seeds, templates)


def test_site_cache_written_in_background_is_the_same_file(tmp_path, monkeypatch):
    """``background``: a forked child writes the cache file while the build goes on; once
    waited for, the file holds what a write in this process holds, no temporary file
    is left, and the next load reuses it (renders nothing)."""
    import marshal

    from generator.cache import forking
    from generator.cache.site import SiteCache

    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    (state_dir(briefs) / SiteCache.NAME).unlink(missing_ok=True)
    cache = SiteCache(briefs, background=True)
    pages = _cached(briefs, seeds, store=cache)
    assert cache.writer is not None   # a child is writing it
    cache.wait()
    assert cache.writer is None
    assert marshal.loads((state_dir(briefs) / SiteCache.NAME).read_bytes()) == (SiteCache.HEADER, cache.new)
    assert not [p for p in briefs.iterdir() if p.name.endswith(".tmp")]
    again, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert again == pages and rendered == []


def test_site_cache_in_memory_writes_no_file(tmp_path):
    """Under ``mkdocs serve`` the cache lives in the plugin, in memory, and still follows edits."""
    from generator.cache.site import SiteCache

    project = copy_project("basic", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    (state_dir(briefs) / SiteCache.NAME).unlink(missing_ok=True)   # one written by other tests in the root
    cache = SiteCache(briefs, persist=False)
    first = _cached(briefs, seeds, store=cache)
    brief = briefs / "sources" / "x.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("status: auto", "status: confirmed", 1),
                     encoding="utf-8")
    second = _cached(briefs, seeds, store=cache)
    assert not (state_dir(briefs) / SiteCache.NAME).exists()
    assert second == _uncached(briefs, seeds) != first


def test_unchanged_rebuild_reports_check_problems_without_the_checker(tmp_path):
    """When no brief, seed or module changed since the last check, the plugin's load takes the
    check's problems from the caches without importing the checker (pydantic models), and
    still shows them."""
    from generator.cache.site import SiteCache
    from generator.site.load import load_site
    from generator.site.render import Renderer

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    brief = sorted((briefs / "sources").glob("*.yaml"))[0]
    brief.write_text(brief.read_text(encoding="utf-8").replace("motive: ", "motive: nosuch-", 1),
                     encoding="utf-8")
    store = SiteCache(briefs)
    first = load_site(briefs, seeds, store=store)
    Renderer().render_site(first, store=store)
    expected = sorted(str(p) for p in first.problems)
    assert any("nosuch-" in p for p in expected)
    probe = ("import sys, json; from pathlib import Path; from generator.site.load import load_site; "
             "from generator.cache.site import SiteCache; "
             f"s = load_site(Path({str(briefs)!r}), Path({str(seeds)!r}), store=SiteCache(Path({str(briefs)!r}))); "
             "print(json.dumps(['generator.briefs.check' in sys.modules, sorted(str(p) for p in s.problems)]))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=mkdocs_env(),
                         check=True).stdout
    imported, problems = __import__("json").loads(out.splitlines()[-1])
    assert problems == expected and not imported
    brief.write_text(brief.read_text(encoding="utf-8").replace("nosuch-", "", 1), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=mkdocs_env(),
                         check=True).stdout
    imported, problems = __import__("json").loads(out.splitlines()[-1])
    assert imported and not any("nosuch-" in p for p in problems)


def test_workers_load_and_render_as_one_process_does(tmp_path, monkeypatch):
    """A first build of many sources checks and loads them and renders their pages in forked
    workers: the check's problems and the data it hands on, the pages, their order and
    origins, and the site's problems are those of one process."""
    import re

    from generator.cache import forking, check as site_check
    from generator.cache import site as site_data
    from generator.cache.check import CHECK_CACHE, check_briefs
    from generator.cache.site import DataCache, SiteCache
    from generator.site import load as site_load
    from generator.site import render

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    # a brief with a problem: the check does not pass its data on, so a worker parses it
    # and sends it back, and reports the problem from there
    bad = sorted((briefs / "sources").glob("*.yaml"))[2]
    bad.write_text(re.sub(r"anchor: p\d+-s\d+", "anchor: p999-s1", bad.read_text(encoding="utf-8"), count=1),
                   encoding="utf-8")
    # and one the check finds wrong: a worker reports it, and hands on no data for it
    wrong = sorted((briefs / "sources").glob("*.yaml"))[3]
    wrong.write_text(wrong.read_text(encoding="utf-8").replace("status: auto", "status: bogus", 1),
                     encoding="utf-8")
    forks: list[int] = []
    real = forking.forked_pool

    def counting(jobs, **shared):
        forks.append(jobs)
        return real(jobs, **shared)
    monkeypatch.setattr(forking, "forked_pool", counting)
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)

    def first_build(minimum, fresh=True):
        for name in (DataCache.NAME, SiteCache.NAME) if fresh else ():
            (state_dir(briefs) / name).unlink(missing_ok=True)
        monkeypatch.setattr(site_data, "PARALLEL_SOURCES", minimum)
        monkeypatch.setattr(site_check, "PARALLEL_BRIEFS", minimum)
        monkeypatch.setattr(render, "PARALLEL_PAGES", minimum)
        (state_dir(briefs) / CHECK_CACHE).unlink(missing_ok=True) if fresh else None
        data = DataCache(briefs)   # as `brief build`: the check hands on the briefs it parsed
        checked = check_briefs(seeds, briefs, data=data)
        handed = dict(data.new)
        data.save(keep_old=True)
        store = SiteCache(briefs)
        site = site_load.load_site(briefs, seeds, store=store)
        return render.Renderer().render_site(site, store=store), site.problems, (checked, handed)

    one, one_problems, one_check = first_build(10 ** 6)
    assert forks == []
    two, two_problems, two_check = first_build(2)
    assert forks == [2, 2, 2]   # checking, loading, then rendering
    assert two_check == one_check and list(two_check[1]) == list(one_check[1])
    assert [p.path for p in one_check[0]] == [str(wrong)] and str(wrong) not in one_check[1]
    assert len(one_check[1]) == len(list(briefs.glob("*/*.yaml"))) - 1   # every other brief handed on
    assert two == one and list(two) == list(one) and two.origins == one.origins
    assert two_problems == one_problems
    assert any("p999-s1" in p.message and p.path == str(bad) for p in one_problems)
    again, _, _ = first_build(2, fresh=False)   # a later build, from the caches the workers' build wrote
    assert again == one and forks == [2, 2, 2]


def test_site_view_made_while_workers_load_is_the_one_made_after(tmp_path, monkeypatch):
    """While forked workers load the sources of a first build, this process makes the
    analysis' site view from the briefs the check handed on: the analysis, the sources'
    stances and the pages are those of a one-process load, which makes it after."""
    from generator.cache import forking, check as site_check
    from generator.cache import site as site_data
    from generator.cache.check import CHECK_CACHE, check_briefs
    from generator.cache.site import DataCache, SiteCache
    from generator.site import load as site_load
    from generator.site import render

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    early: list[int] = []
    real = site_load.site_view
    monkeypatch.setattr(site_load, "site_view", lambda *a: early.append(len(a[1])) or real(*a))

    def first_build(minimum):
        for name in (DataCache.NAME, SiteCache.NAME, CHECK_CACHE):
            (state_dir(briefs) / name).unlink(missing_ok=True)
        monkeypatch.setattr(site_data, "PARALLEL_SOURCES", minimum)
        monkeypatch.setattr(site_check, "PARALLEL_BRIEFS", minimum)
        monkeypatch.setattr(render, "PARALLEL_PAGES", minimum)
        data = DataCache(briefs)
        assert check_briefs(seeds, briefs, data=data) == []
        data.save(keep_old=True)
        store = SiteCache(briefs)
        site = site_load.load_site(briefs, seeds, store=store)
        return (render.Renderer().render_site(site, store=store), site.analysis,
                [(s.id, s.stance, s.cells, s.weight, s.summary) for s in site.sources])

    one = first_build(10 ** 6)
    assert early == []
    two = first_build(2)
    assert early == [len(list((briefs / "sources").glob("*.yaml")))]
    assert two == one and list(two[0]) == list(one[0])

    def failing(*a):   # briefs the early view chokes on: the view is made after the load
        early.append(-1)
        raise TypeError("malformed")
    monkeypatch.setattr(site_load, "site_view", failing)
    three = first_build(2)
    assert early[-1] == -1 and three == one


def test_site_cache_keeps_paginated_listings(paged_project, paged_sizes, tmp_path, monkeypatch):
    """An unchanged rebuild renders no page of a paginated listing and keeps all of them; an
    edit re-renders what it changes, and every page equals an uncached render."""
    import shutil

    project = tmp_path / "p"
    shutil.copytree(paged_project, project, ignore=shutil.ignore_patterns("site"))
    briefs, seeds = project / "briefs", project / "seeds"
    first, _ = _render_counting(monkeypatch, briefs, seeds)
    assert first.continuations and first == _uncached(briefs, seeds)
    again, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert rendered == [] and again == first and list(again) == list(first)
    assert again.continuations == first.continuations

    # a counterargument rejected: the listings it was on change, and may lose a page
    brief, text = next((b, t) for b in sorted((briefs / "sources").glob("*.yaml"))
                       if "\ncounters:\n- " in (t := b.read_text(encoding="utf-8")))
    at = text.index("\ncounters:\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: rejected", 1), encoding="utf-8")
    edited, rendered = _render_counting(monkeypatch, briefs, seeds)
    assert "counterarguments.md.j2" in rendered and edited != first
    assert edited == _uncached(briefs, seeds) and edited.continuations == _uncached(briefs, seeds).continuations


def test_a_listing_digest_follows_its_items_values(tmp_path):
    """A listing page's context is digested with each item read back from a packed source as
    the digest of its values (``sources.pack``): the same values give the same digest, however
    often the source is packed; a changed value (a status, a label) gives another."""
    from generator.site import render
    from generator.site.model import Item, Source
    from generator.site.sources import pack, unpack

    def items(status="auto", label="opium"):
        src = Source(id="a", title="A")
        src.items = [Item("motive", "m1", "a", "A sentence.", "p1-s1", status, "unreviewed", 0.9, label),
                     Item("quote", "q1", "a", "Said.", "p1-s2", "auto", "unreviewed", None, "x")]
        return unpack("a", None, pack(src, {"p1-s1"}, []))[0].items

    def digest(found):
        return render._digest(({"groups": [{"source": "a", "entries": found}]}, "path"))

    first, again = items(), items()
    assert first[0] is not again[0] and digest(first) == digest(again)
    assert digest(items(status="confirmed")) != digest(first)
    assert digest(items(label="isis-threat")) != digest(first)
    # the first item alone changed: the second keeps its digest
    assert digest([items(status="confirmed")[1]]) == digest([first[1]])
    assert digest([first[0]]) != digest([first[1]])


def test_serving_keeps_the_analysis_by_source_and_equals_an_uncached_load(tmp_path):
    """Under serve (``persist=False``) the analysis is kept by source (``analysis.incremental``,
    ``site.analysis.Reuse``): after each edit, title change, removal and return of a brief,
    the analysis and every page equal a load and render with no cache at all."""
    import random
    import shutil

    from generator.cache.site import SiteCache
    from generator.site.load import load_site

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    store = SiteCache(briefs, persist=False)
    rng = random.Random(4)
    paths = sorted((briefs / "sources").glob("*.yaml"))
    aside = tmp_path / "aside.yaml"
    for step in range(8):
        brief = rng.choice(paths)
        if step == 3:      # a brief gone, then back
            shutil.move(brief, aside)
        elif step == 4:
            shutil.move(aside, [p for p in paths if not p.exists()][0])
        else:
            text = brief.read_text(encoding="utf-8")
            kind = rng.choice(["\nmotives:\n", "\ncounters:\n", "\nrelations:\n", "\nclaims:\n", "\nevents:\n"])
            at = text.find(kind)
            if at >= 0:
                text = text[:at] + text[at:].replace("status: auto", "status: rejected", 1)
            if step == 5:   # a title: cited on other pages
                text = text.replace("\n  title: ", "\n  title: Retitled ", 1)
            brief.write_text(text, encoding="utf-8")
        if step in (2, 6):  # an article cut short, its brief unchanged: the links to its sentences go
            seed = rng.choice(sorted(seeds.glob("*.txt")))
            article = seed.read_text(encoding="utf-8")
            seed.write_text(article[:len(article) // 3], encoding="utf-8")
        site = load_site(briefs, seeds, store=store)
        pages = _cached(briefs, seeds, store=store)
        assert pages == _uncached(briefs, seeds)
        plain = load_site(briefs, seeds)
        assert site.analysis == plain.analysis
        assert [(s.stance, s.cells, s.weight, s.summary) for s in site.sources] == \
            [(s.stance, s.cells, s.weight, s.summary) for s in plain.sources]


def test_serving_computes_only_the_listings_a_change_reaches(tmp_path, monkeypatch):
    """Under serve (``site.scopes``), an edit that rejects one motive item computes again the
    contexts of the pages that item was on (its motive's, the actors its sentence names) and of
    the pages with a row per source, not the quotes', the timeline's, the other actors'."""
    from generator.cache.site import SiteCache
    from generator.site import listings as L
    from generator.site.load import load_site
    from generator.site.model import Item

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    store = SiteCache(briefs, persist=False)
    first = _cached(briefs, seeds, store=store)
    calls: list[str] = []
    for name in ("actor_frame", "speakers", "_motive_pages"):   # (an actor's context ends in actor_frame)
        original = getattr(L, name)
        monkeypatch.setattr(L, name, lambda *a, _f=original, _n=name, **k: calls.append(
            _n if _n == "speakers" else ("motive", a[1]["id"]) if _n == "_motive_pages" else a[1]["id"])
            or _f(*a, **k))
    assert _cached(briefs, seeds, store=store) == first and calls == []   # nothing changed
    brief = sorted((briefs / "sources").glob("*.yaml"))[1]
    site = load_site(briefs, seeds)
    item = next(i for i in site.sources[1].items if i.kind == "motive" and i.actors)
    assert isinstance(item, Item) and site.sources[1].brief == brief
    text = brief.read_text(encoding="utf-8")
    at = text.index(f"- id: {item.id}\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: rejected", 1), encoding="utf-8")
    edited = _cached(briefs, seeds, store=store)
    assert "speakers" not in calls
    assert [c for c in calls if isinstance(c, tuple)] == [("motive", item.label)]   # not the others
    calls = [c for c in calls if isinstance(c, str)]
    assert set(item.actors) <= set(calls) and len(calls) < len(site.actors)
    assert edited == _uncached(briefs, seeds)


def _serving_on_two_workers(tmp_path, monkeypatch):
    """A copy of the repo root with no cache, its sources loaded by two forked workers (the
    sizes at which they fork made small), and a serving store (``persist=False``); the
    numbers of workers of each fork are listed in ``forks``."""
    from generator.cache import forking
    from generator.cache import site as site_data
    from generator.cache.site import DataCache, SiteCache

    project = copy_project("repo", tmp_path / "p")
    briefs, seeds = project / "briefs", project / "seeds"
    for name in (DataCache.NAME, SiteCache.NAME):
        (state_dir(briefs) / name).unlink(missing_ok=True)
    forks: list[int] = []
    real = forking.forked_pool
    monkeypatch.setattr(forking, "forked_pool", lambda jobs, **shared: forks.append(jobs) or real(jobs, **shared))
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(site_data, "PARALLEL_SOURCES", 2)
    return briefs, seeds, forks, SiteCache(briefs, persist=False)


def test_serving_keeps_what_the_first_builds_workers_parsed(tmp_path, monkeypatch):
    """Under serve (``persist=False``) the briefs forked workers parsed for the first build go
    to this process' data cache, so that the first rebuild after a save (whose analysis reads
    every source brief) parses the saved brief alone, not every brief again."""
    from generator.cache import site as site_data
    from generator.site import load as site_load

    briefs, seeds, forks, store = _serving_on_two_workers(tmp_path, monkeypatch)
    first = site_load.load_site(briefs, seeds, store=store)
    assert forks == [2] and not first.problems
    saved = sorted((briefs / "sources").glob("*.yaml"))[1]
    saved.write_text(saved.read_text(encoding="utf-8") + "# an analyst's note\n", encoding="utf-8")
    parsed: list[str] = []
    real_read = site_data.read_brief
    monkeypatch.setattr(site_data, "read_brief", lambda path, *a: parsed.append(str(path)) or real_read(path, *a))
    again = site_load.load_site(briefs, seeds, store=store)
    assert parsed == [str(saved)] and not again.problems
    assert [s.id for s in again.sources] == [s.id for s in first.sources]


def test_serving_keeps_what_the_listings_made_when_workers_render_the_first_build(tmp_path, monkeypatch):
    """Under serve, a first build whose pages forked workers render leaves in this process what
    the listings made (``render._Run.here``: the motives' and actors' pages are rendered here),
    so that the first save after it computes again only the listings it reaches, as later saves
    do: before, the workers had made them, and the first rebuild made every motive's pages again."""
    from generator.site import listings as L
    from generator.site import render
    from generator.site.load import load_site

    monkeypatch.setattr(render, "PARALLEL_PAGES", 2)
    briefs, seeds, forks, store = _serving_on_two_workers(tmp_path, monkeypatch)
    first = _cached(briefs, seeds, store=store)
    assert forks == [2, 2] and first == _uncached(briefs, seeds)   # loaded, then rendered, by workers
    calls: list[str] = []
    original = L._motive_pages
    monkeypatch.setattr(L, "_motive_pages", lambda *a, **k: calls.append(a[1]["id"]) or original(*a, **k))
    brief = sorted((briefs / "sources").glob("*.yaml"))[1]
    site = load_site(briefs, seeds)
    item = next(i for i in site.sources[1].items if i.kind == "motive")
    assert len({m["id"] for m in site.motives} & {i.label for i in site.items("motive")}) > 1
    text = brief.read_text(encoding="utf-8")
    at = text.index(f"- id: {item.id}\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: rejected", 1), encoding="utf-8")
    edited = _cached(briefs, seeds, store=store)
    assert calls == [item.label]   # its motive's pages alone, not every motive's
    assert edited == _uncached(briefs, seeds)


def test_site_cache_key_follows_every_cleaning_and_analysis_module(tmp_path, monkeypatch):
    """An upgrade that changes only a module cleaning reaches through an import (page furniture,
    line and paragraph rules, the shared text marks) or one analysis module must key every
    cached view anew: the views hold paragraphs cut by that code."""
    from generator.cache import site, stamps

    real_read = stamps._read
    key = site._global_key(tmp_path, tmp_path, tmp_path / "taxonomy.yaml")
    for changed in ("ingest/furniture.py", "ingest/lines.py", "ingest/paragraphs.py",
                    "text/marks.py", "analysis/disputes.py"):
        def read(path, changed=changed):
            data = real_read(path)
            return data + b"\n# upgraded\n" if path.as_posix().endswith(changed) else data

        monkeypatch.setattr(stamps, "_read", read)
        assert site._global_key(tmp_path, tmp_path, tmp_path / "taxonomy.yaml") != key, changed
    monkeypatch.setattr(stamps, "_read", real_read)
    assert site._global_key(tmp_path, tmp_path, tmp_path / "taxonomy.yaml") == key
