"""MkDocs plugin: the briefs rendered into pages in memory on every build; nothing is written
into ``docs/`` (nor, serving, into ``briefs/``). Thin by design: loading (``load``) and rendering
(``render``) work without MkDocs; the caches kept between builds are ``cache.site.SiteCache``'s,
what a serve session keeps ``serving.Serving``'s. This module adapts MkDocs' events to them."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from ..cache.site import SiteCache
from .load import load_site
from ..cache.state import template_cache
from .pagefiles import add_pages, project_paths, watched_paths
from .render import Renderer
from .serving import Serving

log = get_plugin_logger(__name__)


class BriefingConfig(Config):
    briefs = c.Type(str, default="briefs")
    seeds = c.Type(str, default="seeds")
    taxonomy = c.Optional(c.Type(str))          # default: <briefs>/taxonomy.yaml
    templates = c.Optional(c.Dir(exists=True))  # a folder whose templates replace the package's
    extract = c.Type(bool, default=False)       # extract new or changed seeds before each build
    nav_section = c.Type(str, default="")       # folder of the generated pages inside the site


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self):
        super().__init__()
        self.store: SiteCache | None = None   # kept across the rebuilds of `mkdocs serve`
        self.renderer: Renderer | None = None
        self.serving: Serving | None = None   # serving: which pages changed, the search index
        self.drafts = None                     # serving: briefs of new or changed articles, in memory
        self.files: Files | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.serving = Serving(carry_search=not dirty) if command == "serve" else None

    def on_files(self, files: Files, /, *, config) -> Files:
        briefs, seeds, taxonomy = project_paths(config, self.config)
        serving = self.serving
        if self.store is None or self.store.briefs != briefs:   # (serving: kept in memory only)
            self.store = SiteCache(briefs, persist=serving is None, background=True)
        self.renderer = Renderer.reuse(self.renderer, self.config.templates)
        with self.store.building():
            problems = self._extract(seeds, briefs, taxonomy)
            site = load_site(briefs, seeds, taxonomy, store=self.store)
            site.problems[:0] = problems
            section = self.config.nav_section.strip("/")
            try:
                pages = self.renderer.render_site(site, overview="index.md" if section else "overview.md",
                                                  store=self.store)
            except Exception as e:  # a template error is the site's author's, not the data's
                raise PluginError(f"briefing: rendering failed: {e}") from e
            for problem in site.problems:
                log.warning(str(problem))
            added = add_pages(files, config, pages, section, serving and serving.kept)
        if serving is not None:
            serving.started(config, added, files)
        self.files = files
        return files

    def _extract(self, seeds: Path, briefs: Path, taxonomy: Path) -> list:
        """``extract``: new or changed articles extracted; serving drafts them in memory."""
        if not self.config.extract:
            return []
        if self.serving is None:
            from ..briefs.extraction import run_extraction
            return run_extraction(seeds, briefs, taxonomy)
        from ..briefs.drafts import Drafts
        drafts = self.drafts = Drafts.reuse(self.drafts, seeds, briefs, taxonomy)
        self.store.drafts, self.store.moved, self.store.drafting = drafts.update(), drafts.moved, True   # (in this order)
        return self.drafts.problems

    def on_env(self, env, /, *, config, files):
        # the theme's templates compiled once, not on every build (half a second of a rebuild)
        env.bytecode_cache = env.bytecode_cache or template_cache()
        return env

    @event_priority(-100)   # the Markdown the other plugins leave: a generated page's listings cut out
    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        return self.serving.markdown(markdown, page) if self.serving is not None else markdown

    @event_priority(100)    # put back before any other plugin reads the page's HTML
    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        return self.serving.content(html, page, files) if self.serving is not None else html

    @event_priority(50)    # Material's search reads a page without its listings' content...
    def _for_search(self, context, /, *, page, config, nav):
        return self.serving.for_search(page, context) if self.serving is not None else context

    @event_priority(-50)   # ...the theme reads it whole
    def _written(self, context, /, *, page, config, nav):
        return self.serving.written(page, context) if self.serving is not None else context

    on_page_context = CombinedEvent(_for_search, _written)

    def on_post_page(self, output: str, /, *, page, config) -> str:
        return "" if self.serving is not None and self.serving.keep(page) else output

    @event_priority(-50)   # after the search plugin has written the index
    def on_post_build(self, *, config) -> None:
        if self.serving is not None and self.files is not None:
            self.serving.finished(config.site_dir, self.files)

    def on_shutdown(self) -> None:
        if self.store is not None:
            self.store.close()

    def on_serve(self, server, /, *, config, builder):
        for path in watched_paths(config, self.config):   # serving writes nothing into them
            server.watch(path)
        return server
