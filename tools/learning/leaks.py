"""Latent boilerplate leaks: page furniture inside any item a brief shows, whether or not an
annotator listed the line. ``python tools/learning/leaks.py SET=BRIEFS:GOLD:TEXTS... [--list]``
(briefs already extracted with ``brief extract``; a second or so).

``brief eval`` counts a leak only where a span record holds a line the reference lists as
boilerplate; an annotator lists the lines they noticed, and furniture glued to a sentence (an
image's address run into a tag, a heading run into a paragraph with no space) is seldom noticed.
This walks every text a brief shows from its source (the summary's sentences, motive and counter
evidence, quotes, events, figures, relations' and claims' evidence, actors' forms, the title and
subtitle) and flags each with the furniture classes it holds (``CLASSES``), plus ``listed``: a
reference boilerplate line inside it. A hit is a candidate: ``--list`` prints them (with the
item's text: keep the output out of the repository when it shows private articles) to be judged
by hand. Per set, the counts of items and articles per class.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.briefs import reader  # noqa: E402
from generator.learn.annotations import collapse, load_annotation  # noqa: E402

# Each class: the shape of a piece of page furniture that may be glued into an item's text.
CLASSES: dict[str, re.Pattern] = {
    "address": re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:jpe?g|png|gif|webp|svg|php|html?|aspx?)\b"
                          r"|\b[\w-]+\.(?:com|org|net|ru|info|co|uk|in|pk|af|io|tv)(?:/|\b)|\S+/\S+/\S+", re.I),
    # a word run into the next with no space: a heading, a tag or a label above prose ("...AnalysisThe")
    "glued": re.compile(r"(?<![A-Z])(?<!Mc)(?<!Mac)[a-z]{2,}[A-Z][a-z]|[a-z]{2}[.!?:][A-Z][a-z]"
                        r"|(?:19|20)\d\d[A-Z][a-z]|[a-z][A-Z]{3,}\b"),
    "byline": re.compile(r"(?:^|\n|\s)(?:By|BY|Written by|Reported by|Author:)\s+[A-Z]"
                         r"|\b(?:Staff (?:Reporter|Writer)|Web Desk|News Desk|Correspondent)\b"),
    "stamp": re.compile(r"\b\d{1,2}:\d\d\b|\b(?:GMT|IST|UTC|EST|EDT|PST|PKT|AFT|MSK)\b|\bmin(?:ute)?s? read\b"
                        r"|\b(?:Published|Updated|Posted)\b(?: on)?:?\s+(?:\w+ )?\d|\b\d+ (?:hours?|days?|minutes?) ago\b"),
    "credit": re.compile(r"\b(?:Photo|Image|Picture|Credit|Source|Caption)s?\s*[:|]|©|Getty|\bAFP\b|\bAP Photo\b"
                         r"|/\s*(?:AP|AFP|Reuters|EPA|TASS|Sputnik|Xinhua)\b|\bfile (?:photo|image)\b"
                         r"|\bphoto(?:graph)? (?:by|courtesy|via)\b|\bcourtesy of\b|\bShutterstock\b|\bFlickr\b", re.I),
    "prompt": re.compile(r"\b(?:share (?:this|on|via)|subscribe|newsletter|cookies?|sign up|log in|follow us"
                         r"|click here|download (?:the|our) app|comments?\b(?= *\d| *\()|whatsapp|telegram channel)", re.I),
    "navigation": re.compile(r"»|›|\bSkip to\b|\bHome\s*[|/>]|\bMenu\b|\s\|\s"),
    "pointer": re.compile(r"\b(?:Read (?:more|also|next)|Also read|See also|Related(?: (?:articles?|stories|coverage))?:"
                          r"|Continue reading|Recommended|More (?:from|on|stories))\b", re.I),
    "bio": re.compile(r"\b(?:is|was) an? (?:(?:senior|research|visiting|non-?resident|contributing|freelance|staff)\s+)*"
                      r"(?:fellow|professor|journalist|researcher|analyst|correspondent|writer|editor|columnist|reporter)\b"
                      r"|\bfollow (?:him|her|them) on\b|(?<!\w)@\w{2,}|\b[\w.-]+@[\w-]+\.\w+", re.I),
}


def item_texts(brief: dict):
    """(kind, text, start, end) of every text a brief shows from its source."""
    source = brief.get("source") or {}
    for key in ("title", "subtitle", "author"):
        if source.get(key):
            yield f"meta:{key}", str(source[key]), None, None
    for s in (brief.get("summary") or {}).get("sentences") or ():
        yield "summary", str(s.get("quote") or ""), s.get("start"), s.get("end")
    for key in ("motives", "counters", "quotes", "events", "figures", "relations", "claims"):
        for item in brief.get(key) or ():
            yield key, str(item.get("quote") or ""), item.get("start"), item.get("end")
    for actor in brief.get("actors") or ():
        for form in actor.get("forms") or ():
            yield "actor-form", str(form), None, None


def repeated(text: str, source: str, start, end) -> bool:
    """A caption's copy: the item's text (a dozen words or more) stands twice on the page."""
    words = collapse(text)
    return len(words.split()) >= 6 and collapse(source).count(words) > 1


def heading_run_in(source: str, start, end) -> bool:
    """The item runs over a line break whose line above ends no sentence and is short (a heading,
    a tag or a label run into the prose under it)."""
    if start is None or end is None:
        return False
    span = source[start:end]
    for m in re.finditer(r"\n", span):
        above = span[:m.start()].rsplit("\n", 1)[-1].strip()
        if above and above[-1] not in ".!?…”\"’')]:;," and len(above.split()) <= 12:
            return True
    return False


def classify(kind: str, text: str, source: str, start, end, boilerplate) -> list[str]:
    hits = [name for name, pattern in CLASSES.items() if pattern.search(text)]
    if kind.startswith(("summary", "motives", "counters", "quotes", "events", "figures", "relations", "claims")):
        if repeated(text, source, start, end):
            hits.append("copy")
        if heading_run_in(source, start, end):
            hits.append("line-run-in")
    flat = collapse(text)
    if any(b and b in flat for b in boilerplate):
        hits.append("listed")
    return hits


def scan(name: str, briefs: Path, gold: Path, texts: Path, show: bool) -> tuple[collections.Counter, dict]:
    annotation = load_annotation(gold, texts)
    plates = {s.id: s.boilerplate for s in annotation.sources}
    items, articles = collections.Counter(), collections.defaultdict(set)
    for path in sorted((briefs / "sources").glob("*.yaml")):
        brief = reader.load(path).data
        sid = str(brief.get("id"))
        source = (texts / str((brief.get("source") or {}).get("file"))).read_text(encoding="utf-8")
        for kind, text, start, end in item_texts(brief):
            for hit in classify(kind, text, source, start, end, plates.get(sid, ())):
                items[hit] += 1
                articles[hit].add(sid)
                if show:
                    print(f"{name}\t{sid}\t{kind}\t{hit}\t{text[:300]!r}")
    return items, articles


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="NAME=BRIEFS:GOLD:TEXTS")
    ap.add_argument("--list", action="store_true", help="print every hit (with private text: never commit it)")
    args = ap.parse_args(argv)
    names = list(CLASSES) + ["copy", "line-run-in", "listed"]
    rows = []
    for spec in args.sets:
        name, paths = spec.split("=", 1)
        briefs, gold, texts = (Path(p) for p in paths.split(":"))
        items, articles = scan(name, briefs, gold, texts, args.list)
        rows.append((name, items, articles))
    print("items (articles) per class")
    print(f"{'set':10}" + "".join(f"{n:>13}" for n in names))
    for name, items, articles in rows:
        print(f"{name:10}" + "".join(f"{f'{items[n]} ({len(articles[n])})':>13}" for n in names))


if __name__ == "__main__":
    main()
