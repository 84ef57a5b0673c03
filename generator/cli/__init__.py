"""The ``brief`` command. Every user error is one line naming the file, and exit status 1."""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from ..briefs.model import BriefsmithError


def _paths(p: argparse.ArgumentParser, seeds=True, briefs=True, taxonomy=False) -> None:
    if seeds:
        p.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles folder (default: seeds)")
    if briefs:
        p.add_argument("--briefs", type=Path, default=Path("briefs"), help="briefs folder (default: briefs)")
    if taxonomy:
        p.add_argument("--taxonomy", type=Path, default=None,
                       help="taxonomy file (default: <briefs>/taxonomy.yaml)")


def cmd_extract(args) -> int:
    from ..briefs.extraction import extract_all
    report = extract_all(args.seeds, args.briefs, args.taxonomy, jobs=args.jobs, force=args.force,
                         model_path=args.model)
    for line in report.lines():
        print(line)
    return 0


def cmd_export(args) -> int:
    from ..briefs.export import records, to_csv, to_jsonl
    _require_dir(args.briefs / "sources")
    recs = records(args.briefs)
    sys.stdout.write(to_csv(recs) if args.format == "csv" else to_jsonl(recs))
    return 0


def cmd_eval(args) -> int:
    from ..briefs.export import records
    from ..learn.annotations import load_annotation, texts_folder
    from ..learn.score import Scorer, source_table, table
    if args.cv:
        from .learn import cmd_cross_validate
        args.seeds = args.seeds or Path("seeds")
        return cmd_cross_validate(args)
    if len(args.gold) != 1:
        raise BriefsmithError(None, "brief eval scores the briefs against one --gold annotation "
                              "(several only with --cv)")
    _require_dir(args.briefs / "sources")
    gold = args.gold[0]
    annotation = load_annotation(gold, args.seeds or texts_folder(gold, Path("seeds")))
    result = Scorer(annotation).score(records(args.briefs))
    sys.stdout.write(table(result) + "\n" + source_table(result))
    return 0


def _require_dir(path: Path) -> None:
    if not path.is_dir():
        raise BriefsmithError(path, "folder not found (run `brief extract` first)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brief", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract or update the briefs from the seed articles")
    _paths(p, taxonomy=True)
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--force", action="store_true", help="re-read every source, even unchanged ones")
    p.add_argument("--model", type=Path, default=None,
                   help="sentence model (default: model/sentences.json beside the taxonomy's folder)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("export", help="print every item of the briefs, one record each")
    _paths(p)
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("eval", help="score the briefs against a reference annotation")
    from .learn import options
    options(p, seeds=False)
    p.add_argument("--seeds", type=Path, default=None,
                   help="the annotated articles (default: texts/ beside the annotation, else seeds)")
    p.add_argument("--cv", action="store_true",
                   help="cross-validate the sentence classifier by article instead (no briefs needed)")
    p.set_defaults(func=cmd_eval)
    for module in ("site", "check", "ingest", "bench", "learn"):
        try:
            mod = __import__(f"generator.cli.{module}", fromlist=["add_parsers"])
        except ImportError:
            continue
        mod.add_parsers(sub)
    return parser


def error_line(e: Exception) -> str:
    """What stopped a command, as one line: a problem with a place as ``path:line:column:
    message`` (as `brief check` prints it: editors jump to it), anything else after "error: "."""
    return str(e) if isinstance(e, BriefsmithError) and e.line is not None else f"error: {e}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C: a run removes what it staged
    previous = signal.signal(signal.SIGTERM, _terminated) \
        if threading.current_thread() is threading.main_thread() else None
    try:
        return args.func(args)
    except BriefsmithError as e:
        print(error_line(e), file=sys.stderr)
        return 1
    except OSError as e:   # a file error nothing above caught: still "path: message", no traceback
        print(f"error: {file_error(e)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum, frame):
    raise SystemExit(128 + signum)


def file_error(e: OSError) -> str:
    """An OSError as ``path: message`` (the system's words, without the errno)."""
    where = e.filename if e.filename is not None else None
    what = e.strerror or str(e)
    return f"{where}: {what}" if where is not None else what
