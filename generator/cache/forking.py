"""Worker processes forked from a build that has loaded what they need.

A first build of a large site loads and renders every source: per source, independent work
that two cores do in half the time. The workers are forked, so they start with the loaded
site, the caches and the compiled templates and are sent only which sources to do, and send
back plain values. Fork is used only where it is safe: on platforms that have it, and when
no other thread runs (``mkdocs serve`` runs a server thread; forking a threaded process can
deadlock). Otherwise, and for a few sources, the caller does the work itself.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from contextlib import contextmanager

from .processes import die_with_parent, sigterm_held

_STATE: dict = {}   # what the forked workers read instead of arguments (set just before forking)


def state() -> dict:
    """In a worker: the keyword arguments ``forked_pool`` was given."""
    return _STATE


def can_fork() -> bool:
    """Whether forking this process is safe: the platform has fork and no other thread runs."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def workers(count: int, minimum: int) -> int:
    """How many workers to fork for ``count`` pieces of work: 0 (do it here) below
    ``minimum`` pieces, on one core, without fork, or while other threads run; otherwise
    one per core, and at least ``minimum // 2`` pieces each."""
    if count < minimum or not can_fork():
        return 0
    jobs = min(os.cpu_count() or 1, count // max(1, minimum // 2))
    return jobs if jobs >= 2 else 0


@contextmanager
def forked_pool(jobs: int, **shared):
    """A pool of ``jobs`` forked workers that see ``shared`` through ``state()``; it is
    stopped (terminated) when the block ends, whatever happens in it, and its workers end
    with this process (``die_with_parent``)."""
    _STATE.update(shared)
    try:
        with sigterm_held():   # its worker-handler thread, which forks later ones, keeps it held
            pool = multiprocessing.get_context("fork").Pool(jobs, initializer=die_with_parent,
                                                            initargs=(os.getpid(),))
        with pool:
            yield pool
    finally:
        _STATE.clear()


def chunk(count: int, jobs: int) -> int:
    """Pieces per message: a few messages per worker, so that the slowest does not lag."""
    return max(1, count // (jobs * 8))


class Ahead:
    """Results a pool computes (``results``, in the order of ``keys``), taken by key in any
    order: a result that comes before the one asked for is kept until it is asked for."""

    def __init__(self, keys: list, results):
        self.wanted, self.order, self.results, self.done = set(keys), iter(keys), results, {}

    def __contains__(self, key) -> bool:
        return key in self.wanted

    def take(self, key):
        while key not in self.done:
            self.done[next(self.order)] = next(self.results)
        self.wanted.discard(key)
        return self.done.pop(key)


def in_background(work) -> int | None:
    """Run ``work()`` in a forked child while this process goes on (on two cores, MkDocs
    converting pages leaves one idle); the child's pid, to ``wait`` for. None when forking
    is not safe (``work`` is then not run: the caller does it). The child ends with
    ``os._exit``: no exit handler or buffered output of the parent runs twice."""
    if not can_fork() or (os.cpu_count() or 1) < 2:
        return None
    pid = os.fork()
    if pid == 0:   # the child
        # Garbage the parent had not collected yet (a finished pool, a closed server) would be
        # finalised here, and a finaliser waiting on a lock some thread of the parent held at
        # the fork waits forever: none of it is the child's to collect (as extraction's workers)
        gc.freeze()
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)
    return pid


def wait(pid: int | None) -> None:
    """Until the child ``pid`` (from ``in_background``) has ended."""
    if pid is not None:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:   # reaped already
            pass
