"""A safe path inside a folder: the one rule for every file Briefsmith reads or writes under a
project's ``seeds/`` and ``briefs/`` (articles, sidecars, briefs, the taxonomy, ``brief
ingest`` targets).

Anyone who can add a file to a shared briefing (a pull request built in CI) must not be able
to make a build read, extract and publish a file from elsewhere on the machine. So a symbolic
link is never followed: a link where a file or a folder of the project is expected is refused
with a message naming it, and a name taken from a brief (``source.file``) must be a plain file
name, which cannot leave its folder. The check costs one ``lstat`` per file (the listings
get it from ``os.scandir`` for free).

The same module holds the one rule for the names of articles (``brief extract`` and
``brief check`` apply it alike) and refuses two articles that would write one brief.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from ..briefs.model import BriefsmithError
from ..cache.stamps import listed

# A plain file name: ASCII letters, digits, "_", "." and "-", not first "-" or "." (an
# option to a command, a hidden file); and no "..". Article names become brief ids, page
# paths and anchors, so they are held to it too.
SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
NAME_RULE = "use ASCII letters, digits, '-', '_' and '.' (not first '-' or '.')"
SIDECAR = ".meta.yaml"   # an article's metadata: ``<stem>.meta.yaml`` beside it
LINK = "a symbolic link; Briefsmith never follows a link out of the project: put the file itself here"
LINK_FOLDER = "a symbolic link; Briefsmith never follows a link out of the project: put the folder itself here"


class Listing(NamedTuple):
    """The files of a folder that may be read, in name order, and the ones refused (each an
    error that names the file; none of them was opened)."""
    files: list[Path]
    refused: list[BriefsmithError]

    def files_or_raise(self) -> list[Path]:
        """The files, or the first refusal (with how many more) as the error."""
        if self.refused:
            first = self.refused[0]
            more = f" (and {len(self.refused) - 1} more)" if len(self.refused) > 1 else ""
            raise BriefsmithError(first.path, first.message + more, first.line, first.column)
        return self.files


def safe_name(name) -> bool:
    """True for a plain file name (``SAFE_NAME``), which cannot leave its folder."""
    return isinstance(name, str) and bool(SAFE_NAME.match(name)) and ".." not in name


def refuse_link(path: Path) -> Path:
    """``path``, unless it is a symbolic link (then a ``BriefsmithError`` naming it)."""
    if os.path.islink(path):
        raise BriefsmithError(path, LINK)
    return path


def inside(folder: Path, name) -> Path:
    """``folder / name`` for a plain file name that is not a link (the file need not exist,
    a target to write); else a ``BriefsmithError``. ``folder`` itself must not be a link."""
    if not safe_name(name):
        raise BriefsmithError(Path(folder) / str(name), f"not a plain file name in {folder}; {NAME_RULE}")
    if os.path.islink(folder):
        raise BriefsmithError(folder, LINK_FOLDER)
    return refuse_link(Path(folder) / name)


def listing(folder: Path, suffixes: tuple[str, ...]) -> Listing:
    """The regular files of ``folder`` whose names end in one of ``suffixes`` (hidden ones
    left out); links among them are refused, never opened. A missing folder lists nothing;
    a folder that is a link is refused whole. (Under serve, one listing per rebuild, kept
    while the folder's entries are as they were: ``cache.stamps.listed``.)"""
    found = listed(folder, ("files", suffixes), lambda: _listing(Path(folder), suffixes))
    return Listing(list(found.files), list(found.refused))


def _listing(folder: Path, suffixes: tuple[str, ...]) -> Listing:
    if os.path.islink(folder):
        return Listing([], [BriefsmithError(folder, LINK_FOLDER)])
    files, refused = [], []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return Listing([], [])
    except OSError as e:
        return Listing([], [BriefsmithError(folder, f"cannot read the folder: {e.strerror}")])
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(suffixes):
            continue
        if entry.is_symlink():
            refused.append(BriefsmithError(folder / entry.name, LINK))
        elif entry.is_file(follow_symlinks=False):
            files.append(folder / entry.name)
    return Listing(files, refused)


def article_listing(seeds: Path, suffixes: tuple[str, ...]) -> Listing:
    """``listing`` of the articles, with the rule for their names, and two articles whose
    names differ only in their extension (``x.txt``, ``x.md``: both would write
    ``sources/x.yaml``) refused together."""
    found = listed(seeds, ("articles", suffixes), lambda: _article_listing(Path(seeds), suffixes))
    return Listing(list(found.files), list(found.refused))


def _article_listing(seeds: Path, suffixes: tuple[str, ...]) -> Listing:
    found = listing(seeds, suffixes)
    refused = list(found.refused)
    # an article whose sidecar (``<stem>.meta.yaml``) is a link is refused with it
    linked = {e.path: e for e in listing(seeds, (SIDECAR,)).refused}
    named = []
    for path in found.files:
        side = linked.get(str(path.with_name(path.stem + SIDECAR)))
        if side is not None:
            refused.append(side)
        elif safe_name(path.name):
            named.append(path)
        else:
            refused.append(BriefsmithError(path, f"file name {path.name!r} is not allowed for an "
                                           f"article; {NAME_RULE}"))
    stems: dict[str, list[Path]] = {}
    for path in named:
        stems.setdefault(path.stem, []).append(path)
    files = []
    for path in named:
        same = stems[path.stem]
        if len(same) == 1:
            files.append(path)
        elif path == same[0]:
            others = ", ".join(p.name for p in same[1:])
            refused.append(BriefsmithError(path, f"{others} has the same name before its extension; "
                                           f"both would be the source {path.stem!r} "
                                           f"(briefs/sources/{path.stem}.yaml): rename one of them"))
    refused.sort(key=lambda e: e.path or "")
    return Listing(files, refused)
