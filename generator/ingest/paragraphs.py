"""A page's kept lines as paragraphs: a page saved one paragraph a line (each line a paragraph,
a short line between two of them furniture), hard-wrapped prose (one paragraph over several
lines), and the bound on a paragraph's length that keeps the work on an article linear."""
from __future__ import annotations

import re

from ..briefs.model import Block, Removed
from ..text.marks import END_MARK
from .lines import visible


def line_paragraphs(text: str, kept: list) -> list:
    """Lines that each end a sentence are paragraphs of their own, even without blank lines
    between them (pages saved one paragraph a line); lines cut mid-sentence are one
    hard-wrapped paragraph."""
    for run in _runs(kept):
        body = [line for line in run if line[2] == "body"]
        if _one_a_line(text, body):
            for line in body:
                line[3] = True
        else:
            _headings_apart(text, body)
    return kept


def _headings_apart(text: str, body: list) -> None:
    """A heading over a paragraph with no blank line between them (``_heading_over``), opening
    the run or after a line that ends a sentence, is a paragraph of its own, as is the
    paragraph under it."""
    for k, (line, nxt) in enumerate(zip(body, body[1:])):
        if (k == 0 or _ends_sentence(text, *body[k - 1][:2])) and _heading_over(text, line, nxt):
            line[3] = nxt[3] = True


# The last word of a line that goes on in the next: a heading ends on none of these.
_GOES_ON = re.compile(r"(?:[,;:–—-]|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|as|that|its|their|his|her))[”\"’']*\Z",
                      re.I)


def _heading_over(text: str, line: list, nxt: list) -> bool:
    """Is ``line`` a heading over the paragraph that ``nxt`` starts ("3. The
    costs of delay" / "Moscow has ...")? A few words, capitalised, ending no sentence and not
    going on (hard-wrapped prose ends its first line mid-phrase, about as long as the next);
    the next line starts a sentence."""
    vis = visible(text[line[0]:line[1]])
    return vis.count(" ") < 12 and _STARTS.match(vis) is not None and not END_MARK.search(vis) \
        and not _GOES_ON.search(vis) and len(vis) * 2 < nxt[1] - nxt[0] and _STARTS.match(text, nxt[0]) is not None


def _runs(kept: list) -> list:
    """The kept lines in runs with no blank line between them."""
    runs, run = [], []
    for line in kept:
        if line[3] and run:
            runs.append(run)
            run = []
        run.append(line)
    if run:
        runs.append(run)
    return runs


def _one_a_line(text: str, body: list) -> bool:
    """Is a run of lines a page saved one paragraph a line? Its lines end sentences: all of
    them, or twice as many as not (a headline or a label between two paragraphs ends none);
    hard-wrapped prose ends few of its lines. The last line does not count (an excerpt is cut
    off mid-sentence)."""
    ends = sum(_ends_sentence(text, s, e) for s, e, *_ in body[:-1])
    return len(body) > 1 and (ends == len(body) - 1 or ends >= 2 and ends >= 2 * (len(body) - 1 - ends))


def _ends_sentence(text: str, s: int, e: int) -> bool:
    """Does ``text[s:e]`` end with a sentence's end mark (looked for in its last characters)?"""
    return END_MARK.search(text, max(s, e - 12), e) is not None


# A line that starts a sentence: a capital, a digit or an opening mark first.
_STARTS = re.compile(r"[\W_]*[A-Z0-9“\"‘'(\[]")


def between_paragraphs(text: str, kept: list, removed: list) -> list:
    """In a page saved one paragraph a line, a short line that ends no sentence, between a
    paragraph that ends one and a line that starts one, is not the article's: a related story's
    headline, a label in capitals, a widget, a spam line. (A line ending in a colon opens what
    follows, and stays.)"""
    drop = set()
    for run in _runs(kept):
        body = [line for line in run if line[2] == "body"]
        if len(body) < 3 or not _one_a_line(text, body):
            continue
        for prev, line, nxt in zip(body, body[1:], body[2:]):
            if _ends_sentence(text, *line[:2]) or not _ends_sentence(text, *prev[:2]):
                continue
            vis = visible(text[line[0]:line[1]])
            if not END_MARK.search(vis) and vis.count(" ") < 16 and not vis.endswith(":") \
                    and _STARTS.match(text, nxt[0]):
                drop.add(id(line))
                removed.append(Removed(line[0], line[1], "line between paragraphs (headline, label or widget)"))
    return [line for line in kept if id(line) not in drop]


# The longest paragraph kept whole, in characters (the longest in the seeds and the dev set is
# about 2,000). A longer block (a wall of text, a file of one line) becomes several
# paragraphs, cut after a sentence's end where there is one: the work on a paragraph (quotes
# that run to its end, their speakers) stays bounded, the work on an article linear.
MAX_PARAGRAPH = 10_000
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s")


def bounded(text: str, block: Block, size: int = MAX_PARAGRAPH) -> list[Block]:
    """``block``, or its pieces of at most ``size`` characters when it is longer; a piece ends
    at the last sentence end of its second half, else at white space, never inside a cut."""
    if block.end - block.start <= size:
        return [block]
    out, start, cuts, i = [], block.start, sorted(block.cuts), 0
    while block.end - start > size:
        lo, hi = start + size // 2, start + size
        ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
        cut = ends[-1] if ends else (text.rfind(" ", lo, hi) + 1 or hi)
        j = i                         # the cuts of this piece: cuts[i:j]
        while j < len(cuts) and cuts[j][1] <= cut:
            j += 1
        if j < len(cuts) and cuts[j][0] < cut:   # never inside inline furniture
            cut = cuts[j][0] if cuts[j][0] > start else cuts[j][1]
            if cut == cuts[j][1]:
                j += 1
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        out.append(Block(start, stop, block.role, tuple(cuts[i:j])))
        i, start = j, cut
        while start < block.end and text[start].isspace():
            start += 1
    out.append(Block(start, block.end, block.role, tuple(cuts[i:])))
    return out
