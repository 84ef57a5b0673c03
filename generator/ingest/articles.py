"""Ingest: source files -> ``Article`` (untouched text, metadata, cleaned blocks).

The file's text is never changed; cleaning only decides which stretches of it are
article text (kept blocks) and which are page furniture (``Removed``). Offsets in
every later stage point into the original text.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import yaml

from ..briefs.model import Article, Block, BriefsmithError, Removed, SourceMeta
from .paths import SIDECAR, article_listing, refuse_link

SUFFIXES = (".txt", ".md")

# Inline furniture: template placeholders and stray HTML tags.
INLINE_CUT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|</?[A-Za-z][^<>\n]{0,200}>")

# Whole lines that belong to the web page, not the article.
WIDGET = re.compile(
    r"^\W*(loading,? please wait|browse related articles|popular in the community|before you go"
    r"|recent features|related articles?|related coverage|read more|share this( article| story)?"
    r"|sign up for|subscribe( now| to)|advertisement|you may also like|most popular|more from"
    r"|trending|comments?|follow us|articles by guest writers|guest contributor|newsletter"
    r"|tags?:|filed under|topics?:|share on|share via|most read|most viewed|recommended"
    r"|sponsored|print this|email this|listen to this|skip to|advertisement)(?!\w)",
    re.I)
DISCLAIMER = re.compile(
    r"contributor platform|contributors control their own work|flag this entry as abusive"
    r"|views expressed in this article are|reprinted,? with permission|all rights reserved"
    r"|this article (was|is) (originally )?(published|republished)|originally appeared (in|on)"
    r"|this story has been updated|opinions expressed (here|in this)",
    re.I)
CREDIT = re.compile(r"^(credit|photo|image|picture|source|caption|illustration)s?\s*(credit)?\s*:"
                    r"|^(photo|image) (of|by|from|via)\b|\bvia (flickr|getty images|wikimedia)\b"
                    r"|^(reuters|ap|afp|getty images|associated press|epa)\b\s+(?=[A-Z])"
                    r"|^\(?(ap|afp|reuters|epa|getty)( photo)?[/ ][^)]*\)?$|^photograph:"
                    r"|^(image|media) (caption|copyright|source)\b", re.I)
BYLINE = re.compile(r"^\s*(?:by|By|BY)\s+((?:[A-Z][\w.'’-]+\s*){1,4})\s*$")
BIO = re.compile(r"^((?:[A-Z][\w'’-]+\s){1,3}?[A-Z][\w'’-]+) (?:is|was|has been|serves as) (?:a|an|the)\b")
END_MARK = re.compile(r"[.!?…][”\"’')\]]*\s*$")


def read_article(path: Path) -> Article:
    """Read one seed file; raise ``BriefsmithError`` naming the file when it is unusable."""
    data = _read_bytes(path)
    if b"\x00" in data:
        raise BriefsmithError(path, "binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BriefsmithError(path, f"not valid UTF-8 at byte {e.start}; save the file as UTF-8")
    if text.startswith("\ufeff"):
        raise BriefsmithError(path, "starts with a byte-order mark; save it as UTF-8 without BOM")
    if not text.strip():
        raise BriefsmithError(path, "empty file: no article text")
    sha = hashlib.sha256(data).hexdigest()
    blocks, removed, found = clean(text, markdown=path.suffix == ".md")
    if not any(b.role == "body" for b in blocks):
        raise BriefsmithError(path, "no article text left after removing page boilerplate")
    meta = _merge_meta(found, read_sidecar(path))
    return Article(id=path.stem, path=path, text=text, sha256=sha, meta=meta,
                   blocks=tuple(blocks), removed=tuple(removed))


def _read_bytes(path: Path) -> bytes:
    refuse_link(path)
    try:
        return path.read_bytes()
    except OSError as e:
        raise BriefsmithError(path, f"cannot read: {e.strerror}")


def source_files(seeds: Path) -> list[Path]:
    """The seed files of a folder, in name order; a link, a name against the rule or two
    articles of one name refuse the whole folder (``BriefsmithError`` naming the file)."""
    return source_listing(seeds).files_or_raise()


def source_listing(seeds: Path):
    """The seed files that may be read, and those refused (``paths.article_listing``)."""
    if not Path(seeds).is_dir() and not Path(seeds).is_symlink():
        raise BriefsmithError(seeds, "seeds folder not found")
    return article_listing(seeds, SUFFIXES)


def sidecar_path(path: Path) -> Path:
    """The article's sidecar, ``<stem>.meta.yaml`` (refused if it is a link)."""
    return refuse_link(path.with_name(path.stem + SIDECAR))


def read_sidecar(path: Path) -> dict:
    """``<stem>.meta.yaml``: what the text lacks (outlet, date, url, or corrections)."""
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        data = yaml.load(side.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    except yaml.YAMLError as e:
        raise BriefsmithError.from_yaml(side, e)
    except UnicodeDecodeError:
        raise BriefsmithError(side, "not valid UTF-8")
    if not isinstance(data, dict):
        raise BriefsmithError(side, "expected a mapping of title, subtitle, author, outlet, date, url", 1, 1)
    unknown = sorted(set(data) - set(SourceMeta.__dataclass_fields__))
    if unknown:
        raise BriefsmithError(side, f"unknown key {unknown[0]!r}; expected one of "
                              + ", ".join(SourceMeta.__dataclass_fields__))
    return {k: (str(v) if v is not None else None) for k, v in data.items()}


def _merge_meta(found: dict, sidecar: dict) -> SourceMeta:
    merged = {**found, **{k: v for k, v in sidecar.items() if v is not None}}
    return SourceMeta(**merged)


# ---- cleaning ---------------------------------------------------------------

def _lines(text: str):
    """(start, end) of every line, without its newline."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _visible(line: str) -> str:
    if "{" in line or "<" in line:   # INLINE_CUT needs one of them
        line = INLINE_CUT.sub("", line)
    return " ".join(line.split()).strip(" •·*-–—|")


def clean(text: str, markdown: bool = False) -> tuple[list[Block], list[Removed], dict]:
    """Split ``text`` into kept blocks and removed furniture; find title, subtitle, author."""
    lines = []  # (start, end, visible text, blank-line-before)
    blank = True
    front_end = _front_matter_end(text) if markdown else 0
    for s, e in _lines(text):
        if e <= front_end:
            continue
        s, e = _strip(text, s, e)
        if s == e:
            blank = True
            continue
        lines.append([s, e, _visible(text[s:e]), blank])
        blank = False
    counts = Counter(v for _, _, v, _ in lines if v)
    removed: list[Removed] = []
    if front_end:
        removed.append(Removed(0, front_end, "front matter"))
    kept = []
    title = None
    for s, e, vis, newblock in lines:
        reason = _furniture(text[s:e], vis, counts, title)
        if reason is None and title is None and _is_heading(vis):
            title = vis
            kept.append([s, e, "title", True, False])
            continue
        if reason:
            removed.append(Removed(s, e, reason))
            if kept:
                kept[-1][4] = True  # furniture follows it: a deck above a photo, say
            continue
        kept.append([s, e, "body", newblock, False])
    kept = _trim_tail(text, kept, removed)
    found: dict = {"title": title}
    blocks = _assign_roles(text, kept, found, markdown)
    removed.sort(key=lambda r: r.start)
    return blocks, removed, found


def _front_matter_end(text: str) -> int:
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---", 4)
    return end + 4 if end >= 0 else 0


def _furniture(raw: str, vis: str, counts: Counter, title: str | None) -> str | None:
    if not vis:
        return "template placeholder or markup"
    if INLINE_CUT.fullmatch(raw.strip()) or (raw.lstrip().startswith("<") and raw.rstrip().endswith(">")):
        return "stray HTML"
    words = vis.count(" ") + 1
    if words > 60:  # furniture is short; most article paragraphs are not
        return None
    if words <= 8 and "{" in raw and INLINE_CUT.search(raw):
        return "template placeholder"
    if words <= 8 and WIDGET.search(vis):
        return "page widget"
    if DISCLAIMER.search(vis) and not _is_bio(vis):
        return "platform disclaimer"
    if words <= 40 and CREDIT.search(vis):
        return "photo caption or credit"
    if title is not None and vis == title:
        return "repeated title"
    if counts[vis] > 1 and not _is_heading_candidate_first(vis, title):
        return "repeated line (caption or section label)"
    return None


def _is_heading_candidate_first(vis: str, title: str | None) -> bool:
    # A title repeated by the page is kept once (as the title), not dropped everywhere.
    return title is None and _is_heading(vis) and len(vis.split()) >= 4


def _is_heading(vis: str) -> bool:
    words = vis.lstrip("# ").split()
    return 2 <= len(words) <= 20 and not END_MARK.search(vis) or (
        vis.startswith("# ") and len(words) <= 25)


def _is_bio(vis: str) -> bool:
    return bool(BIO.match(vis))


def _trim_tail(text, kept, removed):
    """Short unpunctuated lines after the last body paragraph are teasers and labels."""
    while kept and kept[-1][2] == "body" and not END_MARK.search(text[kept[-1][0]:kept[-1][1]]) \
            and len(text[kept[-1][0]:kept[-1][1]].split()) <= 12:
        s, e = kept.pop()[:2]
        removed.append(Removed(s, e, "trailing page furniture"))
    return kept


def _assign_roles(text: str, kept, found: dict, markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    seen_body = False
    for i, (s, e, role, newblock, before_furniture) in enumerate(kept):
        line = text[s:e]
        cuts = tuple((m.start() + s, m.end() + s) for m in INLINE_CUT.finditer(line))
        if markdown:
            cuts = cuts + _markdown_cuts(line, s)
        if role == "body":
            m = BYLINE.match(line)
            if m and not seen_body and not found.get("author"):
                found["author"] = m.group(1).strip()
                role = "byline"
            elif not seen_body and found.get("title") and not found.get("subtitle") \
                    and blocks and blocks[-1].role in ("title",) and _subtitle_like(line) \
                    and (not END_MARK.search(line) or before_furniture and len(line.split()) <= 16) \
                    and i < len(kept) - 1:  # a deck above the photo is short; a lede is not
                found["subtitle"] = _visible(line)
                role = "subtitle"
            elif i == len(kept) - 1 and _is_bio(_visible(line)) and seen_body:
                role = "bio"
                if not found.get("author"):
                    found["author"] = BIO.match(_visible(line)).group(1)
            else:
                seen_body = True
        if blocks and role == "body" and blocks[-1].role == "body" and not newblock:
            prev = blocks.pop()  # a hard-wrapped paragraph: one block over several lines
            blocks.append(Block(prev.start, e, "body", prev.cuts + cuts))
            continue
        blocks.append(Block(s, e, role, tuple(sorted(cuts))))
    return blocks


def _subtitle_like(line: str) -> bool:
    vis = _visible(line)
    words = vis.split()
    sentences = len(re.findall(r"[.!?][”\"’]?(\s|$)", vis))
    return len(words) <= 25 and sentences <= 1


def _markdown_cuts(line: str, offset: int) -> tuple[tuple[int, int], ...]:
    cuts = []
    m = re.match(r"#{1,6}\s+|>\s+|[-*+]\s+|\d+\.\s+", line)
    if m:
        cuts.append((offset, offset + m.end()))
    for m in re.finditer(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\[(?=[^\]]*\]\()|\*\*|__", line):
        cuts.append((offset + m.start(), offset + m.end()))
    return tuple(cuts)
