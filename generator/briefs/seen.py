"""What a run saw of a brief when it read it, so that it never replaces a change made since.

An analyst may save a brief while `brief extract` runs: the run read the brief, merged the
fresh extraction into it, and would rename its result over the file at the end. Before it
replaces a brief it asks ``unchanged`` (``replace_if_unchanged`` does both, for `brief check
--fix`): the file's size and modification time as read (one
``stat``), and when those moved, its content (a ``touch`` changes nothing).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from ..cache.files import stage, token
from ..cache.stamps import stamp
from ..ingest.paths import refuse_link
from . import reader

# Times a brief saved by a person during the run is merged again before the run gives up on
# it (and keeps the person's file as saved): an editor saving every second wins.
MERGE_AGAIN = 3


class Seen(NamedTuple):
    stamp: list[int] | None   # [size, mtime_ns]
    digest: str               # sha256 of the bytes read


def read_brief(path: Path) -> tuple[str | None, Seen | None]:
    """The brief's text and what was seen of it (None, None: there is none). A file that
    changes while it is read is read again; a link, a file too large or not text is refused
    (``Problem``)."""
    for _ in range(5):
        if not refuse_link(path).exists():
            return None, None
        before = stamp(path)
        text, problem = reader.read_text(path)
        if problem is not None:
            raise problem
        if stamp(path) == before:
            return text, Seen(before, _digest(text.encode("utf-8")))
    return text, Seen(stamp(path), _digest(text.encode("utf-8")))


def unchanged(path: Path, seen: Seen | None) -> bool:
    """Whether ``path`` holds what was seen (``seen`` None: that there was no file)."""
    now = stamp(path)
    if seen is None or now is None:
        return seen is None and now is None and not path.is_symlink()
    if now == seen.stamp:
        return True
    try:
        return _digest(path.read_bytes()) == seen.digest
    except OSError:
        return False


def replace_if_unchanged(path: Path, text: str, seen: Seen | None) -> bool:
    """``text`` over ``path`` (staged next to it, renamed into place) if the file still holds what
    was ``seen`` when it was read; False, and nothing written, when a person saved it since."""
    tmp = stage(path, text, token())
    if not unchanged(path, seen):
        os.unlink(tmp)
        return False
    os.replace(tmp, path)
    return True


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
