"""Actors: taxonomy names and aliases, people found by how news prose introduces them,
and later surname-only mentions resolved to the person."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..briefs.taxonomy import Taxonomy
from .cues import Token, tokenize

PARTICLES = frozenset({"al", "el", "bin", "ibn", "ul", "ud", "de", "van", "von", "da", "abu", "Al", "El"})
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
""".split())


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("’", "").replace("'", "")).strip("-")


@dataclass
class ActorFinder:
    """Finds actor mentions in a sentence's tokens, longest name first."""
    taxonomy: Taxonomy
    titles: frozenset = field(init=False)
    _names: dict = field(init=False)

    def __post_init__(self):
        self._names = {}
        for actor in self.taxonomy.actors:
            for alias in (actor.name, *actor.aliases):
                self.add_name(alias, actor.id)
        self.titles = frozenset(w for t in self.taxonomy.person_titles for w in [t.lower()])

    def add_name(self, name: str, actor_id: str) -> None:
        words = tuple(t.text for t in tokenize(name))
        if words:
            entries = self._names.setdefault(words[0], [])
            if (words, actor_id) not in entries:
                entries.append((words, actor_id))
                entries.sort(key=lambda e: -len(e[0]))

    def mentions(self, tokens: list[Token]) -> dict[int, tuple[str, int]]:
        """{index of first token: (actor id, index after the mention)}, non-overlapping."""
        names, found, after = self._names, {}, 0
        for i in [i for i, t in enumerate(tokens) if t.text in names]:
            if i < after:
                continue   # inside the mention found before
            for words, actor_id in names[tokens[i].text]:
                n = len(words)
                if n == 1 or tuple(t.text for t in tokens[i:i + n]) == words:
                    found[i] = (actor_id, i + n)
                    after = i + n
                    break
        return found

    def new_people(self, text: str, tokens: list[Token], known: dict) -> list[str]:
        """Full names of people introduced in this sentence and not yet known.

        A name is a run of capitalised words (with particles such as al-) that follows a
        title ("Foreign Minister", "analyst", "Mullah") or is followed by an apposition
        (", the commander", ", who", ", Russia's envoy")."""
        covered = {j for i, (_, end) in known.items() for j in range(i, end)}
        people, n, after = [], len(tokens), 0
        # where a name can start: a capitalised word or a particle (checked fully below)
        starts = [i for i, t in enumerate(tokens) if t.text[:1].isupper() or t.text in PARTICLES]
        for i in starts:
            if i < after or i in covered or not (_capital(tokens[i]) or _particle(tokens, i)):
                continue
            j = i + 1
            while j < n and j not in covered and (_capital(tokens[j]) or _particle(tokens, j)) \
                    and _adjacent(text, tokens, j):
                j += 1
            k, titled = i, i > 0 and tokens[i - 1].lower in self.titles and _adjacent(text, tokens, i)
            while k < j and (tokens[k].text in NOT_NAMES or tokens[k].lower in self.titles):
                titled = titled or tokens[k].lower in self.titles
                k += 1
            end = j
            while end > k and tokens[end - 1].text in PARTICLES:
                end -= 1
            if end > k and self._introduced(text, tokens, k, end, titled):
                people.append(text[tokens[k].start:tokens[end - 1].end])
            after = j
        return people

    def _introduced(self, text, tokens, k, j, titled) -> bool:
        if titled:
            return True
        after = text[tokens[j - 1].end:tokens[j - 1].end + 40]
        apposition = re.match(r",\s+(the|a|an|who|whose|[A-Z]\w*[’']s)\s", after) is not None
        return j - k >= 2 and apposition


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.text.isupper() and not tok.text[:1].isdigit()


def _particle(tokens, j) -> bool:
    return tokens[j].text in PARTICLES and j + 1 < len(tokens) and _capital(tokens[j + 1])


def _adjacent(text, tokens, j) -> bool:
    """Token j follows token j-1 with only spaces, hyphens or brackets between."""
    if j == 0:
        return True
    gap = text[tokens[j - 1].end:tokens[j].start]
    return re.fullmatch(r"[\s\-\[\]]{1,3}", gap) is not None
