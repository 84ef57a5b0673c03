"""Segment: ``Article`` -> ``Document`` of anchored paragraphs and sentences.

One compiled regular expression finds candidate sentence ends; a few checks reject the
ones news prose is full of ("U.S.", "Lt. Gen.", initials, "No. 3"). A hand-written
splitter rather than pysbd: it keeps exact offsets by construction and is fast enough to
run on every save (see BENCHMARKS.md).
"""
from __future__ import annotations

import re

from ..briefs.model import Article, Document, Paragraph, Sentence

# A sentence ends at . ! ? (or …), after any closing quotes or brackets, before white space
# and something that can open a sentence. ("â" is a curly mark of a page whose UTF-8 was read
# as Latin-1 and lost its two control bytes: "heft. âSupporting ...,â said": before a capital
# it opens a quotation, which no word of any language does. Guillemets may stand a space apart
# from the words they enclose, as French sets them: "... word. » Next", "said. « Next".)
# ("[.!?…][.!?…]*", not "[.!?…]+": a pattern that opens with a character class lets the engine
# skip to where one stands; one that opens with a repeat is tried at every position)
CANDIDATE = re.compile(r"[.!?…][.!?…]*(?:(?:[”\"’')\]â»]|\s»)*(?=\s+(?:[“\"‘'(\[â]|«\s?)*[A-Z0-9\[])"
                       # pages that lost the space after a full stop: "from Moscow.The Taliban"
                       r"|(?<=[a-z][a-z][.!?])[”’)]*(?=[“\"]?[A-Z][a-z]))")

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm brig sen rep gov pres supt insp
st jr sr vs etc al fig ft mt rev hon amb messrs mme mlle
jan feb mar apr jun jul aug sep sept oct nov dec inc corp ltd co bros dept est approx
""".split())
# Words that start sentences; after "U.S." they mark a real end.
STARTERS = frozenset("""
the a an this that these those it its he she they we i there here but and so yet however
in on at for of as if when while after before since although though meanwhile still his her
their our my what who why how where some many most no not one two three such
""".split())


def segment(article: Article) -> Document:
    paragraphs = []
    for number, block in enumerate(article.blocks, start=1):
        clean, index = _clean_view(article.text, block)
        sentences = []
        for k, (s, e) in enumerate(split_sentences(clean), start=1):
            start, end = index[s], index[e - 1] + 1
            sentences.append(Sentence(f"p{number}-s{k}", number, start, end,
                                      article.text[start:end]))
        paragraphs.append(Paragraph(f"p{number}", number, block.start, block.end,
                                    tuple(sentences), block.role))
    return Document(article, tuple(paragraphs))


def _clean_view(text: str, block) -> tuple[str, list[int]]:
    """The block's text with inline furniture cut out, and each character's raw offset."""
    if not block.cuts:
        return text[block.start:block.end], range(block.start, block.end)
    chars, index, pos = [], [], block.start
    for cs, ce in list(block.cuts) + [(block.end, block.end)]:
        for i in range(pos, max(pos, cs)):
            chars.append(text[i])
            index.append(i)
        pos = max(pos, ce)
    return "".join(chars), index


_NEXT_WORD = re.compile(r"\s+[“\"‘'(\[«\s]*([\w’'-]+)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIAL = re.compile(r"[A-Z]")


# The longest sentence kept whole, in characters (the longest in the seeds and the dev set is
# about 1,500). Longer "sentences", runs of text without a full stop, are cut at white space
# into pieces of at most this length: extraction's work per sentence grows faster than its
# length (cues, actor pairs), and this bound keeps a whole article's work linear in its size.
MAX_SENTENCE = 2000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, white space trimmed, none longer than
    ``MAX_SENTENCE``."""
    spans, start = [], 0
    for m in CANDIDATE.finditer(text):
        if not _is_boundary(text, m.start(), m.end()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            s += len(piece) - len(piece.lstrip())
            if len(stripped) > MAX_SENTENCE:
                out.extend(_pieces(text, s, s + len(stripped)))
            else:
                out.append((s, s + len(stripped)))
    return out


def _pieces(text: str, start: int, end: int, size: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """``text[start:end]`` (trimmed) cut into pieces of at most ``size`` characters, each at
    the last white space of its second half (hard, where there is none), pieces trimmed."""
    out = []
    while end - start > size:
        cut = start + size
        at = cut
        while at > start + size // 2 and not text[at].isspace():
            at -= 1
        if text[at].isspace():
            cut = at
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        out.append((start, stop))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _is_boundary(text: str, dot: int, after: int) -> bool:
    if text[dot] != ".":
        return True
    if text.startswith("...", dot) and after - dot >= 3 and text[dot + 3:dot + 4] == "":
        return True
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "“\"‘(«":
        word_start -= 1
    word = text[word_start:dot]
    nxt = _NEXT_WORD.match(text, after)
    next_word = nxt.group(1) if nxt else ""
    if _DOTTED.fullmatch(word):  # U.S, D.C, U.S.S.R, e.g, i.e
        return next_word.lower() in STARTERS
    if _INITIAL.fullmatch(word):  # an initial: "John F. Kennedy"
        return False
    if word.lower().rstrip(".") in ABBREVIATIONS:
        return False
    if word.lower() in ("no", "nos") and next_word[:1].isdigit():  # "No. 3"
        return False
    return True
