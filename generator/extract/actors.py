"""Actors: taxonomy names and aliases, the world's states, people found by how news prose
introduces them, and later surname-only mentions resolved to the person.

A person is introduced with a title ("Foreign Minister Sergei Lavrov", "analysts Aigerim
Turgunbaeva and Fayazuddin Ghiasi"), an apposition ("Omar Haddad, the regional commander",
"Farzana Rezaie, founder of ..."), or as the subject of a reporting clause ("Dmitry Medvedev
said", "said Jonah Blank", "“...,” Nikita Smagin, a"). Capitalised runs that name bodies and
places ("Anadolu Agency", "Smolenskaya Square") are not people.
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
from .context import PORTFOLIOS, SUCH_AS, facility, portfolio, predicate, record
from .countries import CAPITALS, OTHER_NAMES, countries
from .succession import POWER_WORDS, earlier, in_power
from ..text.cues import Token, tokenize

_TEXT = itemgetter(0)   # a token's text
_LOWER = itemgetter(1)

PARTICLES = frozenset({"al", "el", "bin", "ibn", "ul", "ud", "ur", "de", "van", "von", "da", "abu", "Al", "El"})
SUFFIXES = frozenset({"Jr", "Sr"})   # "John Smith Jr.": the name is John Smith
# Capitalised words that open sentences or name things other than people.
NOT_NAMES = frozenset("""
The A An In On At For Of As If When While After Before Since Although Though But And So Yet
This That These Those It Its He She They We I There Here However Meanwhile Even Only Also
Russian Russians American Americans Afghan Afghans Pakistani Chinese Iranian Indian Turkish
Islamic Islam Muslim Muslims Arab Arabs Western Soviet Central Asian Asia Middle East North
South West Northern Southern Eastern General Secretary President Minister Foreign Ministry
Mr Mrs Ms Dr Prime Deputy Special Representative Envoy Ambassador Commander Mullah
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday First Second Third Fourth Fifth
Government National Unity Security Council Forces Army Federation Republic Kingdom State
Former Acting Senior Chief Director Chairman Doctor Professor Lawyer Academician Engineer
Lieutenant Captain Sergeant Brigadier Colonel Major Admiral Marshal
Honoured Honored Merited Distinguished Emeritus
""".split())   # the last lines: ranks, professions and honours written before a name
# Words that make a capitalised run a body, a place or a work, not a person.
NOT_PERSON = frozenset("""
agency news times post journal press tribune herald gazette daily review magazine television tv studies
radio channel network institute institution center centre university college school foundation
association club party council ministry department service group movement organization
organisation committee commission court parliament assembly embassy union federation front
alliance coalition army forces force police guard brigade corp corporation inc ltd company bank
fund forum summit conference programme program office square street avenue road hall city
province region valley airport base bridge river mountains lake sea ocean island islands palace
house tower hotel mosque church school station war wars report survey declaration treaty format
republic kingdom emirate caliphate oblast territory
january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday
""".split())
# Generic English titles and roles, besides the taxonomy's own ``person_titles``.
TITLES = frozenset("""
president minister envoy general gen mullah spokeswoman spokesperson spokesman analyst analysts
secretary ambassador commander colonel col lt major senator sen rep governor chancellor premier
researcher researchers expert experts scholar professor dr mr mrs ms journalist correspondent
official diplomat chief director king prince emir sheikh imam lawmaker lawmakers legislator mp
adviser advisor chairman chairwoman negotiator founder cofounder co-founder leader activist
economist historian editor writer author fellow mayor judge prosecutor admiral marshal
commentator columnist head haji hajji alhaji""".split())   # the last: the pilgrim's honorific
REPORTING = re.compile(r"\s*(?:,[^,.;:“”\"]{1,160})?,?\s*(?:also |later |further |recently |has |had |then )?"
                       r"(?:said|says|told|tells|added|adds|wrote|writes|asked|noted|explained|argued|warned"
                       r"|stated|claimed|announced|replied|insisted|stressed|declared|observed|remarked"
                       r"|concluded|confirmed|commented|tweeted|responded|admitted|acknowledged)\b")
REPORTED_BY = re.compile(r"(?:\b(?:said|says|added|wrote|write|writes|asked|noted|explained|argued"
                         r"|warned|stated|replied|insisted|according to)|[”\"],|,[”\"])\s*$")
APPOSITION = re.compile(r",\s+(?:the|a|an|who|whose|former|senior|[A-Z]\w*[’']s)(?:\s|$)")
# What a state acts through: "Ukrainian intelligence services", "Syrian officials".
ORGANS = frozenset("""officials official government forces troops intelligence military army
authorities president prime foreign defence defense ministry embassy diplomats diplomat leaders
leader leadership delegation navy police security services side state counterparts envoy
ambassador spokesman spokeswoman spokesperson parliament lawmakers regime soldiers""".split())
ACCORDING = ("according to ", "According to ")
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
# What a capital houses of its own state: "the government in Kabul", "officials in Moscow".
# The last word of a movement's or an armed front's name ("the Northern Alliance").
BODY_ENDS = frozenset("front alliance shura coalition movement organization organisation association party".split())
# A name's last word that makes it a publication's ("The Washington Post", "the Kabul Times").
MASTHEADS = frozenset("post times today daily news report tribune herald journal gazette monitor observer "
                      "express telegraph dispatch reader insider standard".split())
# What joins a title to the place it serves: "Ambassador to Afghanistan", "Envoy for Syria".
TITLE_LINKS = frozenset("to for of in".split())
SEATED = frozenset("""government authorities regime leadership leaders rulers officials official
ministry administration establishment policymakers""".split())


@dataclass
class Mention:
    start: int
    end: int
    actor: str
    form: str


@dataclass
class ActorFinder:
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
        self.titles = frozenset(t.lower() for t in self.taxonomy.person_titles) | TITLES
        self.kinds = {a.id: a.kind for a in self.taxonomy.actors}
        # (actor, name as words) -> (the actor it passes to, from when)
        self.successions = {(a.id, tuple(t.text for t in tokenize(name))): (a.succeeded[0], a.succeeded[1])
                            for a in self.taxonomy.actors if a.succeeded for name in a.succeeded[2]}
        self.display = {a.id: a.name for a in self.taxonomy.actors}
        self.in_power = in_power(self.taxonomy)
        self.passing = frozenset((a.id, name) for a in self.taxonomy.actors if a.succeeded for name in a.succeeded[2])
        self.people_words = frozenset(tokenize(alias)[0].text for a in self.taxonomy.actors if a.kind == "person"
                                      for alias in a.aliases if len(tokenize(alias)) == 1)
        self.states = {}
        names = {n for name, others in countries() for n in (name, *others)} | CAPITALS | OTHER_NAMES
        self.places = frozenset(tuple(t.text for t in tokenize(n)) for n in names)   # a title's complement
        taken = {w.lower() for a in self.taxonomy.actors for alias in (a.name, *a.aliases) for w in alias.split()}
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
        words = tuple(t.text for t in tokenize(name))
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
            one, more = names[tokens[i].text]
            hit = (one, i + 1) if one is not None else None
            if more and i + 1 < len(tokens):
                for words, actor_id in more.get(tokens[i + 1].text, ()):
                    n = len(words)
                    if tuple(t.text for t in tokens[i:i + n]) == words:
                        hit = (actor_id, i + n)
                        break
            if hit:
                found[i] = hit
                after = hit[1]
        return found

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
                    openers.update(t.text for t in tokenize(n)[:1])
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
        passed = {k: by for k, (by, since) in self.successions.items() if date and date[:len(since)] >= since}
        if not passed:
            return mentions
        return {a: [Mention(m.start, m.end, passed.get((m.actor, tuple(t.text for t in tokenize(m.form))), m.actor),
                            m.form) for m in ms] for a, ms in mentions.items()}

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
        for i in sorted(found):
            actor_id, end = found[i]
            first = i - 1 if i >= 2 and tokens[i - 1].lower == "the" else i   # "in the UAE"
            b = first - 1
            before = tokens[b].lower if b >= 0 else ""
            listed = _continues(text, tokens, b, first, place_end)
            if not listed and b >= 1 and (before in ("and", "or") or _mid_list(text, tokens, b, first, end)):
                k = _list_opener(tokens, b)   # "to Kandahar, Herat and the UAE": a list whose first
                if k >= 0 and tokens[k].lower in LIST_OPENERS:   # item is no actor
                    b, before = k, tokens[k].lower
            went = before == "to" and any(t.lower in MOTION for t in tokens[max(0, b - 3):b])   # "flew to Doha"
            place = before in LOCATIVE or listed or went
            owned = text[tokens[end - 1].end:tokens[end - 1].end + 2] in ("’s", "'s")
            generic = end - i > 1 and all(t.text in NOT_NAMES for t in tokens[i:end])
            after = tokens[end].lower if end < len(tokens) else ""
            based = after == "based"   # "a Kabul-based analyst": a place qualifies the person
            if not listed:   # "in Doha and Moscow": the list's first word decides for the rest
                site = (before in AT_PLACE or went) and not (b >= 1 and tokens[b - 1].lower in SEATED)
            if place:
                place_end = end
            if actor_id in self.states and ((place or based) and not owned or self._bare_demonym(tokens, i, end, actor_id)):
                continue
            if (site or based) and not owned and text[tokens[i].start:tokens[end - 1].end] in CAPITALS:
                continue   # a capital named as the place where something happens (or is gone to)
            if self.kinds.get(actor_id) == "organisation" and record(tokens, end):
                continue   # "the UN charter", "the UN sanctions list": a body's text, not the body acting
            if tokens[i].text[:1].islower() and predicate(tokens, i):
                continue   # "recognised the movement as the government of the country": what it is called
            if text[tokens[i].start:tokens[end - 1].end] in CAPITALS and facility(tokens, end):
                continue   # "Kabul airport", "the city's main airport", "Kabul University": a place
            if self.kinds.get(actor_id) == "person" and end - i == 1 and after == "administration" \
                    or after in MASTHEADS and tokens[end].text[:1].isupper():
                continue   # "the Trump Administration"; "The Washington Post" names a paper
            if generic and (state_end == i or i > 1 and tokens[i - 1].text in NOT_NAMES and _capital(tokens[i - 1])
                            and text[tokens[i - 1].end:tokens[i].start] == " "):
                continue   # "the Russian Security Council", "the National Security Council": another body
            if self.kind_of(actor_id, ()) == "state":
                state_end = end
            out[i] = (actor_id, end)
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
                first = i - 1 if i >= 2 and toks[i - 1].lower == "the" else i
                if self.kind_of(actor_id, ()) == "state" and (_continues(s.text, toks, first - 1, first, last)
                                                              or frontier(s.text, toks, first, end)):
                    out.setdefault(s.anchor, set()).add(i)
                    last = end
        return out

    def _bare_demonym(self, tokens, i, end, actor_id) -> bool:
        """"Israeli-Palestinian talks", "New Mexican": a state's adjective is the state only
        where it names the state acting ("Ukrainian forces", "Syrian officials"). Its name, an
        abbreviation ("UK") and its capital are no adjectives."""
        form = tokens[i].text
        if form == self.states[actor_id].split()[0] or end - i > 1 or form.isupper() or form in CAPITALS \
                or form in OTHER_NAMES:
            return False
        return end >= len(tokens) or tokens[end].lower not in ORGANS


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

    # ---- people ---------------------------------------------------------------------

    def new_people(self, text: str, tokens: list[Token], known: dict) -> list[tuple[tuple[str, ...], bool]]:
        """People introduced in this sentence and not yet known, and bodies named as bodies
        are ("the Northern Alliance"): ``[((full name, other names...), is a body)]``."""
        if _title_case(tokens):
            return []   # a headline capitalises every word: no name stands out
        covered = {j for i, (_, end) in known.items() for j in range(i, end)
                   if not (end - i == 1 and tokens[i].text in self.people_words)}
        people, n, after, last = [], len(tokens), 0, -1
        starts = compress(range(n), map(_MAY_OPEN_NAME.__getitem__, map(_TEXT, tokens)))
        for i in starts:
            if i < after or i in covered or not (_capital(tokens[i]) or _particle(tokens, i)):
                continue
            j = i + 1
            while j < n and j not in covered and (_capital(tokens[j]) or _particle(tokens, j) or _initial(text, tokens, j)) \
                    and _adjacent(text, tokens, j):
                j += 1
            after = j
            t = i - 1 if i < 2 or not tokens[i - 1].text.isupper() else i - 2   # "Advisor (NSA) Sartaj Aziz"
            titled = i > 0 and tokens[t].lower in self.titles and _adjacent(text, tokens, i, t < i - 1)
            k = i
            while k < j and (tokens[k].text in NOT_NAMES or tokens[k].lower in self.titles):
                titled = titled or tokens[k].lower in self.titles
                k += 1
            end = j
            while end > k and (tokens[end - 1].text in PARTICLES or tokens[end - 1].text in SUFFIXES
                               or _initial(text, tokens, end - 1)):
                end -= 1
            k, titled = self._after_inner_title(tokens, k, end, titled)
            k, titled = self._after_title_place(tokens, k, end, titled, known)
            body = _body(text, tokens, i + (tokens[i].text == "The"), j)
            if body:
                people.append((body, True))
                continue
            if end <= k or any(t.lower in NOT_PERSON for t in tokens[k:end]):
                continue
            if self._given_name_of(text, tokens, j, known):
                continue   # "Governor Mohammad Tamim Farouq": a given name of a person named
            if tokens[end - 1].text in self.people_words:
                continue   # "President Bashar Assad": a known surname is that person
            listed = last >= 0 and end - k >= 2 and text[tokens[last - 1].end:tokens[k].start].strip() == "," \
                and re.match(r",|\s+(?:and|or)\s", text[tokens[end - 1].end:tokens[end - 1].end + 5]) is not None   # "A, B and C"
            if listed or self._introduced(text, tokens, k, end, titled, [p for p, body in people if not body], known):
                people.append(((text[tokens[k].start:tokens[end - 1].end],), False))
                last = end
        return people

    def _after_inner_title(self, tokens, k, end, titled):
        """"Regional Dialogue Ambassador Karin Holt", "... of Commerce Haji Abdul Rauf Noori": a
        title inside the capitalised run ends what qualifies the person; the name is the two
        words or more after it."""
        for m in range(end - 3, k - 1, -1):
            if tokens[m].lower in self.titles:
                return m + 1, True
        return k, titled

    def _after_title_place(self, tokens, k, end, titled, known):
        """"Ambassador to Afghanistan Dmitry Zhirnov", "envoy to Kabul Alexander Petrov": a title
        whose complement names a place ends at that place; the name is the words after it. So
        does a portfolio ("Secretary of Defense Ann Lee", "Minister for Foreign Affairs Ivo Kral")."""
        n = next((n for n in (3, 2, 1) if k + n <= end - 2 and tuple(t.text for t in tokens[k:k + n]) in self.places), 0)
        q = k if n else next((i for i, (_, e) in known.items() if e == k), None)
        if q is None:   # a portfolio's words, some of them passed over as no name ("of State")
            n = portfolio(tokens, k, end)
            q = k
            while q > 0 and tokens[q - 1].text in PORTFOLIOS:
                q -= 1
            q = q if q < k + n else None
        if q is None or end - k - n < 2:
            return k, titled
        q -= 1 if q >= 1 and tokens[q - 1].lower == "the" else 0
        if q >= 2 and tokens[q - 1].lower in TITLE_LINKS and tokens[q - 2].lower in self.titles:
            return k + n, True
        return k, titled

    def _given_name_of(self, text, tokens, j, known) -> bool:
        """The run stops at a person's mention that follows it with only a space between."""
        if j not in known or not _adjacent(text, tokens, j):
            return False
        actor = known[j][0]
        return self.kinds.get(actor) == "person" or (actor not in self.kinds and actor not in self.states)

    def _introduced(self, text, tokens, k, j, titled, people, known) -> bool:
        before = text[max(0, tokens[k].start - 120):tokens[k].start]
        after = text[tokens[j - 1].end:tokens[j - 1].end + 200]
        if titled:
            return not re.search(r"\b(?:on|in|at|from)\s+$", before)
        if j - k < 2 or re.search(r"\b(?:on|in|at|from|to|of)\s+(?:the\s+)?$", before) \
                and not before.endswith(ACCORDING):
            return False   # "a visit to Port Moresby", but "according to Lena Sorokina, ..." names a person
        if APPOSITION.match(after) or self._titled_apposition(after):
            return True
        if REPORTING.match(after) or REPORTED_BY.search(before):
            return True
        if before.rstrip().endswith(",") and self._titled_segment(before):
            return True   # "the spokesperson at India’s Ministry of External Affairs, Vikas Swaroop,"
        if SUCH_AS.search(before):
            return True   # "leaders such as Ann Lee": people named as examples of people
        return bool(re.search(r"\band\s+$", before) and (people or self._person_before(tokens, k, known))) \
            or bool(re.match(r"\s+and\s+", after) and self._person_after(tokens, j, known))

    def _titled_apposition(self, after: str) -> bool:
        """", founder of the movement", ", International Security Director for ...": a role."""
        if not after.startswith(","):
            return False
        return any(w.lower() in self.titles for w in re.findall(r"[A-Za-z]+", after[1:].split(",")[0])[:6])

    def _titled_segment(self, before: str) -> bool:
        seg = before.rstrip()[:-1]
        seg = seg[max(seg.rfind(","), seg.rfind("."), seg.rfind(";")) + 1:]
        return any(w.lower() in self.titles for w in re.findall(r"[A-Za-z]+", seg))

    def _person_before(self, tokens, k, known) -> bool:
        return any(end == k - 1 and self.kinds.get(a) == "person" for i, (a, end) in known.items())

    def _person_after(self, tokens, j, known) -> bool:
        return j + 1 in known and self.kinds.get(known[j + 1][0]) == "person"


class People(dict):
    """A document's people, id -> display name, and the bodies found as people are."""

    def __init__(self):
        super().__init__()
        self.bodies: set[str] = set()


def _body(text, tokens, i, j) -> tuple[str, ...] | None:
    """"the Northern Alliance", "the Quetta Shura", "the Freedom Front (FF)", "the Green Party":
    a capitalised run that ends in a word for a movement, a front, a party or an organisation
    names that body, after "the" or before its abbreviation in brackets ("a recent Regional
    Water Organization (RWO) summit")."""
    if j - i < 2 or i == 0 or tokens[j - 1].lower not in BODY_ENDS:
        return None
    name = text[tokens[i].start:tokens[j - 1].end]
    short = re.match(r" \(([A-Z]{2,6})\)", text[tokens[j - 1].end:tokens[j - 1].end + 10])
    if tokens[i - 1].lower != "the" and not short:
        return None
    return (name, short[1]) if short else (name,)


def _mid_list(text, tokens, b, first, end) -> bool:
    """", the UAE and": a name between commas, or between a comma and "and", is a list's item
    (", Moscow has" after "in September" is a new clause)."""
    if text[tokens[b].end:tokens[first].start].strip() != ",":
        return False
    gap = text[tokens[end - 1].end:tokens[end].start].strip() if end < len(tokens) else ""
    return gap == "," or end < len(tokens) and tokens[end].lower in ("and", "or")


def _continues(text, tokens, b, first, last_end) -> bool:
    """Whether the name at ``first`` is a later item of the list whose item before ended at
    ``last_end`` ("in Doha and Kabul", "in Doha, Kabul")."""
    return b >= 1 and (tokens[b].lower in ("and", "or") and last_end == b
                       or last_end == first and text[tokens[b].end:tokens[first].start].strip() == ",")


def _list_opener(tokens, b) -> int:
    """The word before a list of capitalised names that token ``b`` ("and", "or") continues:
    "in Syria, Iraq and the UAE" -> the index of "in" (-1 when there is none). A month or
    another word that is no name ends the list ("in September, Moscow ...")."""
    k, seen = b, 0
    while k >= 0 and seen < 12:
        t = tokens[k]
        if t.lower in ("and", "or", "the") or (_capital(t) or t.text.isupper()) and t.text not in NOT_NAMES:
            k -= 1
            seen += 1
            continue
        return k
    return -1


def _title_case(tokens) -> bool:
    n = 0
    for t in tokens:
        if len(t.text) > 3 and t.text[0].isalpha():
            if t.text[0].islower():
                return False   # most sentences: an early lower-case word
            n += 1
    return n >= 4


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.text.isupper() and not tok.text[:1].isdigit()


def _initial(text, tokens, j) -> bool:
    """A middle initial: "Sajjan M Gohel", "John F. Kennedy"."""
    t = tokens[j]
    return len(t.text) == 1 and t.text.isupper() and j + 1 < len(tokens) and _capital(tokens[j + 1])


def _particle(tokens, j) -> bool:
    return tokens[j].text in PARTICLES and j + 1 < len(tokens) and _capital(tokens[j + 1])


def _adjacent(text, tokens, j, title=False) -> bool:
    """Token j follows token j-1 with only spaces, hyphens, brackets or an initial's dot between
    (after a title also a bracketed acronym: "Security Advisor (NSA) Sartaj Aziz")."""
    if j == 0:
        return True
    if title:
        return _TITLE_GAP.fullmatch(text[tokens[j - 2].end:tokens[j - 1].start]) is not None
    gap = text[tokens[j - 1].end:tokens[j].start]
    return _NAME_GAP.fullmatch(gap) is not None


_TITLE_GAP = re.compile(r"\s\(")
_NAME_GAP = re.compile(r"\.?[\s\-\[\]]{1,3}")


class _OpensName(dict):
    """Word -> whether a name may start with it (a capital, or a particle such as "al"),
    worked out once per word, so that a sentence's words are tested by one C-level ``map``."""

    def __missing__(self, word: str) -> bool:
        if len(self) > 100_000:   # a long-running server: start over
            self.clear()
        found = self[word] = word[:1].isupper() or word in PARTICLES
        return found


_MAY_OPEN_NAME = _OpensName()
