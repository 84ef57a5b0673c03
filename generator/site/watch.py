"""``brief serve``'s file watcher: the platform's own file events, with MkDocs' polling beside them.

MkDocs' live-reload server polls the watched folders (every 0.5 s, a ``stat`` of every file:
about 25 ms of CPU at 1,000 sources, in the server's process, during builds too), so a save
waits a quarter of a second on average before its rebuild starts. It polls because the
platform's events (inotify, FSEvents, ...) never come from some filesystems (network mounts,
Docker's on other systems). Here both watch: the platform's events start a rebuild as a file
changes, and the polling still finds what they miss. A change that both report starts one
rebuild: a path's change passes on only when its state (inode, size, modification time)
differs from the one last passed on (or found when the watch began). Reading a file (the
platform's "opened" and "closed" events of a build) passes nothing on.

A poll costs CPU in proportion to the files (a ``stat`` each and the comparison: about
0.15 s for each of ``briefs/`` and ``seeds/`` at 10,000 sources), so every 0.5 s it took
about half of one core while serving, rebuilds included. Each folder's polling here waits
at least ``SPACING`` times what its last poll cost (``SpacedPolling``): at most about 5% of a
core, 0.5 s apart at 1,000 sources as before, about 3 s at 10,000 (where the platform's
events are missed, a save is found that much later).

``Watcher`` stands in for the server's ``observer`` (``schedule``, ``unschedule``, ``start``,
``stop``: what MkDocs 1.6 and ProperDocs ask of it).
"""
from __future__ import annotations

import logging
import os
import threading
import time

from watchdog.events import (FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingEmitter

log = logging.getLogger("mkdocs.briefsmith.serve")

CHANGES = {"created", "modified", "deleted", "moved", "closed"}   # not "opened", "closed_no_write"
EVENTS = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


SPACING = 20   # a folder's next poll at least this many times its last one's CPU time away


class _SpacedEmitter(PollingEmitter):
    """Watchdog's polling of one folder, the wait before each poll at least ``SPACING`` times
    the CPU time the last one took (this thread's: waiting for the processor is not counted)."""

    cost = 0.0

    def queue_events(self, timeout) -> None:
        spent = time.thread_time()
        super().queue_events(spaced(timeout, self.cost))
        self.cost = time.thread_time() - spent


def spaced(interval: float, cost: float) -> float:
    """The wait before a poll: ``interval``, or ``SPACING`` times the last poll's ``cost``."""
    return max(interval, SPACING * cost)


class SpacedPolling(BaseObserver):
    """Watchdog's ``PollingObserver``, each folder's polls spaced by their cost."""

    def __init__(self, timeout: float):
        super().__init__(_SpacedEmitter, timeout=timeout)


def _state(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Watcher:
    """The platform's observer and a polling one (``polling_interval``), deduplicated."""

    def __init__(self, polling_interval: float = 0.5):
        self.native = Observer()
        self.polling = SpacedPolling(timeout=polling_interval)
        self.known: dict[str, tuple | None] = {}   # path -> its state when last passed on
        self.lock = threading.Lock()

    def schedule(self, handler, path, *, recursive: bool = False, **_) -> tuple:
        relay = _Relay(handler, self)
        self._note(os.fspath(path), recursive)
        try:   # (watchdog 4 and later: the build's reads are not even queued)
            native = self.native.schedule(relay, path, recursive=recursive, event_filter=EVENTS)
        except TypeError:
            native = self.native.schedule(relay, path, recursive=recursive)
        return native, self.polling.schedule(relay, path, recursive=recursive)

    def unschedule(self, watches: tuple) -> None:
        self.native.unschedule(watches[0])
        self.polling.unschedule(watches[1])

    def start(self) -> None:
        self.polling.start()
        try:
            self.native.start()
        except OSError as e:   # e.g. no inotify watches left: polling alone, as MkDocs does
            log.warning(f"file events unavailable ({e}); changes are found by polling")

    def stop(self) -> None:
        for observer in (self.native, self.polling):
            if observer.is_alive():
                observer.stop()

    def _note(self, path: str, recursive: bool) -> None:
        """The state of the files under ``path`` as the watch begins."""
        found = {path: _state(path)} if not os.path.isdir(path) else {}
        for folder, dirs, names in os.walk(path):
            found.update((p, _state(p)) for p in (os.path.join(folder, n) for n in names))
            if not recursive:
                dirs[:] = []
        with self.lock:
            for p, state in found.items():
                self.known.setdefault(p, state)

    def fresh(self, event) -> bool:
        """Whether ``event`` changes a file from the state last passed on (and note it)."""
        if event.is_directory or event.event_type not in CHANGES:
            return False
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        changed = False
        with self.lock:
            for path in paths:
                state = _state(path)
                if self.known.get(path) != state:
                    self.known[path] = state
                    changed = True
        return changed


class _Relay(FileSystemEventHandler):
    """Passes an event on to the server's handler when it changes a file (``Watcher.fresh``)."""

    def __init__(self, handler, watcher: Watcher):
        super().__init__()
        self.handler, self.watcher = handler, watcher

    def dispatch(self, event) -> None:
        if self.watcher.fresh(event):
            self.handler.dispatch(event)
