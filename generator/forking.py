"""Worker processes forked from a build that has loaded what they need.

A first build of a large site loads and renders every source: per source, independent work
that two cores do in half the time. The workers are forked, so they start with the loaded
site, the caches and the compiled templates and are sent only which sources to do, and send
back plain values. Fork is used only where it is safe: on platforms that have it, and when
no other thread runs (``mkdocs serve`` runs a server thread; forking a threaded process can
deadlock). Otherwise, and for a few sources, the caller does the work itself.
"""
from __future__ import annotations

import marshal
import multiprocessing
import os
import struct
import threading
from contextlib import contextmanager

_STATE: dict = {}   # what the forked workers read instead of arguments (set just before forking)


def state() -> dict:
    """In a worker: the keyword arguments ``forked_pool`` was given."""
    return _STATE


def can_fork() -> bool:
    """Whether forking this process is safe: the platform has fork and no other thread runs."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def background_ok() -> bool:
    """Whether a child may work in the background: forking is safe, and there is a core for it."""
    return can_fork() and (os.cpu_count() or 1) >= 2


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
    stopped (terminated) when the block ends, whatever happens in it."""
    _STATE.update(shared)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
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
    if not background_ok():
        return None
    pid = os.fork()
    if pid == 0:   # the child
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)
    return pid


class ChildFailed(Exception):
    """The child of a ``Stream`` stopped before it was done: its error, or its exit status."""


class Stream:
    """The records a forked child makes, taken here one by one as they come (``next``), while
    both processes go on: the child is ahead by what the pipe holds, then waits for this
    process to take more. ``wait`` takes what is left (the child may be blocked on a full
    pipe) and reaps the child, which runs its ``then`` once every record is taken."""

    _HEAD = struct.Struct("<Q")

    def __init__(self, pid: int, reader) -> None:
        self.pid, self.reader = pid, reader

    def next(self):
        """The next record; ``EOFError`` after the last, ``ChildFailed`` if the child failed."""
        head = self.reader.read(self._HEAD.size) if self.reader else b""
        if len(head) < self._HEAD.size:
            raise EOFError
        kind, value = marshal.loads(self.reader.read(self._HEAD.unpack(head)[0]))
        if kind == "error":
            raise ChildFailed(value)
        return value

    def wait(self) -> None:
        if self.reader is not None:
            try:
                while True:
                    self.next()
            except (EOFError, ChildFailed):
                pass
            self.reader.close()
            self.reader = None
        wait(self.pid)


def streamed(produce, then=None) -> Stream | None:
    """Run ``produce()`` (an iterable of values ``marshal`` holds) in a forked child, each
    value sent back through a pipe as it is made, then ``then()`` in the child; None where
    forking is not safe (as ``in_background``: the caller does the work itself)."""
    if not background_ok():
        return None
    read_end, write_end = os.pipe()
    try:   # a larger pipe lets the child run further ahead (Linux; else the default size)
        import fcntl
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass
    pid = os.fork()
    if pid == 0:   # the child
        status = 1
        try:
            os.close(read_end)
            with open(write_end, "wb") as out:
                def send(kind, value):
                    blob = marshal.dumps((kind, value))
                    out.write(Stream._HEAD.pack(len(blob)) + blob)
                    out.flush()
                try:
                    for value in produce():
                        send("value", value)
                except Exception as e:
                    send("error", f"{type(e).__name__}: {e}")
                    raise
            if then is not None:
                then()
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return Stream(pid, open(read_end, "rb"))


def wait(pid) -> None:
    """Until the child ``pid`` (from ``in_background``) has ended; an object that stands for
    a child (a ``Stream``, or what reads one) is asked to ``wait`` itself."""
    if pid is not None and not isinstance(pid, int):
        pid.wait()
    elif pid is not None:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:   # reaped already
            pass
