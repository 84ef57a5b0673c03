"""Are the briefs and pages byte-identical across versions of the code? (issue 22)

Every version named runs the ``brief`` command of its own code, in a fresh process, on one
project: the synthetic corpus of ``bench.corpus`` (``--n`` articles from the seeds), that
version's taxonomy (``briefs/taxonomy.yaml``) and sentence model (``model/``). Each version
extracts the briefs (``brief extract``) and renders them (``brief render``); with
``--briefs-of REV`` every version renders instead the very briefs REV's code extracted (with
REV's taxonomy), so that only rendering differs. Every brief and every page written is hashed
into ``<work>/manifests/<label>.txt`` (``sha256  briefs/...`` / ``pages/...``, hidden files such
as caches left out) and the outputs are kept in ``<work>/outputs/<label>/`` for a ``diff -r``.

A version is a git revision of the repository (its committed ``generator/``, ``model/`` and
taxonomy, taken with ``git archive``) or ``.`` for the code as it is in this checkout. Every
run happens in the same folder (``<work>/run/project``) with the same relative paths, so a
path shown on a page cannot make two versions differ.

    python -m generator.bench.identity --n 1000 9cc68fb main         # extraction and rendering
    python -m generator.bench.identity --n 1000 --briefs-of 9cc68fb 9cc68fb main

Consecutive versions are compared (one whose ``brief`` fails is named and passed over); the
exit status is 1 when any of them differ. A difference
made on purpose is accounted for by ``--strip REGEX`` (repeatable): the outputs are compared
without what it matches, and what still differs is what no named change explains::

    python -m generator.bench.identity --n 1000 --briefs-of 9cc68fb 9cc68fb main \\
        --strip ' <span class="brief-uncertain"[^>]*>uncertain [0-9.]+</span>'     # 0a1ba00
"""
from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .corpus import make_corpus

PACKAGE = Path(__file__).resolve().parents[1]          # generator/
CHECKOUT = PACKAGE.parent                              # the repository this code is in
WORKTREE = "."
TIMEOUT = 900        # seconds a `brief` command may take (1,000 sources: about a minute)


def tree_hashes(folder: Path, prefix: str, strip: list[re.Pattern] = ()) -> dict[str, str]:
    """sha256 of every file under ``folder`` but hidden ones (caches, staging), by ``prefix/path``;
    with ``strip``, of its text without what those patterns match (a change known by name)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            data = path.read_bytes()
            for pattern in strip:
                data = pattern.sub("", data.decode("utf-8")).encode("utf-8")
            out[f"{prefix}/{rel.as_posix()}"] = hashlib.sha256(data).hexdigest()
    return out


def manifest_text(hashes: dict[str, str]) -> str:
    return "".join(f"{h}  {name}\n" for name, h in sorted(hashes.items()))


def read_manifest(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line[66:]: line[:64] for line in lines if line}


def differences(old: dict[str, str], new: dict[str, str]) -> dict[str, list[str]]:
    """The names whose bytes differ, that only ``old`` has, that only ``new`` has."""
    return {"changed": sorted(n for n in old.keys() & new.keys() if old[n] != new[n]),
            "missing": sorted(old.keys() - new.keys()),
            "new": sorted(new.keys() - old.keys())}


def summary(a: str, b: str, old: dict[str, str], new: dict[str, str], show: int = 10) -> str:
    """One paragraph per kind of output (briefs, pages): how many were compared and differ."""
    lines = [f"{a} -> {b}:"]
    for kind in ("briefs", "pages"):
        o = {k: v for k, v in old.items() if k.startswith(kind + "/")}
        n = {k: v for k, v in new.items() if k.startswith(kind + "/")}
        diff = differences(o, n)
        counts = ", ".join(f"{len(v)} {k}" for k, v in diff.items())
        verdict = "identical" if not any(diff.values()) else counts
        lines.append(f"  {kind}: {len(o)} / {len(n)} files, {verdict}")
        for k, names in diff.items():
            lines += [f"    {k}: {name}" for name in names[:show]]
            if len(names) > show:
                lines.append(f"    {k}: ... {len(names) - show} more")
    return "\n".join(lines)


def code_of(version: str, dest: Path) -> Path:
    """A copy of ``version``'s code, model and taxonomy in ``dest`` (made once)."""
    if version != WORKTREE and (dest / "generator").is_dir():   # a commit does not change
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=".code-"))
    if version == WORKTREE:
        shutil.copytree(PACKAGE, tmp / "generator",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for rel in ("model", "briefs/taxonomy.yaml"):
            src = CHECKOUT / rel
            if src.is_dir():
                shutil.copytree(src, tmp / rel)
            elif src.is_file():
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, tmp / rel)
    else:
        paths = [p for p in ("generator", "model", "briefs/taxonomy.yaml")
                 if _git("cat-file", "-e", f"{version}:{p}", check=False).returncode == 0]
        data = _git("archive", "--format=tar", version, *paths).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(tmp, filter="data")
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)
    return dest


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(CHECKOUT), *args], capture_output=True, check=check)


def label_of(version: str) -> str:
    """A revision's short commit id (``main`` moves; its commit does not); ``.`` is ``worktree``."""
    if version == WORKTREE:
        return "worktree"
    return _git("rev-parse", "--short", version).stdout.decode().strip()


def brief(code: Path, project: Path, *argv: str) -> str:
    """``brief ARGV`` with ``code``'s package, in ``project``; its output, or an error if it failed
    (a render that reports problems in the briefs exits 1 and still writes its pages)."""
    env = dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    try:   # 7e0da2b to a052b35 can hang at the end of a forked load (a052b35, f0745da)
        proc = subprocess.run([sys.executable, "-m", "generator", *argv], cwd=project, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"brief {' '.join(argv)} with {code}: no answer in {TIMEOUT} s") from None
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and argv[0] != "render"):
        raise RuntimeError(f"brief {' '.join(argv)} with {code} exited {proc.returncode}:\n"
                           f"{proc.stderr[-3000:]}")
    return f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"


def fresh_project(run: Path, corpus: Path, code: Path, briefs: Path | None) -> Path:
    """``run/project``: the corpus as ``seeds/``, ``briefs/`` (a copy of ``briefs`` without hidden
    files, or just ``code``'s taxonomy), ``code``'s model; nothing else, no cache."""
    project = run / "project"
    if run.exists():
        shutil.rmtree(run)
    project.mkdir(parents=True)
    shutil.copytree(corpus, project / "seeds")
    if briefs is not None:
        shutil.copytree(briefs, project / "briefs", ignore=shutil.ignore_patterns(".*"))
    else:
        (project / "briefs").mkdir()
        shutil.copy(code / "briefs" / "taxonomy.yaml", project / "briefs" / "taxonomy.yaml")
    if (code / "model").is_dir():
        shutil.copytree(code / "model", project / "model")
    return project


def outputs_of(version: str, work: Path, corpus: Path, briefs: Path | None, where: Path,
               strip: list[re.Pattern] = ()) -> dict[str, str]:
    """Extract (unless ``briefs`` are given) and render with ``version``'s code; keep the outputs
    in ``<where>/outputs/<label>/``, their manifest in ``<where>/manifests/``; return the hashes."""
    label = label_of(version)
    code = code_of(version, work / "code" / label)
    run = work / "run"
    project = fresh_project(run, corpus, code, briefs)
    log = [] if briefs else [brief(code, project, "extract", "--seeds", "seeds", "--briefs", "briefs")]
    log.append(brief(code, project, "render", "--seeds", "seeds", "--briefs", "briefs", "--out", "../pages"))
    kept = where / "outputs" / label
    if kept.exists():
        shutil.rmtree(kept)
    kept.mkdir(parents=True)
    (project / "briefs").rename(kept / "briefs")
    (run / "pages").rename(kept / "pages")
    (kept / "log.txt").write_text("\n".join(log).replace(str(project), "<project>"), encoding="utf-8")
    hashes = {**tree_hashes(kept / "briefs", "briefs", strip), **tree_hashes(kept / "pages", "pages", strip)}
    (where / "manifests").mkdir(exist_ok=True)
    (where / "manifests" / f"{label}.txt").write_text(manifest_text(hashes), encoding="utf-8")
    shutil.rmtree(run)
    return hashes


def compare_versions(versions: list[str], work: Path, n: int, seeds: Path,
                     briefs_of: str | None = None, strip: list[re.Pattern] = (), say=print) -> bool:
    """Run every version on one corpus of ``n`` articles (``<work>/corpus-<n>``); say how
    consecutive ones differ. True when all of them gave the same bytes. With ``briefs_of``, the
    outputs are kept under ``<work>/briefs-of-<label>/``, else under ``<work>/``."""
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{n}"
    if not corpus.is_dir():
        make_corpus(seeds, corpus, n)
    given, where = None, work
    if briefs_of is not None:
        where = work / f"briefs-of-{label_of(briefs_of)}"
        outputs_of(briefs_of, work, corpus, None, where / "extracted")
        given = where / "extracted" / "outputs" / label_of(briefs_of) / "briefs"
        say(f"briefs extracted by {briefs_of} ({label_of(briefs_of)}), rendered by each version")
    results = []
    for version in versions:
        try:
            results.append((f"{version} ({label_of(version)})",
                            outputs_of(version, work, corpus, given, where, strip)))
        except RuntimeError as e:   # a commit that does not run (a rebase's broken step)
            say(f"{version} ({label_of(version)}): not compared, it does not run: "
                f"{str(e).strip().splitlines()[-1]}")
    same = True
    for (a, old), (b, new) in zip(results, results[1:]):
        say(summary(a, b, old, new))
        same = same and old == new
    return same


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.bench.identity", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("versions", nargs="+", help="git revisions, or . for this checkout's code")
    p.add_argument("--n", type=int, default=1000, help="articles in the synthetic corpus (default 1000)")
    p.add_argument("--seeds", type=Path, default=CHECKOUT / "seeds", help="the corpus's seed articles")
    p.add_argument("--work", type=Path, default=Path("build/identity"), help="default: build/identity")
    p.add_argument("--briefs-of", default=None, help="render these briefs (extracted by this version)")
    p.add_argument("--strip", action="append", default=[], metavar="REGEX",
                   help="compare the outputs without what REGEX matches: a change known by its commit")
    args = p.parse_args(argv)
    same = compare_versions(args.versions, args.work.resolve(), args.n, args.seeds, args.briefs_of,
                            [re.compile(r) for r in args.strip])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
