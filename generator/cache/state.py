"""Where Briefsmith keeps its state: ``.cache/briefsmith/<briefs folder's name>/`` beside the
briefs folder, at the project's root (``briefs/`` holds only what analysts edit and commit).

Why there and not in the user's cache directory: a clone's caches stay with it and go with it,
a build in CI or a test writes nothing outside the project, and ``brief build`` and
``mkdocs serve`` of one project share them. ``.cache/`` is where MkDocs Material's own plugins
keep theirs; the repository's ``.gitignore`` and the ``brief init`` scaffold ignore it.

The state files of earlier versions, kept in the briefs folder, are removed the first time
state is written here (they are caches: nothing is lost).
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(".cache") / "briefsmith"
LEGACY = (".extract-cache.json", ".documents.marshal", ".site-cache.marshal", ".render-cache.marshal",
          ".check-cache.json")
_tidied: set[Path] = set()


def state_dir(briefs: Path, create: bool = False) -> Path:
    """The folder of the state kept for the briefs folder ``briefs``; made (and the earlier
    versions' files in ``briefs`` removed) when ``create``."""
    briefs = Path(briefs).resolve()
    folder = briefs.parent / ROOT / briefs.name
    if create:
        folder.mkdir(parents=True, exist_ok=True)
        if briefs not in _tidied:
            _tidied.add(briefs)
            for name in LEGACY:
                try:
                    (briefs / name).unlink(missing_ok=True)
                except OSError:   # a read-only folder: the old file only takes room
                    pass
    return folder


def template_cache():
    """Where Jinja keeps the templates it compiled: its per-user folder in the temporary
    directory, keyed on each template's source (shared by every project of the user, and
    compiling the dozen templates costs as much as rendering a 100-source site); None, and
    templates compiled on every build, when there is no usable temporary directory."""
    from jinja2 import FileSystemBytecodeCache
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None
