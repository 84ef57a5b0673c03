"""``brief check`` and ``brief init``: registered by ``generator.cli`` when this module exists."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from ..briefs.model import BriefsmithError
from ..ingest.paths import refuse_link


def cmd_check(args) -> int:
    from ..briefs.check import check_project, fix_project
    if args.fix:
        fixed = fix_project(args.seeds, args.briefs)
        for path in fixed.written:
            print(f"fixed {path}", file=sys.stderr)
        for path in fixed.changed:   # never over a person's save: the next --fix does it
            print(f"not fixed {path}: it was saved while being fixed; run `brief check --fix` again",
                  file=sys.stderr)
    problems = check_project(args.seeds, args.briefs, args.taxonomy)
    for p in problems:
        print(p)
    files = len({p.path for p in problems})
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} "
              f"file{'s' * (files != 1)}", file=sys.stderr)
        return 1
    return 0


def cmd_init(args) -> int:
    written = init_project(args.dir)
    for path in written:
        print(f"wrote {path}")
    print(f"next: edit {args.dir / 'briefs' / 'taxonomy.yaml'}, run `brief serve` in {args.dir} and put "
          f"articles (.txt or .md) in {args.dir / 'seeds'}: each is extracted and shown as it arrives")
    return 0


def init_project(dest: Path) -> list[Path]:
    """Copy the scaffold into ``dest``; refuses to overwrite any existing file."""
    root = resources.files("generator").joinpath("scaffold")
    files = []

    def walk(node, rel: Path):
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__":
                continue
            if child.is_dir():
                walk(child, rel / child.name)
            else:
                files.append((rel / child.name, child))
    walk(root, Path())
    clashes = [dest / rel for rel, _ in files if (dest / rel).exists() or (dest / rel).is_symlink()]
    if clashes:
        raise BriefsmithError(clashes[0], "already exists; `brief init` never overwrites a file")
    for rel, _ in files:     # nor writes through a link to elsewhere
        for folder in [dest, *(dest / parent for parent in reversed(rel.parents) if parent != Path("."))]:
            refuse_link(folder)
    written = []
    for rel, src in files:
        name = rel.name
        if name == ".keep":
            (dest / rel.parent).mkdir(parents=True, exist_ok=True)
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(src.read_bytes())
        written.append(target)
    schemas = resources.files("generator").joinpath("briefs/schema")
    for name, folder in (("taxonomy.schema.json", "briefs"), ("brief.schema.json", "briefs")):
        target = dest / folder / name      # what the YAML files' first lines point at
        if not target.exists():
            target.write_bytes(schemas.joinpath(name).read_bytes())
            written.append(target)
    return written


def add_parsers(sub) -> None:
    p = sub.add_parser("check", help="validate the taxonomy and every brief; "
                       "problems as path:line:column: message")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles folder (default: seeds)")
    p.add_argument("--briefs", type=Path, default=Path("briefs"), help="briefs folder (default: briefs)")
    p.add_argument("--taxonomy", type=Path, default=None,
                   help="taxonomy file (default: <briefs>/taxonomy.yaml)")
    p.add_argument("--fix", action="store_true",
                   help="first fill in ids, offsets, anchors and context of items whose quote "
                        "is found in the source (manual items, moved quotes)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("init", help="scaffold a new briefing project in DIR")
    p.add_argument("dir", type=Path)
    p.set_defaults(func=cmd_init)
