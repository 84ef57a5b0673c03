"""Extract: a segmented ``Document`` and the ``Taxonomy`` -> ``Extraction``. No I/O."""
from __future__ import annotations

from ..briefs.model import Document, Extraction
from ..briefs.taxonomy import Taxonomy
from ..text.cues import END, START, Hit, tokenize
from ..text.words import content
from .actors import ActorFinder, Mention as _Mention
from .analyser import Analyser
from .borders import BORDER, may_name_border
from .countries import countries
from .dates import find_events, find_figures
from .described import described, host_country, host_government, listed_host, may_describe
from .discourse import Mention
from .evidence import SentenceLabeler, build_index
from .features import candidates, labelled_sentences
from .quotes import QuoteFinder
from .speakers import state_demonyms
from .spellings import joined, known_keys, spelling_joins
from .succession import has_passed

__all__ = ["Extractor", "extract_document"]


class Extractor:
    """The taxonomy compiled once; ``extract`` runs per document."""

    def __init__(self, taxonomy: Taxonomy, model=None, embedder=None):
        """``model``: a loaded ``classifier.SentenceModel`` (none: the cues label sentences);
        ``embedder``: what the model or the taxonomy's examples need to embed sentences."""
        self.taxonomy = taxonomy
        self.labeler = SentenceLabeler(taxonomy, model, embedder)
        self.finder = ActorFinder(taxonomy)
        self.host = host_government(taxonomy.actors)
        self.host_country = host_country(taxonomy.actors, countries())
        if self.host_country:   # (after the host government's succession, its successor's)
            self.finder.pass_also(self.host, self.host_country)
        self.quote_finder = QuoteFinder(taxonomy.speech_verbs)
        self.demonyms = state_demonyms(taxonomy.actors)
        self._demonyms_at: dict = {}   # the article's date -> the demonyms as of then
        self.actors = {a.id: a for a in taxonomy.actors}
        self.known_people = known_keys(taxonomy.actors)   # one person spelled several ways
        self.person_names = {a.id: a.name for a in taxonomy.actors if a.kind == "person"}
        self.analyser = Analyser(taxonomy)
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
        events = find_events(body, doc.article.meta.date)
        people, at = self.finder.document(scanned, tokens)
        # (most pages name no border: the page's text is looked at once, in C, before any sentence)
        borders = self.finder.frontiers(scanned, tokens, at) if may_name_border(doc.text) else {}
        for anchor, gone in self.finder.located(scanned, tokens, at).items():   # ("an office in Qatar")
            borders[anchor] = borders.get(anchor, set()) | gone
        shared = self.finder.shared(scanned, tokens, at) if self.finder.may_share(doc.text) else {}
        if self.host and may_describe(doc.text):   # "the US-backed government": the host's
            for anchor, found in described(scanned, tokens, at, self.host).items():
                shared[anchor] = {**shared.get(anchor, {}), **found}
        if self.host_country and self.host_country in doc.text:   # "Russia, China and Afghanistan met"
            kind_of = lambda a: self.finder.kind_of(a, people)
            for anchor, found in listed_host(scanned, tokens, at, self.host, self.host_country, kind_of, BORDER).items():
                shared[anchor] = {**shared.get(anchor, {}), **found}
        mentions = {s.anchor: _mentions(s, tokens[s.anchor], {**at[s.anchor], **shared[s.anchor]}
                                        if s.anchor in shared else at[s.anchor], borders.get(s.anchor, ()))
                    for s in scanned}
        mentions = self._one_spelling(scanned, mentions, people)
        date = _article_date(doc, events, self.finder, body, mentions)
        mentions = self.finder.succeed(mentions, date)
        actors = self.finder.summary(scanned, mentions, people)
        evidence, analysis = self._cues(labelled_sentences(doc), tokens, at)
        motives, counters = self.labeler.classify(doc, body, at, evidence)
        quotes = self._quotes(doc, body, mentions, people, date)
        placed = {a: [(m.actor, m.start, m.end) for m in ms] for a, ms in mentions.items()}
        view = self._analysis_view(tokens, at, shared, analysis)
        relations, claims, summary = self.analyser.run(body, placed, motives, counters, view, analysis)
        return Extraction(source=doc.id, actors=actors, motives=tuple(motives),
                          counters=tuple(counters), quotes=tuple(quotes),
                          events=tuple(events), figures=tuple(find_figures(body)),
                          relations=relations, claims=claims, summary=summary)

    def sentence_view(self, doc: Document) -> list:
        """What the sentence classifier sees of ``doc`` (``features.candidates``): training
        reads documents through this, extraction through ``extract``."""
        scanned = [s for p in doc.paragraphs if p.role in ("title", "subtitle", "body")
                   for s in p.sentences]
        tokens = {s.anchor: tokenize(s.text) for s in scanned}
        _, at = self.finder.document(scanned, tokens)   # people named in a headline count too
        evidence, _ = self._cues(labelled_sentences(doc), tokens, at)
        return candidates(doc, at, evidence)

    def _one_spelling(self, sentences, mentions, people):
        """The mentions with a person the article spells two ways given to one actor (after
        the classifier's features, which count the names as written)."""
        if not people:
            return mentions
        order = list(dict.fromkeys(m.actor for s in sentences for m in mentions[s.anchor]))
        return joined(mentions, people, spelling_joins(order, people, self.known_people, self.person_names))

    def _analysis_view(self, tokens, at, shared, analysis) -> dict:
        """The mentions by token that the relations and claims read: the classifier's (``at``)
        with the actors found after its features (shared organs, the host government described
        or listed), whose sentences' relation and question cues are found again with them, so
        that the analysis reads the actors the brief lists. ``analysis`` is updated in place."""
        if not shared:
            return at
        view = dict(at)
        for anchor, found in shared.items():
            view[anchor] = {**at[anchor], **found}
            hits = {}
            for key, phrase, first, last in self.index.find(tokens[anchor], view[anchor]):
                if key[0] in ("relation", "claim"):
                    hits.setdefault(key[0], []).append(_hit(Hit, (key[1], phrase, first, last)))
            analysis[anchor] = hits
        return view

    def _cues(self, sentences, tokens, at):
        """Every cue of every sentence, one scan each: ``({anchor: {evidence key: [phrase]}},
        {anchor: {"relation" | "claim": [Hit]}})``."""
        evidence, analysis = {}, {}
        for s in sentences:
            hits, other = {}, {}
            for key, phrase, first, last in self.index.find(tokens[s.anchor], at[s.anchor]):
                if key[0] in ("relation", "claim"):
                    other.setdefault(key[0], []).append(_hit(Hit, (key[1], phrase, first, last)))
                    continue
                found = hits.setdefault(key, [])
                if phrase not in found:
                    found.append(phrase)
            evidence[s.anchor], analysis[s.anchor] = hits, other
        return evidence, analysis

    # ---- quotes --------------------------------------------------------------------

    def _quotes(self, doc, body, mentions, people, date):
        found = [Mention(m.start, m.end, m.actor) for s in body for m in mentions[s.anchor]]
        finder = self.finder
        # a state's organs pass to its successor as its capital does ("the Afghan embassy"
        # after the Taliban took Kabul)
        demonyms = self._demonyms_at.get(date)
        if demonyms is None:
            demonyms = self._demonyms_at[date] = {w: self._successor(a, date) for w, a in self.demonyms.items()}
        return self.quote_finder.find(doc, found, lambda a: finder.kind_of(a, people),
                                      lambda a: finder.name_of(a, people), demonyms)

    def _successor(self, actor_id: str, date: str | None) -> str:
        actor = self.actors.get(actor_id)
        if actor is None or not actor.succeeded or not date:
            return actor_id
        by, since = actor.succeeded[0], actor.succeeded[1]
        return by if has_passed(since, date) else actor_id


def _mentions(s, toks, found: dict, gone) -> list[_Mention]:
    """The sentence's mentions (``found``: first token -> (actor, token after)) in file offsets,
    in token order, but for those that only say where a border or an office is (``gone``)."""
    out = []
    for i, (actor, end) in sorted(found.items()):
        if i not in gone:
            a, b = toks[i][START], toks[end - 1][END]
            out.append(_Mention(s.start + a, s.start + b, actor, s.text[a:b]))
    return out


_hit = tuple.__new__   # Hit(...) calls a Python-level __new__; this makes the same tuple


def _article_date(doc: Document, events, finder: ActorFinder, body, mentions: dict) -> str | None:
    """When the article was written, as near as the page tells: its own date, else the latest
    date it reports or, where it names an actor by a name that passes to a successor ("Kabul"),
    the date of a succession it speaks of as done ("the Taliban government")."""
    if doc.article.meta.date:
        return doc.article.meta.date
    stated = finder.stated_succession(body) if finder.names_passing(mentions) else None
    return max((d for d in (stated, *(e.date for e in events)) if d), default=None)


def extract_document(doc: Document, taxonomy: Taxonomy) -> Extraction:
    return Extractor(taxonomy).extract(doc)
