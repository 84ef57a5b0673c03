"""An extraction run under odd conditions (issue 20, item 10): killed (no staged file and no
worker left behind), terminated, long (a progress bar on a terminal), an article that cannot
be read (`path: message`, exit 1, no traceback)."""
from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from conftest import REPO, mkdocs_env
from generator.bench.corpus import make_corpus
from generator.cache.state import state_dir
from generator.cli import main


def _corpus(tmp_path: Path, n: int) -> Path:
    project = tmp_path / "p"
    (project / "briefs").mkdir(parents=True)
    (project / "briefs" / "taxonomy.yaml").write_bytes((REPO / "briefs" / "taxonomy.yaml").read_bytes())
    make_corpus(REPO / "seeds", project / "seeds", n)
    return project


def _temporary(project: Path) -> list[Path]:
    """Temporary files of a run (staged briefs, half-written files) anywhere in the project."""
    return sorted(p for p in project.rglob("*.tmp"))


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    """Running (a zombie left for a reaper that never comes counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_extract(project: Path, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:
        return subprocess.Popen([sys.executable, "-m", "generator", "extract", "--jobs", "2"],
                                cwd=project, env=mkdocs_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(proc: subprocess.Popen, workers: list[int]) -> None:
    """Whatever the test found: the run and its workers stopped, by their process ids."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    for pid in workers:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _wait_for(predicate, what: str, proc, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        assert proc.poll() is None, f"the run ended before {what}:\n{log.read_text()}"
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}\n{log.read_text()}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_extract_leaves_no_worker_and_its_staged_files_go_next_run(tmp_path, monkeypatch):
    project = _corpus(tmp_path, 60)
    log = tmp_path / "extract.log"
    proc = _start_extract(project, log)
    workers: list[int] = []
    try:
        # killed while its workers extract and have staged some briefs (renamed only at the end)
        _wait_for(lambda: len(_children(proc.pid)) >= 2 and _temporary(project / "briefs"),
                  "staged briefs", proc, log)
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)], "workers outlived the killed run"
    finally:
        _stop(proc, workers)
    left = _temporary(project)
    assert left, "nothing was staged: the kill came too late to test anything"
    assert not list((project / "briefs" / "sources").glob("*.yaml")), "briefs renamed before the end"
    # the next run removes what the killed one left, and completes
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0
    assert _temporary(project) == []
    assert len(list((project / "briefs" / "sources").glob("*.yaml"))) == 60


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_terminated_extract_removes_what_it_staged(tmp_path):
    project = _corpus(tmp_path, 60)
    log = tmp_path / "extract.log"
    proc = _start_extract(project, log)
    workers: list[int] = []
    try:
        _wait_for(lambda: _temporary(project / "briefs"), "staged briefs", proc, log)
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=60) == 128 + signal.SIGTERM
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)]
    finally:
        _stop(proc, workers)
    assert "Traceback" not in log.read_text()
    assert _temporary(project) == []


def _run_on_a_terminal(project: Path, code: str, timeout: float = 300) -> tuple[int, str]:
    """Run ``python -c code`` in ``project`` with its stderr on a pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))   # 100 columns
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=project, env=mkdocs_env(),
                            stdout=subprocess.DEVNULL, stderr=slave, start_new_session=True)
    os.close(slave)
    out, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError as e:   # EIO: the child closed the terminal
                    if e.errno != errno.EIO:
                        raise
                    chunk = b""
                if not chunk and proc.poll() is not None:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        return proc.wait(timeout=60), out.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        os.close(master)


def test_progress_is_shown_on_a_terminal_and_not_in_a_log(tmp_path):
    project = _corpus(tmp_path, 12)
    # the delay before the bar shows (2 s) set to 0, so that the run need not be slow
    code = ("import generator.briefs.extraction as x; x.PROGRESS_DELAY = 0\n"
            "from generator.cli import main; raise SystemExit(main(['extract', '--jobs', '1']))")
    status, shown = _run_on_a_terminal(project, code)
    assert status == 0, shown
    bars = re.findall(r"extracting:\s+(\d+)%\|[^|]*\| (\d+)/12 \[", shown)
    assert bars and "article/s" in shown, shown
    assert [int(done) for _, done in bars] == sorted(int(done) for _, done in bars)   # counts up
    # redirected to a file, the same run prints no bar
    for p in (project / "briefs" / "sources").glob("*.yaml"):
        p.unlink()
    proc = subprocess.run([sys.executable, "-c", code], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "extracting" not in proc.stderr and "\r" not in proc.stderr


def test_an_unreadable_article_is_path_message_exit_1(tmp_path, monkeypatch, capsys):
    """Root reads any file, so the system's refusal is simulated where the file is read."""
    project = _corpus(tmp_path, 3)
    monkeypatch.chdir(project)
    assert main(["extract", "--jobs", "1"]) == 0      # a cache now knows the article
    capsys.readouterr()
    victim = Path("seeds") / "a00001.txt"
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == victim.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert main(["extract", "--jobs", "1"]) == 1
    assert capsys.readouterr().err == f"error: {victim}: cannot read: Permission denied\n"
    assert main(["extract", "--jobs", "1", "--force"]) == 1   # read by the worker this time
    assert capsys.readouterr().err == f"error: {victim}: cannot read: Permission denied\n"
    assert main(["check"]) == 1
    assert f"{victim}: cannot read: Permission denied" in capsys.readouterr().out.splitlines()


def test_any_other_file_error_is_path_message(tmp_path, monkeypatch, capsys):
    from generator.cli import file_error
    err = OSError(errno.ENOSPC, "No space left on device", "briefs/sources/x.yaml")
    assert file_error(err) == "briefs/sources/x.yaml: No space left on device"
    monkeypatch.chdir(_corpus(tmp_path, 2))
    from generator.cache import files

    def full(*args, **kwargs):
        raise err
    monkeypatch.setattr(files.tempfile, "mkstemp", full)
    assert main(["extract", "--jobs", "1"]) == 1
    assert capsys.readouterr().err == "error: briefs/sources/x.yaml: No space left on device\n"
