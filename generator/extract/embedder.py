"""Sentence vectors from wordllama, whose 256-dimension model ships inside its wheel.

wordllama's default loader looks for the tokenizer in a folder that does not exist and then
downloads it; ``WordLlama.load(cache_dir=<its own package folder>, disable_download=True)``
finds both files in the wheel and never touches the network (tests/test_embedder.py makes
every socket fail around it). Importing wordllama also calls ``logging.basicConfig`` (twice),
which would print every library's INFO messages on stderr: the root logger is put back as it
was. Loaded once per process, on first use; a vector is the mean of the sentence's token
vectors, scaled to unit length.
"""
from __future__ import annotations

import logging
import os
import threading

import numpy as np

from ..briefs.model import BriefsmithError

NAME = "wordllama l2_supercat 256"
_lock = threading.Lock()
_loaded: list = []


class Embedder:
    def __init__(self, inference):
        self.inference = inference
        self.dim = int(inference.embedding.shape[1])

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of ``texts``, one batched call (``(len(texts), dim)`` float32)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.inference.embed(list(texts), norm=False, batch_size=max(64, len(texts)))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)


def load() -> Embedder:
    """The process's embedder (loaded on first call)."""
    with _lock:
        if not _loaded:
            _loaded.append(Embedder(_load_wordllama()))
        return _loaded[0]


def _load_wordllama():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as e:
        raise BriefsmithError(None, f"the sentence model needs wordllama ({e}): pip install -e .")
    finally:
        root.handlers[:] = handlers   # undo wordllama's logging.basicConfig
        root.setLevel(level)
    # the tokenizer's own thread pool would compete with the extraction workers for the cores
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    folder = os.path.dirname(wordllama.__file__)
    try:
        return WordLlama.load(cache_dir=folder, disable_download=True)
    except (FileNotFoundError, OSError, ValueError) as e:
        raise BriefsmithError(folder, f"wordllama's model is not in its package: {e}")
