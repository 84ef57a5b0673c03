"""Who a reporting clause names: a person, a pronoun's antecedent, or what a description
("the diplomat", "the Russian Foreign Ministry", "the statement", "the group's spokesman")
refers to in the article so far.

The rules are those of news prose: a name is introduced with its role ("Zamir Kabulov,
Russia's envoy"), later mentions use the surname, a pronoun or the role ("the envoy", "the
Russian leader"); an unnamed official stands for the body he speaks for ("a senior Taliban
official"); a ministry, a statement or a report speaks for the state that issued it. The
article's mentions and the lookups over them are ``discourse.Discourse``.
"""
from __future__ import annotations

import re

from ..briefs.format import slug
from .actors import MASTHEADS
from .countries import countries
from .discourse import DETERMINERS, EXPERTS, PERSON_ROLES, PREPOSITIONS, TITLE_WORDS, Discourse, Speaker
from .speech import PRONOUNS, Word, words

# Nouns that head a description of a speaker: a person's role (``discourse.PERSON_ROLES``), a body
# or a document.
ORG_NOUNS = frozenset("""ministry department government embassy office agency council court
parliament administration military army authorities regime movement group organisation
organization party service committee commission delegation mission kremlin pentagon alliance coalition
leadership""".split())
DOC_NOUNS = frozenset("""statement report communique communiqué declaration assessment analysis study
survey document letter release readout memo resolution paper""".split())
# What publishes: "Russia's TASS news agency said", "the newspaper wrote" (an outlet named before).
MEDIA_NOUNS = frozenset("""newspaper paper daily broadcaster channel outlet magazine website publication
agency service""".split())
HEAD_NOUNS = PERSON_ROLES | ORG_NOUNS | DOC_NOUNS | MEDIA_NOUNS
GROUP_WORDS = frozenset("group movement organisation organization militants insurgents alliance coalition".split())
BOUNDARIES = frozenset("but while although though because whereas and".split())
INTRODUCERS = frozenset("as when while after before although though because once if".split())
POSSESSIVE_PRONOUNS = {"their": "they", "its": "it", "his": "he", "her": "she"}
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}   # "the paper quoted him as saying"
INDEFINITE = frozenset("a an one two three several some many".split())
NEAR = 400   # characters back to the quote or the sentence a pronoun continues
_DOCUMENT = re.compile(r"\b(" + "|".join(sorted(DOC_NOUNS)) + r")\b")
DEMONYMS = frozenset(o for _, others in countries() for o in others) | frozenset(
    "Russian American Afghan Pakistani Chinese Iranian Indian Turkish Western Soviet Uzbek Tajik Kazakh".split())
STATE_NAMES = frozenset(name for name, _ in countries())
# What speaks for a state when its adjective qualifies it ("the Afghan foreign ministry", "a
# senior Afghan security official"): its organs and officials, not its analysts or its parties.
STATE_ORGANS = frozenset("""ministry department government embassy office administration military army
authorities regime delegation mission leadership intelligence forces""".split())
STATE_VOICES = STATE_ORGANS | frozenset("""official officials spokesman spokeswoman spokesperson
diplomat diplomats envoy ambassador representative minister president negotiator consul source
sources""".split())


def state_demonyms(actors) -> dict[str, str]:
    """A state's adjective or possessive that the taxonomy names only with an organ ("Afghan
    government", "Afghanistan's government", "Soviet officials") -> that state: the adjective
    alone names no actor ("Afghan refugees"), but before an organ or an official it names who
    speaks."""
    out: dict[str, str] = {}
    for a in actors:
        if a.kind != "state":
            continue
        names = {a.name, *a.aliases}
        for alias in names:
            ws = alias.replace("’", "'").split()
            if len(ws) == 2 and ws[1].lower() in STATE_VOICES and ws[1].lower() not in ("official", "source"):
                word = ws[0][:-2] if ws[0].endswith("'s") else ws[0]
                if (word in DEMONYMS or word in STATE_NAMES) and word not in names:
                    out.setdefault(word, a.id)
    return out


def _head(seg: list[Word]) -> int | None:
    """The noun a description turns on: the last role, body or document noun before the
    first preposition ("Russian Security Council Secretary", "the director of the ...")."""
    head = None
    for i, w in enumerate(seg[:9]):
        low = w.text.lower()
        if i and low in PREPOSITIONS:
            break
        if low in HEAD_NOUNS:
            head = i
    return head



# ---- resolving a stretch -------------------------------------------------------------

def resolve(d: Discourse, a: int, b: int, relative: bool = False, inside: bool = False,
            inverted: bool = False) -> Speaker | None:
    """The speaker that text[a:b] names (the subject stretch of a reporting clause). A stretch
    that names no one as a whole may still end in the verb's own subject, after a comma
    ("Interfax reported, a spokesman for the ministry said"): that clause is tried alone."""
    if not relative and not inverted:
        later = d.text.rfind(", the ", a, b) + 2   # (a substring first, in C)
        if later > 1 and d.text.find(",", later, b) < 0 and _body_description(d, later, b):
            # "..., the minister spoke with his counterpart, the ministry said": the verb's own subject, a body
            found = _resolve(d, later, b, False, inside, False)
            if found:
                return found
    found = _resolve(d, a, b, relative, inside, inverted)
    if found is None and not relative and not inverted:
        later = _last_clause(d, a, b, inside)
        if later is not None:
            found = _resolve(d, later, b, False, inside, False)
    return found


def _body_description(d: Discourse, a: int, b: int) -> bool:
    """Is text[a:b] a short definite description of a body or a document ("the ministry", "the
    Foreign Ministry", "the statement")?"""
    ws = words(d.text, a, b)
    return 2 <= len(ws) <= 4 and ws[0].text.lower() == "the" and ws[-1].text.lower() in ORG_NOUNS | DOC_NOUNS


def _last_clause(d: Discourse, a: int, b: int, inside: bool) -> int | None:
    """Where the stretch's last clause starts (after its last comma), if anything stands before it."""
    ws = [w for w in words(d.text, a, b) if inside or not d.is_quoted(w.start)]
    for k in range(len(ws) - 1, 0, -1):
        if ws[k].comma:
            return ws[k].start
    return None


def _resolve(d: Discourse, a: int, b: int, relative: bool, inside: bool, inverted: bool) -> Speaker | None:
    if b <= a:
        return None
    ws = [w for w in words(d.text, a, b) if inside or not d.is_quoted(w.start)]
    if not ws:
        return None
    if relative:
        return _relative(d, ws, inside)
    if inverted:
        return _inverted(d, ws, inside)
    ws = _clause(d.text, ws)
    mentions = d.within(ws[0].start, ws[-1].end, inside)
    persons = [m for m in mentions if d.person(m.actor) and not d.possessive(m)
               and not d.after_preposition(m, ws[0].start)]
    if persons:
        first = persons[0]
        group = len({m.actor for m in persons}) > 1 and " and " in d.text[first.end:persons[-1].start]
        return d.speaker(first.actor, "name", group)
    if _the_parties(ws):
        party = d.parties(ws[0].start)
        return d.speaker(party, "the parties", True) if party else None
    first = OBJECT_PRONOUNS.get(ws[0].text.lower(), ws[0].text.lower())
    if first in PRONOUNS or (ws[-1].text.lower() in PRONOUNS and not inverted):
        return pronoun(d, first if first in PRONOUNS else ws[-1].text.lower(), ws[0].start)
    name = _proper_name(d.text, ws, 2) or _closing_name(d.text, _segments(d.text, ws)[0])
    if name is None and not inside and ws[-1].text.lower() == "and" and len(ws) > 2 and ws[0].text.isalpha() \
            and ws[1].text.islower() \
            and ws[1].text not in PREPOSITIONS | DETERMINERS | {"whether", "if", "what", "how"}:
        # "Karimi voiced concern over the talks and said": the verbs share the first one's subject
        name = d.known_name(_proper_name(d.text, ws[:1], 1))
    if name and not (mentions and mentions[0].start == ws[0].start):
        return name
    others = [m for m in mentions if not d.possessive(m) and not d.after_preposition(m, ws[0].start)]
    for seg in _segments(d.text, ws):
        found = describe(d, seg, inside)
        if found is not None:
            return found or None
        lead = seg[1] if len(seg) > 1 and seg[0].text.lower() == "the" else seg[0]
        if others and others[0].start == lead.start:   # "the Freedom Front, a rebel group, said"
            break
    if others:
        return d.speaker(others[0].actor, "named body")
    if inside and mentions:   # "... given to us by Afghan leaders and said, ‘...’"
        return d.speaker(mentions[-1].actor, "named before the quote")
    return d.known_name(_proper_name(d.text, ws, 1))


def _inverted(d: Discourse, ws: list[Word], inside: bool) -> Speaker | None:
    """", said Jonah Blank, a South Asia expert": the noun phrase right after the verb; the
    appositions after it only tell who else speaks with it ("..., and Ghiasi, a fellow")."""
    segs = _segments(d.text, ws)
    first = segs[0]
    mentions = d.within(ws[0].start, ws[-1].end, inside)
    persons = [m for m in mentions if d.person(m.actor) and not d.possessive(m)
               and not d.after_preposition(m, ws[0].start)]
    joined = sum(1 for seg in segs[1:] if seg[0].text.lower() == "and" and len(seg) > 1 and seg[1].text[:1].isupper())
    if persons and persons[0].start < first[-1].end:
        return d.speaker(persons[0].actor, "name", group=len({m.actor for m in persons}) > 1 or joined > 0)
    if first[0].text.lower() in PRONOUNS:
        return pronoun(d, first[0].text.lower(), first[0].start)
    name = d.known_name(_proper_name(d.text, first, 1) or _closing_name(d.text, first))
    if name and not (mentions and mentions[0].start == first[0].start):
        return Speaker(name.actor, name.name, name.how, joined > 0)
    found = describe(d, first, inside)
    if found is not None:
        return found or None
    heads = [m for m in mentions if m.start < first[-1].end and not d.possessive(m)]
    return d.speaker(heads[0].actor, "named body") if heads else None


def _relative(d: Discourse, ws: list[Word], inside: bool) -> Speaker | None:
    """"the Taliban, which announced", "the group's spokesman, who told": what precedes."""
    seg = _segments(d.text, ws)[-1]
    mentions = d.within(seg[0].start, seg[-1].end, inside)
    if mentions and mentions[-1].end >= seg[-1].end:
        return d.speaker(mentions[-1].actor, "relative clause")
    found = describe(d, [w for w in seg if w.text.lower() not in ("including", "among")], inside)
    return found or None


def _clause(text: str, ws: list[Word]) -> list[Word]:
    """The words of the last clause: after a subordinating or coordinating word that follows
    a comma ("..., but the ministry", "..., while Moscow"), or after the comma that closes a
    clause the sentence opens with ("As the envoy told a radio station, a commander")."""
    # (not an apposition the verb follows: "As Ann Lee, a diplomat in Kabul, put it")
    opened = ws[0].text.lower() in INTRODUCERS and "," not in text[ws[-1].end:ws[-1].end + 2]
    for k in range(len(ws) - 1, 0, -1):
        comma = "," in text[ws[k - 1].end:ws[k].start]
        if comma and opened:
            return ws[k:]
        if ws[k].text.lower() in BOUNDARIES and comma and k + 1 < len(ws):
            return ws[k + 1:]
    return ws


def _segments(text: str, ws: list[Word]) -> list[list[Word]]:
    segs, cur = [], [ws[0]]
    for prev, w in zip(ws, ws[1:]):
        if "," in text[prev.end:w.start]:
            segs.append(cur)
            cur = []
        cur.append(w)
    segs.append(cur)
    return segs


def pronoun(d: Discourse, word: str, pos: int) -> Speaker | None:
    if word in ("he", "she"):
        # (a person the text called by the other pronoun is passed over: "“...,” he said.
        # Contacted later, spokeswoman Ann Lee confirmed his remarks. “...,” she said.")
        m = d.last_person(pos, word)
        prev = d.previous if d.previous and d.may_be(d.previous.actor, word) else None
        if prev and (d.kind_of(prev.actor) in ("person", None) or prev.how == "unnamed member") \
                and (m is None or d.previous_at > m.start):
            # a speaker the finder did not know, or an unnamed member who spoke for a body ("a
            # spokesman for the ministry said ... He added ...")
            if d.person(prev.actor):
                d.pronouns.setdefault(prev.actor, word)
            return Speaker(prev.actor, prev.name, "pronoun")
        if m is None and d.previous is None:   # no one named yet: the person named next ("he said,
            m = d.next_person(pos, word)       # ‘...’ Lavrov's words were welcomed")
        if m is not None and d.person(m.actor):
            d.pronouns.setdefault(m.actor, word)
        return d.speaker(m.actor, "pronoun") if m else None
    prev = d.previous
    if word == "they" and prev and prev.group:
        return Speaker(prev.actor, prev.name, "pronoun", True)
    # "they" are a group sooner than a state ("Moscow said it ..."); "it" a state or a body
    kinds = (("armed group", "organisation"), ("state",)) if word == "they" else (("state", "organisation", "armed group"),)
    spoke = _spoke_before(d, pos, kinds[0])
    if spoke:
        return d.speaker(spoke, "pronoun")
    for k in kinds:
        group = d.salient_group(pos, k)
        if group:
            return d.speaker(group, "pronoun")
    return None


def _spoke_before(d: Discourse, pos: int, kinds) -> str | None:
    """The body "it" or "they" continues: the speaker of the quote just before ("“...,” the
    ministry said. “...,” it added."), else the body the sentence before reports as speaking
    ("The league, in a letter, announced new rules. “...,” it said."), sooner than
    the body named most often."""
    prev = d.previous
    if prev and d.kind_of(prev.actor) in kinds and 0 <= pos - d.previous_at < NEAR:
        return prev.actor
    return d.reported(pos, kinds, NEAR)


def describe(d: Discourse, seg: list[Word], inside: bool = False):
    """What a description refers to: a Speaker, ``False`` (a description that names no one:
    stop looking), or ``None`` (not a description)."""
    head = _head(seg)
    if head is None or seg[0].text.lower() in PREPOSITIONS | {"during", "at", "in"}:
        return None   # "During the interview with the agency, ...": an adverbial, not the subject
    noun, lead, pos = seg[head].text.lower(), seg[0].text.lower(), seg[0].start
    if noun in MEDIA_NOUNS and head == len(seg) - 1:   # (not "the agency interlocutor")
        outlet = _outlet(d, seg, head)
        if outlet is not None:
            return outlet
    # "Russian Security Council Secretary noted" is one person; "Russian diplomats said", many
    plural = noun[-1:] == "s" and noun[:-1] in PERSON_ROLES
    definite = lead in ("the", "this", "that") or any(w.possessive for w in seg[:head]) \
        or seg[0].text[:1].isupper() and lead not in INDEFINITE and not plural
    complement = _complement(seg, head)
    mods = d.within(seg[0].start, complement[-1].end if complement else seg[head].end, inside)
    bodies = [m for m in mods if not d.person(m.actor) and not _against(d.text, m.start)]
    owner = bodies[0].actor if bodies else _demonym(d, seg[:head], complement, noun) \
        or _owner(d, seg[:head], complement, pos)
    if noun in PERSON_ROLES:
        return _role_description(d, noun, definite, owner, bool(mods), pos)
    if owner:
        return d.speaker(owner, "issuing body")
    if noun in DOC_NOUNS and not mods:
        name = _qualifier(d.text, seg, head)
        if name:
            return name
    if noun in GROUP_WORDS and seg[head].text[:1].isupper():
        name = _name_ending(seg, head)   # "the International Crisis Group": a name, not "the group"
        if name:
            return name
    if noun in GROUP_WORDS:
        group = d.named_like(noun, pos) or d.salient_group(pos)
        return d.speaker(group, "description") if group else False
    if noun in DOC_NOUNS and (any(w.text.lower() == "joint" for w in seg[:head]) or definite and d.joint(noun, pos)):
        party = d.parties(pos)   # "the joint statement said", "the statement" after "a joint statement"
        if party:
            return d.speaker(party, "joint statement", True)
    if definite:
        actor = d.antecedent(noun, pos) or (noun in DOC_NOUNS and _document_before(d, pos))
        if actor:
            return d.speaker(actor, "issuing body")
    return False


# an outlet's name: a masthead ("The New York Times") or an agency's initials ("TASS", "IRNA")
_OUTLET = re.compile(r"\b((?:[A-Z][\w’'&.-]*\s){0,4}(?:" + "|".join(w.title() for w in sorted(MASTHEADS))
                     + r")|[A-Z]{2,6}(?:\s[A-Z][a-z]+)?)\b(?!\s[A-Z])")


def _outlet(d: Discourse, seg: list[Word], head: int):
    """A medium's name: the name that qualifies the noun ("Russia's TASS news agency", "the
    state-run Xinhua agency"), or, for "the newspaper", "the agency", the outlet named last
    before it. ``None``: neither (an agency of a state: "the ministry's agency")."""
    k = head
    while k > 0 and seg[k - 1].text.islower() and seg[k - 1].text.lower() not in DETERMINERS:
        k -= 1   # "news", "state-run", "wire"
    j = k
    while j > 0 and seg[j - 1].text[:1].isupper() and seg[j - 1].text not in DEMONYMS \
            and not seg[j - 1].possessive and seg[j - 1].text not in NOT_SPEAKERS:
        j -= 1
    if j < k and not d.within(seg[j].start, seg[k - 1].end):
        shown = d.text[seg[j].start:seg[k - 1].end]
        return Speaker(slug(shown), shown, "name")
    if k != head or seg[0].text.lower() not in ("the", "this") or head != 1:
        return None
    pos = seg[0].start
    for m in reversed(list(_OUTLET.finditer(d.text, max(0, pos - 1500), pos))[-6:]):
        if not d.is_quoted(m.start()) and not d.within(m.start(), m.end()):
            shown = m[1][4:] if m[1].startswith("The ") else m[1]
            return Speaker(slug(shown), shown, "name")
    return None


def _document_before(d: Discourse, pos: int) -> str | None:
    """Who issued the document named last before ``pos`` under another noun ("a communique
    released by the embassy ... the declaration said")."""
    named = list(_DOCUMENT.finditer(d.lower(), max(0, pos - 4000), pos))
    for m in reversed(named[-3:]):   # the last few documents named, the nearest first
        actor = d.antecedent(m[1], m.end(1))
        if actor:
            return actor
    return None


def _role_description(d: Discourse, noun: str, definite: bool, owner: str | None, named: bool, pos: int):
    if definite:
        match = d.role_match(noun, pos, owner)
        if match:
            return d.speaker(match.actor, "role")
        if noun.rstrip("s") in EXPERTS:   # "said the Russian scholar": the one named before, not the state
            m = d.last_person(pos)
            return d.speaker(m.actor, "role") if m else False
    if owner:
        return d.speaker(owner, "unnamed member")
    if definite and not named:
        # "A senior official in Moscow said ... “...,” the official said.": the unnamed member
        # introduced before, whose body was named with him
        body = d.antecedent(noun, pos)
        if body:
            return d.speaker(body, "unnamed member")
        m = d.last_person(pos)
        return d.speaker(m.actor, "role") if m else False
    return None if not definite and not named else False   # "one official, the group's spokesman"


# What a meeting's states are called together: "the participants", "the parties", "both sides",
# "the three countries" (a count or "both" before a noun that could name anything else)
PARTIES = frozenset("participants parties sides".split())
COUNTED_PARTIES = frozenset("countries nations states sides parties governments".split())
PARTY_COUNTS = frozenset("two three four five six both".split())


def _the_parties(ws: list[Word]) -> bool:
    """Do the words name the states of a meeting together ("The three countries", "Participants
    in the talks"), and nothing after the noun but where or when?"""
    lows = [w.text.lower() for w in ws]
    k = 1 if lows[0] == "the" else 0
    if k + 1 < len(lows) and lows[k] in PARTY_COUNTS and lows[k + 1] in COUNTED_PARTIES:
        k += 1
    elif k >= len(lows) or lows[k] not in PARTIES:
        return False
    return k + 1 == len(lows) or lows[k + 1] in ("in", "at", "to", "of", "from")


def _name_ending(seg: list[Word], head: int) -> Speaker | None:
    """The proper name a capitalised head noun ends ("the International Crisis Group"): two
    capitalised words or more, after the determiner."""
    k = head
    while k > 0 and seg[k - 1].text[:1].isupper() and seg[k - 1].text.lower() not in DETERMINERS:
        k -= 1
    if head - k < 1:
        return None
    shown = " ".join(w.text for w in seg[k:head + 1])
    return Speaker(slug(shown), shown, "name")


def _complement(seg: list[Word], head: int) -> list[Word]:
    """What follows the head and says whose it is: "a spokeswoman for the Foreign Ministry",
    "a statement issued on their behalf", "a report released by the Pentagon"."""
    rest = seg[head + 1:head + 9]
    k = 0
    if rest and rest[0].text.lower().endswith("ed"):   # a participle: "issued", "released"
        k = 1
    if k < len(rest) and rest[k].text.lower() in ("for", "of", "at", "from", "by", "in", "on"):
        return rest[k:]
    return []


def _demonym(d: Discourse, before: list[Word], complement: list[Word], noun: str) -> str | None:
    """The state whose adjective qualifies an organ or an official: "the Afghan foreign
    ministry spokesman", "a spokeswoman for the Afghan embassy", "Afghanistan's envoy"."""
    if not d.demonyms:
        return None
    qualified = before + complement[:6]
    if noun not in STATE_VOICES and not any(w.text.lower() in STATE_ORGANS for w in qualified):
        return None
    for w in qualified:
        if w.text in d.demonyms:
            return d.demonyms[w.text]
    return None


def _against(text: str, start: int) -> bool:
    """"an anti-Taliban group", "a pro-Kremlin party": a body named in such an adjective is not
    the one described."""
    before = text[max(0, start - 5):start].lower()
    return before.endswith("anti-") or before.endswith("pro-")


def _owner(d: Discourse, before: list[Word], complement: list[Word], pos: int) -> str | None:
    """Whose a description is when no actor is named in it: a possessive pronoun ("their
    statement", "on their behalf"), the group talked about ("the group's spokesman"), or what
    an unqualified body stood for earlier ("a spokeswoman for the Foreign Ministry")."""
    for w in before + complement:
        low = w.text.lower()
        if low in POSSESSIVE_PRONOUNS:
            found = pronoun(d, POSSESSIVE_PRONOUNS[low], pos)
            return found.actor if found else None
    if any(w.text.lower() in GROUP_WORDS for w in before):
        return d.salient_group(pos)
    for w in reversed(before):   # "the ministry statement", "an embassy spokesman": that body's
        if w.text.lower() in ORG_NOUNS and w.text.islower():
            return d.antecedent(w.text, pos)
    inner = _head(complement[1:]) if complement else None
    if inner is not None and complement[1 + inner].text.lower() in ORG_NOUNS:
        return d.antecedent(complement[1 + inner].text.lower(), pos)
    return None


def _qualifier(text: str, seg: list[Word], head: int) -> Speaker | None:
    """"the BBC report", "a Reuters analysis": the name an unknown outlet's or body's document
    is qualified by (a state's adjective is no such name: "the Afghan report")."""
    k = 1 if seg[0].text.lower() in DETERMINERS else 0
    if head - k != 1 or seg[k].text in NOT_SPEAKERS or seg[k].text in DEMONYMS or seg[k].possessive:
        return None
    return _proper_name(text, seg[k:head], 1)


def _closing_name(text: str, seg: list[Word]) -> Speaker | None:
    """"the Russian news service TASS", "the news agency Interfax": a description, then the
    name it describes."""
    k = len(seg)
    while k > 0 and seg[k - 1].text[:1].isupper() and seg[k - 1].text.lower() not in HEAD_NOUNS:
        k -= 1
    if k == len(seg) or k == 0 or seg[k - 1].text.lower() not in HEAD_NOUNS or not seg[k - 1].text.islower():
        return None
    return _proper_name(text, seg[k:], 1)


NOT_SPEAKERS = frozenset("""The A An In On At For But And So Yet This That These Those It Its There
Here However Meanwhile Despite After Before During Since When While Although
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December""".split())   # days and months: "a report Friday found"


def _proper_name(text: str, ws: list[Word], shortest: int) -> Speaker | None:
    """A capitalised name the actor finder does not know ("Asia Plus in a commentary",
    "Mike Sulick, Cipher Brief expert", "[Florida Democrat Sen. Bill] Nelson"): at least
    ``shortest`` words after any title, no role or body noun."""
    name = []
    for w in ws:
        if not w.text[:1].isupper() or (name and text[name[-1].end:w.start].strip(" .[]")):
            break
        if w.text.lower() in TITLE_WORDS or w.text.lower().rstrip(".") in TITLE_WORDS:
            name = []   # what precedes a title qualifies it: "Florida Democrat Sen."
            continue
        name.append(w)
        if w.possessive or w.text.lower() in PERSON_ROLES | ORG_NOUNS | DOC_NOUNS:
            return None
    if len(name) < shortest or name[0].text in NOT_SPEAKERS or name[0].text.isupper() and len(name) > 1:
        return None
    rest = ws[len(name):len(name) + 1]
    if rest and rest[0].text.lower() in PERSON_ROLES | ORG_NOUNS:
        return None   # "Afghan officials": a name qualifies a description
    if len(name) == 1 and rest and rest[0].text[:1].islower() and len(name[0].text) > 5 and name[0].text.endswith("ing"):
        return None   # "Looking back on the year, ...": a participle opens the clause
    shown = text[name[0].start:name[-1].end]
    return Speaker(slug(shown), shown, "name")
