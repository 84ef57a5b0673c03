"""Ingest: source files -> ``Article`` (untouched text, metadata, cleaned blocks).

The file's text is never changed; cleaning only decides which stretches of it are
article text (kept blocks) and which are page furniture (``Removed``). Offsets in
every later stage point into the original text. The kept lines become blocks, each with its
role (title, subtitle, byline, bio, body), in ``roles``.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from ..briefs.model import Article, Block, BriefsmithError, Removed, SourceMeta
from ..briefs.reader import read_yaml, too_large
from ..text.marks import END_MARK
from .datelines import cut_dateline, whole_dateline
from .furniture import (LIBRARY, LONG_CAPTION, NUMERIC_DATE, PAGE_NUMBER, REPEATED, numeric_iso, caption_copies,
                        caption_with_credit,
                        citation, credit, dated_caption, date_line, date_widget, first_copies, kind_pointer,
                        above_headline, glued_head, menu_line, page_widget, posed_caption, pull_quote, read_on, sign_off,
                        stamp_fields, teasers, video_titles)
from .lines import INLINE_CUT, line_spans, may_cut, strip, visible
from .paragraphs import between_paragraphs, bounded, line_paragraphs
from .paths import SIDECAR, article_listing, refuse_link
from .roles import BIO, BYLINE, assign_roles, is_bio

SUFFIXES = (".txt", ".md")
# An article is refused above this size, before it is read: a news article is some 10 KB, a
# long report a few hundred; 2 MB of text is a book, which extraction and the site would
# take minutes and gigabytes over (split it into its chapters). See docs/format.md.
MAX_ARTICLE_BYTES = 2 * 2 ** 20

# Whole lines that belong to the web page, not the article.
WIDGET = re.compile(
    r"^\W*(loading,? please wait|browse related articles|popular in the community|before you go"
    r"|related articles?|related coverage|read more|share this( article| story)?"
    r"|sign up for|subscribe( now| to)|advertisement|you may also like|most popular|more from"
    r"|trending|comments?|follow us|guest contributor|newsletter"
    # an outlet's channel ("Follow The Courier on WhatsApp"); a comment form under the article
    r"|(?:view|show|load|see|read|hide)\s+(?:all\s+)?(?:\d+\s+)?comments?|\d+\s+comments?"
    r"|follow\b[^\n]{0,40}?\bon (?:whatsapp|telegram|twitter|facebook|instagram|youtube|google news)"
    r"|please enter your|leave a (?:reply|comment)|post a comment|you have entered an incorrect"
    # a section label over a list of other pieces: "Recent features", "Latest stories",
    # "More analysis", "Articles by guest writers", "Stories from our correspondents"
    r"|(?:recent|latest|more|popular|top|other|featured|recommended|further|related|editor'?s)\s+(?:\w+\s+){0,2}?"
    r"(?:articles|stories|features|posts|news|videos|reads|reading|picks|coverage|analysis|opinion)"
    r"|(?:articles|stories|posts|columns|pieces)\s+(?:by|from)"
    r"|tags?:|filed under|topics?:|share on|share via|most read|most viewed|recommended"
    r"|sponsored|print this|email this|listen to this|skip to|advertisement)(?!\w)",
    re.I)
# (?=[cfvraot]): the phrases' first letters, which let the engine skip to where one may start
# (the same matches, 40% faster on a body paragraph)
DISCLAIMER = re.compile(
    r"(?=[cfvraot])(?:contributor platform|contributors control their own work|flag this entry as abusive"
    r"|views expressed in this article are|reprinted,? with permission|all rights reserved"
    r"|this article (was|is) (originally )?(published|republished)|originally appeared (in|on)"
    r"|this story has been updated|opinions expressed (here|in this))",
    re.I)
# A caption or credit line: CREDIT at the line's start (``match``: one attempt, not one per
# character, 3x faster on a body paragraph) or CREDIT_VIA anywhere.
CREDIT = re.compile(r"\(?(credit|photo|image|picture|source|caption|illustration)s?\s*(credit)?\s*:"
                    r"|(?:file|archive|representational|representative|stock)\s+(?:photo|image|picture)s?\s*:"
                    r"|(photo|image) (of|by|from|via)\b"
                    r"|(reuters|ap|afp|getty images|associated press|epa)\b\s+(?=[A-Z])"
                    r"|\(?(ap|afp|reuters|epa|getty)( photo)?[/ ][^)]*\)?$|photograph:"
                    r"|(image|media) ?(caption|copyright|source)", re.I)
# A site's shortcode for a captioned picture, gallery or player, left in the text as written:
# "[caption id="attachment_12" align="alignnone"] NAME speaks in the capital. (AGENCY)[/caption]".
SHORTCODE = re.compile(r"\[/?(?:caption|gallery|embed|video|audio|playlist)\b")
CREDIT_VIA = re.compile(rf"\bvia (?:getty images|{LIBRARY})\b", re.I)
# A wire named as the subject of a reporting verb ("Reuters says that ...", "AFP reported on
# Monday ..."): prose that cites the wire, article text; only a credit line is furniture.
WIRE_REPORTS = re.compile(r"(?:reuters|ap|afp|associated press|epa)(?:['’]s?)?\s+(?:[\w'’-]+\s+){0,3}?"
                          r"(?:says|said|reports|reported|quoted|quotes|cited|cites|adds|added|notes|noted"
                          r"|writes|wrote|learned|learnt|understands|has learned|was told|has seen|saw)\b", re.I)


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
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise BriefsmithError(path, too_large(size, MAX_ARTICLE_BYTES))
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
    data = read_yaml(side).data or {}
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

def clean(text: str, markdown: bool = False) -> tuple[list[Block], list[Removed], dict]:
    """Split ``text`` into kept blocks and removed furniture; find title, subtitle, author and
    the page's date."""
    front_end = _front_matter_end(text) if markdown else 0
    removed: list[Removed] = [Removed(0, front_end, "front matter")] if front_end else []
    dates: list[tuple[int, str]] = []
    lines = _read_lines(text, front_end, removed, dates)
    reasons = _line_reasons(text, lines)
    menu = _menu_lines(lines)
    listed = _bulleted(text, lines)
    kept = []
    title = None
    seen_body = caption = last_removed = summary_above = under_lead = False
    for i, (s, e, vis, newblock) in enumerate(lines):
        reason = reasons[i] or (title is not None and vis == title and "repeated title") or None
        if reason is None and i and is_bio(vis) and BIO.match(vis).group(1) == lines[i - 1][2]:
            reason = "author box"   # "Sharanya Rajiv" / "Sharanya Rajiv is a researcher at ..."
        reason = _date_stamp(vis, dates, reason, above=not seen_body)
        if reason is None and i and citation(vis, lines[i - 1][2]):
            reason = "suggested citation"
        if reason is None and seen_body:   # (a menu's run among them: the page's tags)
            reason = _among_paragraphs(lines, i, last_removed) or ("tags or menu" if menu[i] else None)
        if reason is None and not seen_body and title is not None:
            reason = whole_dateline(vis, dates)
        if reason is None and not seen_body and title is None and listed[i]:
            reason = "list above the article"
        if reason is None and not seen_body:
            reason = _before_article(vis, title, caption, _next_heading(lines, reasons, i)) \
                or ("navigation menu" if menu[i] else None) or _lone_label(vis)
        if reason is None and title is None and not seen_body and _headline(vis) and not _author_label(vis):
            title, caption = vis, False
            kept.append([s, e, "title", True, False])
            continue
        caption = bool(reason) and not seen_body and reason != PAGE_NUMBER
        last_removed = bool(reason)
        if reason:
            removed.append(Removed(s, e, reason))
            if kept:
                kept[-1][4] = True  # furniture follows it: a deck above a photo, say
            continue
        if not seen_body and not _is_heading(vis) or summary_above and newblock:
            # the dateline opens the first paragraph, or the one under a summary ending in no mark
            s = cut_dateline(text, s, e, removed, dates)
            under_lead = not seen_body
            summary_above, seen_body = not seen_body and not END_MARK.search(vis), True
        elif seen_body:
            if under_lead and newblock:   # under a lead that ends its sentence, a credited dateline only
                s = cut_dateline(text, s, e, removed, dates, credited=True)
            summary_above, under_lead = False, under_lead and not newblock
        kept.append([s, e, "body", newblock, False])
    kept = _trim_tail(text, between_paragraphs(text, kept, removed), removed)
    found: dict = {"title": title, "date": min(dates)[1] if dates else None}
    blocks = [piece for block in assign_roles(text, line_paragraphs(text, kept), found, markdown)
              for piece in bounded(text, block)]
    removed.sort(key=lambda r: r.start)
    return blocks, removed, found


def _date_stamp(vis: str, dates: list, reason: str | None, above: bool) -> str | None:
    """A line that is a date stamp, its date added to ``dates`` (rank, ISO date), or ``reason``
    (furniture of another kind). A line of a stamp's fields above the article ("By NAME | ROLE |
    DATE", ``stamp_fields``) gives the page's date whatever its role: its date only, so that no
    line of a page (the training pages have such lines) changes its role."""
    fields = stamp_fields(vis) if above else None
    if fields:
        dates.append((1, fields))
    if reason:
        return reason
    stamp = date_line(vis)
    if stamp:
        dates.append((stamp[1], stamp[0]))
        return "date stamp"
    if NUMERIC_DATE.fullmatch(vis):   # "01-04-2022": which is the day is the outlet's convention,
        iso = numeric_iso(vis)        # unless one reading only is a day ("07/17/2025")
        if iso:
            dates.append((1, iso))
        return "date stamp"
    return None


def _line_reasons(text: str, lines: list) -> list:
    """Why each line is page furniture, judged on its own and among its neighbours (teasers, a
    video's title, a repeated line's first copy kept), or None."""
    counts, cut_repeat = _line_counts(lines)
    reasons = [_furniture(text[s:e], vis, counts, None) for s, e, vis, _ in lines]
    visible = [vis for _, _, vis, _ in lines]
    teasers(visible, reasons)
    video_titles(visible, reasons)
    first_copies(visible, reasons)
    caption_copies(visible, reasons)
    if cut_repeat is not None:
        reasons[-1] = "repeated line (cut off by the page's end)"
    return reasons


def _line_counts(lines: list) -> tuple[Counter, int | None]:
    """How often each line's text stands on the page, and the earlier line that the page's last
    one repeats when it is cut off (``_cut_off_repeat``): a caption of one sentence, repeated,
    counts twice."""
    counts = Counter(v for _, _, v, _ in lines if v)
    cut_repeat = _cut_off_repeat(lines)
    if cut_repeat is not None and not re.search(r"[.!?…][”\"’']?\s+\S", lines[cut_repeat][2]):
        counts[lines[cut_repeat][2]] += 1
    return counts, cut_repeat


def _read_lines(text: str, front_end: int, removed: list, dates: list) -> list:
    """(start, end, visible text, blank line before) of each non-empty line; a date widget that
    opens a line ("date 2021-10-26 MOSCOW (TASS): ..."), a label or heading run into it with no
    space (``glued_head``) and an agency's sign-off that closes a paragraph ("... the ministry
    said. (AFP)") are cut off it."""
    lines, blank = [], True
    for s, e in line_spans(text):
        if e <= front_end:
            continue
        s, e = strip(text, s, e)
        widget = date_widget(text[s:e]) if s < e else None
        if widget:
            dates.append((0, widget[0]))
            removed.append(Removed(s, s + widget[1], "date stamp"))
            s, e = strip(text, s + widget[1], e)
        credit_at = sign_off(text[s:e]) if s < e and text[e - 1] in ").]" else None
        if credit_at is not None:
            removed.append(Removed(strip(text, s + credit_at, e)[0], e, "agency sign-off"))
            e = strip(text, s, s + credit_at)[1]
        more = read_on(text[s:e]) if s < e else None
        if more is not None:
            removed.append(Removed(strip(text, s + more, e)[0], e, "pointer to the full story"))
            e = strip(text, s, s + more)[1]
        head = glued_head(text[s:e]) if s < e else None
        if head is not None:   # "Section HeadingThe text ...": the heading is the page's layout
            removed.append(Removed(s, s + head, "heading run into the text"))
            s += head
        if s == e:
            blank = True
            continue
        lines.append([s, e, visible(text[s:e]), blank])
        blank = False
    return lines


def _next_heading(lines, reasons, i) -> str | None:
    """The next line that is not furniture (a date stamp, a lone label), when it is a heading (a
    title after a masthead)."""
    for (s, e, vis, _), reason in zip(lines[i + 1:], reasons[i + 1:]):
        if not reason and not date_line(vis) and not _lone_label(vis):
            return vis if _headline(vis) and not BYLINE.match(vis) else None
    return None


def _before_article(vis: str, title: str | None, caption: bool, heading: str | None) -> str | None:
    """Lines above the article's first paragraph: a site's menu over the headline (``menu_line``),
    another line of the page over it (``above_headline``), a masthead or a section's label above
    the title ("Free Press Journal"; "World news", "Opinion pieces": three words at most over a
    headline three times as long, of eight words or more), a photo's caption in lower case and
    the credit under it."""
    words = vis.split()
    if title is None and heading and menu_line(vis):
        return "navigation menu"   # "Home | World | Opinion | Sport" over the headline
    page_line = above_headline(vis, heading) if title is None and heading else None
    if page_line:
        return page_line   # "OUTLET | City", "Section — DATE", "top of page" over the headline
    if title is None and heading and len(words) <= 4 and not BYLINE.match(vis) and (
            all(w[:1].isupper() for w in words) or len(words) <= 3 and len(heading.split()) >= max(8, 3 * len(words))):
        return "masthead"
    if title is None or END_MARK.search(vis) or len(words) > 12:
        return None
    if not any(c.isupper() for c in vis):
        return "photo caption"
    if caption:
        return "photo credit"
    return None


def _cut_off_repeat(lines: list) -> int | None:
    """The page's last line, cut off mid-sentence by the excerpt's end, when it is the start of
    an earlier line (a caption the page repeats; a paragraph the page repeats, whose first
    copy stays): the earlier line's index."""
    if not lines or END_MARK.search(lines[-1][2]) or len(lines[-1][2].split()) < 5:
        return None
    last = lines[-1][2]
    return next((i for i, (_, _, vis, _) in enumerate(lines[:-1]) if vis != last and vis.startswith(last)), None)


def _menu_lines(lines: list) -> list[bool]:
    """Lines of a menu: three or more short lines in a row (three words at most, no end mark),
    no blank line between them ("REPORTS" / "ANALYSIS" / "OPINION")."""
    short = [vis.count(" ") <= 2 and not END_MARK.search(vis) for _, _, vis, _ in lines]
    menu = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and short[i] and short[j] and not lines[j][3]:
            j += 1
        if short[i] and j - i >= 3:
            menu[i:j] = [True] * (j - i)
        i = j
    return menu


# A list's bullet opening a line ("• Markets close higher", "▪ 5 hours ago ...")
_BULLETS = "•▪◦‣►·"


def _bulleted(text: str, lines: list) -> list[bool]:
    """Lines of a bulleted list of three or more items: above the article's title, the page's
    (other pieces' headlines with their ages, a ticker, a menu), never the article's own."""
    bullet = [text[s] in _BULLETS for s, *_ in lines]
    listed = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and bullet[j]:
            j += 1
        if j - i >= 3:
            listed[i:j] = [True] * (j - i)
        i = j + 1
    return listed


def _lone_label(vis: str) -> str | None:
    """A line of one word, or of no word at all, that ends no sentence: above the article's
    first paragraph, or standing alone between paragraphs, a section label, a tag, a kicker, a
    byline's lone "by", a divider, a language switch; never the article's own text."""
    if " " not in vis and not END_MARK.search(vis):
        return "label above the article"
    return None


def _stands_alone(lines: list, i: int, after_furniture: bool) -> bool:
    """Is line ``i`` a block of its own: a blank line or furniture above it, a blank line (or
    the page's end) below it?"""
    return (lines[i][3] or after_furniture) and (i + 1 == len(lines) or lines[i + 1][3])


def _among_paragraphs(lines: list, i: int, after_furniture: bool) -> str | None:
    """Why line ``i``, among the article's paragraphs, is the page's: a label, a pull quote or a
    pointer standing alone, or another piece's headline run into the paragraph under a picture."""
    vis = lines[i][2]
    if _stands_alone(lines, i, after_furniture):
        return "label between paragraphs" if _lone_label(vis) else "pull quote" if pull_quote(vis) \
            else "pointer to another piece" if kind_pointer(vis) else None
    if after_furniture and _headline_over_prose(lines, i):
        return "another piece's headline under furniture"
    return None


# A word of four letters or more: a headline capitalises nearly all of them, prose few.
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _headline_over_prose(lines: list, i: int) -> bool:
    """Is line ``i``, under the page's furniture (a picture, its credit), a headline run into the
    paragraph below it with no blank line between: a link to another piece that a page sets among
    its pictures ("Envoys' Talks in Valdora 'Brought No Breakthrough'")? A headline's length, no
    end mark, its long words capitalised; the next line a sentence of its own."""
    vis = lines[i][2]
    if i + 1 == len(lines) or lines[i + 1][3] or not 3 <= vis.count(" ") + 1 <= 16 \
            or END_MARK.search(vis) or vis.rstrip("”\"’'")[-1:] in ":,;":
        return False
    words = _LONG_WORD.findall(vis)
    below = lines[i + 1][2]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) \
        and below[:1].isupper() and END_MARK.search(below) is not None and below.count(" ") >= 8


def _front_matter_end(text: str) -> int:
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---", 4)
    return end + 4 if end >= 0 else 0


def _furniture(raw: str, vis: str, counts: Counter, title: str | None) -> str | None:
    if not vis:
        return "template placeholder or markup"
    if may_cut(raw) and INLINE_CUT.fullmatch(raw.strip()) or (raw.lstrip().startswith("<") and raw.rstrip().endswith(">")) \
            or raw.rstrip().endswith("-->") and raw.lstrip().startswith(("<!--", "!--")):
        return "stray HTML"   # a tag, or a comment whose "<" the excerpt cut off ("!-- Google tag -->")
    if vis[:1] == "[" and SHORTCODE.match(vis):
        return "photo caption (shortcode)"
    words = vis.count(" ") + 1
    if words > 60:  # furniture is short; most article paragraphs are not (a caption with its credit may be)
        return "photo caption or credit" if words <= LONG_CAPTION and caption_with_credit(vis) else None
    if words <= 8 and "{" in raw and INLINE_CUT.search(raw):
        return "template placeholder"
    if words <= 8 and WIDGET.search(vis):
        return "page widget"
    widget = page_widget(vis)
    if widget:
        return widget
    if DISCLAIMER.search(vis) and not is_bio(vis):
        return "platform disclaimer"
    if words <= 40 and (CREDIT.match(vis) and not WIRE_REPORTS.match(vis) or CREDIT_VIA.search(vis)) or credit(vis):
        return "photo caption or credit"
    if dated_caption(vis):
        return "photo caption (dated at its end)"
    if "(" in vis and posed_caption(vis):
        return "photo caption (who stands where)"
    if title is not None and vis == title:
        return "repeated title"
    if counts[vis] > 1 and not _is_heading_candidate_first(vis, title):
        return REPEATED
    return None


def _is_heading_candidate_first(vis: str, title: str | None) -> bool:
    # A title repeated by the page is kept once (as the title), not dropped everywhere.
    return title is None and _is_heading(vis) and len(vis.split()) >= 4


def _is_heading(vis: str) -> bool:
    words = vis.lstrip("# ").split()
    return 2 <= len(words) <= 20 and not END_MARK.search(vis) or (
        vis.startswith("# ") and len(words) <= 25)


# A sentence's end inside a line: a full stop or an exclamation mark, then white space.
_INNER_END = re.compile(r"[.!…][”\"’']*\s")


def _headline(vis: str) -> bool:
    """A heading, or a headline that asks ("Is the region's new bloc here to stay?", "Are the
    talks growing? Can they last?"): questions only, a line of 3 to 20 words."""
    return _is_heading(vis) or vis.rstrip("”\"’'")[-1:] == "?" and 3 <= vis.count(" ") + 1 <= 20 \
        and not _INNER_END.search(vis)


def _author_label(vis: str) -> bool:
    """A byline ("By NAME", "Written by NAME", "Author: NAME") is never the title, even with no
    title above it."""
    return bool(BYLINE.match(vis))


def _trim_tail(text, kept, removed):
    """Short unpunctuated lines after the last body paragraph are teasers and labels: a few
    words, or capitalised like a title. A line of prose cut off mid-sentence (a saved excerpt
    ends so) is article text, however short or full of names."""
    while kept and kept[-1][2] == "body":
        s, e = kept[-1][:2]
        vis = visible(text[s:e])
        if not _label(vis) or not text[e:].strip() and _cut_off_prose(vis):
            break
        kept.pop()
        removed.append(Removed(s, e, "trailing page furniture"))
    return kept


# A label's head ("Tags:", "Read also:", "Share this:") or a bar of links ("Facebook | Twitter")
_LABELLED = re.compile(r"^\S+(?: \S+){0,2}:|\|")


def _cut_off_prose(vis: str) -> bool:
    """Is the page's last line a sentence the excerpt's end cut off, not a label: three words or
    more, opened by a word or a quotation mark (a credit opens with a bracket, a list's item with
    a dash), and read as prose: it stops on a lower-case word (a function word, a word cut in
    two: "... met with the", "A rise in fuel pri"), goes on from the line above in lower case,
    or opens with a clause and a comma ("In short, the")? Names make it look like a title."""
    words = vis.split()
    if len(words) < 3 or not (vis[0].isalpha() or vis[0] in "“\"‘'") or _LABELLED.search(vis):
        return False
    lower = sum(w[:1].islower() for w in words)
    return words[-1][:1].islower() and lower >= 2 or words[0][:1].islower() \
        or bool(re.match(r"[^,]+, \S", vis)) and lower >= 1


def _label(vis: str) -> bool:
    words = vis.split()
    if END_MARK.search(vis) or len(words) > 12 or re.search(r"[.!?][”\"’]?\s", vis):
        return False
    long = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return len(words) <= 4 or sum(w[:1].isupper() for w in long) >= 0.6 * len(long)
