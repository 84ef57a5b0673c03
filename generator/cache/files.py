"""Cache files of plain values (``marshal``): written whole through a temporary file renamed
into place, read back only when their header (format, version, Python) is the one expected."""
from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path


def write_marshal(path: Path, header, entries: dict) -> None:
    """Write a cache file that ``read_marshal`` reads, through a temporary file renamed into
    place; nothing (and no temporary file) when it cannot be written: a cache is optional."""
    try:
        blob = marshal.dumps((header, entries))
    except ValueError:  # a value marshal cannot hold (an odd YAML type): keep no cache
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        from ..briefs.format import _mode_for
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; an ordinary file like the briefs
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def read_marshal(path: Path, header) -> dict:
    """The entries of a cache file written as ``marshal.dumps((header, entries))``, or {} when
    it is missing, damaged or of another version."""
    try:
        found, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if found == header and isinstance(entries, dict) else {}
