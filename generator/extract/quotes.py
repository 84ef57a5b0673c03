"""Direct quotes and their speakers.

A quote is text inside quotation marks (curly or straight, double or single, nested) that
a reporting clause gives to a speaker. The clause is looked for, in this order: after the
closing mark (", Kabulov said", ", said the envoy", ", the ministry said"), before the opening
mark in the sentence ("X told Interfax that “...", "They add: “..."), in the sentence's last
clause. A quote without its own clause continues the previous one (the next sentence or
paragraph of the same speech), shares the clause of the quote beside it ("“A” and “B,”
according to the report"), or, opening a paragraph, belongs to the speaker the sentence
before introduced. Marks that no clause claims are scare quotes or names ("the “Moscow
Format”") and are not quotes. A quote inside a quote has its own speaker, found inside it.

A page cut off mid-sentence (saved excerpts are) keeps the complete sentences of a quote left
open at its very end; a quote that opens in the body's cut-off last sentence itself, its clause
unfinished, is no item: what the sentence would have gone on to say is not there, and the
annotations ignore that sentence, as the classifier does (``features.cut_off_at_end``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..briefs.model import Quote, Span, record
from ..text.marks import CLOSERS
from .discourse import Discourse, Mention, Speaker
from .features import stops_inside
from .speakers import DOC_NOUNS, ORG_NOUNS, resolve
from .speech import Verbs, leading, trailing, words

QUOTE_CHARS = re.compile(r"[“”\"‘’'«»]")
# (guillemets: "« ... »", also spaced apart from the words inside them, as French sets them;
# what may close a sentence after its end mark is ``text.marks.CLOSERS``)
SENTENCE_END = re.compile(r"[.!?…]" + CLOSERS + r"(?=\s|$)")
# an end mark after a quote's closing mark: its clause was not cut off, even when the next line
# runs on into it with no space ("..., said X.–Agency Desk", "“...”.Next Page")
CLAUSE_ENDED = re.compile(r"[.!?…][”\"’')\]»]*(?=\s|$|[–—A-Z-])")
LINE_END = re.compile(r"[.!?…:,;]" + CLOSERS + r"\s*$")
DASHES = " \t—–-"
WINDOW = 400   # characters a reporting clause is looked for in, either side of a quote
ECHO_WORDS = 6   # the most words of a phrase quoted again (``_echo``); a sentence said twice is said twice
NAME_WORDS = 8   # the most words of a name in marks: capitalised words joined by "of", "and", "the"
FUNCTION_WORDS = frozenset("""and or but nor in on at to of for with by from as that which who whom
is are was were be been has have had will would can could may might should than then so if when
while because since after before into over under about against between through during the a an
this these those it its their his her""".split())


@record
class Mark:
    start: int   # offset of the first character inside the marks
    end: int     # offset of the closing mark (or the paragraph's end)
    closed: bool
    depth: int = 0   # 0: a quote; 1 and more: a quote inside a quote


def find_marks(text: str, start: int, end: int) -> list[Mark]:
    """Quoted stretches of text[start:end], nested ones included, in order of opening."""
    stack: list[tuple[str, int, int]] = []   # (mark, offset inside, order)
    marks: list[tuple[int, Mark]] = []
    order = 0
    for m in QUOTE_CHARS.finditer(text, start, end):
        c, i = m.group(), m.start()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        opens = (before.isspace() or before in "([{“‘\"«—–-/") and not after.isspace()
        closes = not before.isspace() and not after.isalnum()
        kind = "“" if c in "“”" else "‘" if c in "‘’" else "«" if c in "«»" else c
        k = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == kind), None)
        if c == '"' and k is None and closes and not opens and stack and stack[-1][0] == "“":
            k = len(stack) - 1   # a page that mixes marks: “ ... " closes the curly one
        if c == "“" and before.isspace() and after.isspace() and stack and stack[-1][0] == "“":
            c = "”"   # an opening mark standing alone ("guys. “") closes: nothing follows it to open
        if c in "”’»" or (c in "\"'" and k is not None and (closes or not opens)):
            if k is None or (c in "’'" and not closes):
                continue   # a stray closing mark or an apostrophe ("Russia’s", "don't")
            mark, s, n = stack[k]
            del stack[k:]   # marks opened inside and never closed are dropped
            marks.append((n, Mark(s, i, True, k)))
        elif c in "“\"«" or (c in "‘'" and opens and after.isalpha()) or (c == "‘" and after.isalnum()):
            stack.append((kind, i + 1, order))
            order += 1
    for mark, s, n in stack[:1]:   # a quote left open runs to the paragraph's end
        marks.append((n, Mark(s, end, False, 0)))
    return [mk for _, mk in sorted(marks, key=lambda x: x[0])]


# A page whose UTF-8 was read as Latin-1 and lost its control bytes: every curly mark and
# apostrophe is a bare "â" ("Moscowâs", "âSupporting ...,â said").
MANGLED = re.compile(r"[a-z]âs\b")
_BARE = re.compile(r"â")


def _unmangled(text: str) -> str:
    """A copy of ``text`` of the same length (every offset stays) with each bare "â" read as the
    mark it stands for: before a word after a space, an opening mark; after a word or a
    punctuation mark before a space, a closing one; between letters, an apostrophe."""
    def mark(m):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if after in "\"”“-–—":
            return "â"   # a mangled dash ("â\"")
        if (before.isspace() or before in "([") and after.isalnum():
            return "“"
        if not before.isspace() and not after.isalnum():
            return "”"
        return "’" if before.isalpha() and after.isalpha() else "â"
    return _BARE.sub(mark, text)


def quote_span(text: str, mark: Mark) -> tuple[int, int]:
    s, e = mark.start, mark.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def make_quote(text, s, e, anchor, speaker: Speaker, cue, confidence) -> Quote:
    return Quote(speaker.actor, speaker.name, Span(text[s:e], s, e, anchor), (cue,), confidence)


CONFIDENCE = {"after": 0.9, "before": 0.8, "according": 0.85, "final": 0.8}
HOW = {"after": "said after the quote", "before": "speech verb before the quote",
       "according": "according to", "final": "said at the end of the sentence"}


@dataclass
class _Part:
    mark: Mark
    start: int
    end: int
    para: int                     # index among the body paragraphs
    sent: object                  # the sentence the quote opens in
    close: object                 # the sentence of its closing mark (None when left open)
    speaker: Speaker | None = None
    cue: str = ""
    confidence: float = 0.0
    prev_part: "_Part | None" = None   # the part before, when it runs over paragraphs
    k: int = 0                    # its place among the document's quotes
    inner: list = field(default_factory=list)


class QuoteFinder:
    """The reporting verbs compiled once; ``find`` runs per document."""

    def __init__(self, speech_verbs=()):
        self.verbs = Verbs(speech_verbs)

    def find(self, doc, mentions: list[Mention], kind_of, name_of, demonyms=None) -> list[Quote]:
        """``demonyms``: a state's adjective that names no actor of its own -> the state
        (``speakers.state_demonyms``)."""
        text = doc.text
        paras = [p for p in doc.paragraphs if p.role == "body" and p.sentences]
        if not paras:
            return []
        seen = _unmangled(text) if "â" in text and MANGLED.search(text) else text
        marks = [find_marks(seen, p.start, p.end) for p in paras]
        marks = [[self._unclosed(text, paras, k, m) for m in ms] for k, ms in enumerate(marks)]
        quoted = [(m.start, m.end) for ms in marks for m in ms if m.depth == 0]
        if not quoted:
            return []
        d = Discourse(text, mentions, kind_of, name_of, quoted, demonyms)
        self._text, self._d = text, d
        self._sents = [s for p in paras for s in p.sentences]
        self._starts = [s.start for s in self._sents]
        self._order = {s.anchor: i for i, s in enumerate(self._sents)}
        parts = self._parts(paras, marks)
        for part in parts:
            self._attribute(part, parts)
        self._share(parts)
        out, cut = [], self._cut_off_start()   # the sentence the classifier gives nothing too
        said = _said_before(seen, doc.paragraphs, paras, marks)
        for part in parts:
            if part.start >= cut and not CLAUSE_ENDED.search(text, part.mark.end, len(text)):
                continue   # opens in the sentence the page cuts off, before its clause ends
            if _echo(text, part, said):
                continue   # the headline's or an earlier quote's words named again
            if part.speaker:
                out.append(make_quote(text, part.start, part.end, part.sent.anchor, part.speaker,
                                      part.cue, part.confidence))
            out.extend(self._inner(part))
        return sorted(out, key=lambda q: (q.span.start, q.span.end))

    def _cut_off_start(self) -> int:
        """Where the body's last sentence starts when the page stops inside it (no end mark:
        ``features.stops_inside``, the classifier's test), else past the text's end."""
        last = self._sents[-1]
        return last.start if stops_inside(last.text) else len(self._text) + 1

    # ---- the quoted stretches -----------------------------------------------------

    def _unclosed(self, text: str, paras, k: int, m: Mark) -> Mark:
        """A quote left open at the end of a paragraph that ends in its own attribution ("“They
        came at night, said the driver to the radio."): the closing mark was left out before
        that clause's comma."""
        if m.closed or m.depth or k == len(paras) - 1 or _continued(text, paras, k):
            return m
        comma = text.rfind(", ", m.start, m.end)
        tail = words(text, comma + 1, m.end) if comma > m.start else []
        if not tail or len(tail) > 12 or not SENTENCE_END.search(text, m.end - 2, m.end + 1) \
                or any(c in text[comma:m.end] for c in "“”\"‘«»"):
            return m
        clause = trailing(text, self.verbs, tail, False)
        return Mark(m.start, comma, True, 0) if clause and clause.how == "after" else m

    def _parts(self, paras, marks) -> list[_Part]:
        text, parts = self._text, []
        last_para = len(paras) - 1
        for k, (p, ms) in enumerate(zip(paras, marks)):
            if k < last_para and _subheading(text, p):
                continue   # a headline's quotes are the body's words, named there
            tops = [m for m in ms if m.depth == 0]
            inner = _inner_marks(ms)
            for m in tops:
                s, e = quote_span(text, m)
                if not m.closed and k == last_para:
                    e = _complete_sentences(text, s, e)   # the page is cut off here
                elif not m.closed and not _continued(text, paras, k):
                    continue   # an open mark nobody closes: its extent is unknown
                if e - s < 2 or _a_name(text, m, s, e):
                    continue
                part = _Part(m, s, e, k, self._sentence(m.start - 1), self._sentence(m.end) if m.closed else None)
                part.inner = inner.get(m.start, [])
                prev = parts[-1] if parts else None
                if prev and not prev.mark.closed and prev.para == k - 1 and m.start - 1 <= p.start:
                    part.prev_part = prev
                part.k = len(parts)
                parts.append(part)
        return parts

    def _sentence(self, pos: int):
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._sents[max(0, i)]

    # ---- attribution ----------------------------------------------------------------

    def _attribute(self, part: _Part, parts: list[_Part]) -> None:
        text, d = self._text, self._d
        found = self._direct(part)
        if found is NOBODY:   # "“...,” said a woman in the city": someone new, whom no item names
            d.previous = None
            return
        if found:
            part.speaker, part.cue, part.confidence = found
        elif part.prev_part is not None:
            if part.prev_part.speaker:
                part.speaker, part.cue, part.confidence = part.prev_part.speaker, "quote continued in the next paragraph", 0.6
        elif self._opens_sentence(part) and (text[part.start:part.start + 1].isupper() or text[part.start:part.start + 1] == "["):
            prev = self._previous_in_paragraph(part, parts)
            if prev is not None and prev.speaker:
                part.speaker, part.cue, part.confidence = prev.speaker, "continues the previous quote", 0.6
            elif prev is None:
                found = self._introduced_before(part)
                if found:
                    part.speaker, part.cue, part.confidence = found, "introduced in the sentence before", 0.6
        if part.speaker:
            d.previous, d.previous_at = part.speaker, part.end
            back = part.prev_part
            while back is not None and back.speaker is None:   # the parts before it, left open
                back.speaker, back.cue, back.confidence = part.speaker, "quote continued in the next paragraph", 0.6
                back = back.prev_part

    def _direct(self, part: _Part):
        text, d, verbs = self._text, self._d, self.verbs
        if part.mark.closed:
            sent = part.close
            stop = self._next_mark(part, sent.end)
            ws = words(text, part.mark.end + 1, min(stop, part.mark.end + 1 + WINDOW))
            cut = sent is self._sents[-1] and not SENTENCE_END.search(text, max(sent.start, sent.end - 3), sent.end)
            clause = trailing(text, verbs, ws, cut) or self._next_sentence_clause(part, ws)
            if clause and clause.how == "according":
                # "Iran dismissed the claims as “fantasy”, according to AFP": the one who spoke
                # before the quote said it; "according to" names who reports it
                before = self._leading(part)
                if before:
                    return before
            if clause:
                who = resolve(d, *clause.who, inverted=clause.inverted)
                if who:
                    return who, HOW[clause.how], CONFIDENCE[clause.how]
                if _indefinite(text, clause.who):
                    return NOBODY
        found = self._leading(part, True)
        if found is not None:
            return found
        who = self._stated_by_next(part)
        return (who, "stated by, in the next sentence", 0.6) if who else None

    def _leading(self, part: _Part, nobody: bool = False):
        """The speaker of a reporting clause before the opening mark, in the quote's sentence:
        (speaker, cue, confidence); ``NOBODY`` (with ``nobody``) for someone new, unnamed."""
        text, d = self._text, self._d
        head = [w for w in words(text, max(part.sent.start, part.mark.start - 1 - WINDOW), part.mark.start - 1)
                if not d.is_quoted(w.start)]
        colon = text[part.sent.start:part.mark.start - 1].rstrip().endswith(":")
        clause = leading(text, self.verbs, head, colon)
        if clause:
            who = resolve(d, *clause.who, relative=clause.relative, inverted=clause.inverted)
            if who:
                return who, HOW[clause.how], CONFIDENCE[clause.how] - (0.1 if who.how == "pronoun" else 0)
            if nobody and _indefinite(text, clause.who):
                return NOBODY
        return None

    def _stated_by_next(self, part: _Part) -> Speaker | None:
        """"... must not suffer from the “turmoil”. This was stated by Minister Ivanov in an
        interview.": the sentence after the quote's gives it to a speaker in the passive."""
        sent = part.close or part.sent
        i = self._order[sent.anchor] + 1
        if i >= len(self._sents):
            return None
        nxt = self._sents[i]
        said = STATEMENT_BY.match(self._text, nxt.start, nxt.end)
        if said and self._text[part.mark.end:sent.end].strip(" ”\"’'.0123456789") == "":
            # "“...”\n\nThis recent statement by Minister Ivanov ...": a quote that ends its
            # sentence, named as a statement by the sentence after it (in the next paragraph too)
            end = STATED_BY_END.search(self._text, said.end(), nxt.end)
            return resolve(self._d, said.end(), end.start() if end else nxt.end)
        if nxt.paragraph != sent.paragraph:
            return None
        m = STATED_BY.match(self._text, nxt.start, nxt.end)
        if m is None or m[1].lower() not in self.verbs.forms:
            return None
        end = STATED_BY_END.search(self._text, m.end(), nxt.end)
        return resolve(self._d, m.end(), end.start() if end else nxt.end)

    def _next_sentence_clause(self, part: _Part, tail):
        """"“... human morality?” Rezaie added.": after a question, an exclamation (or, on
        pages that write so, a full stop) the attribution is split off as a sentence of its own."""
        if tail or self._text[part.mark.end - 1:part.mark.end] not in "?!.":
            return None
        i = self._order[part.close.anchor] + 1
        if i >= len(self._sents) or self._sents[i].paragraph != part.close.paragraph:
            return None
        nxt = self._sents[i]
        ws = words(self._text, nxt.start, nxt.end)
        clause = trailing(self._text, self.verbs, ws, False) if len(ws) <= 8 else None
        if clause is None or clause.how != "after" or clause.inverted or any(w.text.lower() == "that" for w in ws):
            return None   # "“...” Lavrov said that the talks ...": a new statement, not this one's clause
        return clause

    def _next_mark(self, part: _Part, limit: int) -> int:
        """Where the next quote of the sentence opens (its clause is its own)."""
        d = self._d
        i = bisect.bisect_right(d.quoted, (part.mark.end, float("inf")))
        if i < len(d.quoted) and d.quoted[i][0] - 1 < limit:
            return d.quoted[i][0] - 1
        return limit

    def _opens_sentence(self, part: _Part) -> bool:
        return not self._text[part.sent.start:part.mark.start - 1].strip(DASHES)

    def _previous_in_paragraph(self, part: _Part, parts: list[_Part]) -> _Part | None:
        """The quote this one goes on from: the one before it in the paragraph, or the one
        that closed the paragraph before (“...,” the ministry said.\n\n“As a result, ...”)."""
        i = part.k
        prev = parts[i - 1] if i > 0 else None
        if prev is None or prev.para < part.para - 1:
            return None
        if prev.para != part.para:
            last = self._sents[self._order[part.sent.anchor] - 1]
            return prev if prev.mark.closed and prev.close is last and self._opens_sentence(part) else None
        # the sentences that start between the two: the attribution's and this quote's at most
        # (counted as the document's sentences are cut, so that "Gen." ends none)
        starts = bisect.bisect_right(self._starts, part.mark.start - 1) - bisect.bisect_right(self._starts, prev.mark.end)
        return prev if starts <= 1 else None

    def _introduced_before(self, part: _Part) -> Speaker | None:
        """"Putin's envoy conceded that ...\n\n“The Taliban is not homogenous.”": a quote that
        opens a sentence, with no clause of its own, is the speech the sentence before reports."""
        i = self._order[part.sent.anchor]
        if i == 0:
            return None
        prev = self._sents[i - 1]
        d = self._d
        if any(d.is_quoted(pos) for pos in range(prev.start, prev.end, 16)):
            return None
        clause = leading(self._text, self.verbs, words(self._text, max(prev.start, prev.end - WINDOW), prev.end))
        if clause is None:
            return None
        return resolve(d, *clause.who, relative=clause.relative)

    def _share(self, parts: list[_Part]) -> None:
        """"to “gain influence” and “expedite a withdrawal,” according to a report": a quote
        beside another in the same sentence shares its clause."""
        for a, b in zip(parts, parts[1:]):
            same = b.sent is a.sent or b.sent is a.close
            if not same:
                continue
            if a.speaker is None and b.speaker is not None and b.cue in (HOW["after"], HOW["according"], HOW["final"]):
                a.speaker, a.cue, a.confidence = b.speaker, "shares the next quote's attribution", 0.7
            elif b.speaker is None and a.speaker is not None and a.cue != HOW["after"]:
                b.speaker, b.cue, b.confidence = a.speaker, "shares the previous quote's attribution", 0.7

    def _inner(self, part: _Part) -> list[Quote]:
        """Quotes inside this one: "... and said, ‘This was given by the Russians’"."""
        out = []
        text, d = self._text, self._d
        for m in part.inner:
            if not m.closed:
                continue
            s, e = quote_span(text, m)
            if e - s < 2 or _a_name(text, m, s, e):
                continue   # "they are fighting 'Daesh'": a name in marks inside a quote
            start = max(part.mark.start, self._sentence(m.start - 1).start)
            head = words(text, start, m.start - 1)
            clause = leading(text, self.verbs, head)
            who = resolve(d, *clause.who, relative=clause.relative, inside=True) if clause else None
            if who and who != part.speaker:
                out.append(make_quote(text, s, e, self._sentence(m.start).anchor, who,
                                      "quoted inside a quote", 0.6))
        return out


# "This was stated by X", "These words were said to a news agency by X": a sentence that attributes the
# one before in the passive; the speaker's noun phrase ends at a comma or an adverbial
STATED_BY = re.compile(r"(?:This|That|These|It|Such\s+\w+|These\s+\w+)\s+(?:was|were|has\s+been|had\s+been)"
                       r"\s+(\w+)(?:\s+to\s+[^,.;“”\"]{1,40}?)?\s+by\s+")
# "This recent statement by X", "These words of X": the sentence after a quote naming it
STATEMENT_BY = re.compile(r"(?:This|These|That|Those)\s+(?:[a-z]+\s+){0,2}(?:statement|statements|remark|remarks"
                          r"|comment|comments|words|assessment|warning)\s+(?:by|of|from)\s+")
STATED_BY_END = re.compile(r",|\s(?:on|in|at|during|after|before|while|when|following)\s|[.;:!?]")
NOBODY = ()   # a reporting clause whose speaker is someone the article introduces unnamed
INDEFINITE = re.compile(r"(?:an?|another|one)\s", re.I)


# an unnamed body, document or official speaks for a body the article names ("a Foreign Ministry
# statement said", "a ministry spokesman said"): not someone new
FOR_A_BODY = ORG_NOUNS | DOC_NOUNS | frozenset("""official officials spokesman spokeswoman
spokesperson diplomat diplomats envoy ambassador representative minister source sources""".split())


def _indefinite(text: str, who: tuple[int, int]) -> bool:
    """The clause's subject is an indefinite description of a person ("a woman in the market",
    "another resident"): someone new, not a speaker named before."""
    if INDEFINITE.match(text, who[0], who[1]) is None:
        return False
    described = re.split(r"\s(?:at|in|of|from|for|with|near|on|outside|inside|who|whose|which|that)\s",
                         text[who[0]:who[1]], maxsplit=1)[0]   # "a woman at the embassy": a woman
    return not any(w.strip(".,;:").lower() in FOR_A_BODY for w in described.split())


def _a_name(text: str, mark: Mark, s: int, e: int) -> bool:
    """The marks set off a name, not words said: a short run of capitalised words ("the
    “Taliban” movement", "‘Heart of Asia’"), or a phrase used as a modifier after an article
    ("the “Moscow formula” meetings")."""
    inside = text[s:e].split()
    before = text[max(0, mark.start - 12):mark.start - 1].rstrip().lower()
    if before.endswith("so-called"):
        return True   # "the so-called “peace process”": a term held at arm's length
    # punctuation inside the closing mark ("“Realism,” she added") ends words said, not a name;
    # a full stop there ends the sentence a name may close as well ("recognised their “Free State.”")
    said = re.search(r"[!?,]$", text[s:mark.end].rstrip()) if mark.closed else None
    if not said and (len(inside) <= NAME_WORDS and all(w[:1].isupper() or w in ("of", "and", "the") for w in inside)
                     or len(inside) <= 3 and inside[0][:1].isupper() and re.search(r"\bthe$", before)):
        return True   # "the “Taliban” movement", "the “Moscow format”", "the “Grand Republic of the Northern Isles”"
    after = re.match(r" ([a-z]+)\b", text[mark.end + 1:mark.end + 20]) if mark.closed and not said else None
    if after is not None and after[1] not in FUNCTION_WORDS and len(inside) == 1 and "-" in inside[0].strip("-"):
        return True   # "“intra-party” talks": a compound modifier held at arm's length, before its noun
    return bool(re.search(r"\b(?:the|a|an)$", before)) and after is not None and after[1] not in FUNCTION_WORDS and inside[0][:1].isupper()


def _said_before(text: str, paragraphs, paras, body_marks) -> list[tuple[int, int]]:
    """The quoted stretches of the page in order: its headline's and standfirst's (which quote no
    one) and the body's quotes (not a subheading's: the body after it names its words first)."""
    out = [(m.start, m.end) for k, (p, ms) in enumerate(zip(paras, body_marks))
           if k == len(paras) - 1 or not _subheading(text, p) for m in ms if m.depth == 0]
    for p in paragraphs:
        if p.role in ("title", "subtitle"):
            out.extend((m.start, m.end) for m in find_marks(text, p.start, p.end) if m.depth == 0)
    return sorted(out)


def _echo(text: str, part: _Part, said: list[tuple[int, int]]) -> bool:
    """A short phrase in marks that the page quoted before, in its headline or in an earlier
    quote ("... says U.S. presence ‘disturbing’" over "whether he finds it “disturbing.”"): the
    words named again, no quote of their own (the annotations count the first, or none)."""
    phrase = text[part.start:part.end].strip(" .,;:!?").lower()
    if not phrase or len(phrase.split()) > ECHO_WORDS:
        return False
    return any(e <= part.mark.start and phrase in text[s:e].lower() for s, e in said)


def _subheading(text: str, p) -> bool:
    """A heading between the paragraphs ("Minister rejects ‘baseless claims’"): one short line
    that ends no sentence."""
    line = text[p.start:p.end]
    return len(p.sentences) == 1 and "\n" not in line.strip() and len(line.split()) <= 12 \
        and not LINE_END.search(line)


def _inner_marks(marks: list[Mark]) -> dict[int, list[Mark]]:
    """The marks nested in each quote (marks come in order of opening), by its start."""
    out: dict[int, list[Mark]] = {}
    top = None
    for m in marks:
        if m.depth == 0:
            top = m
        elif top is not None and top.start <= m.start < top.end:
            out.setdefault(top.start, []).append(m)
    return out


def _complete_sentences(text: str, s: int, e: int) -> int:
    last = None
    for m in SENTENCE_END.finditer(text, s, e):
        last = m
    return last.end() if last else s


def _continued(text: str, paras, k: int) -> bool:
    """A quote left open at a paragraph's end goes on when the next paragraph opens with a mark."""
    if k + 1 >= len(paras):
        return False
    return text[paras[k + 1].start:paras[k + 1].start + 1] in "“\"‘'«"
