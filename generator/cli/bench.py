"""``brief bench``: extraction against its floor and the site build at growing sizes.

    brief bench                      # 1,000 articles; site at 100 and 1,000 sources
    brief bench --site 100,1000,10000 --site-timeout 3600

Run it in a project folder (mkdocs.yml, docs/, seeds/, briefs/taxonomy.yaml); the synthetic
corpus is made from that project's seeds. The report (Markdown) goes to stdout, progress to
stderr, every figure as JSON to <work>/results.json. See BENCHMARKS.md.
"""
from __future__ import annotations

import shlex
import sys
from pathlib import Path


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x.strip()) if text.strip() else ()


def cmd_bench_serve(args) -> int:
    """``--serve``: the development server and the browser (``bench.serve``)."""
    import json
    import os
    from ..bench.serve import measure, report
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in _sizes(args.serve):
        load = os.getloadavg()[0]
        parts = tuple(x.strip() for x in args.serve_parts.split(",") if x.strip())
        results.append(dict(measure(Path(args.project).resolve(), work, n, args.serve_command, args.repeat,
                                    args.site_timeout, parts, args.serve_lock), load=load))
        print(f"  {n} sources measured (load {load:.2f} at the start)", file=sys.stderr)
    (work / "serve-results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results, f"Reproduce: `{shlex.join(['brief', *sys.argv[1:]])}`; load at the start of each size: "
                 + ", ".join(f"{r['load']:.2f} (timed part: {r.get('timed_load', r['load']):.2f})" for r in results)))
    return 0


def cmd_bench(args) -> int:
    if args.serve:
        return cmd_bench_serve(args)
    from ..bench.harness import Bench, report
    bench = Bench(project=Path(args.project).resolve(), work=Path(args.work).resolve(), n=args.n,
                  repeat=args.repeat, site_sizes=_sizes(args.site), site_timeout=args.site_timeout,
                  memory_n=args.memory_n, cold_repeat=args.cold_repeat)
    for need in ("mkdocs.yml", "docs", "seeds", "briefs/taxonomy.yaml"):
        if (args.site.strip() or need in ("seeds", "briefs/taxonomy.yaml")) \
                and not (bench.project / need).exists():
            print(f"error: {bench.project / need}: not found (run brief bench in a project folder)",
                  file=sys.stderr)
            return 1
    results = bench.run()
    print(report(results, shlex.join(["brief", *sys.argv[1:]]) if sys.argv[1:2] == ["bench"]
                 else "brief bench"))
    return 0


def add_parsers(subparsers) -> None:
    p = subparsers.add_parser("bench", help="measure extraction and the site build on a synthetic corpus")
    p.add_argument("--n", type=int, default=1000, help="articles for the extraction runs (default 1000; 0: none)")
    p.add_argument("--site", default="100,1000",
                   help="comma-separated numbers of sources for site builds (default 100,1000; '': none)")
    p.add_argument("--repeat", type=int, default=3, help="runs per extraction measurement (median kept)")
    p.add_argument("--cold-repeat", type=int, default=0, help="runs per cold extraction (default: --repeat)")
    p.add_argument("--memory-n", type=int, default=0, help="smaller corpus for the memory comparison (default n/4)")
    p.add_argument("--site-timeout", type=float, default=3600.0, help="seconds a site build may take")
    p.add_argument("--project", default=".", help="project folder (default: .)")
    p.add_argument("--work", default="build/bench", help="scratch folder, emptied first (default build/bench)")
    p.add_argument("--serve", default="", help="instead: the development server at these numbers of sources "
                   "(e.g. 100,1000): edit and new article to page in the browser, rebuilds, search")
    p.add_argument("--serve-command", choices=("brief", "mkdocs"), default="brief",
                   help="with --serve: `brief serve` (default) or `mkdocs serve`")
    p.add_argument("--serve-parts", default="edit,new,search",
                   help="with --serve: what to measure after the first build (default edit,new,search)")
    p.add_argument("--serve-lock", default="",
                   help="with --serve: a file held (flock) while those are measured, not during the first build")
    p.set_defaults(func=cmd_bench)
