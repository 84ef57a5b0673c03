"""The model file: where a project keeps it, reading it for extraction, writing it atomically.

A project's model is ``model/sentences.json`` beside its ``briefs/`` folder (the folder that
holds the taxonomy): it is the project's, committed with it, and not an analyst's file, so it
stays out of ``briefs/``. Extraction reads it and never writes it; ``brief train`` writes it.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..cache.files import atomic_write
from ..briefs.model import BriefsmithError
from ..ingest.paths import refuse_link
from ..extract.classifier import SentenceModel

NAME = "sentences.json"


def default_path(taxonomy: Path) -> Path:
    """``<project>/model/sentences.json`` for ``<project>/briefs/taxonomy.yaml``."""
    return taxonomy.resolve().parent.parent / "model" / NAME


def read_bytes(path: Path | None) -> bytes:
    """The model file's bytes (b"" when there is none: extraction falls back to the cues)."""
    if path is None:
        return b""
    try:
        return refuse_link(path).read_bytes()   # never read from elsewhere through a link
    except FileNotFoundError:
        return b""
    except OSError as e:
        raise BriefsmithError(path, f"cannot read the sentence model: {e.strerror}")


def parse(data: bytes, path: Path) -> SentenceModel | None:
    if not data:
        return None
    try:
        return SentenceModel(json.loads(data.decode("utf-8")), str(path))
    except (UnicodeDecodeError, ValueError) as e:
        raise BriefsmithError(path, f"not a sentence model (JSON): {e}")


def write(path: Path, text: str) -> bool:
    """Write the model through a temporary file; False when the bytes are unchanged."""
    return atomic_write(path, text)
