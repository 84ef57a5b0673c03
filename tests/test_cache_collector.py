import gc
from pathlib import Path

import pytest

from generator.cache.collector import paused_gc


def test_paused_gc_restores_the_collector():
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused_gc():
            assert not gc.isenabled()
            1 / 0
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()   # it was off before: it stays off
    finally:
        gc.enable()


def test_paused_gc_is_a_decorator():
    @paused_gc()
    def inside():
        return gc.isenabled()
    assert inside() is False
    assert gc.isenabled()


def test_spaced_collections_raise_the_young_threshold_and_restore_it():
    from generator.cache.collector import SPACED_THRESHOLD, spaced_collections
    before = gc.get_threshold()
    with pytest.raises(ZeroDivisionError):
        with spaced_collections():
            assert gc.get_threshold() == (max(SPACED_THRESHOLD, before[0]), *before[1:])
            1 / 0
    assert gc.get_threshold() == before
    gc.set_threshold(50_000, *before[1:])
    try:
        with spaced_collections():
            assert gc.get_threshold()[0] == 50_000   # never more often than it was
    finally:
        gc.set_threshold(*before)


def test_extraction_in_one_process_spaces_collections_and_restores_them(tmp_path, monkeypatch):
    from generator.briefs import extraction
    from generator.cache.collector import SPACED_THRESHOLD
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Russia talks to the Taliban.\n\nThe talks went on.\n", encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "taxonomy.yaml").write_text(
        (Path(__file__).parents[1] / "briefs" / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    during = []
    extract_one = extraction._extract_one
    monkeypatch.setattr(extraction, "_extract_one",
                        lambda *a: during.append(gc.get_threshold()[0]) or extract_one(*a))
    before = gc.get_threshold()
    extraction.extract_all(seeds, tmp_path / "briefs", jobs=1)
    assert during == [max(SPACED_THRESHOLD, before[0])]
    assert gc.get_threshold() == before


def _tracked(obj) -> bool:
    """Whether the collector would traverse ``obj`` (frozen objects are in no generation)."""
    return any(o is obj for generation in range(3) for o in gc.get_objects(generation))


def test_paused_gc_freeze_exempts_what_was_made_from_later_collections():
    try:
        with paused_gc(freeze=True):
            made = [{"sentence": n} for n in range(3)]
        assert gc.isenabled()
        assert not _tracked(made) and not _tracked(made[0])
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    with paused_gc():
        kept = [{"sentence": 1}]
    assert _tracked(kept)   # without freeze: collected as usual


def test_the_plugin_freezes_after_a_build_and_after_each_serve_rebuild(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from mkdocs.structure.files import Files

    from generator.site import plugin as P
    from generator.site.render import Pages
    seen = []

    class Rendering:
        def __init__(self, templates):
            pass

        @classmethod
        def reuse(cls, previous, templates):
            return cls(templates)

        def render_site(self, site, overview, store):
            seen.append((gc.isenabled(), store.persist, gc.get_freeze_count() > 0))
            return Pages()
    monkeypatch.setattr(P, "load_site", lambda *a, **k: SimpleNamespace(problems=[]))
    monkeypatch.setattr(P, "Renderer", Rendering)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"),
                             site_dir=str(tmp_path / "site"))
    for command in ("build", "serve"):
        plugin = P.BriefingPlugin()
        plugin.config = SimpleNamespace(briefs="briefs", seeds="seeds", taxonomy=None, templates=None,
                                        extract=False, nav_section="")
        try:
            plugin.on_startup(command=command, dirty=False)
            plugin.on_files(Files([]), config=config)
            assert gc.get_freeze_count() > 0
            if command == "serve":   # a rebuild: frozen again
                plugin.on_files(Files([]), config=config)
                assert gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()
    # the collector paused during each
    assert [x[:2] for x in seen] == [(False, True), (False, False), (False, False)]


def test_brief_build_freezes_what_its_check_parsed(tmp_path, monkeypatch):
    import argparse
    import subprocess

    from generator.briefs import extraction as pipeline
    from generator.cache import site as site_cache
    from generator.cli import site as sitecmd
    parsed = []
    monkeypatch.setattr(pipeline, "extract_all", lambda *a, **k: pipeline.Report())
    monkeypatch.setattr(site_cache, "check_briefs",
                        lambda *a, **k: parsed.append([{"quote": "a parsed brief"}]) or [])
    monkeypatch.setattr(site_cache.DataCache, "save", lambda self, keep_old=False: None)
    frozen = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: frozen.append(gc.get_freeze_count())
                        or subprocess.CompletedProcess(a, 0))
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    try:
        assert sitecmd.cmd_build(argparse.Namespace(config_file=str(tmp_path / "mkdocs.yml"), briefs="briefs",
                                                    seeds="seeds", taxonomy=None, site="site")) == 0
        assert frozen and frozen[0] > 0 and not _tracked(parsed[0])
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_collect_and_freeze_collects_frozen_cycles_then_freezes_what_is_left():
    import weakref

    from generator.cache.collector import collect_and_freeze, freeze_alive

    class Node:
        pass
    try:
        dropped, kept = Node(), Node()
        dropped.me, kept.me = dropped, kept   # two cycles
        gone = weakref.ref(dropped)
        freeze_alive()
        del dropped
        gc.collect()
        assert gone() is not None   # frozen: a full collection does not reach it
        collect_and_freeze()
        assert gone() is None   # thawed and collected
        assert not any(o is kept for o in gc.get_objects())   # the live one frozen again
    finally:
        gc.unfreeze()
