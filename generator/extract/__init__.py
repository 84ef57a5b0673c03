"""Extract: a segmented ``Document`` and the ``Taxonomy`` -> ``Extraction``. No I/O."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..analysis.text import content
from ..briefs.model import ActorMention, Document, Extraction, Span
from ..briefs.taxonomy import Taxonomy
from .actors import ActorFinder, slug
from .cues import tokenize
from .dates import find_events, find_figures
from .evidence import build_index, classify
from .quotes import PRONOUNS, Attributor, find_marks, make_quote, quote_span

__all__ = ["Extractor", "extract_document"]


@dataclass
class _Mention:
    start: int
    end: int
    actor: str
    form: str


class Extractor:
    """The taxonomy compiled once; ``extract`` runs per document."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.finder = ActorFinder(taxonomy)
        self.attributor = Attributor(taxonomy.speech_verbs)
        self.actors = {a.id: a for a in taxonomy.actors}
        from ..analysis.cuematch import Hit
        from ..analysis.document import Analyser  # here: the analysis imports extract's modules
        self.analyser = Analyser(taxonomy)
        self._hit = Hit
        # One index for the motive and counterargument cues and the analysis' relation and
        # question cues: a sentence is scanned once (keys of the analysis are namespaced).
        self.index = build_index(taxonomy)
        for key, phrase in self.analyser.cue_phrases():
            self.index.add(key, phrase)

    def extract(self, doc: Document) -> Extraction:
        # The caches keyed on a sentence's text serve the passes over one document (extraction
        # and analysis read each sentence). Kept across documents, they would make a corpus
        # that repeats sentences (the benchmark's recombined seeds) look faster than real
        # articles, which share words but seldom sentences.
        tokenize.cache_clear()
        content.cache_clear()
        scanned = [s for p in doc.paragraphs if p.role in ("title", "subtitle", "body")
                   for s in p.sentences]
        body = doc.sentences()
        tokens = {s.anchor: tokenize(s.text) for s in scanned}
        people, at = self._document_finder(scanned, tokens)
        mentions = {s.anchor: [_Mention(s.start + tokens[s.anchor][i].start,
                                        s.start + tokens[s.anchor][end - 1].end, actor,
                                        s.text[tokens[s.anchor][i].start:tokens[s.anchor][end - 1].end])
                               for i, (actor, end) in at[s.anchor].items()] for s in scanned}
        actors = self._actor_mentions(scanned, mentions, people)
        evidence, analysis = self._cues(body, tokens, at)
        motives, counters = classify(self.taxonomy, body, lambda s: evidence[s.anchor])
        quotes = self._quotes(doc, body, mentions, people)
        extra = {"mentions": {a: [(m.actor, m.start, m.end) for m in ms] for a, ms in mentions.items()}}
        extra.update(self.analyser.run(body, extra["mentions"], motives, counters, at, analysis))
        return Extraction(source=doc.id, actors=actors, motives=tuple(motives),
                          counters=tuple(counters), quotes=tuple(quotes),
                          events=tuple(find_events(body)), figures=tuple(find_figures(body)),
                          extra=extra)

    def _cues(self, sentences, tokens, at):
        """Every cue of every sentence, one scan each: ``({anchor: {evidence key: [phrase]}},
        {anchor: {"relation" | "claim": [Hit]}})``."""
        evidence, analysis = {}, {}
        Hit = self._hit
        for s in sentences:
            hits, other = {}, {}
            for key, phrase, first, last in self.index.find(tokens[s.anchor], at[s.anchor]):
                if key[0] in ("relation", "claim"):
                    other.setdefault(key[0], []).append(Hit(key[1], phrase, first, last))
                    continue
                found = hits.setdefault(key, [])
                if phrase not in found:
                    found.append(phrase)
            evidence[s.anchor], analysis[s.anchor] = hits, other
        return evidence, analysis

    # ---- actors ------------------------------------------------------------------

    def _document_finder(self, sentences, tokens):
        """The people this document introduces (and their surnames), and every sentence's
        actor mentions found with them: ``(people, {anchor: {first token: (actor, after)}})``."""
        people: dict[str, str] = {}   # actor id -> display name
        finder = self.finder
        first_pass = {}
        openers: set[str] = set()     # the first words of the names added for this document
        for s in sentences:
            found = first_pass[s.anchor] = finder.mentions(tokens[s.anchor])
            for name in finder.new_people(s.text, tokens[s.anchor], found):
                actor_id = slug(name)
                if actor_id in self.actors or actor_id in people:
                    continue
                if finder is self.finder:
                    finder = _copy(self.finder)
                people[actor_id] = name
                names = [name]
                surname = name.split()[-1]
                if len(name.split()) > 1 and not self.finder.mentions(tokenize(surname)):
                    names.append(surname)
                for n in names:
                    finder.add_name(n, actor_id)
                    openers.update(t.text for t in tokenize(n)[:1])
        if finder is self.finder:
            return people, first_pass
        # a sentence without a new name's first word has the mentions of the first pass
        return people, {s.anchor: finder.mentions(tokens[s.anchor])
                        if not openers.isdisjoint(t.text for t in tokens[s.anchor]) else first_pass[s.anchor]
                        for s in sentences}

    def _actor_mentions(self, sentences, mentions, people) -> tuple[ActorMention, ...]:
        by_actor: dict[str, list[_Mention]] = {}
        for s in sentences:
            for m in mentions[s.anchor]:
                by_actor.setdefault(m.actor, []).append(m)
        out = []
        for actor_id in sorted(by_actor):
            ms = by_actor[actor_id]
            known = self.actors.get(actor_id)
            first = ms[0]
            out.append(ActorMention(
                actor=actor_id, name=known.name if known else people.get(actor_id, first.form),
                kind=known.kind if known else "person", count=len(ms),
                forms=tuple(sorted({m.form for m in ms})),
                first=Span(first.form, first.start, first.end, ""), known=known is not None))
        return tuple(out)

    def _is_person(self, actor_id: str, people) -> bool:
        return actor_id in people or (actor_id in self.actors and self.actors[actor_id].kind == "person")

    # ---- quotes --------------------------------------------------------------------

    def _quotes(self, doc, body, mentions, people):
        text = doc.text
        all_mentions = sorted((m for s in body for m in mentions[s.anchor]), key=lambda m: m.start)
        person_starts = [m.start for m in all_mentions if self._is_person(m.actor, people)]
        persons = [m for m in all_mentions if self._is_person(m.actor, people)]
        quotes = []
        # A quote running over paragraphs leaves its mark open at the end of each one
        # (news style): those parts take the speaker of the part that is attributed.
        pending: list[tuple[int, int, str]] = []
        for para in (p for p in doc.paragraphs if p.role == "body"):
            previous = None
            continues = bool(pending)
            for mark in find_marks(text, para.start, para.end):
                s, e = quote_span(text, mark)
                if e - s < 2:
                    continue
                sent = _sentence_at(para.sentences, mark.start - 1)
                closing = _sentence_at(para.sentences, max(mark.end - 1, s))
                speaker, cue, conf = self._speaker(text, mark, sent, closing, mentions, persons,
                                                   person_starts, people, previous)
                if continues and mark.start - 1 > para.start:
                    pending = []   # the paragraph does not open with the quote's next part
                continues = False
                if speaker is None:
                    if not mark.closed and mark.end >= para.end:
                        pending.append((s, e, sent.anchor))
                    continue
                actor_id, name = speaker
                for ps, pe, anchor in pending:
                    quotes.append(make_quote(text, ps, pe, anchor, actor_id, name,
                                             "quote continued in the next paragraph", 0.6))
                pending = []
                quotes.append(make_quote(text, s, e, sent.anchor, actor_id, name, cue, conf))
                previous = speaker
            if not (pending and pending[-1][1] > para.start):
                pending = []   # nothing left open at the end of this paragraph
        return sorted(quotes, key=lambda q: q.span.start)

    def _speaker(self, text, mark, sent, closing, mentions, persons, person_starts, people, previous):
        if mark.closed:
            tail_end = closing.end if closing else min(len(text), mark.end + 120)
            who = self.attributor.trailing(text[mark.end + 1:tail_end])
            if who:
                ws, we = mark.end + 1 + who[0], mark.end + 1 + who[1]
                found = self._who(text, ws, we, closing, mentions, persons, person_starts, people)
                if found:
                    return found, "said after the quote", 0.9
        head = text[sent.start:mark.start - 1] if sent else ""
        if self.attributor.leading(head):
            in_head = [m for m in mentions[sent.anchor] if m.end <= mark.start - 1]
            people_in_head = [m for m in in_head if self._is_person(m.actor, people)]
            chosen = (people_in_head or in_head or [None])[0]
            if chosen:
                return self._named(chosen, people), "speech verb before the quote", 0.8
            if any(w in PRONOUNS for w in head.split()[:3]):
                last = _last_before(persons, person_starts, mark.start)
                if last:
                    return self._named(last, people), "pronoun before the quote", 0.6
        if previous and (not head.strip() or head.strip() in "“\""):
            return previous, "continues the previous quote", 0.6
        return None, "", 0.0

    def _who(self, text, ws, we, sent, mentions, persons, person_starts, people):
        inside = [m for m in (mentions.get(sent.anchor, []) if sent else []) if ws <= m.start < we]
        ranked = [m for m in inside if self._is_person(m.actor, people)] or inside
        if ranked:
            return self._named(ranked[-1], people)
        words = text[ws:we].split()
        if words and words[0] in PRONOUNS:
            last = _last_before(persons, person_starts, ws)
            return self._named(last, people) if last else None
        name = []
        for w in words:  # the leading run of capitalised words: "Asia Plus in a commentary"
            if not w[:1].isupper():
                break
            name.append(w)
        if name:
            return slug(" ".join(name)), " ".join(name)
        return None

    def _named(self, m: _Mention, people) -> tuple[str, str]:
        known = self.actors.get(m.actor)
        return m.actor, known.name if known else people.get(m.actor, m.form)


def _copy(finder: ActorFinder) -> ActorFinder:
    clone = object.__new__(ActorFinder)
    clone.taxonomy = finder.taxonomy
    clone.titles = finder.titles
    clone._names = {k: list(v) for k, v in finder._names.items()}
    return clone


def _sentence_at(sentences, offset):
    for s in sentences:
        if s.start <= offset < s.end or offset < s.start:
            return s
    return sentences[-1] if sentences else None


def _last_before(items, starts, pos):
    i = bisect.bisect_left(starts, pos)
    return items[i - 1] if i > 0 else None


def extract_document(doc: Document, taxonomy: Taxonomy) -> Extraction:
    return Extractor(taxonomy).extract(doc)
