"""Worker processes end with the process that started them.

A run killed by SIGKILL (out of memory, a cancelled CI job) runs no clean-up: its workers
would go on extracting or loading for nobody. Kept apart from ``forking`` because extraction
imports it, and the extraction cache is keyed on the code extraction imports.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1   # prctl(2): the signal a process gets when its parent thread ends


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when the process ``parent`` ends, even by SIGKILL, which runs no
    clean-up in it (Linux's ``prctl(PR_SET_PDEATHSIG)``; elsewhere the workers end when they
    next ask their closed queue for work). A parent that already ended ends the worker now.

    SIGTERM kills the worker again, as by default: the handler ``brief`` installs (which
    unwinds the run like Ctrl-C) is inherited through fork, and a pool stops its workers with
    SIGTERM: raising SystemExit at whatever point a worker stood (holding the pool's queue
    lock) left a sibling waiting for that lock forever, and the pool's exit waiting for the
    sibling (a `brief render` of 1,000 sources hung at the end of its forked load). A SIGTERM
    held back while the worker was forked (``sigterm_held``) comes now, and kills it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


@contextmanager
def sigterm_held():
    """SIGTERM blocked in this thread (and in the threads and processes it starts) while a pool
    forks its workers; a worker unblocks it in ``die_with_parent``. Python drops a signal that
    reaches a child before its interpreter is set up again after the fork: a pool stopped at
    that moment lost the one SIGTERM it sends, and waited for that worker forever (1 pool in
    about 50 under load, `tests/test_cache_forking.py`). Blocked, the signal waits in the kernel."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
