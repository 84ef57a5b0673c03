"""One measurement in a fresh process: ``python -m generator.bench.tasks TASK ARGS...``.

Prints one JSON line: ``seconds`` (wall time of the work itself, imports excluded),
``rss_kb`` (peak resident memory of this process) and ``children_rss_kb`` (the largest
peak among the worker processes it waited for, 0 if it started none; a forked worker's
figure includes the pages it shares with the main process as it was when the pool started).
Both are ``ru_maxrss`` (kilobytes on Linux): a peak, so short spikes count, and it does not
depend on the load as times do.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _floor(seeds: str, taxonomy: str) -> dict:
    from .floor import floor
    t = time.perf_counter()
    hits = floor(Path(seeds), Path(taxonomy))
    return {"seconds": time.perf_counter() - t, "hits": hits}


def _extract(seeds: str, briefs: str, jobs: str, force: str = "0") -> dict:
    from ..briefs import extraction as pipeline
    cross = {"cross_seconds": 0.0}
    write_cross_source = pipeline.write_cross_source

    def timed(*args, **kwargs):  # the cross-source step runs in the main process only
        t = time.perf_counter()
        try:
            return write_cross_source(*args, **kwargs)
        finally:
            cross["cross_seconds"] += time.perf_counter() - t
    pipeline.write_cross_source = timed
    t = time.perf_counter()
    report = pipeline.extract_all(Path(seeds), Path(briefs), jobs=int(jobs), force=force == "1")
    return {"seconds": time.perf_counter() - t, **cross, "written": len(report.written),
            "skipped": len(report.skipped), "unchanged": len(report.unchanged)}


def _render(briefs: str, seeds: str) -> dict:
    """Our own rendering outside MkDocs: load the site's view model and render every page."""
    from ..cache.site import SiteCache
    from ..site.load import load_site
    from ..site.render import Renderer
    t = time.perf_counter()
    store = SiteCache(Path(briefs))   # as `brief render`: the caches read and written
    site = load_site(Path(briefs), Path(seeds), store=store)
    loaded = time.perf_counter()
    pages = Renderer().render_site(site, overview="overview.md", store=store)
    done = time.perf_counter()
    return {"seconds": done - t, "load_seconds": loaded - t, "render_seconds": done - loaded, "pages": len(pages),
            "markdown_bytes": sum(len(m.encode("utf-8")) for m in pages.values())}


def _build(config: str, site: str) -> dict:
    """``brief build`` as the user runs it; the MkDocs subprocess timed on its own."""
    import subprocess

    from ..cli import site as sitecmd
    from ..cli import main
    spent = {"mkdocs_seconds": 0.0}
    run = subprocess.run

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            spent["mkdocs_seconds"] += time.perf_counter() - t
    sitecmd.subprocess = type("timed_subprocess", (), {"run": staticmethod(timed)})
    t = time.perf_counter()
    status = main(["build", "-f", config, "--site", site])
    return {"seconds": time.perf_counter() - t, "status": status, **spent}


def _templates() -> dict:
    """Compile every template into Jinja's bytecode cache (what a first build of this copy
    of the code would do once)."""
    from ..site.render import Renderer
    t = time.perf_counter()
    env = Renderer().env
    names = env.list_templates()
    for name in names:
        env.get_template(name)
    return {"seconds": time.perf_counter() - t, "templates": len(names)}


TASKS = {"floor": _floor, "extract": _extract, "render": _render, "build": _build, "templates": _templates}


def main(argv: list[str]) -> int:
    result = TASKS[argv[0]](*argv[1:])
    result["module"] = str(Path(__file__).resolve())   # which copy of the code ran
    result["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["children_rss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
