"""MkDocs plugin: render the briefs into pages in memory on every build.

Thin by design: loading (``load``) and rendering (``render``) work without MkDocs;
this module only adapts MkDocs events to them. Nothing is written into ``docs/``.
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

from ..cache.collector import paused_gc
from .render import Renderer
from .load import DataCache, Problem, SiteCache, load_site

log = get_plugin_logger(__name__)
EXTRACTED_ENV = "BRIEFSMITH_EXTRACTED"  # set by `brief build` to the briefs folder it just extracted


class BriefingConfig(Config):
    briefs = c.Type(str, default="briefs")
    seeds = c.Type(str, default="seeds")
    taxonomy = c.Optional(c.Type(str))          # default: <briefs>/taxonomy.yaml
    templates = c.Optional(c.Dir(exists=True))  # a folder whose templates replace the package's
    extract = c.Type(bool, default=False)       # extract new or changed seeds before each build
    nav_section = c.Type(str, default="")       # folder of the generated pages inside the site


def extract(seeds: Path, briefs: Path, taxonomy: Path) -> list[Problem]:
    """Run the incremental extraction if the pipeline is installed; problems, never raises."""
    try:
        from ..briefs.extraction import extract_all
    except ImportError as e:
        return [Problem(str(seeds), f"extract: true, but the extraction pipeline is missing ({e})")]
    try:
        extract_all(seeds, briefs, taxonomy)
    except Exception as e:  # a bad seed or brief must not stop `mkdocs serve`
        return [Problem(getattr(e, "path", None) or str(seeds), f"extraction failed: {e}")]
    return []


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
        self.check_cache: dict = {}   # brief check results, kept across `mkdocs serve` rebuilds
        self.data_cache: DataCache | None = None  # parsed briefs, likewise
        self.site_cache: SiteCache | None = None  # loaded sources, analysis, rendered pages, likewise
        self.serving = False

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def _paths(self, config) -> tuple[Path, Path, Path]:
        base = Path(config.config_file_path or ".").resolve().parent
        briefs = base / self.config.briefs
        taxonomy = base / self.config.taxonomy if self.config.taxonomy else briefs / "taxonomy.yaml"
        return briefs, base / self.config.seeds, taxonomy

    def on_files(self, files: Files, /, *, config) -> Files:
        # As loading and rendering: many objects, no cycles. A build (not serve, whose
        # rebuilds drop what the last one made) keeps them to its end: frozen, the collector
        # does not traverse them again, neither right after this event nor in MkDocs' build.
        with paused_gc(freeze=not self.serving):
            return self._files(files, config)

    def _files(self, files: Files, config) -> Files:
        briefs, seeds, taxonomy = self._paths(config)
        # `brief build` has just extracted (and checked) and says so: no second extraction pass.
        fresh = os.environ.get(EXTRACTED_ENV) == str(briefs)
        problems = extract(seeds, briefs, taxonomy) if self.config.extract and not fresh else []
        # `brief check` runs on changed briefs only (results cached in the state folder, which
        # `brief build` has just written); under serve the caches stay in memory.
        if self.data_cache is None or self.data_cache.briefs != briefs:
            self.data_cache = DataCache(briefs)
        # Loaded sources, the analysis and the rendered pages are reused under their inputs'
        # stamps (site.marshal in the state folder; in memory only under serve)
        if self.site_cache is None or self.site_cache.briefs != briefs:
            # (written by a forked child while MkDocs converts the pages, and waited for at
            # shutdown: MkDocs keeps one core busy, the child takes the other)
            self.site_cache = SiteCache(briefs, persist=not self.serving, background=True)
        site = load_site(briefs, seeds, taxonomy, check_cache=self.check_cache,
                         persist_check=not self.serving, data_cache=self.data_cache,
                         site_cache=self.site_cache)
        site.problems[:0] = problems
        section = self.config.nav_section.strip("/")
        overview = "index.md" if section else "overview.md"
        try:
            pages = Renderer(self.config.templates).render_site(site, overview=overview)
        except Exception as e:  # a template error is the site's author's, not the data's
            raise PluginError(f"briefing: rendering failed: {e}") from e
        for problem in site.problems:
            log.warning(str(problem))
        folders: dict = {}
        for path, markdown in pages.items():
            dest = posixpath.join(section, path) if section else path
            if files.get_file_from_path(dest) is not None:
                log.warning(f"{dest}: a file in docs/ has the path of a generated page; "
                            "the generated page replaces it")
                files.remove(files.get_file_from_path(dest))
            # pages 2..n of a paginated listing are reached by its pager, not the navigation
            # (and MkDocs then logs no INFO line per page that is not in the nav)
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
        if self.site_cache is not None:
            self.site_cache.wait()

    def on_serve(self, server, /, *, config, builder):
        briefs, seeds, taxonomy = self._paths(config)
        # With extract on, each build writes under briefs/ (its cache at least): watch only
        # the brief folders, or every build would trigger the next one.
        watched = [briefs / d for d in ("sources", "motives", "actors")] if self.config.extract \
            else [briefs]
        for path in (*watched, seeds, taxonomy, self.config.templates):
            if path and Path(path).exists():
                server.watch(str(path))
        return server
