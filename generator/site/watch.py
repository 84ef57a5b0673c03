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

``Watcher`` stands in for the server's ``observer`` (``schedule``, ``unschedule``, ``start``,
``stop``: what MkDocs 1.6 and ProperDocs ask of it).
"""
from __future__ import annotations

import logging
import os
import threading

from watchdog.events import (FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.briefsmith.serve")

CHANGES = {"created", "modified", "deleted", "moved", "closed"}   # not "opened", "closed_no_write"
EVENTS = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


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
        self.polling = PollingObserver(timeout=polling_interval)
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
