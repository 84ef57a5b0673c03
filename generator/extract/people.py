"""People and bodies named in a sentence by how news prose introduces them: a title ("Foreign
Minister Sergei Lavrov", "analysts Aigerim Turgunbaeva and Fayazuddin Ghiasi"), an apposition
("Omar Haddad, the regional commander", "Farzana Rezaie, founder of ..."), the subject of a
reporting clause ("Dmitry Medvedev said", "said Jonah Blank"), or a capitalised name that ends in
a word for a body ("the Northern Alliance"). Capitalised runs that name bodies and places
("Anadolu Agency", "Smolenskaya Square") are not people.

``PeopleFinder`` is the part of ``actors.ActorFinder`` that reads a sentence for them.
"""
from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter

from .context import PORTFOLIOS, SUCH_AS, portfolio
from ..text.cues import END, LOWER, START, TEXT, Token

_TEXT = itemgetter(0)   # a token's text

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
commentator columnist head representative haji hajji alhaji
politician politicians scientist scientists strategist strategists spy lawyer cleric businessman
""".split())   # the pilgrim's honorifics, then occupations written bare before a name ("political
# scientist Ann Lee", "former spy Ivo Kral"), as news prose introduces a person it has no title for
REPORTING = re.compile(r"\s*(?:,[^,.;:“”\"]{1,160})?,?\s*(?:also |later |further |recently |has |had |then )?"
                       r"(?:said|says|told|tells|added|adds|wrote|writes|asked|noted|explained|argued|warned"
                       r"|stated|claimed|announced|replied|insisted|stressed|declared|observed|remarked"
                       r"|concluded|confirmed|commented|tweeted|responded|admitted|acknowledged)\b")
REPORTED_BY = re.compile(r"(?:\b(?:said|says|added|wrote|write|writes|asked|noted|explained|argued"
                         r"|warned|stated|replied|insisted|[Aa]ccording to)|[”\"],|,[”\"])\s*$")
APPOSITION = re.compile(r",\s+(?:the|a|an|who|whose|former|senior|[A-Z]\w*[’']s)(?:\s|$)")
ACCORDING = ("according to ", "According to ")
DESCRIBED = re.compile(r"(?:\b(?:the|The|a|an|An)|[’']s)\s+$")   # what opens a description, not a name
# The last word of a movement's or an armed front's name ("the Northern Alliance").
BODY_ENDS = frozenset("front alliance shura coalition movement organization organisation association party".split())
# What joins a title to the place it serves: "Ambassador to Afghanistan", "Envoy for Syria".
TITLE_LINKS = frozenset("to for of in".split())


class PeopleFinder:
    """The people a sentence introduces. A mixin of ``ActorFinder``, whose tables it reads:
    ``titles`` (title words), ``people_words`` (one-word names of known people, each with every
    word of that person's names), ``kinds``
    (the taxonomy's actor kinds), ``states`` and ``places`` (the world's states and capitals,
    as word tuples)."""

    def new_people(self, text: str, tokens: list[Token], known: dict) -> list[tuple[tuple[str, ...], bool]]:
        """People introduced in this sentence and not yet known, and bodies named as bodies
        are ("the Northern Alliance"): ``[((full name, other names...), is a body)]``."""
        if _title_case(tokens):
            return []   # a headline capitalises every word: no name stands out
        covered = {j for i, (_, end) in known.items() for j in range(i, end)
                   if not (end - i == 1 and tokens[i][TEXT] in self.people_words)}
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
            t = i - 1 if i < 2 or not tokens[i - 1][TEXT].isupper() else i - 2   # "Advisor (NSA) Sartaj Aziz"
            titled = i > 0 and tokens[t][LOWER] in self.titles and _adjacent(text, tokens, i, t < i - 1)
            if j == i + 1 and not titled:
                continue   # one word, no title before it: no body (two words or more) and no person
                # (``_introduced`` wants two words, or a title) can be found in it: most runs
            k = i
            while k < j and (tokens[k][TEXT] in NOT_NAMES or tokens[k][LOWER] in self.titles
                             or self._portfolio_title(tokens, k, j)):
                titled = titled or tokens[k][LOWER] in self.titles
                k += 1
            end = j
            while end > k and (tokens[end - 1][TEXT] in PARTICLES or tokens[end - 1][TEXT] in SUFFIXES
                               or _initial(text, tokens, end - 1)):
                end -= 1
            k, titled = self._after_inner_title(tokens, k, end, titled)
            k, titled = self._after_title_place(tokens, k, end, titled, known)
            body = _body(text, tokens, i + (tokens[i][TEXT] == "The"), j)
            if body:
                people.append((body, True))
                continue
            if end <= k or any(t[LOWER] in NOT_PERSON for t in tokens[k:end]):
                continue
            if tokens[end - 1][LOWER] in self.titles and _described(text, tokens, i, covered):
                continue   # "the Russian Defense Minister said": a title with no name after it
            if self._given_name_of(text, tokens, j, known):
                continue   # "Governor Mohammad Tamim Farouq": a given name of a person named
            if tokens[end - 1][TEXT] in self.people_words and self._known_surname(tokens, k, end):
                continue   # "President Bashar Assad": a known surname is that person
            listed = last >= 0 and end - k >= 2 and text[tokens[last - 1][END]:tokens[k][START]].strip() == "," \
                and re.match(r",|\s+(?:and|or)\s", text[tokens[end - 1][END]:tokens[end - 1][END] + 5]) is not None   # "A, B and C"
            if listed or self._introduced(text, tokens, k, end, titled, [p for p, body in people if not body], known):
                people.append(((text[tokens[k][START]:tokens[end - 1][END]],), False))
                last = end
        return people

    def _portfolio_title(self, tokens, k, j) -> bool:
        """A portfolio's word before the title it qualifies ("Defence Minister Ann Lee", "Home
        Affairs Minister Lee"): a part of the title, however few words of the name follow."""
        m = k
        while m < j and tokens[m][TEXT] in PORTFOLIOS:
            m += 1
        return k < m < j - 1 and tokens[m][LOWER] in self.titles

    def _after_inner_title(self, tokens, k, end, titled):
        """"Regional Dialogue Ambassador Karin Holt", "... of Commerce Haji Abdul Rauf Noori": a
        title inside the capitalised run ends what qualifies the person; the name is the two
        words or more after it."""
        for m in range(end - 3, k - 1, -1):
            if tokens[m][LOWER] in self.titles:
                return m + 1, True
        return k, titled

    def _after_title_place(self, tokens, k, end, titled, known):
        """"Ambassador to Afghanistan Dmitry Zhirnov", "envoy to Kabul Alexander Petrov": a title
        whose complement names a place ends at that place; the name is the words after it. So
        does a portfolio ("Secretary of Defense Ann Lee", "Minister for Foreign Affairs Ivo Kral")."""
        if end - k < 2:
            return k, titled   # (no name of two words can follow: most runs are one word)
        n = next((n for n in (3, 2, 1) if k + n <= end - 2 and tuple(t[TEXT] for t in tokens[k:k + n]) in self.places), 0)
        q = k if n else next((i for i, (_, e) in known.items() if e == k), None)
        if q is None:   # a portfolio's words, some of them passed over as no name ("of State")
            n = portfolio(tokens, k, end)
            q = k
            while q > 0 and tokens[q - 1][TEXT] in PORTFOLIOS:
                q -= 1
            q = q if q < k + n else None
        if q is None or end - k - n < 2:
            return k, titled
        q -= 1 if q >= 1 and tokens[q - 1][LOWER] == "the" else 0
        if q >= 2 and tokens[q - 1][LOWER] in TITLE_LINKS and tokens[q - 2][LOWER] in self.titles:
            return k + n, True
        return k, titled

    def _given_name_of(self, text, tokens, j, known) -> bool:
        """The run stops at a person's mention that follows it with only a space between."""
        if j not in known or not _adjacent(text, tokens, j):
            return False
        actor = known[j][0]
        return self.kinds.get(actor) == "person" or (actor not in self.kinds and actor not in self.states)

    def _introduced(self, text, tokens, k, j, titled, people, known) -> bool:
        before = text[max(0, tokens[k][START] - 120):tokens[k][START]]
        after = text[tokens[j - 1][END]:tokens[j - 1][END] + 200]
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

    def _known_surname(self, tokens, k, end) -> bool:
        """A run that ends in a known person's one-word name is that person, unless none of its
        other words is one of that person's names or a spelling of one (the same first two
        letters: "Zameer" for "Zamir"): "Mullah Abdul Wali Assad" is someone else."""
        names = self.people_words[tokens[end - 1][TEXT]]
        return end - k < 2 or any(t[TEXT][:2] in names for t in tokens[k:end - 1])

    def _person_before(self, tokens, k, known) -> bool:
        return any(end == k - 1 and self.kinds.get(a) == "person" for i, (a, end) in known.items())

    def _person_after(self, tokens, j, known) -> bool:
        return j + 1 in known and self.kinds.get(known[j + 1][0]) == "person"


class People(dict):
    """A document's people, id -> display name, and the bodies found as people are."""

    def __init__(self):
        super().__init__()
        self.bodies: set[str] = set()


def _described(text, tokens, i, covered) -> bool:
    """A determiner or a possessive opens the run, past the actors' names and adjectives before
    it ("the Russian Defense Minister", "Russia’s Defense Minister")."""
    p = i
    while not DESCRIBED.search(text, max(0, tokens[p][START] - 6), tokens[p][START]):
        if p == 0 or not (p - 1 in covered or tokens[p - 1][TEXT] in NOT_NAMES) or not tokens[p - 1][TEXT][:1].isupper():
            return False
        p -= 1
    return True


def _body(text, tokens, i, j) -> tuple[str, ...] | None:
    """"the Northern Alliance", "the Quetta Shura", "the Freedom Front (FF)", "the Green Party":
    a capitalised run that ends in a word for a movement, a front, a party or an organisation
    names that body, after "the" or before its abbreviation in brackets ("a recent Regional
    Water Organization (RWO) summit")."""
    if j - i < 2 or i == 0 or tokens[j - 1][LOWER] not in BODY_ENDS:
        return None
    name = text[tokens[i][START]:tokens[j - 1][END]]
    short = re.match(r" \(([A-Z]{2,6})\)", text[tokens[j - 1][END]:tokens[j - 1][END] + 10])
    if tokens[i - 1][LOWER] != "the" and not short:
        return None
    return (name, short[1]) if short else (name,)


def _title_case(tokens) -> bool:
    n = 0
    for t in tokens:
        if len(t[TEXT]) > 3 and t[TEXT][0].isalpha():
            if t[TEXT][0].islower():
                return False   # most sentences: an early lower-case word
            n += 1
    return n >= 4


def _capital(tok: Token) -> bool:
    return tok[TEXT][:1].isupper() and not tok[TEXT].isupper() and not tok[TEXT][:1].isdigit()


def _initial(text, tokens, j) -> bool:
    """A middle initial: "Sajjan M Gohel", "John F. Kennedy"."""
    t = tokens[j]
    return len(t[TEXT]) == 1 and t[TEXT].isupper() and j + 1 < len(tokens) and _capital(tokens[j + 1])


def _particle(tokens, j) -> bool:
    return tokens[j][TEXT] in PARTICLES and j + 1 < len(tokens) and _capital(tokens[j + 1])


def _adjacent(text, tokens, j, title=False) -> bool:
    """Token j follows token j-1 with only spaces, hyphens, brackets or an initial's dot between
    (after a title also a bracketed acronym: "Security Advisor (NSA) Sartaj Aziz")."""
    if j == 0:
        return True
    if title:
        return _TITLE_GAP.fullmatch(text[tokens[j - 2][END]:tokens[j - 1][START]]) is not None
    gap = text[tokens[j - 1][END]:tokens[j][START]]
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
