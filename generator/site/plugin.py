"""MkDocs plugin: the briefs rendered into pages in memory on every build; nothing is written
into ``docs/``.

Thin by design: loading (``load``) and rendering (``render``) are functions that work
without MkDocs; the caches kept between builds are ``cache.site.SiteCache``'s. This module
only adapts MkDocs' events to them.
"""
from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..cache.site import SiteCache
from .load import load_site
from .render import Renderer

log = get_plugin_logger(__name__)


class BriefingConfig(Config):
    briefs = c.Type(str, default="briefs")
    seeds = c.Type(str, default="seeds")
    taxonomy = c.Optional(c.Type(str))          # default: <briefs>/taxonomy.yaml
    templates = c.Optional(c.Dir(exists=True))  # a folder whose templates replace the package's
    extract = c.Type(bool, default=False)       # extract new or changed seeds before each build
    nav_section = c.Type(str, default="")       # folder of the generated pages inside the site


def edit_path(origin: Path, docs_dir: str, folders: dict) -> str:
    """``origin`` relative to ``docs_dir``, in POSIX form; ``folders`` keeps each folder's
    relative path (a page per source: one ``relpath`` per folder, not per page)."""
    origin = Path(origin)
    parent = folders.get(origin.parent)
    if parent is None:
        parent = folders[origin.parent] = Path(os.path.relpath(origin.parent, docs_dir)).as_posix()
    return posixpath.join(parent, origin.name) if parent != "." else origin.name


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self):
        super().__init__()
        self.store: SiteCache | None = None   # kept across the rebuilds of `mkdocs serve`
        self.serving = False

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def _paths(self, config) -> tuple[Path, Path, Path]:
        base = Path(config.config_file_path or ".").resolve().parent
        briefs = base / self.config.briefs
        taxonomy = base / self.config.taxonomy if self.config.taxonomy else briefs / "taxonomy.yaml"
        return briefs, base / self.config.seeds, taxonomy

    def on_files(self, files: Files, /, *, config) -> Files:
        briefs, seeds, taxonomy = self._paths(config)
        if self.store is None or self.store.briefs != briefs:
            # (under serve in memory only; a build's file is written by a forked child while
            # MkDocs converts the pages)
            self.store = SiteCache(briefs, persist=not self.serving, background=True)
        with self.store.building():
            problems = []
            if self.config.extract:
                from ..briefs.extraction import run_extraction
                problems = run_extraction(seeds, briefs, taxonomy)
            site = load_site(briefs, seeds, taxonomy, store=self.store)
            site.problems[:0] = problems
            section = self.config.nav_section.strip("/")
            try:
                pages = Renderer(self.config.templates).render_site(
                    site, overview="index.md" if section else "overview.md", store=self.store)
            except Exception as e:  # a template error is the site's author's, not the data's
                raise PluginError(f"briefing: rendering failed: {e}") from e
            for problem in site.problems:
                log.warning(str(problem))
            return self._add(files, config, pages, section)

    def _add(self, files: Files, config, pages, section: str) -> Files:
        folders: dict = {}
        for path, markdown in pages.items():
            dest = posixpath.join(section, path) if section else path
            if files.get_file_from_path(dest) is not None:
                log.warning(f"{dest}: a file in docs/ has the path of a generated page; "
                            "the generated page replaces it")
                files.remove(files.get_file_from_path(dest))
            # pages 2..n of a paginated listing are reached by its pager, not the navigation
            f = File.generated(config, dest, content=markdown,
                               inclusion=InclusionLevel.NOT_IN_NAV if pages.off_nav(path)
                               else InclusionLevel.UNDEFINED)
            origin = pages.origins.get(path)
            # edit_uri is joined to the site's edit_uri (which points into docs/), so a
            # path relative to docs_dir reaches the YAML brief anywhere in the repository.
            f.edit_uri = edit_path(origin, config.docs_dir, folders) if origin else None
            files.append(f)
        return files

    def on_shutdown(self) -> None:
        if self.store is not None:
            self.store.close()

    def on_serve(self, server, /, *, config, builder):
        briefs, seeds, taxonomy = self._paths(config)
        # With extract on, each build may write briefs: watch only the brief folders, or the
        # schema it writes would trigger the next build.
        watched = [briefs / d for d in ("sources", "motives", "actors")] if self.config.extract \
            else [briefs]
        for path in (*watched, seeds, taxonomy, self.config.templates):
            if path and Path(path).exists():
                server.watch(str(path))
        return server
