"""Reporting clauses of English news prose: the verbs that introduce speech, and where the
speaker stands around them.

News attributes a quotation in a few fixed shapes: after the quote (", Kabulov said",
", said the envoy", ", Interfax cited Kabulov as saying", ", according to the report"),
before it ("X told Interfax that “...", "They add: “..."), or in the sentence's last clause
("“...” during their reign, Putin said."). This module finds those clauses in raw text and
returns the stretch of text that names the speaker; ``speakers`` decides who that is.
Every scan is a bounded loop over words: no backtracking regular expression sees a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.cues import inflections

WORD = re.compile(r"[A-Za-z0-9](?:[\w’'.-]*\w)?")
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?")   # "U.S.", "U.N"

# Reporting verbs with their irregular forms; regular ones are inflected by rule.
IRREGULAR = {
    "say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"), "speak": ("spoke", "spoken", "speaks"),
}
REGULAR = """add state claim note argue warn insist explain declare announce ask reply remark
acknowledge admit stress emphasise emphasize comment tweet recall observe assert suggest conclude
confirm deny predict call describe urge accuse allege criticise criticize concede complain respond
answer maintain contend caution vow pledge promise boast lament exclaim reveal disclose mention
repeat reiterate cite quote report post continue charge reject dismiss denounce condemn slam decry
hail praise read depict portray characterise characterize indicate consider regard identify label brand""".split()
# (the last five say what the speaker takes something for: "officials consider the pact “a new
# turn”", "Putin regards them as allies in the “fight against terror”")
PLAIN = """add state claim note argue warn insist explain declare announce ask reply remark admit
stress emphasise emphasize comment tweet observe conclude confirm deny respond answer report post""".split()
# Forms that are also common nouns ("the US claims", "in his remarks"): verbs only where a
# verb can stand (after a pronoun or an adverb, or before "that", a colon, comma or quote).
NOUN_LIKE = frozenset("""claim claims note notes call calls comment comments tweet tweets report
reports answer answers vow vows pledge pledges promise promises quote quotes post posts state states
remark remarks cite cites caution repeat concede mention mentions continue continues stress
stresses reply replies charge charges""".split())
# Participles that also name things ("a format called the “Moscow Format”").
NAMING = frozenset("called described termed dubbed labelled labeled named known branded".split())
PRONOUNS = frozenset("he she they it".split())
DETERMINERS = frozenset("the a an this that these those its their his her our".split())
ADVERBS = frozenset("""also later further then again recently repeatedly publicly reportedly
previously earlier once has had have was were is are been being had would will may might
just since already even separately similarly privately explicitly bluntly""".split())
PHRASES = (("pointed", "out"), ("point", "out"), ("points", "out"), ("spoke", "out"),
           ("spoken", "out"), ("went", "on"), ("put", "it"), ("according", "to"))
# Nouns of speech acts that quote their words: "a pledge to “free the state from drugs”".
SPEECH_NOUNS = frozenset("""obligation obligations pledge pledges promise promises vow vows commitment
commitments demand demands assurance assurances appeal appeals""".split())
AS_SAYING = frozenset("saying telling stating writing adding".split())


# Not a frozen record: about 75 made an article, and a frozen class's __init__ sets each
# field through object.__setattr__, several times the work. Nothing changes one once made.
@dataclass(unsafe_hash=True)
class Word:
    text: str
    start: int          # offsets into the document text
    end: int
    possessive: bool    # "Putin’s": text is "Putin"
    comma: bool = False  # a comma stands between this word and the one before


def words(text: str, start: int, end: int) -> list[Word]:
    out = []
    for m in WORD.finditer(text, start, end):
        s, e = m.span()
        w = m.group()
        poss = False
        if len(w) > 2 and w[-2] in "’'" and w[-1] == "s":
            w, e, poss = w[:-2], e - 2, True
        elif e < end and text[e] in "’'" and w[-1:] == "s" and (e + 1 >= end or not text[e + 1].isalnum()):
            poss = True   # plural possessive "officials’"
        if w[-1:] == ".":   # (only a possessive's word can end so: "U.S.’s")
            w = w.rstrip(".") if not DOTTED.fullmatch(w) else w
        out.append(Word(w, s, s + len(w), poss, "," in text[out[-1].end if out else start:s]))
    return out


class Verbs:
    """The reporting verbs: built-in English ones plus a taxonomy's ``speech_verbs``."""

    def __init__(self, extra=()):
        forms: set[str] = set()
        for base, irregular in IRREGULAR.items():
            forms |= {base, *irregular}
        for base in REGULAR:
            forms |= inflections(base)
        phrases = list(PHRASES)
        for verb in extra:
            parts = tuple(verb.lower().split())
            if len(parts) == 1:
                forms |= inflections(parts[0])
            elif parts:
                phrases.append(parts)
        self.forms = frozenset(forms)
        self.phrases = tuple(phrases)
        plain = {f for base, irregular in IRREGULAR.items() for f in (base, *irregular)}
        for base in PLAIN:
            plain |= inflections(base)
        self.plain_forms = frozenset(plain)

    def at(self, ws: list[Word], i: int, quote_next: bool = False) -> int:
        """How many words of ``ws`` starting at ``i`` make a reporting verb (0: none).
        ``quote_next``: the quote opens right after ``ws`` (a clause before it)."""
        w = ws[i]
        low = w.text.lower()
        for phrase in self.phrases:
            n = len(phrase)
            if low == phrase[0] and tuple(x.text.lower() for x in ws[i:i + n]) == phrase:
                return n
        if low not in self.forms or (w.text[0].isupper() and i > 0):
            return 0   # "the Islamic State" is no verb; a capital opens a sentence only
        if low in NOUN_LIKE and not self._verb_slot(ws, i):
            return 0
        if low in NAMING and i > 0 and not _subject_before(ws[i - 1]) \
                and (i + 1 >= len(ws) or ws[i + 1].text.lower() not in ("for", "on", "upon")) \
                and not (quote_next and _object_between(ws, i)):
            return 0   # "a group called “X”": a name, not speech ("last week called for" is speech,
            # and so is "the minister called the talks “useful”": its object stands between)
        if i > 0 and ws[i - 1].text.lower() == "to" and low not in ("said", "told"):
            return 0   # "declined to comment"
        if i > 0 and low.endswith("ed") and ws[i - 1].text.lower() in DETERMINERS:
            return 0   # "the alleged “payments”", "its stated aim": an adjective
        if low.endswith("ing") and low not in AS_SAYING and (i == 0 or not _participle(ws, i)):
            return 0   # "the ruling party": a participle reports speech after a comma only
        return 1

    def plain(self, form: str) -> bool:
        """A verb that attributes words as said ("said", "told", "added"), not one that also
        reports an act ("criticised the plan", "called for talks")."""
        return form.lower() in self.plain_forms

    def _verb_slot(self, ws, i) -> bool:
        before = ws[i - 1].text.lower() if i > 0 else ""
        after = ws[i + 1].text.lower() if i + 1 < len(ws) else ""
        return before in PRONOUNS or before in ADVERBS or before in ("who", "which", "we", "i") \
            or after == "that" or _as_clause(ws, i)


CLAUSE_BREAKS = frozenset("""of in on at to for with by from about against part result and or but
that which who is are was were""".split())


def _as_clause(ws: list[Word], i: int) -> bool:
    """"..., as the envoy notes, “...”", "as the ministry claims,": a clause of "as" that a comma
    closes after its verb ("such as border claims," and "as well as" name things)."""
    if i + 1 < len(ws) and not ws[i + 1].comma:
        return False
    for k in range(i - 1, max(-1, i - 5), -1):
        low = ws[k].text.lower()
        if low == "as":
            return k + 1 < i and (k == 0 or ws[k - 1].text.lower() not in ("such", "well"))
        if low in CLAUSE_BREAKS or ws[k].comma and k + 1 < i:
            return False   # "as part of their claims,": no subject of a verb between
    return False


def _after_as(stretch: list[Word]) -> list[Word]:
    """"Pakistan's position, as the ministry said,": the subject of the clause of "as" that
    ends the stretch, not what the sentence opens with."""
    for k in range(len(stretch) - 1, max(-1, len(stretch) - 6), -1):
        if stretch[k].comma and k + 1 < len(stretch):
            return stretch[k + 1:] if stretch[k].text.lower() == "as" and k > 0 else stretch
    return stretch


def _participle(ws: list[Word], i: int) -> bool:
    """", alleging that ...", "and adding": a clause that shares the sentence's subject."""
    return ws[i - 1].text.lower() == "and" or ws[i].comma


def _object_between(ws: list[Word], i: int) -> bool:
    """Words between a naming verb and the quote after ``ws`` that are its object ("called the
    talks a “...”", "described the situation as “...”"), not only a determiner or "as" ("a group
    called the “...”", "a region described as “...”")."""
    rest = [w.text.lower() for w in ws[i + 1:]]
    while rest and rest[-1] in ("the", "a", "an", "as"):
        rest.pop()
    return bool(rest) and not any(w.comma for w in ws[i + 1:])


def _subject_before(w: Word) -> bool:
    low = w.text.lower()
    return low in PRONOUNS or low in ADVERBS or low in ("and", "who", "which", "what", "we", "i") \
        or w.text[:1].isupper() or low.endswith("ly")


@dataclass(frozen=True)
class Clause:
    """A reporting clause found for a quote: the verb and the stretch naming the speaker."""
    how: str            # "after" | "before" | "final" | "according"
    verb: str
    who: tuple[int, int]        # offsets of the stretch that names the speaker
    relative: bool = False      # the stretch ends in "who"/"which": the speaker precedes it
    inverted: bool = False      # ", said the envoy, ...": the speaker follows the verb


NP_OPENERS = frozenset("""the a an his her its their this these those one two three four several
some many most senior former he she they it""".split())


def np_like(ws: list[Word]) -> bool:
    """Can these words open a noun phrase (a name, a description, a pronoun)?"""
    if not ws:
        return False
    first = ws[0].text
    return first[:1].isupper() or first.lower() in NP_OPENERS or first[:1].isdigit()


# Roles news writes bare before a name: "..., spokesman Ali Karimi said", "analyst Jo Lee told".
BARE_TITLES = frozenset("""spokesman spokeswoman spokesperson analyst ambassador envoy minister
president commander expert professor researcher official deputy senator general lawmaker diplomat
journalist correspondent adviser advisor chairman director secretary governor mayor negotiator
activist scholar economist editor""".split())


def titled(ws: list[Word]) -> bool:
    """A role written bare before a capitalised name opens these words ("spokesman Ali Karimi"),
    after at most three words in lower case that qualify it ("defence ministry spokesman Ali Karimi")."""
    for k in range(min(len(ws) - 1, 4)):
        if ws[k].text in BARE_TITLES and ws[k + 1].text[:1].isupper():
            return True
        if not ws[k].text.isalpha() or not ws[k].text.islower():
            return False
    return False


def trailing(text: str, verbs: Verbs, ws: list[Word], cut: bool) -> Clause | None:
    """The reporting clause that follows a closing mark; ``ws`` are the words from there to
    the end of the sentence. ``cut``: the text ends inside this sentence (a truncated page)."""
    if not ws:
        return None
    if ws[0].text.lower() == "according" and len(ws) > 1 and ws[1].text.lower() == "to":
        return Clause("according", "according to", _np_after(text, ws, 2))
    for i in range(min(len(ws), 45)):
        n = verbs.at(ws, i)
        if not n:
            continue
        verb = " ".join(w.text for w in ws[i:i + n])
        if i == 0:   # inverted: ", said the envoy, who ..."
            return Clause("after", verb, (ws[n].start, ws[-1].end), inverted=True) if n < len(ws) else None
        stretch = ws[:i]
        while stretch and stretch[-1].text.lower() in ADVERBS:
            stretch = stretch[:-1]
        if not stretch:
            return None
        cited = _cited(text, ws, i + n)
        if cited:
            return Clause("after", verb, cited)
        if np_like(ws[:1]) or titled(stretch):
            return Clause("after", verb, (ws[0].start, stretch[-1].end))
        last = _after_last_comma(text, stretch)
        if last and np_like(last) and (len(ws) - i - n <= 7 or _adverbial(ws[i + n:])) and verbs.plain(ws[i].text):
            # "“...” during their reign, Putin said.": a plain attribution closing the sentence
            return Clause("final", verb, (last[0].start, stretch[-1].end))
        return None
    if cut and np_like(ws[:1]) and ws[0].text[:1].isupper() \
            and text[max(0, ws[0].start - 3):ws[0].start].rstrip()[-1:] not in (".", "!", "?"):
        # "..., Nikita Smagin, a" (not "“...”.Next page": a full stop ended the quote's sentence)
        return Clause("after", "", (ws[0].start, _name_end(text, ws)))
    return None


ADVERBIAL = frozenset("at in on during after before while when from for via through".split())


def _adverbial(tail: list[Word]) -> bool:
    """What follows a closing attribution only says where, when or to whom ("the minister told
    reporters at the forum on Monday, May 6, in the capital"), not what else was said."""
    lows = [w.text.lower() for w in tail]
    if "that" in lows:
        return False
    return bool(lows) and (lows[0] in ADVERBIAL or len(lows) > 1 and lows[1] in ADVERBIAL
                           or len(lows) > 2 and lows[1] in ("the", "a", "local", "state") and lows[2] in ADVERBIAL)


def _after_last_comma(text: str, stretch: list[Word]) -> list[Word]:
    for k in range(len(stretch) - 1, 0, -1):
        if "," in text[stretch[k - 1].end:stretch[k].start]:
            return stretch[k:]
    return []


def _np_after(text: str, ws: list[Word], i: int) -> tuple[int, int]:
    """The noun phrase that starts at word ``i``: up to a comma or a clause word."""
    if i >= len(ws):
        return (0, 0)
    end = ws[i].end
    for w in ws[i + 1:]:
        if "," in text[end:w.start] or w.text.lower() in ("in", "on", "at", "during", "who", "which",
                                                          "that", "when", "after", "before", "as"):
            break
        end = w.end
    return (ws[i].start, end)


def _cited(text: str, ws: list[Word], i: int) -> tuple[int, int] | None:
    """"cited Kabulov as telling" / "quoted the President as saying": the one cited."""
    if i == 0 or ws[i - 1].text.lower() not in ("cited", "quoted", "cites", "quotes") \
            or i < len(ws) and ws[i].text.lower() == "by":
        return None   # "Lavrov was quoted by TASS as saying": the subject, not the agent
    for k in range(i, min(len(ws) - 1, i + 30)):
        if ws[k].text.lower() == "as" and ws[k + 1].text.lower() in AS_SAYING:
            return (ws[i].start, ws[k - 1].end) if k > i else None
    return None


def _cited_before(ws: list[Word], as_at: int, verb: str) -> Clause | None:
    """"Interfax cited Kabulov as saying that": Kabulov; "Kabulov was quoted as saying": Kabulov."""
    for j in range(as_at - 1, max(-1, as_at - 10), -1):
        if ws[j].text.lower() in ("cited", "quoted"):
            if j + 1 < as_at and ws[j - 1].text.lower() not in ("was", "were", "is", "been", "being"):
                return Clause("before", verb, (ws[j + 1].start, ws[as_at - 1].end))
            stretch = [w for w in ws[:j] if w.text.lower() not in ADVERBS]
            return Clause("before", verb, (stretch[0].start, stretch[-1].end)) if stretch else None
    return None


def _name_end(text: str, ws: list[Word]) -> int:
    end = ws[0].end
    for w in ws[1:]:
        if not w.text[:1].isupper() or text[end:w.start].strip():
            break
        end = w.end
    return end


def leading(text: str, verbs: Verbs, ws: list[Word], colon: bool = False) -> Clause | None:
    """The reporting clause before an opening mark; ``ws`` are the words of the sentence up to
    the mark (quoted words left out). The nearest verb wins: "He also said that he hoped Kabul
    will “..." is said by "He"."""
    for i in range(len(ws) - 1, -1, -1):
        low = ws[i].text.lower()
        if low in SPEECH_NOUNS and len(ws) - i <= 3 and i + 1 < len(ws) and ws[i + 1].text.lower() in ("to", "that", "of"):
            stretch = ws[:i]   # "the movement, which assumed obligations to “free the state”"
            return Clause("before", low, (stretch[0].start, stretch[-1].end)) if stretch else None
        if low == "according" and i + 1 < len(ws) and ws[i + 1].text.lower() == "to":
            who = _np_after(text, ws, i + 2)
            return Clause("according", "according to", who) if who[1] > who[0] else None
        n = verbs.at(ws, i, True)
        if not n:
            continue
        verb = " ".join(w.text for w in ws[i:i + n])
        if low in AS_SAYING and i > 1 and ws[i - 1].text.lower() == "as":
            return _cited_before(ws, i - 1, verb)
        stretch = ws[:i]
        relative = False
        while stretch and stretch[-1].text.lower() in ADVERBS:
            stretch = stretch[:-1]
        if stretch and stretch[-1].text.lower() in ("who", "which"):
            relative = True
            stretch = stretch[:-1]
        stretch = _after_as(stretch)
        if not stretch:   # "“A,” said Jonah Blank, an expert at Rand Corp. “B ...”"
            rest = ws[i + n:]
            return Clause("before", verb, (rest[0].start, rest[-1].end), inverted=True) if rest else None
        return Clause("before", verb, (stretch[0].start, stretch[-1].end), relative)
    if colon and ws:   # "Analyst Ivan Petrov was blunt: “..."
        return Clause("before", ":", (ws[0].start, ws[-1].end))
    return None
