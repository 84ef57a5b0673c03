"""``brief ingest PAGE.html...``: a web page saved from a browser -> seeds/<stem>.txt + .meta.yaml.

The article text is found by trafilatura (main-content extraction is a job for a well-kept
library, not for hand-written rules). The .txt it writes is the source that offsets point
into; the metadata the page carries goes to the sidecar, where a person can correct it.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..cache.files import atomic_write
from ..briefs.model import BriefsmithError
from ..ingest.paths import inside


def page_to_article(html: str, path: Path) -> tuple[str, dict]:
    """(article text with blank lines between paragraphs, metadata) of one saved page."""
    try:
        import trafilatura
    except ImportError as e:  # pragma: no cover - a broken install
        raise BriefsmithError(path, f"trafilatura cannot be imported: {e}")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise BriefsmithError(path, "no article text found in this page")
    paragraphs = [" ".join(line.split()) for line in doc.text.splitlines() if line.strip()]
    if not any(len(p.split()) >= 8 for p in paragraphs):  # menus and labels, not prose
        raise BriefsmithError(path, "no article text found in this page")
    title = " ".join((doc.title or "").split()) or None
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    meta = {"title": title, "author": doc.author or None, "outlet": doc.sitename or None,
            "date": doc.date or None, "url": doc.url or None}
    return "\n\n".join(paragraphs) + "\n", {k: v for k, v in meta.items() if v}


def stem_for(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "page"


def cmd_ingest(args) -> int:
    jobs = []
    for page in args.pages:
        try:
            data = page.read_bytes()
        except OSError as e:
            raise BriefsmithError(page, f"cannot read: {e.strerror}")
        html = data.decode("utf-8", errors="replace")
        if "<" not in html[:5000]:
            raise BriefsmithError(page, "not an HTML page")
        text, meta = page_to_article(html, page)
        # the article and its sidecar: plain names in the seeds folder, neither a link
        target = inside(args.seeds, f"{stem_for(page)}.txt")
        inside(args.seeds, f"{stem_for(page)}.meta.yaml")
        if target.exists() and not args.force and target.read_text(encoding="utf-8") != text:
            raise BriefsmithError(target, "exists with other text; use --force to replace it "
                                  "(its brief's offsets will need re-extraction)")
        jobs.append((target, text, meta))
    args.seeds.mkdir(parents=True, exist_ok=True)
    for target, text, meta in jobs:  # every page read before anything is written
        atomic_write(target, text)
        side = inside(args.seeds, target.stem + ".meta.yaml")
        atomic_write(side, yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
        print(f"wrote {target} and {side.name}")
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("ingest", help="turn saved web pages into seed articles")
    p.add_argument("pages", nargs="+", type=Path, help="HTML files saved from a browser")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles folder (default: seeds)")
    p.add_argument("--force", action="store_true", help="replace an existing article of the same name")
    p.set_defaults(func=cmd_ingest)
