"""``brief serve``: MkDocs' development server (its live-reload server and its build, as ``mkdocs
serve`` runs them) whose rebuilds are dirty: a save rewrites only the pages that show the change.

The first build is a full one. After it, a change to the briefs, the articles or the taxonomy
is a dirty build: the plugin marks the generated pages that changed (``serving.Serving``) and
MkDocs converts and writes those alone, the search index kept whole. A change to what MkDocs
builds every page from (``docs/``, ``mkdocs.yml``, the theme's overrides, templates) and the
build after a failed one are full builds, as ``mkdocs serve`` makes every time. Uses only
what ``mkdocs serve`` itself is made of, in MkDocs 1.6 and in ProperDocs, its continuation,
but for the server's file watcher: the platform's file events beside its polling (``watch``).
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .watch import Watcher

log = logging.getLogger("mkdocs.briefsmith.serve")


def _mkdocs():
    """MkDocs' modules; under ProperDocs (its continuation), the same ones by their new name."""
    try:
        import mkdocs.commands.build  # noqa: F401
    except ImportError:   # ProperDocs answers to `mkdocs.*` once this is imported
        import properdocs.replacement  # noqa: F401
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer
    return build, load_config, LiveReloadServer


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave links and navigation stale; here the plugin
    decides what is rewritten, and a change to anything else rebuilds everything."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def layout_stamps(config) -> list:
    """Sizes and modification times of what every page is built from besides the briefs: the
    configuration, ``docs/`` (with the theme's overrides in it, or not), the extra watched paths."""
    roots = [config.docs_dir, *config.watch]
    if config.theme.custom_dir:
        roots.append(config.theme.custom_dir)
    found = [(config.config_file_path, _stat(config.config_file_path))]
    for root in roots:
        for folder, _, names in os.walk(root):
            found += [(os.path.join(folder, n), _stat(os.path.join(folder, n))) for n in sorted(names)]
    return sorted(found)


def _stat(path) -> tuple | None:
    try:
        st = os.stat(path)
    except (OSError, TypeError):
        return None
    return (st.st_size, st.st_mtime_ns)


def serve(config_file: str | None = None, dev_addr: str | None = None, open_in_browser: bool = False) -> None:
    build, load_config, LiveReloadServer = _mkdocs()
    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
    site_dir = tempfile.mkdtemp(prefix="briefsmith_")
    overrides = {"dev_addr": dev_addr} if dev_addr else {}

    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir, **overrides)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}/" + mount_path.strip("/") + ("/" if mount_path.strip("/") else "")
    config.site_url = serve_url
    state: dict = {}

    def builder(config=None):
        log.info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        layout = layout_stamps(config)
        dirty = layout == state.pop("built", None)   # unset after a failed build: a full one
        build(config, serve_url=serve_url, dirty=dirty)
        state["built"] = layout

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    # file events as they happen, MkDocs' polling kept beside them (``watch``): a save's rebuild
    # starts at once, not at the next poll (a quarter of a second later on average)
    server.observer = Watcher(polling_interval=0.5)
    # the one thread that kept the process alive when a second SIGTERM cut its shutdown short
    # (`timeout brief serve` then the group stopped: the wrapper passes the signal on too)
    server.serve_thread.daemon = True

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir, f"{code}.html")
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
