"""``brief render``, ``brief build`` and ``brief serve`` (``site.serve``: the development server
whose rebuilds rewrite only the pages a save changes).

``render`` writes the generated Markdown pages to a folder (atomically, file by file), so
they can be read, diffed or built with plain MkDocs. ``build`` extracts what changed,
checks the briefs and runs ``mkdocs build --strict``.

The check runs once per changed brief: ``cache.check.check_briefs`` keeps each brief's
problems in the state folder (``cache.state``), so the plugin's own check inside MkDocs (which makes
a strict build fail on them, also without ``brief build``) finds them all cached and only
stats the files.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ..cache.files import atomic_write

# The site's modules (loading, rendering, Jinja) are imported by the commands that use them:
# every `brief` command builds this parser, and `brief extract` would pay 0.1 s of CPU for them.


def cmd_render(args) -> int:
    from ..cache.site import SiteCache
    from ..site.load import load_site
    from ..site.render import Renderer
    store = SiteCache(Path(args.briefs))   # the caches `brief build` and the plugin use too
    site = load_site(Path(args.briefs), Path(args.seeds), Path(args.taxonomy) if args.taxonomy else None,
                     store=store)
    pages = Renderer(args.templates).render_site(site, store=store)
    out = Path(args.out)
    for path, markdown in pages.items():
        atomic_write(out / path, markdown)
    for problem in site.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"rendered {len(pages)} pages into {out}", file=sys.stderr)
    return 1 if site.problems else 0


def cmd_build(args) -> int:
    try:
        from ..briefs import extraction as pipeline
    except ImportError as e:
        print(f"error: the extraction pipeline is missing ({e})", file=sys.stderr)
        return 2
    config = Path(args.config_file)
    base = config.resolve().parent
    briefs, seeds = base / args.briefs, base / args.seeds
    taxonomy = base / args.taxonomy if args.taxonomy else briefs / "taxonomy.yaml"
    try:
        report = pipeline.extract_all(seeds, briefs, taxonomy)
    except Exception as e:  # BriefsmithError names the file and line
        from . import error_line, file_error
        print(f"error: {file_error(e)}" if isinstance(e, OSError) else error_line(e), file=sys.stderr)
        return 1
    for line in report.notices() if report is not None else ():   # a decision that moved or was
        print(line, file=sys.stderr)                               # lost, an edit kept as saved
    from ..cache.site import check_for_build
    problems = check_for_build(seeds, briefs, taxonomy)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    # Never -q or -v with --strict: either one hides warnings from the exit status.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
           str(Path(args.site).resolve())]
    # The plugin (extract: true) need not run the extraction again: it was just done.
    env = dict(os.environ, **{pipeline.EXTRACTED_ENV: str(briefs)})
    return subprocess.run(cmd, env=env).returncode


def cmd_serve(args) -> int:
    import logging
    from ..site.serve import serve
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    serve(args.config_file, args.dev_addr, open_in_browser=args.open)
    return 0


def add_parsers(subparsers) -> None:
    render = subparsers.add_parser("render", help="render the briefs into Markdown pages")
    render.add_argument("--briefs", default="briefs", help="briefs folder (default: briefs)")
    render.add_argument("--seeds", default="seeds", help="articles folder (default: seeds)")
    render.add_argument("--taxonomy", default=None, help="default: <briefs>/taxonomy.yaml")
    render.add_argument("--out", default="build/pages", help="output folder (default: build/pages)")
    render.add_argument("--templates", default=None, help="folder of templates that replace the built-in ones")
    render.set_defaults(func=cmd_render)

    build = subparsers.add_parser("build", help="extract, check and build the site strictly")
    build.add_argument("--site", default="site", help="output folder of the site (default: site)")
    build.add_argument("--config-file", "-f", default="mkdocs.yml", help="default: mkdocs.yml")
    build.add_argument("--briefs", default="briefs", help="relative to the config file's folder")
    build.add_argument("--seeds", default="seeds", help="relative to the config file's folder")
    build.add_argument("--taxonomy", default=None, help="default: <briefs>/taxonomy.yaml")
    build.set_defaults(func=cmd_build)

    serve = subparsers.add_parser("serve", help="serve the site, rebuilding only the pages a save changes")
    serve.add_argument("--config-file", "-f", default=None, help="default: mkdocs.yml")
    serve.add_argument("--dev-addr", "-a", default=None, help="IP:PORT (default: mkdocs.yml's dev_addr, "
                       "127.0.0.1:8000)")
    serve.add_argument("--open", "-o", action="store_true", help="open the site in a browser")
    serve.set_defaults(func=cmd_serve)


if __name__ == "__main__":  # python -m generator.cli.site render ...
    parser = argparse.ArgumentParser(prog="brief")
    add_parsers(parser.add_subparsers(required=True))
    ns = parser.parse_args()
    sys.exit(ns.func(ns))
