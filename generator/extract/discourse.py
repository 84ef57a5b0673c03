"""An article's discourse as the speaker resolver reads it: its actor mentions in order, who is
a person, each person's role words, which stretches are quoted, the speaker resolved last, and
the lookups over them (the last person named, the group talked about, the person last named
with a role, the body behind an earlier statement). ``speakers.py`` resolves a reporting
clause's subject with them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .people import REPORTING
from .speech import words


# A person's role: the nouns that head a description of a speaker who is a person.
PERSON_ROLES = frozenset("""official officials spokesman spokeswoman spokesperson envoy ambassador
diplomat diplomats minister president leader chief head commander general analyst analysts expert
experts researcher representative negotiator lawmaker senator jihadist militant fighter member
source sources officer director chairman chairwoman secretary adviser advisor aide author writer
journalist editor professor scholar fellow correspondent premier chancellor king emir mullah founder
activist governor mayor emissary consul ruler deputy""".split())
CLASSES = (frozenset("leader president premier chancellor prime king emir ruler".split()),
           frozenset("diplomat envoy ambassador representative emissary consul negotiator".split()),
           frozenset("spokesman spokeswoman spokesperson".split()),
           frozenset("analyst expert scholar researcher specialist professor academic fellow".split()))
EXPERTS = CLASSES[-1]   # a person who speaks for no body
PREPOSITIONS = frozenset("""with by to of for about from against on at in into under like than
between among including toward towards over via through after before behind despite""".split())
DETERMINERS = frozenset("the a an".split())
TITLE_WORDS = PERSON_ROLES | frozenset("""foreign prime deputy special vice former acting senior
gen gen. lt col mr mrs ms dr prof sen rep""".split())


# between the states of a list: "Russia, China and Pakistan", "the Russia-China-Pakistan format"
LIST_GAP = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*[-–/]\s*")
JOINT = re.compile(r"\bjoint\s+(?:[a-z]+\s+)?$")   # "joint statement", "joint press release"


# Not a frozen record: about 110 made an article, and a frozen class's __init__ sets each
# field through object.__setattr__, several times the work. Nothing changes one once made.
@dataclass(unsafe_hash=True)
class Mention:
    start: int
    end: int
    actor: str


@dataclass(frozen=True)
class Speaker:
    actor: str
    name: str
    how: str            # what resolved it: "name", "pronoun", "role", "description", ...
    group: bool = False  # several people speaking together ("Gohel and Bailey")


class Discourse:
    """One article's actor mentions, in order, with what the quotes module needs to resolve a
    speaker: who is a person, what each person's role is, which stretches are quoted."""

    def __init__(self, text: str, mentions: list[Mention], kind_of, name_of, quoted=(), demonyms=None):
        self.text = text
        self.demonyms = demonyms or {}   # "Afghan" -> the state it qualifies (``state_demonyms``)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.kind_of = kind_of        # actor id -> "person" | "state" | ...
        self.name_of = name_of        # actor id -> display name
        self.quoted = sorted(quoted)  # (start, end) of quoted stretches
        self._roles: dict[str, set[str]] | None = None
        self._name_parts: dict[str, str] | None = None
        self._lower: str | None = None
        self.previous: Speaker | None = None   # the speaker of the last quote resolved
        self.previous_at = -1                    # and where that quote ends
        self.pronouns: dict[str, str] = {}       # person -> "he" | "she", as the text called them

    # ---- looking things up --------------------------------------------------------

    def is_quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def within(self, a: int, b: int, inside: bool = False) -> list[Mention]:
        lo, hi = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
        return [m for m in self.mentions[lo:hi] if m.end <= b and (inside or not self.is_quoted(m.start))]

    def before(self, pos: int, window: int = 100_000) -> list[Mention]:
        return self.within(max(0, pos - window), pos)

    def person(self, actor: str) -> bool:
        return self.kind_of(actor) == "person"

    def speaker(self, actor: str, how: str, group: bool = False) -> Speaker:
        return Speaker(actor, self.name_of(actor), how, group)

    def known_name(self, found: Speaker | None) -> Speaker | None:
        """A one-word name that is part of a person's name named before ("Mao" for "Mao
        Ning": not every surname comes last)."""
        if found is None or " " in found.name:
            return found
        if self._name_parts is None:
            self._name_parts = {}
            for m in self.mentions:
                if self.person(m.actor):
                    for part in self.name_of(m.actor).split():
                        self._name_parts.setdefault(part, m.actor)
        actor = self._name_parts.get(found.name)
        return self.speaker(actor, "name") if actor else found

    def possessive(self, m: Mention) -> bool:
        return self.text[m.end:m.end + 2] in ("’s", "'s") or self.text[m.end:m.end + 1] in ("’", "'")

    def after_preposition(self, m: Mention, floor: int) -> bool:
        """Is the mention the object of a preposition ("with the Taliban", "to Putin")?"""
        pos = m.start
        for w in reversed(words(self.text, max(floor, pos - 60), pos)):
            if "," in self.text[w.end:pos] or ";" in self.text[w.end:pos]:
                return False
            low = w.text.lower()
            if low in PREPOSITIONS:
                return True
            if low not in DETERMINERS and low not in TITLE_WORDS:
                return False   # "Russia's envoy to Afghanistan Zamir Kabulov": a title ends here
            pos = w.start
        return False

    # ---- pronouns, salience, roles ----------------------------------------------

    def last_person(self, pos: int, called: str | None = None) -> Mention | None:
        for m in reversed(self.before(pos, 3000)):
            if self.person(m.actor) and not (self.possessive(m) and self._role_after(m)) and self.may_be(m.actor, called):
                return m
        return None

    def next_person(self, pos: int, called: str | None = None) -> Mention | None:
        """The first person named after ``pos`` in the rest of its paragraph (outside quotes)."""
        m = next((m for m in self.within(pos, pos + 400) if self.person(m.actor) and self.may_be(m.actor, called)), None)
        return m if m is not None and "\n" not in self.text[pos:m.start] else None

    def may_be(self, actor: str, called: str | None) -> bool:
        """Whether "he" or "she" (``called``) may stand for the person: not one the text called
        by the other pronoun before."""
        return called is None or self.pronouns.get(actor, called) == called

    def _role_after(self, m: Mention) -> bool:
        """"Putin's envoy": the possessor is not who acts."""
        ws = words(self.text, m.end, min(len(self.text), m.end + 40))
        return any(w.text.lower() in PERSON_ROLES for w in ws[:3])

    def salient_group(self, pos: int, kinds=("armed group", "organisation")) -> str | None:
        """The group the text is about near ``pos``: of the groups named in the last few
        sentences, the one named most often so far."""
        recent = {m.actor for m in self.before(pos, 600) if self.kind_of(m.actor) in kinds}
        if not recent:
            return None
        counts: dict[str, int] = {}
        for m in self.before(pos, 5000):
            if m.actor in recent:
                counts[m.actor] = counts.get(m.actor, 0) + 1
        return max(sorted(recent), key=lambda a: counts.get(a, 0))

    def parties(self, pos: int, window: int = 3000) -> str | None:
        """The first state of the longest list of states named before ``pos`` (the earliest of the
        longest: the one that introduced them; "Russia, China and Pakistan met", "the
        Russia-China-Pakistan talks"): the states "the three countries" or a joint statement
        speak for, given to the first named as "A and B said" is. Not the last list: one after it
        names some of them again ("Beijing and Moscow agreed") or the guests ("Turkey and Qatar
        attended as guests")."""
        states = [m for m in self.before(pos, window) if self.kind_of(m.actor) == "state"]
        longest, first = 1, None
        k = 0
        for j in range(1, len(states) + 1):
            if j < len(states) and self._listed(states[j - 1], states[j]):
                continue
            if j - k > longest:
                longest, first = j - k, states[k].actor
            k = j
        return first

    def _listed(self, a: Mention, b: Mention) -> bool:
        return a.actor != b.actor and LIST_GAP.fullmatch(self.text, a.end, b.start) is not None

    def joint(self, noun: str, pos: int) -> bool:
        """Is the document a description names ("the statement") the joint one named before
        ``pos`` ("a joint statement", "a joint press release"): the nearest mention of the noun
        that introduces a document, not another one ("a statement") named since?"""
        low, floor = self.lower(), max(0, pos - 4000)
        at = low.rfind(noun, floor, pos)
        for _ in range(4):   # the nearest few mentions: bounded work per lookup
            if at <= 0:
                return False
            if JOINT.search(low, max(0, at - 20), at):
                return True
            if re.search(r"\b(?:a|an)\s+(?:[a-z]+\s+)?$", low[max(0, at - 20):at]):
                return False   # another document introduced since
            at = low.rfind(noun, floor, at)
        return False

    def reported(self, pos: int, kinds, window: int) -> str | None:
        """The body of one of ``kinds`` named last before ``pos`` as the subject of a reporting
        verb ("the movement said", "Moscow, in a statement, announced")."""
        for m in reversed(self.before(pos, window)):
            if self.kind_of(m.actor) in kinds and not self.possessive(m) and REPORTING.match(self.text, m.end):
                return m.actor
        return None

    def named_like(self, noun: str, pos: int) -> str | None:
        """The body named last whose name ends in the description's noun ("the United Rights
        Alliance ... the alliance said")."""
        for m in reversed(self.before(pos, 3000)):
            if not self.person(m.actor) and self.name_of(m.actor).lower().rsplit(" ", 1)[-1] == noun:
                return m.actor
        return None

    def roles(self) -> dict[str, set[str]]:
        """Each person's role words, from the titles and appositions around their mentions."""
        if self._roles is None:
            self._roles = {}
            for m in self.mentions:
                if self.person(m.actor) and not self.is_quoted(m.start):
                    self._roles.setdefault(m.actor, set()).update(self._role_words(m))
        return self._roles

    def _role_words(self, m: Mention) -> set[str]:
        """The role words of a person's introduction and the bodies named with them: the
        title before the name ("Kremlin spokesman Dmitry Peskov"), the description before it
        ("Russia's envoy to Afghanistan, Zamir Kabulov") and the apposition after it."""
        text = self.text
        lo = max(0, m.start - 120)
        before = text[lo:m.start]
        seg_start = lo + max(before.rfind(c) for c in ".;:(“\"") + 1
        seg = text[seg_start:m.start]
        if seg.rstrip().endswith(","):
            seg_start += seg.rstrip()[:-1].rfind(",") + 1
        else:
            seg_start += seg.rfind(",") + 1
        after = text[m.end:m.end + 160]
        appos_end = m.end + 1 + len(after[1:].split(",")[0]) if after.startswith(",") else m.end
        found = {w.lower()[:-1] if w.lower().endswith(("ls", "ts")) else w.lower()
                 for w in re.findall(r"[A-Za-z]+", text[seg_start:m.start] + " " + text[m.end:appos_end])}
        if "foreign" in found:   # a foreign minister, the foreign ministry's official: a diplomat
            found.add("diplomat")
        roles = {w for w in found if w in PERSON_ROLES}
        if roles:
            roles |= {"@" + b.actor for b in self.within(seg_start, appos_end)
                      if b is not m and not self.person(b.actor)}
        return roles

    def role_match(self, head: str, pos: int, body: str | None = None) -> Mention | None:
        """The person last named with this role ("the envoy"), or, for a role of a body
        ("the Kremlin official", "the Russian leader"), with any role of that body."""
        wanted = _role_class(head)
        roles = self.roles()
        for m in reversed(self.before(pos, 6000)):
            if not self.person(m.actor):
                continue
            theirs = roles.get(m.actor, ())
            if wanted & {c for r in theirs for c in _role_class(r)} or body and "@" + body in theirs:
                return m
        return None

    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def antecedent(self, head: str, pos: int) -> str | None:
        """The actor behind an earlier "<X> statement", "statement ... by X", "X's ministry"."""
        low = self.lower()
        floor, tries = max(0, pos - 4000), 8   # the antecedent is near: bounded work per lookup
        at = low.rfind(head, floor, pos)
        while at >= 0 and tries:
            tries -= 1
            if not self.is_quoted(at) and (at == 0 or not low[at - 1].isalpha()):
                near = [m for m in self.within(max(0, at - 60), at + len(head) + 80)
                        if not self.person(m.actor)]
                sentence_end = _sentence_end(self.text, at)
                near = [m for m in near if m.start < sentence_end]
                before = [m for m in near if m.end <= at]
                by = re.search(r"\b(?:by|from|of|in|for)\s", self.text[at:at + 40])   # "a spokesman for the ministry"
                after = [m for m in near if m.start > at and by and m.start >= at + by.start()]
                pick = (before[-1:] if before and at - before[-1].end < 30 else []) or after[:1]
                if pick:
                    return pick[0].actor
            at = low.rfind(head, floor, at)
        return None


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?](?=\s|$)").search(text, pos)
    return m.end() if m else len(text)

def _role_class(word: str) -> set[str]:
    word = word.lower()
    for c in CLASSES:
        if word in c:
            return set(c)
    return {word.rstrip("s") if word.endswith("ls") or word.endswith("ts") else word}
