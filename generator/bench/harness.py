"""The measurements of ``brief bench``, side by side in one run, as a Markdown report.

Each measurement runs in a fresh process (``generator.bench.tasks``) so that its peak memory
is its own and no cache of an earlier one helps it; each is repeated and the median kept,
and the load average is noted with it (other people share the machine). Ratios measured in
the same run are the figures to compare: absolute seconds move with the load.
"""
from __future__ import annotations

import compileall
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..cache.state import state_dir
from .corpus import make_corpus

HOOK = Path(__file__).with_name("timing_hook.py")
# What `brief build` keeps in the state folder for the next build: deleted before the first one.
SITE_CACHES = ("check.json", "briefs.marshal", "site.marshal")


@dataclass
class Bench:
    project: Path                    # a Briefsmith project: mkdocs.yml, docs/, seeds/, briefs/taxonomy.yaml
    work: Path                       # scratch folder (emptied first)
    n: int = 1000
    repeat: int = 3
    site_sizes: tuple[int, ...] = (100, 1000)
    site_timeout: float = 3600.0
    memory_n: int = 0                # a second, smaller corpus for the memory comparison (0: n // 4)
    cold_repeat: int = 0             # runs per cold extraction (0: repeat)
    env: dict = field(default_factory=dict)
    code: str = ""                   # the snapshot of the code the tasks must run
    log: list[str] = field(default_factory=list)
    results: dict = field(default_factory=dict)

    # ---- helpers ------------------------------------------------------------------

    def say(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def task(self, *args: str, timeout: float | None = None, env: dict | None = None) -> dict:
        """Run one measurement in a fresh process; its JSON result plus load and wall time."""
        load = os.getloadavg()[0]
        t = time.perf_counter()
        # cwd: ``python -m`` puts the working folder first on sys.path, ahead of PYTHONPATH,
        # so started in the repository the tasks would import the live code, not the snapshot
        proc = subprocess.run([sys.executable, "-m", "generator.bench.tasks", *args],
                              capture_output=True, text=True, timeout=timeout, cwd=self.work,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **self.env, **(env or {})})
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            raise RuntimeError(f"bench task {args[0]} failed:\n{proc.stderr[-3000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if self.code and not result.get("module", "").startswith(self.code):
            raise RuntimeError(f"bench task ran {result.get('module')}, not the snapshot {self.code}")
        result.update(load=load, wall=wall)
        return result

    def repeated(self, name: str, make_args, prepare=None, times: int = 0) -> dict:
        """The median run of ``repeat`` (by seconds), with every run's seconds and load."""
        runs = []
        for r in range(times or self.repeat):
            if prepare:
                prepare(r)
            runs.append(self.task(*make_args(r)))
            extra = "".join(f", {k} {runs[-1][k]}" for k in ("written", "skipped") if k in runs[-1])
            self.say(f"  {name} #{r + 1}: {runs[-1]['seconds']:.2f} s (load {runs[-1]['load']:.2f}{extra})")
        best = sorted(runs, key=lambda x: x["seconds"])[len(runs) // 2]
        return {**best, "runs": [round(x["seconds"], 3) for x in runs],
                "skipped_runs": [x.get("skipped") for x in runs],
                "loads": [round(x["load"], 2) for x in runs]}

    def fresh_briefs(self, folder: Path) -> Path:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        shutil.copy(self.project / "briefs" / "taxonomy.yaml", folder / "taxonomy.yaml")
        model = self.project / "model" / "sentences.json"
        if model.is_file():   # the project's sentence model, where extraction looks for it
            (folder.parent / "model").mkdir(exist_ok=True)
            shutil.copy(model, folder.parent / "model" / "sentences.json")
        return folder

    # ---- extraction -----------------------------------------------------------------

    def extraction(self) -> dict:
        n, work = self.n, self.work / f"extract-{self.n}"
        seeds = work / "seeds"
        self.say(f"corpus: {n} articles")
        text_bytes = make_corpus(self.project / "seeds", seeds, n)
        tax = str(self.project / "briefs" / "taxonomy.yaml")
        out: dict = {"n": n, "corpus_bytes": text_bytes, "cores": os.cpu_count()}
        out["floor"] = self.repeated("floor", lambda r: ("floor", str(seeds), tax))
        cold_dir = lambda r, jobs: work / f"briefs-j{jobs}-{r}"  # noqa: E731
        out["cold"] = self.repeated(
            "cold extraction, all cores", lambda r: ("extract", str(seeds), str(cold_dir(r, 0)), "0"),
            prepare=lambda r: self.fresh_briefs(cold_dir(r, 0)), times=self.cold_repeat)
        out["cold_1"] = self.repeated(
            "cold extraction, one core", lambda r: ("extract", str(seeds), str(cold_dir(r, 1)), "1"),
            prepare=lambda r: self.fresh_briefs(cold_dir(r, 1)), times=self.cold_repeat)
        colds = range(self.cold_repeat or self.repeat)
        digests = {digest(cold_dir(r, j)) for r in colds for j in (0, 1)}
        out["identical"] = len(digests) == 1
        out["briefs_bytes"] = folder_bytes(cold_dir(0, 0) / "sources")
        out["unchanged"] = self.repeated(
            "unchanged re-extraction", lambda r: ("extract", str(seeds), str(cold_dir(0, 0)), "0"))
        out["unchanged_identical"] = digest(cold_dir(0, 0)) in digests
        out["one_edited"] = self.one_edited(seeds, cold_dir(0, 0))
        m = self.memory_n or max(8, n // 4)
        small = work / f"seeds-{m}"
        make_corpus(self.project / "seeds", small, m)
        self.fresh_briefs(work / "briefs-small")
        out["small"] = {"n": m, **self.task("extract", str(small), str(work / "briefs-small"), "0"),
                        "briefs_bytes": folder_bytes(work / "briefs-small" / "sources")}
        for r in colds:
            for j in (0, 1):
                if (r, j) != (0, 0):
                    shutil.rmtree(cold_dir(r, j))
        self.results["extraction"] = out
        return out

    def one_edited(self, seeds: Path, briefs: Path) -> dict:
        """Re-extraction after one article changed (what a save in the editor costs): a new
        paragraph at the end of the first article each run; the article is put back after."""
        edited = sorted(seeds.glob("*.txt"))[0]
        original = edited.read_bytes()

        def edit(r: int) -> None:
            edited.write_bytes(original + f"\nAdded paragraph {r + 1}: Russia courts the Taliban "
                                          f"against the Islamic State.\n".encode())
        try:
            return self.repeated("re-extraction after one article changed",
                                 lambda r: ("extract", str(seeds), str(briefs), "0"), prepare=edit)
        finally:
            edited.write_bytes(original)

    # ---- the site --------------------------------------------------------------------

    def site(self, size: int) -> dict:
        root = self.work / f"site-{size}"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        shutil.copytree(self.project / "docs", root / "docs")
        config = (self.project / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        (root / "bench.yml").write_text(with_hook(config, HOOK), encoding="utf-8")
        self.say(f"site: {size} sources")
        text_bytes = make_corpus(self.project / "seeds", root / "seeds", size)
        briefs = self.fresh_briefs(root / "briefs")
        out: dict = {"n": size, "corpus_bytes": text_bytes}
        step = "cold extraction"
        try:
            out["extract"] = self.task("extract", str(root / "seeds"), str(briefs), "0",
                                       timeout=self.site_timeout)
            step = "rendering outside MkDocs"
            out["render"] = self.task("render", str(briefs), str(root / "seeds"), timeout=self.site_timeout)
            # first build with none of the site's caches (brief check, loaded briefs, pages),
            # then the same build again as a user's next `brief build` finds it
            for key, label in (("build_cold", "first"), ("build", "again")):
                step = f"brief build ({label})"
                if key == "build_cold":
                    for cache in SITE_CACHES:
                        (state_dir(briefs) / cache).unlink(missing_ok=True)
                else:
                    shutil.rmtree(root / "site")
                times = root / f"times-{key}.json"
                run = out[key] = self.task("build", str(root / "bench.yml"), str(root / "site"),
                                           timeout=self.site_timeout, env={"BRIEFSMITH_BENCH_TIMES": str(times)})
                run["finished"] = run.get("status") == 0
                if times.exists():
                    run["phases"] = json.loads(times.read_text(encoding="utf-8"))
                self.say(f"  brief build ({label}): {run['seconds']:.1f} s (load {run['load']:.2f})")
        except subprocess.TimeoutExpired:
            self.say(f"  {step}: not finished within {self.site_timeout:.0f} s")
            out["build"] = {"finished": False, "timeout": self.site_timeout, "step": step}
            self.results.setdefault("site", {})[size] = out
            return out
        out["phases"] = out["build"].get("phases", {})
        out["site_bytes"] = folder_bytes(root / "site")
        index = root / "site" / "search" / "search_index.json"
        out["search_bytes"] = index.stat().st_size if index.exists() else None
        out["html_pages"] = sum(1 for _ in (root / "site").rglob("*.html"))
        shutil.rmtree(root / "site")
        self.results.setdefault("site", {})[size] = out
        return out

    def snapshot(self) -> None:
        """Run every task on a copy of the code: a file edited meanwhile (the extraction cache
        is keyed on the code) cannot turn the unchanged re-extraction into a cold one."""
        import generator
        code = self.work / "code"
        shutil.copytree(Path(generator.__file__).parent, code / "generator",
                        ignore=shutil.ignore_patterns("__pycache__"))
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))
        self.code = str(code.resolve())
        self.results["code"] = describe(Path(generator.__file__).parent)
        # As an installed copy is before its first build: byte-compiled (pip compiles what it
        # installs) and its templates compiled into Jinja's cache (keyed on each template's
        # file, so a new copy starts without them; any earlier build on the machine leaves
        # them there). Both are paid once per version, not per build: timed apart.
        t = time.perf_counter()
        compileall.compile_dir(str(code), quiet=1)
        self.results["compile"] = {"python_seconds": time.perf_counter() - t, **self.task("templates")}
        print(f"  byte-compiled the code copy in {self.results['compile']['python_seconds']:.2f} s, its "
              f"templates in {self.results['compile']['seconds']:.2f} s", file=sys.stderr)

    def run(self) -> dict:
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        self.snapshot()
        started = time.time()
        if self.n:
            self.extraction()
        for size in self.site_sizes:
            self.site(size)
        self.results["seconds"] = time.time() - started
        (self.work / "results.json").write_text(json.dumps(self.results, indent=1), encoding="utf-8")
        return self.results


# ---- files --------------------------------------------------------------------------

def describe(package: Path) -> str:
    """The commit the code was measured at, and whether the working tree differed from it."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=package, capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "not a git checkout"
    dirty = git("status", "--porcelain", "--", ".")
    return commit + (" with uncommitted changes in generator/" if dirty else "")


def with_hook(config: str, hook: Path) -> str:
    """``mkdocs.yml`` text with the timing hook added (config has Python tags: no YAML round trip)."""
    item = f"  - {hook}\n"
    if re.search(r"^hooks:\s*$", config, re.M):
        return re.sub(r"^hooks:\s*\n", lambda m: m.group() + item, config, count=1, flags=re.M)
    return config.rstrip("\n") + "\n\nhooks:\n" + item


def digest(folder: Path) -> str:
    """One digest of every file in a briefs folder (the caches are elsewhere)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---- the report --------------------------------------------------------------------

def _x(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "—"


def _mb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1e6:.1f} MB"


def _memory(run: dict) -> str:
    """Peak memory of a run's main process / its largest worker ("–": it started none)."""
    worker = run.get("children_rss_kb") or 0
    return f"{run['rss_kb'] / 1024:.0f} / {f'{worker / 1024:.0f}' if worker else '–'} MB"


def _memory_line(small: dict, ex: dict) -> str:
    """Cold extraction at N/4 and N: the main process against the briefs it wrote."""
    cold, grow = ex["cold"], (ex["cold"]["rss_kb"] - small["rss_kb"]) / 1024
    return (f"- peak memory, cold, all cores (main process / largest worker): {_memory(small)} at "
            f"{small['n']:,} articles ({_mb(small['briefs_bytes'])} of briefs), {_memory(cold)} at "
            f"{ex['n']:,} ({_mb(ex['briefs_bytes'])} of briefs): the main process grows "
            f"{grow:.0f} MB while the briefs grow {_mb(ex['briefs_bytes'] - small['briefs_bytes'])}")


def report(results: dict, command: str) -> str:
    """The Markdown report of a run's results (as BENCHMARKS.md quotes it)."""
    lines = [f"Reproduce: `{command}` (code: {results.get('code', '?')}; "
             f"{results.get('seconds', 0) / 60:.0f} min)", ""]
    compiled = results.get("compile")
    if compiled:
        lines += [f"Before timing, the copy of the code was byte-compiled ({compiled['python_seconds']:.2f} s) "
                  f"and its {compiled['templates']} templates compiled into Jinja's cache "
                  f"({compiled['seconds']:.2f} s), as an installed version is after its first build.", ""]
    lines += _extraction_lines(results.get("extraction"))
    lines += _site_lines(results.get("site") or {})
    return "\n".join(lines)


def _extraction_lines(ex: dict | None) -> list[str]:
    lines: list[str] = []
    if ex:
        floor = ex["floor"]["seconds"]
        rows = [("floor (read, one regex split, cue-word set lookups; 1 core)", ex["floor"], "1.0×"),
                (f"cold extraction, briefs written, all {ex['cores']} cores", ex["cold"],
                 _x(ex["cold"]["seconds"], floor)),
                ("cold extraction, briefs written, 1 core", ex["cold_1"], _x(ex["cold_1"]["seconds"], floor)),
                ("re-extraction of the unchanged corpus", ex["unchanged"],
                 _x(ex["unchanged"]["seconds"], floor))]
        if "one_edited" in ex:
            rows.append(("re-extraction after one article changed", ex["one_edited"],
                         _x(ex["one_edited"]["seconds"], floor)))
        lines += [f"### Extraction, {ex['n']:,} articles ({_mb(ex['corpus_bytes'])} of text)", "",
                  "| run | median | runs (s) | load | × floor | peak memory (main / worker) |",
                  "|---|---|---|---|---|---|"]
        for name, r, ratio in rows:
            lines.append(f"| {name} | {r['seconds']:.2f} s | {', '.join(f'{s:.2f}' for s in r['runs'])} "
                         f"| {', '.join(f'{v:.2f}' for v in r['loads'])} | {ratio} "
                         f"| {_memory(r)} |")
        sm = ex["small"]
        lines += ["", f"- all cores vs one core: {_x(ex['cold_1']['seconds'], ex['cold']['seconds'])} faster; "
                  f"briefs byte-identical whatever the cores and on re-extraction: "
                  f"{'yes' if ex['identical'] and ex['unchanged_identical'] else 'NO'}",
                  f"- cross-source briefs (motive and actor briefs, in the main process): "
                  f"{ex['cold']['cross_seconds']:.2f} s of the cold run with all cores, "
                  f"{ex['cold_1']['cross_seconds']:.2f} s with one",
                  f"- unchanged re-extraction skipped {ex['unchanged']['skipped']} of {ex['n']} sources "
                  f"(per run: {ex['unchanged']['skipped_runs']})",
                  f"- briefs: {_mb(ex['briefs_bytes'])} for {ex['n']:,} sources "
                  f"({ex['briefs_bytes'] / ex['n'] / 1024:.1f} KB each)",
                  _memory_line(sm, ex), ""]
    return lines


def _site_lines(sites: dict) -> list[str]:
    lines: list[str] = []
    if sites:
        lines += ["### Site build (`brief build`: extract unchanged, check, `mkdocs build --strict`)", "",
                  "First: no cache of the site's (brief check, loaded briefs, rendered pages); again: the "
                  "same build once more, as the next `brief build` after it finds the project.", "",
                  "Our plugin: its `on_files` and the wait at shutdown for the cache file written in the "
                  "background; MkDocs Markdown: reading and converting every page; MkDocs pages: the "
                  "theme's templates, the search index, writing.", "",
                  "| sources | build | brief build | × 100 sources | our plugin | share | "
                  "all our code (check + plugin) | share | MkDocs Markdown | MkDocs pages | site | search index | "
                  "corpus text | index / text | peak memory | load |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        base = sites.get(100) or sites.get("100") or {}
        for size, s in sorted(sites.items(), key=lambda kv: int(kv[0])):
            for key, label in (("build_cold", "first"), ("build", "again")):
                if s.get(key) is not None:
                    lines.append(_site_row(size, s, s[key], label, (base.get(key) or {})))
        lines.append("")
        for size, s in sorted(sites.items(), key=lambda kv: int(kv[0])):
            r = s.get("render")
            if not r:
                continue
            lines.append(f"- {int(size):,} sources: {r['pages']} generated pages; our rendering "
                         f"outside MkDocs {r['seconds']:.2f} s (load briefs {r['load_seconds']:.2f} s, render "
                         f"{r['render_seconds']:.2f} s; no cache before it); cold "
                         f"extraction before the builds {s['extract']['seconds']:.1f} s")
        lines.append("")
    return lines


def _site_row(size, s: dict, b: dict, label: str, first: dict) -> str:
    """One build's row of the site table (``first``: the same build at 100 sources)."""
    if not b.get("finished"):
        return (f"| {int(size):,} | {label} | {b.get('step')}: not finished within "
                f"{b.get('timeout', 0):.0f} s | | | | | | | | | | {_mb(s['corpus_bytes'])} | | | |")
    ph = b.get("phases", {})
    # on_files, and the wait at shutdown for the cache file written in the background
    ours = ph.get("files", 0) - ph.get("pre_build", 0) \
        + max(0.0, ph.get("shutdown", 0) - ph.get("post_build", 0))
    all_ours = ours + b["seconds"] - b["mkdocs_seconds"]
    markdown = ph.get("env", 0) - ph.get("files", 0)
    pages = ph.get("post_build", 0) - ph.get("env", 0)
    ratio = _x(b["seconds"], first["seconds"]) if first.get("finished") else "—"
    idx = s.get("search_bytes")
    per_text = f"{idx / s['corpus_bytes']:.2f}×" if idx else "—"
    return (f"| {int(size):,} | {label} | {b['seconds']:.1f} s | {ratio} | {ours:.2f} s | "
            f"{100 * ours / b['seconds']:.1f}% | {all_ours:.2f} s | {100 * all_ours / b['seconds']:.0f}% "
            f"| {markdown:.1f} s | {pages:.1f} s | {_mb(s.get('site_bytes'))} | {_mb(idx)} | {_mb(s['corpus_bytes'])} | "
            f"{per_text} | {b['children_rss_kb'] / 1024:.0f} MB | {b['load']:.2f} |")
