"""A MkDocs hook the site benchmark adds to a copy of mkdocs.yml: when each build phase ends.

Every event runs last among the plugins (priority -100), so ``files`` - ``pre_build`` is the
time of the plugins' ``on_files`` (the briefing plugin's rendering, search and tags do
nothing there), and ``post_build`` - ``env`` is MkDocs reading, converting and writing
every page (Markdown, the theme's templates, the search index); ``shutdown`` -
``post_build`` is the briefing plugin waiting for the cache file it writes in the
background (see ``SiteCache.save``). The times go as JSON to
the file named by ``BRIEFSMITH_BENCH_TIMES``.
"""
from __future__ import annotations

import json
import os
import time

from mkdocs.plugins import event_priority

_T: dict[str, float] = {}


def _mark(name: str) -> None:
    _T[name] = time.perf_counter()


@event_priority(100)
def on_startup(command, dirty):
    _mark("startup")


@event_priority(-100)
def on_config(config):
    _mark("config")


@event_priority(-100)
def on_pre_build(config):
    _mark("pre_build")


@event_priority(-100)
def on_files(files, config):
    _mark("files")
    _T["pages"] = sum(1 for f in files if f.src_uri.endswith(".md"))


@event_priority(-100)
def on_env(env, config, files):
    _mark("env")


@event_priority(-100)
def on_post_build(config):
    _mark("post_build")
    _save()


@event_priority(-100)
def on_shutdown():
    _mark("shutdown")   # - post_build: the briefing plugin waiting for its cache to be written
    _save()


def _save() -> None:
    path = os.environ.get("BRIEFSMITH_BENCH_TIMES")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(_T, f)
