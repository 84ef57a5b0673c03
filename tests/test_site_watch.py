"""``brief serve``'s watcher (``site.watch``): a file's change is passed on once, whether the
platform's events or the polling report it (or both), a read passes nothing on, and the
platform's events arrive without the polling."""
from __future__ import annotations

import os
import threading
import time

from watchdog.events import (FileClosedNoWriteEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileOpenedEvent, FileSystemEventHandler)

from generator.site.watch import SPACING, Watcher, spaced


class Counter(FileSystemEventHandler):
    def __init__(self):
        self.events, self.arrived = [], threading.Event()

    def on_any_event(self, event):
        self.events.append(event)
        self.arrived.set()


def _save(path, text: str, staging=None) -> None:
    staged = (staging or path.parent) / f".{path.name}.tmp"
    staged.write_text(text)
    os.replace(staged, path)


def test_a_change_passes_once_and_a_read_not_at_all(tmp_path):
    brief = tmp_path / "a.yaml"
    brief.write_text("one\n")
    watcher = Watcher()
    watcher._note(str(tmp_path), recursive=True)
    path = str(brief)
    assert not watcher.fresh(FileModifiedEvent(path))           # as found when the watch began
    assert not watcher.fresh(FileOpenedEvent(path))
    _save(brief, "two\n")
    assert not watcher.fresh(FileClosedNoWriteEvent(path))      # a read, even of a changed file
    assert watcher.fresh(FileMovedEvent(str(tmp_path / ".a.yaml.tmp"), path))
    assert not watcher.fresh(FileModifiedEvent(path))           # the same change, reported again
    brief.unlink()
    assert watcher.fresh(FileDeletedEvent(path))
    assert not watcher.fresh(FileDeletedEvent(path))
    assert not watcher.fresh(FileDeletedEvent(str(tmp_path / "never-there.yaml")))


def _path(event) -> str:
    return os.fsdecode(getattr(event, "dest_path", "") or event.src_path)


def _serve_watch(tmp_path, polling_interval: float) -> tuple[Watcher, Counter]:
    counter, watcher = Counter(), Watcher(polling_interval=polling_interval)
    watcher.schedule(counter, str(tmp_path), recursive=True)
    watcher.start()
    return watcher, counter


def test_both_observers_report_a_save_and_it_is_passed_on_once(tmp_path):
    brief, staging = tmp_path / "briefs" / "sources" / "a.yaml", tmp_path / "staging"
    brief.parent.mkdir(parents=True)
    staging.mkdir()
    brief.write_text("one\n")
    watcher, counter = _serve_watch(tmp_path / "briefs", polling_interval=0.2)
    try:
        time.sleep(0.5)   # the polling's first look taken
        _save(brief, "two, longer\n", staging)   # (a file staged beside it would be a change too)
        assert counter.arrived.wait(30)
        time.sleep(1.0)   # five polls: the polling has seen the same change by now
        assert [_path(e) for e in counter.events] == [str(brief)]   # (moved in: "created")
        assert brief.read_text() == "two, longer\n"   # (reading it passes nothing on)
        time.sleep(0.5)
        assert len(counter.events) == 1
    finally:
        watcher.stop()


def test_the_platforms_events_arrive_without_the_polling(tmp_path):
    brief = tmp_path / "a.yaml"
    brief.write_text("one\n")
    watcher, counter = _serve_watch(tmp_path, polling_interval=3600)   # the polling never looks again
    try:
        _save(brief, "two\n")
        assert counter.arrived.wait(30), "no file event: the platform's observer did not report the save"
        assert _path(counter.events[0]) in (str(brief), str(tmp_path / ".a.yaml.tmp"))
    finally:
        watcher.stop()


class _Silent:
    """A platform observer that never reports anything (a network mount's)."""

    def schedule(self, *args, **kwargs):
        return None

    def unschedule(self, watch):
        pass

    def start(self):
        pass

    def stop(self):
        pass

    def is_alive(self):
        return False


def test_the_polling_alone_finds_a_save_its_polls_spaced_by_their_cost(tmp_path):
    for i in range(300):
        (tmp_path / f"b{i:03d}.yaml").write_text("x\n")
    counter, watcher = Counter(), Watcher(polling_interval=0.1)
    watcher.native = _Silent()
    watcher.schedule(counter, str(tmp_path), recursive=True)
    watcher.start()
    try:
        time.sleep(0.5)   # the first look taken, a few polls made
        _save(tmp_path / "b007.yaml", "changed, longer\n")
        assert counter.arrived.wait(30), "the polling did not find the save"
        assert [_path(e) for e in counter.events] == [str(tmp_path / "b007.yaml")]
        costs = [e.cost for e in watcher.polling.emitters]
        assert costs and all(c > 0 for c in costs)   # measured, for the next wait
    finally:
        watcher.stop()
    # a poll of 10,000 files (0.15 s) waits 3 s before the next; 1,000 (0.015 s) 0.5 s as before
    assert spaced(0.5, 0.15) == SPACING * 0.15 > 2.5 and spaced(0.5, 0.015) == 0.5
