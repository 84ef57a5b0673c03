"""The rendered pages as MkDocs files (and where the plugin's folders are): made in memory (``File.generated``), each one's "edit this
page" link pointing at the YAML brief behind it, pages 2..n of a listing out of the navigation."""
from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel

from .serving import GeneratedPage, KeptFiles

log = get_plugin_logger(__name__)


def project_paths(config, options) -> tuple[Path, Path, Path]:
    """The briefs folder, the seeds folder and the taxonomy of the plugin's ``options``."""
    base = Path(config.config_file_path or ".").resolve().parent
    briefs = base / options.briefs
    taxonomy = base / options.taxonomy if options.taxonomy else briefs / "taxonomy.yaml"
    return briefs, base / options.seeds, taxonomy


def watched_paths(config, options) -> list[str]:
    """What ``mkdocs serve`` watches for the plugin: its folders, the taxonomy, the templates
    (a save there starts one rebuild: serving writes nothing into them)."""
    paths = (*project_paths(config, options), options.templates)
    return [str(p) for p in paths if p and Path(p).exists()]


def edit_path(origin: Path, docs_dir: str, folders: dict) -> str:
    """``origin`` relative to ``docs_dir``, in POSIX form; ``folders`` keeps each folder's
    relative path (a page per source: one ``relpath`` per folder, not per page)."""
    origin = Path(origin)
    parent = folders.get(origin.parent)
    if parent is None:
        parent = folders[origin.parent] = Path(os.path.relpath(origin.parent, docs_dir)).as_posix()
    return posixpath.join(parent, origin.name) if parent != "." else origin.name


def add_pages(files: Files, config, pages, section: str, kept: KeptFiles | None = None) -> list[GeneratedPage]:
    """Add ``pages`` (``render.Pages``) to ``files`` under ``section``; the files added.
    ``kept`` (serving): the last build's files, each added again when made of the same."""
    folders: dict = {}
    added = []
    known = files.src_uris
    kept = kept if pages else None
    reuse = kept.start(config) if kept is not None else {}
    for path, markdown in pages.items():
        dest = posixpath.join(section, path) if section else path
        if dest in known:
            log.warning(f"{dest}: a file in docs/ has the path of a generated page; "
                        "the generated page replaces it")
            files.remove(known[dest])
        # pages 2..n of a paginated listing are reached by its pager, not the navigation
        inclusion = InclusionLevel.NOT_IN_NAV if pages.off_nav(path) else InclusionLevel.UNDEFINED
        origin = pages.origins.get(path)
        f = reuse.get(dest)
        if f is None or not f.made_of(markdown, origin, inclusion):
            f = GeneratedPage.generated(config, dest, content=markdown, inclusion=inclusion)
            # edit_uri is joined to the site's edit_uri (which points into docs/), so a
            # path relative to docs_dir reaches the YAML brief anywhere in the repository.
            f.edit_uri = edit_path(origin, config.docs_dir, folders) if origin else None
            f.origin, f.made = origin, (markdown, f.edit_uri, inclusion)
        files.append(f)
        added.append(f)
    if kept is not None:
        kept.keep(added)
    return added
