"""Actors: taxonomy names and aliases, the world's states, people found by how news prose
introduces them (``people.py``), and later surname-only mentions resolved to the person; what
only names a place or qualifies another name is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from ..briefs.format import slug
from ..briefs.model import ActorMention, Span
from ..briefs.taxonomy import Taxonomy
from .borders import BORDER, frontier, may_name_border
from .context import agency, facility, predicate, record, seat_of, taken_or_passed
from .countries import CAPITALS, OTHER_NAMES, countries
from .people import NOT_NAMES, TITLES, People, PeopleFinder, _capital
from .placelists import listed_as_places
from .succession import POWER_WORDS, earlier, has_passed, in_power
from ..text.cues import END, LOWER, START, TEXT, Token, tokenize

_TEXT = itemgetter(0)   # a token's text
_LOWER = itemgetter(1)
_FIRST = itemgetter(0)   # a mention's actor

ORGANS = frozenset("""officials official government forces troops intelligence military army
authorities president prime foreign defence defense ministry embassy diplomats diplomat leaders
leader leadership delegation navy police security services side state counterparts envoy
ambassador spokesman spokeswoman spokesperson parliament lawmakers regime soldiers""".split())
LOCATIVE = frozenset("in into from across near within throughout inside outside via through around "
                     "toward towards".split())
# Where a capital is only a place ("talks in Doha", "Speaking in Astana"); "from" and "to" are not
# among them ("arms from Moscow", "a message to Kabul" name the government).
AT_PLACE = frozenset("in at near inside outside around within throughout across".split())
# Movement whose destination, after "to", is a place: "flew to Doha", "a visit to Tehran", "escaped
# by helicopter to the UAE" (the word "to" alone is not: "a threat to Syria", "a message to Kabul").
MOTION = frozenset("""travel travels traveled travelled traveling travelling trip trips visit visits
visited visiting fly flies flew flying flight flights flee flees fled fleeing escape escapes escaped
escaping go goes went going come comes came coming return returns returned returning move moves
moved moving head heads headed heading journey journeys relocated evacuated""".split())
LIST_OPENERS = LOCATIVE | AT_PLACE | {"to"}
# What stands or happens in a place named after "in" ("an office in Qatar", "talks in Qatar",
# "born in Uzbekistan"), or is based there: a state named so is only where that is.
LOCATED = frozenset("""office offices embassy embassies consulate consul base bases bureau headquarters
mission camp camps talks meeting meetings summit conference consultations negotiations forum born
based stationed served located held""".split())
LOCATED_OR_GONE = LOCATED | MOTION
# What a capital houses of its own state: "the government in Kabul", "officials in Moscow".
SEATED = frozenset("""government authorities regime leadership leaders rulers officials official
ministry administration establishment policymakers""".split())
# What follows a capital opening a story's first line, where it was filed: "London: ...",
# "Riga, Latvia — ...".
DATELINE = re.compile(r"(?:,\s+[A-Z][\w ]{2,30})?\s*(?::|\s[—–-])\s")
# Words that make a state's adjective a region's ("Latin American", "Central American").
REGIONS = frozenset("Latin Central South".split())
# Organs that coordinated adjectives share ("the Afghan and American governments").
SHARED_ORGANS = frozenset("government governments officials forces leaders troops authorities".split())
# A name's last word that makes it a publication's ("The Washington Post", "the Kabul Times").
MASTHEADS = frozenset("post times today daily news report tribune herald journal gazette monitor observer "
                      "express telegraph dispatch reader insider standard".split())


@dataclass
class Mention:
    start: int
    end: int
    actor: str
    form: str


@dataclass
class ActorFinder(PeopleFinder):
    """Finds actor mentions in a sentence's tokens, longest name first."""
    taxonomy: Taxonomy
    titles: frozenset = field(init=False)
    _names: dict = field(init=False)
    states: dict = field(init=False)   # id -> name of a state the taxonomy does not list

    def __post_init__(self):
        self._names = {}
        self._owned: set[str] = set()   # first words whose second-word table this finder made
        for actor in self.taxonomy.actors:
            for alias in (actor.name, *actor.aliases):
                self.add_name(alias, actor.id)
                if alias.isupper() and len(alias) >= 4 and alias.isalpha():
                    self.add_name(alias.title(), actor.id)   # "Isis", "Nato": house styles
                if actor.kind == "armed group" and alias.isalpha() and alias[1:].islower() and alias[-1] != "s":
                    self.add_name(alias + "s", actor.id)   # "the Mujahideens", "the Talibans": its fighters
        self.titles = frozenset(t.lower() for t in self.taxonomy.person_titles) | TITLES
        self.kinds = {a.id: a.kind for a in self.taxonomy.actors}
        self.listed_states = frozenset(a for a, kind in self.kinds.items() if kind == "state")
        # (actor, name as words) -> (the actor it passes to, from when)
        self.successions = {(a.id, tuple(t[TEXT] for t in tokenize(name))): (a.succeeded[0], a.succeeded[1])
                            for a in self.taxonomy.actors if a.succeeded for name in a.succeeded[2]}
        self.display = {a.id: a.name for a in self.taxonomy.actors}
        self.adjectives = frozenset(o for _, others in countries() for o in others) | frozenset(
            alias for a in self.taxonomy.actors if a.kind == "state" for alias in a.aliases if alias.endswith(("an", "ans")))
        # an adjective named only with an organ -> {the organ, singular and plural: the actor}
        self.shared_heads = {}
        for a in self.taxonomy.actors:
            for alias in a.aliases:
                ws = alias.split()
                if len(ws) == 2 and ws[0] not in a.aliases and ws[0][:1].isupper() and ws[1] in SHARED_ORGANS:
                    self.shared_heads.setdefault(ws[0], {})[ws[1]] = a.id
        self._sharing = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(self.shared_heads))) + r")(?:,| and| or) ") \
            if self.shared_heads else None
        # what any match holds as a substring: a text without one is passed over in C
        self._sharing_keys = tuple(h + sep for h in sorted(self.shared_heads) for sep in (", ", " and ", " or "))
        self.in_power = in_power(self.taxonomy)
        self.passing = frozenset((a.id, name) for a in self.taxonomy.actors if a.succeeded for name in a.succeeded[2])
        # a known person's one-word name -> the words of that person's names and their first two
        # letters ("Assad" -> Bashar, Ba, al, Assad, As)
        self.people_words = {}
        for a in self.taxonomy.actors:
            if a.kind == "person":
                words = frozenset(w for alias in (a.name, *a.aliases) for t in tokenize(alias) for w in (t[TEXT], t[TEXT][:2]))
                for alias in a.aliases:
                    if len(tokenize(alias)) == 1:
                        self.people_words.setdefault(tokenize(alias)[0][TEXT], words)
        self.states = {}
        names = {n for name, others in countries() for n in (name, *others)} | CAPITALS | OTHER_NAMES
        # the words of the states' names, none of them a city's ("Iraq", "Arabia", "Iran")
        self.state_words = frozenset(w for a in self.taxonomy.actors if a.kind == "state" for n in (a.name, *a.aliases)
                                     for w in n.split() if n not in CAPITALS) \
            | frozenset(w for name, _ in countries() for w in name.split()) | OTHER_NAMES
        self.places = frozenset(tuple(t[TEXT] for t in tokenize(n)) for n in names)   # a title's complement
        # the words of the taxonomy's states' names: a state they stand for ("government of
        # Afghanistan") is theirs; a body's or a group's name ("Islamic State of Iraq and Syria")
        # stands for no state
        taken = {w.lower() for a in self.taxonomy.actors if a.kind == "state" for alias in (a.name, *a.aliases)
                 for w in alias.split()}
        for name, others in countries():
            actor_id = slug(name)
            if actor_id in self.kinds or name.lower() in taken or any(o.lower() in taken for o in others):
                continue   # the taxonomy names this state, or stands for it under another name
            self.states[actor_id] = name
            for alias in (name, *others):
                self.add_name(alias, actor_id)

    def add_name(self, name: str, actor_id: str) -> None:
        """File a name under its first word: a one-word name as that word's actor (the first
        filed wins), a longer one under its second word too, so that a document naming
        thousands of people who share a first name is still read in linear time. New objects
        replace old ones: a document's copy shares what it does not change."""
        words = tuple(t[TEXT] for t in tokenize(name))
        if not words:
            return
        one, more = self._names.get(words[0], (None, {}))
        if len(words) == 1:
            if one is None:
                self._names[words[0]] = (actor_id, more)
            return
        if words[0] not in self._names:
            self._names[words[0]] = (one, more)
            self._owned.add(words[0])
        group = more.get(words[1], [])
        if (words, actor_id) not in group:
            if words[0] not in self._owned:   # copy once what a document's copy shares
                more = dict(more)
                self._owned.add(words[0])
                self._names[words[0]] = (one, more)
            more[words[1]] = sorted([*group, (words, actor_id)], key=lambda e: -len(e[0]))

    def mentions(self, tokens: list[Token]) -> dict[int, tuple[str, int]]:
        """{index of first token: (actor id, index after the mention)}, non-overlapping,
        longest name first."""
        names, found, after = self._names, {}, 0
        for i in compress(range(len(tokens)), map(names.__contains__, map(_TEXT, tokens))):
            if i < after:
                continue   # inside the mention found before
            one, more = names[tokens[i][TEXT]]
            hit = (one, i + 1) if one is not None else None
            if more and i + 1 < len(tokens):
                for words, actor_id in more.get(tokens[i + 1][TEXT], ()):
                    n = len(words)
                    if tuple(t[TEXT] for t in tokens[i:i + n]) == words:
                        hit = (actor_id, i + n)
                        break
            if hit:
                found[i] = hit
                after = hit[1]
        return found

    def may_share(self, text: str) -> bool:
        """Whether a page may coordinate such an adjective at all (one search, in C)."""
        return self._sharing is not None and any(map(text.__contains__, self._sharing_keys)) \
            and self._sharing.search(text) is not None

    def shared(self, sentences, tokens, at) -> dict:
        """{anchor: {first token: (actor, after)}} of the adjectives that share a coordinated
        organ ("the Afghan and American governments"). Actors of their own, after the sentence
        classifier's features (which count the names as the taxonomy writes them)."""
        out = {}
        for s in sentences:
            if not self.may_share(s.text):
                continue   # (in C: most sentences coordinate no such adjective)
            toks = tokens[s.anchor]
            for i, t in enumerate(toks):
                if t[TEXT] in self.shared_heads and i not in at[s.anchor]:
                    hit = self._shared_head(toks, i)
                    if hit:
                        out.setdefault(s.anchor, {})[i] = hit
        return out

    def _shared_head(self, tokens, i):
        """"the Afghan and American governments", "Afghan or Pakistani officials": an adjective
        the taxonomy names only with an organ ("Afghan government") shares the organ of the
        adjectives coordinated after it."""
        heads = self.shared_heads[tokens[i][TEXT]]
        for k in range(i + 3, min(i + 6, len(tokens))):
            actor_id = heads.get(tokens[k][LOWER].rstrip("s") if tokens[k][LOWER].endswith("ments") else tokens[k][LOWER])
            if actor_id and tokens[i + 1][LOWER] in ("and", "or", ",") and all(
                    t[TEXT][:1].isupper() or t[LOWER] in ("and", "or", ",") for t in tokens[i + 2:k]):
                return actor_id, i + 1
        return None

    # ---- one document ---------------------------------------------------------------

    def document(self, sentences, tokens):
        """The people a document introduces (and their surnames), and every sentence's actor
        mentions found with them: ``(people, {anchor: {first token: (actor, after)}})``."""
        people = People()   # actor id -> display name
        finder = self
        first_pass = {}
        openers: set[str] = set()     # the first words of the names added for this document
        for s in sentences:
            found = first_pass[s.anchor] = finder.mentions(tokens[s.anchor])
            for name, body in finder.new_people(s.text, tokens[s.anchor], found):
                actor_id = slug(name[0])
                if actor_id in self.kinds or actor_id in people or actor_id in self.states:
                    continue
                if finder is self:
                    finder = self._copy()
                people[actor_id] = name[0]
                if body:
                    people.bodies.add(actor_id)
                surname = name[0].split()[-1]
                if not body and len(name[0].split()) > 1 and not self.mentions(tokenize(surname)):
                    name = (*name, surname)
                for n in name:
                    finder.add_name(n, actor_id)
                    openers.update(t[TEXT] for t in tokenize(n)[:1])
        at = first_pass if finder is self else {
            # a sentence without a new name's first word has the mentions of the first pass
            s.anchor: finder.mentions(tokens[s.anchor])
            if not openers.isdisjoint(map(_TEXT, tokens[s.anchor])) else first_pass[s.anchor]
            for s in sentences}
        return people, {s.anchor: self._placed(s.text, tokens[s.anchor], at[s.anchor]) for s in sentences}

    def succeed(self, mentions: dict, date: str | None) -> dict:
        """The mentions with a name that passed to a successor by the article's ``date``
        (YYYY[-MM[-DD]]) given to the successor: "Kabul" after the Taliban took it is the
        Taliban's government. The sentence's cue features keep the names as written."""
        passed = {k: by for k, (by, since) in self.successions.items() if has_passed(since, date)}
        if not passed:
            return mentions
        return {a: [Mention(m.start, m.end, passed.get((m.actor, tuple(t[TEXT] for t in tokenize(m.form))), m.actor),
                            m.form) for m in ms] for a, ms in mentions.items()}

    def pass_also(self, actor_id: str, name: str) -> None:
        """A name a rule gives ``actor_id`` after the features ("Afghanistan" among states acting)
        passes to its successor as the actor's own names do."""
        words = tuple(t[TEXT] for t in tokenize(name))
        for (a, _), succession in list(self.successions.items()):
            if a == actor_id:
                self.successions[(a, words)] = succession
                self.passing = self.passing | {(a, name)}
                return

    def names_passing(self, mentions: dict) -> bool:
        """Whether the document names an actor by a name that passes to a successor ("Kabul")."""
        passing = self.passing
        return any((m.actor, m.form) in passing for ms in mentions.values() for m in ms)

    def stated_succession(self, sentences) -> str | None:
        """For a page without its own date: the date a succession happened (``since``), when
        the text speaks of the successor in power as of now ("the Taliban government", "since
        the Taliban returned to power"); a sentence that names an earlier year or an earlier
        time ("the former Taliban government", "in 1996") does not count."""
        for since, pattern in self.in_power:
            for s in sentences:
                if not any(map(s.text.__contains__, POWER_WORDS)):
                    continue   # (substrings first, in C: the pattern needs one of them)
                m = pattern.search(s.text)
                if m and not earlier(s.text, since):
                    return since
        return None

    def _copy(self) -> "ActorFinder":
        clone = object.__new__(ActorFinder)
        clone.__dict__.update(self.__dict__)
        clone._names = dict(self._names)
        clone._owned = set()
        return clone

    def _placed(self, text, tokens, found):
        """Drop what only names a place or qualifies another name: a state the taxonomy does not
        list named as a place ("in Syria and Iraq"), any state's capital named as where something
        happens ("talks in Doha", but "officials in Moscow" are its government), a person's name used for a government
        ("the Trump Administration"), a generic body owned by a state ("Russian Security Council") or qualified by
        another name ("the National Security Council")."""
        if not found:
            return found
        out, place_end, state_end, site = {}, -1, -1, False
        named = self._named_by_body(tokens, found)
        for i in sorted(found):
            actor_id, end = found[i]
            kind = self.kind_of(actor_id, ())
            if i in named:
                continue   # "the Islamic State of Iraq and Greater Syria": a body's name
            first = i - 1 if i >= 2 and tokens[i - 1][LOWER] == "the" else i   # "in the UAE"
            b = first - 1
            before = _word_before(text, tokens, b)
            listed = _continues(text, tokens, b, first, place_end)
            if not listed and b >= 1 and (before in ("and", "or") or _mid_list(text, tokens, b, first, end)):
                k = _list_opener(tokens, b)   # "to Kandahar, Herat and the UAE": a list whose first
                if k >= 0 and tokens[k][LOWER] in LIST_OPENERS:   # item is no actor
                    b, before = k, tokens[k][LOWER]
            went = before == "to" and any(t[LOWER] in MOTION for t in tokens[max(0, b - 3):b])   # "flew to Doha"
            place = before in LOCATIVE or listed or went
            owned = text[tokens[end - 1][END]:tokens[end - 1][END] + 2] in ("’s", "'s")
            generic = end - i > 1 and all(t[TEXT] in NOT_NAMES for t in tokens[i:end])
            after = tokens[end][LOWER] if end < len(tokens) else ""
            based = after == "based"   # "a Kabul-based analyst": a place qualifies the person
            if not listed:   # "in Doha and Moscow": the list's first word decides for the rest
                site = (before in AT_PLACE or went) and not (b >= 1 and tokens[b - 1][LOWER] in SEATED)
            if place:
                place_end = end
            if actor_id in self.states and ((place or based) and not owned or self._bare_demonym(tokens, i, end, actor_id)):
                continue
            if i > 0 and tokens[i - 1][TEXT] in REGIONS and end - i == 1 and tokens[i][TEXT] in self.adjectives:
                continue   # "Latin American delegates": a region's adjective, not the state's
            if kind == "state" and (_city_of(text, tokens, first, end, self.state_words) or seat_of(tokens, first, end)):
                continue   # "in Doha, Qatar, the talks ...", "the Tajik capital": where the city is
            if (site or based or taken_or_passed(tokens, first, end)) and not owned \
                    and text[tokens[i][START]:tokens[end - 1][END]] in CAPITALS:
                continue   # a capital named as the place where something happens (or is gone to, taken)
            if kind == "organisation" and (record(tokens, end) or agency(text, tokens, end)):
                continue   # "the UN charter", "the UN sanctions list": a body's text, not the body acting;
                # "the UN’s Monitoring Team": another body
            if tokens[i][TEXT][:1].islower() and predicate(tokens, i):
                continue   # "recognised the movement as the government of the country": what it is called
            if text[tokens[i][START]:tokens[end - 1][END]] in CAPITALS and (facility(tokens, end) or i == 0 and
                                                                          DATELINE.match(text, tokens[end - 1][END])):
                continue   # "Kabul airport", "Kabul University": a place; "London: ...": where a story was filed
            if kind == "person" and end - i == 1 and after == "administration" \
                    or after in MASTHEADS and tokens[end][TEXT][:1].isupper():
                continue   # "the Trump Administration"; "The Washington Post" names a paper
            if generic and (state_end == i or i > 1 and tokens[i - 1][TEXT] in NOT_NAMES and _capital(tokens[i - 1])
                            and text[tokens[i - 1][END]:tokens[i][START]] == " "):
                continue   # "the Russian Security Council", "the National Security Council": another body
            if kind == "state":
                state_end = end
            out[i] = (actor_id, end)
        return out

    def _named_by_body(self, tokens, found) -> set[int]:
        """First tokens of the states a body's or a group's name names after its "of" ("the
        Islamic State of Iraq and Greater Syria", a spelling the taxonomy does not list):
        part of that name, not actors. The states coordinated in it count too; the name ends at
        the first word that is neither a capitalised word, "and" nor "the"."""
        out, last = set(), -1
        for i in sorted(found):
            actor_id, end = found[i]
            if self.kind_of(actor_id, ()) in ("organisation", "armed group"):
                last = end + 1 if end < len(tokens) and tokens[end][LOWER] == "of" else -1
            elif last >= 0 and i >= last and self.kind_of(actor_id, ()) == "state" and all(
                    t[LOWER] in ("and", "the") or _capital(t) for t in tokens[last:i]) and i - last <= 3:
                out.add(i)
                last = end
        return out

    def frontiers(self, sentences, tokens, at) -> dict:
        """{anchor: first tokens of the states a sentence names by their border} ("the Tajik
        border", "bordered by Uzbekistan", "along the borders of Iran and Turkmenistan"):
        geography, not an actor. The sentence classifier's features still count them."""
        out = {}
        for s in sentences:
            toks = tokens[s.anchor]
            if not may_name_border(s.text) or BORDER.isdisjoint(map(_LOWER, toks)):
                continue
            last = -1
            for i in sorted(at[s.anchor]):
                actor_id, end = at[s.anchor][i]
                first = i - 1 if i >= 2 and toks[i - 1][LOWER] == "the" else i
                if self.kind_of(actor_id, ()) == "state" and (_continues(s.text, toks, first - 1, first, last)
                                                              or frontier(s.text, toks, first, end)):
                    out.setdefault(s.anchor, set()).add(i)
                    last = end
        return out

    def located(self, sentences, tokens, at) -> dict:
        """{anchor: first tokens of the states a sentence names only as where something stands
        or happens ("the movement's office in Qatar", "talks in Qatar", "a consul in Pakistan",
        "based in Tajikistan", "a Qatar-based body") or where someone goes ("on a visit to
        Tajikistan"): a place, not an actor. The sentence classifier's features still count them
        ("in Pakistan" alone is left to the state)."""
        out, states = {}, self.listed_states
        for s in sentences:
            found = at[s.anchor]
            if states.isdisjoint(map(_FIRST, found.values())):
                continue   # (in C: a sentence that names no state the taxonomy lists)
            toks = tokens[s.anchor]
            listed = listed_as_places(s.text, toks, found, self.places, states, self.adjectives)
            if listed:   # "in Germany and Turkey": the list's items share their kind
                out.setdefault(s.anchor, set()).update(listed)
            if LOCATED_OR_GONE.isdisjoint(map(_LOWER, toks)):
                continue   # (and most of the others nothing that stands somewhere)
            last = -1
            for i in sorted(found):
                actor_id, end = found[i]
                if actor_id not in states or s.text[toks[end - 1][END]:toks[end - 1][END] + 2] in ("’s", "'s"):
                    continue
                first = i - 1 if i >= 2 and toks[i - 1][LOWER] == "the" else i
                b = first - 1
                if b >= 1 and toks[b][LOWER] in AT_PLACE and toks[b - 1][LOWER] in LOCATED \
                        or b >= 1 and toks[b][LOWER] == "to" and not MOTION.isdisjoint(t[LOWER] for t in toks[max(0, b - 3):b]) \
                        or end < len(toks) and toks[end][LOWER] == "based" \
                        or _continues(s.text, toks, b, first, last):
                    out.setdefault(s.anchor, set()).add(i)
                    last = end
        return out

    def _bare_demonym(self, tokens, i, end, actor_id) -> bool:
        """"Israeli-Palestinian talks", "New Mexican": a state's adjective is the state only
        where it names the state acting ("Ukrainian forces", "Syrian officials"). Its name, an
        abbreviation ("UK") and its capital are no adjectives."""
        form = tokens[i][TEXT]
        if form == self.states[actor_id].split()[0] or end - i > 1 or form.isupper() or form in CAPITALS \
                or form in OTHER_NAMES:
            return False
        return end >= len(tokens) or tokens[end][LOWER] not in ORGANS


    def summary(self, sentences, mentions, people) -> tuple[ActorMention, ...]:
        by_actor: dict[str, list[Mention]] = {}
        for s in sentences:
            for m in mentions[s.anchor]:
                by_actor.setdefault(m.actor, []).append(m)
        out = []
        for actor_id in sorted(by_actor):
            ms = by_actor[actor_id]
            first = ms[0]
            known = actor_id in self.kinds
            out.append(ActorMention(
                actor=actor_id, name=self.name_of(actor_id, people, first.form),
                kind=self.kind_of(actor_id, people) or "person", count=len(ms),
                forms=tuple(sorted({m.form for m in ms})),
                first=Span(first.form, first.start, first.end, ""), known=known))
        return tuple(out)

    def kind_of(self, actor_id: str, people) -> str | None:
        if actor_id in people:
            return "organisation" if actor_id in getattr(people, "bodies", ()) else "person"
        return self.kinds.get(actor_id) or ("state" if actor_id in self.states else None)

    def name_of(self, actor_id: str, people, default: str | None = None) -> str:
        return self.display.get(actor_id) or self.states.get(actor_id) or people.get(actor_id) or default or actor_id



def _word_before(text, tokens, b) -> str:
    """Token ``b`` lowered, with the capital an editor's brackets restore before it ("“[I]n Syria"
    -> "in"); "" before the sentence."""
    if b >= 1 and text[tokens[b - 1][END]:tokens[b][START]] == "]":
        return tokens[b - 1][LOWER] + tokens[b][LOWER]
    return tokens[b][LOWER] if b >= 0 else ""


def _mid_list(text, tokens, b, first, end) -> bool:
    """", the UAE and": a name between commas, or between a comma and "and", is a list's item
    (", Moscow has" after "in September" is a new clause)."""
    if text[tokens[b][END]:tokens[first][START]].strip() != ",":
        return False
    gap = text[tokens[end - 1][END]:tokens[end][START]].strip() if end < len(tokens) else ""
    return gap == "," or end < len(tokens) and tokens[end][LOWER] in ("and", "or")


def _continues(text, tokens, b, first, last_end) -> bool:
    """Whether the name at ``first`` is a later item of the list whose item before ended at
    ``last_end`` ("in Doha and Kabul", "in Doha, Kabul")."""
    return b >= 1 and (tokens[b][LOWER] in ("and", "or") and last_end == b
                       or last_end == first and text[tokens[b][END]:tokens[first][START]].strip() == ",")


def _list_opener(tokens, b) -> int:
    """The word before a list of capitalised names that token ``b`` ("and", "or") continues:
    "in Syria, Iraq and the UAE" -> the index of "in" (-1 when there is none). A month or
    another word that is no name ends the list ("in September, Moscow ...")."""
    k, seen = b, 0
    while k >= 0 and seen < 12:
        t = tokens[k]
        if t[LOWER] in ("and", "or", "the") or (_capital(t) or t[TEXT].isupper()) and t[TEXT] not in NOT_NAMES:
            k -= 1
            seen += 1
            continue
        return k
    return -1


def _city_of(text, tokens, first, end, state_words) -> bool:
    """"in Doha, Qatar,", "at a base near Kulob, Tajikistan.", "<city>, the capital of <state>": a
    state named after a comma right after the city where something happens (not after another
    state: "in Iraq, Syria and ..."), ending the phrase: the city's country."""
    if first >= 4 and tokens[first - 1][LOWER] == "of" and tokens[first - 2][LOWER] in ("capital", "city") \
            and tokens[first - 3][LOWER] == "the" and _capital(tokens[first - 4]) \
            and text[tokens[first - 4][END]:tokens[first - 3][START]] == ", ":
        return True   # "in <city>, the capital of <state>,": the apposition says where the city is
    if first < 2 or not _capital(tokens[first - 1]) or tokens[first - 2][LOWER] not in AT_PLACE \
            or tokens[first - 1][TEXT] in state_words:
        return False
    closed = end >= len(tokens) or text[tokens[end - 1][END]:tokens[end][START]].strip()[:1] in (",", ".", ";", ")", "—", "–")
    return closed and text[tokens[first - 1][END]:tokens[first][START]] == ", "

