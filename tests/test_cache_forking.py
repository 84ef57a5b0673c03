import threading

from generator.cache import forking


def test_workers_only_for_many_pieces_on_several_cores(monkeypatch):
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    assert forking.workers(63, 64) == 0
    assert forking.workers(64, 64) == 2
    assert forking.workers(10_000, 64) == 2
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 8)
    assert forking.workers(100, 64) == 3      # at least 32 pieces each
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 1)
    assert forking.workers(10_000, 64) == 0


def test_no_workers_while_another_thread_runs(monkeypatch):
    """``mkdocs serve`` runs a server thread: a threaded process is not forked."""
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert forking.workers(10_000, 64) == 0
    finally:
        stop.set()
        thread.join(5)
    assert forking.workers(10_000, 64) == 2


def _shared_value(n):
    return forking.state()["base"] + n


def test_forked_pool_shares_state_and_clears_it():
    with forking.forked_pool(2, base=100) as pool:
        assert list(pool.imap(_shared_value, range(5))) == [100, 101, 102, 103, 104]
    assert forking.state() == {}


def test_in_background_runs_in_a_child_and_wait_reaps_it(tmp_path, monkeypatch):
    """The work runs in another process (this one goes on at once), and ``wait`` returns
    once it is done."""
    import os

    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    out = tmp_path / "pid"
    pid = forking.in_background(lambda: out.write_text(str(os.getpid())))
    assert pid is not None and pid != os.getpid()
    forking.wait(pid)
    assert out.read_text() == str(pid)
    forking.wait(pid)   # twice, or a child reaped elsewhere: no error
    forking.wait(None)


def test_in_background_declines_where_forking_is_unsafe(monkeypatch):
    """With another thread running, or one core, nothing is forked: the caller does the work."""
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 1)
    assert forking.in_background(lambda: None) is None
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert forking.in_background(lambda: None) is None
    finally:
        stop.set()
        thread.join(5)


def _sigterm_disposition(_):
    import signal
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def test_pools_stop_their_workers_under_a_sigterm_handler(monkeypatch):
    """`brief` turns SIGTERM into SystemExit; a forked worker must not inherit that: a pool is
    stopped by SIGTERM, and an exception raised wherever a worker stands (holding the queue's
    lock) hung a sibling and the pool's exit (one pool in a few hundred, before)."""
    import signal

    previous = signal.signal(signal.SIGTERM, _raise_exit)
    try:
        for _ in range(100):
            with forking.forked_pool(2, base=1) as pool:
                assert all(pool.imap(_sigterm_disposition, range(8)))
    finally:
        signal.signal(signal.SIGTERM, previous)


class _WaitsForALock:
    """Garbage whose finaliser waits for a lock (as a pool's or a server's may)."""

    def __init__(self, lock, parent, marker):
        self.lock, self.parent, self.marker, self.cycle = lock, parent, marker, self

    def __del__(self):
        import os
        if os.getpid() != self.parent:
            self.marker.write_text("finalised in the child")
            self.lock.acquire(timeout=2)


def test_in_background_child_never_finalises_the_parents_garbage(tmp_path, monkeypatch):
    """A child once hung in a finaliser of the parent's uncollected garbage, waiting on a lock
    held at the fork; the child must leave that garbage alone."""
    import gc
    import os

    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    lock, marker = threading.Lock(), tmp_path / "marker"
    lock.acquire()
    gc.disable()
    try:
        _WaitsForALock(lock, os.getpid(), marker)   # a cycle: only the collector frees it
        pid = forking.in_background(gc.collect)
        assert pid is not None
        forking.wait(pid)
    finally:
        gc.enable()
        lock.release()
        gc.collect()
    assert not marker.exists()
