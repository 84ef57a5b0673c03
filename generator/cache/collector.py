"""Pausing Python's cyclic garbage collector around work that makes many objects, no cycles,
or spacing its young collections out.

Checking briefs and loading or rendering a site allocate plain data (dicts, lists, strings,
dataclasses, parsed nodes) and almost no reference cycles. The number of objects they keep
alive sets off full collections, each walking every live object: measured, 20-40% of a
check of 1,000 briefs and a third of a first site load. With the collector paused for the
duration and enabled again afterwards, the few cycles made (a few hundred objects after a
1,000-source build) are collected as usual later.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc(freeze: bool = False):
    """No cyclic collection inside the block (usable as a decorator); the collector's
    state is restored afterwards, so nested pauses are harmless.

    ``freeze``: on leaving, move every object the collector tracks to its permanent
    generation (``gc.freeze``) before enabling it again. Objects made while it was paused
    all sit in the youngest generation, so the first collection after the block traverses
    every one of them (1.5 s after a 10,000-source site load), and later full collections
    again; frozen, none is traversed again. For a process that keeps what it made to the
    end (a one-shot build): a cycle among frozen objects is never collected. In a serve
    session, whose rebuilds repeat the block, the cycles frozen with each rebuild are
    collected by ``collect_and_freeze``, which thaws first (``site.serving``: every 50 builds)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


# The youngest generation's threshold while extracting (CPython's default: 700). An article's
# extraction keeps thousands of small containers alive at once (tokens, hits, mentions,
# candidates) and makes almost no cycles, so at 700 net allocations the collector ran about
# six times per bench article, each pass traversing what the article had made so far: 6% of
# a one-process run's CPU, 2% of a pooled worker's (whose start-up state is frozen). At 10,000
# it runs a few times per 1,000 articles; the few cycles made are still collected.
SPACED_THRESHOLD = 10_000


def space_collections(threshold: int = SPACED_THRESHOLD) -> tuple[int, int, int]:
    """Collect the youngest generation only every ``threshold`` net allocations (never more
    often than now); the thresholds before, for ``gc.set_threshold`` to restore."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    return before


@contextmanager
def spaced_collections(threshold: int = SPACED_THRESHOLD):
    """``space_collections`` inside the block, the thresholds restored afterwards."""
    before = space_collections(threshold)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def collect_and_freeze() -> None:
    """Collect every object once, frozen ones too (``gc.unfreeze`` first), then move what
    survives to the permanent generation (``gc.freeze``): no later collection traverses it
    again. For a long-running process after it made what it keeps (a serve session's first
    build: 4 million objects at 10,000 sources, whose first full collection took 4-5 s of a
    save's rebuild), and now and then after (``freeze_alive``'s cycles collected)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def freeze_alive() -> None:
    """Move every object alive now to the permanent generation (``gc.freeze``), without
    collecting: for what a serve session's rebuild loaded and rendered with the collector
    paused (``SiteCache.building``) and keeps, which would otherwise be traversed by the next
    young collections and, moved on, by full ones. The few cycles the rebuild made and
    dropped are frozen with it, collected only by the next ``collect_and_freeze`` (measured:
    about 1,350 objects a rebuild at 1,000 sources)."""
    gc.freeze()
