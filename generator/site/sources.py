"""One source's view: its brief and its article -> a ``Source`` of the view model.

Reads the brief (``briefs.reader``) and takes the article's segmented ``Document``, drops every
item whose status is ``rejected`` and decides what the source's page and the listings show of
each item (labels, the whole sentence when the quote is a part of it, the actors a sentence
names). Problems never stop loading: each becomes a ``Problem`` with a place and its page.
A loaded source is packed as plain values (``pack``/``unpack``) for the caches and the workers.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import re
from collections import defaultdict
from pathlib import Path

from ..briefs import reader
from ..briefs.format import summary_sentences
from ..briefs.model import Document
from ..briefs.problem import BriefsmithError, Problem
from ..briefs.reader import Places
from ..ingest.paths import inside, listing
from .analysis import summary as shown_summary
from .model import STATUS_LABELS, KINDS, Item, Paragraph, Sentence, Source, source_page

_WORD = re.compile(r"\w+")


class Where(Places):
    """Line and column of a key path in one brief, composed again (with positions) only when
    the first problem asks, so valid briefs load without positions."""

    def at(self, loc=(), key: bool = False, nearest: bool = False) -> tuple[int, int]:
        return super().at(loc, key, nearest)


def read_brief(path: Path, problems: list[Problem], page: str | None) -> dict | None:
    """A brief's data, or None; each problem reading it is added to ``problems``, on ``page``
    (a brief read without one has data, and may be kept: ``Store.brief``)."""
    text, problem = reader.read_text(path)
    doc, found = reader.parse(text, path) if problem is None else (None, [problem])
    problems.extend(Problem(p.path, p.message, p.line, p.column, page) for p in found)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(str(path), "expected a mapping (a brief)", 1, 1, page))
        return None
    return doc.data


def _text(value) -> str | None:
    return None if value is None else str(value)


def brief_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The briefs of a folder in name order; a link among them is a problem, never read."""
    found = listing(folder, (".yaml",))
    problems.extend(Problem(e.path, e.message) for e in found.refused)
    return found.files


STORED = "_stored"   # an item read back from a packed source: the digest of its values
_DIGEST = 16
_ITEM_FIELDS = ("kind", "id", "source", "quote", "anchor", "status", "status_label", "confidence",
                "label", "label_name", "rebuts", "comment", "context", "value", "actors")
_SOURCE_FIELDS = ("title", "subtitle", "author", "outlet", "date", "url", "file", "summary", "notes",
                  "extracted", "actors")


def pack(src: Source, sent_anchors: set | None, problems: list[Problem]) -> tuple:
    """A loaded source as plain values (``marshal`` holds them; no class is pickled). The items
    and paragraphs stay marshalled bytes until a page to render needs them: a rebuild whose
    pages are all cached builds none of them."""
    index = {id(i): n for n, i in enumerate(src.items)}
    paragraphs = [(p.anchor, p.role, [(s.anchor, s.text, [index[id(i)] for i in s.items], s.highlight)
                                      for s in p.sentences]) for p in src.paragraphs]
    items = [tuple(getattr(i, f) for f in _ITEM_FIELDS) for i in src.items]
    # each item's digest, made once here: a listing page's context is digested by its items'
    # digests (``render``), not by pickling every item's values on every rebuild (most of
    # the digests' 7 s of a rebuild at 10,000 sources). marshal version 2 writes no
    # references, so equal values give equal bytes however their objects are shared.
    digests = b"".join(hashlib.blake2b(marshal.dumps(t, 2), digest_size=_DIGEST).digest() for t in items)
    return ({f: getattr(src, f) for f in _SOURCE_FIELDS},
            str(src.seed) if src.seed else None,
            marshal.dumps(items),
            marshal.dumps(paragraphs),
            sent_anchors,
            [(p.path, p.message, p.line, p.column, p.page) for p in problems],
            digests)


class _StoredSource(Source):
    """A source read back from the site cache: its items and paragraphs are built on first use."""

    _blob: bytes | None = None
    _paras: list = []
    _items_blob: bytes | None = None
    _items: list = []
    _digests: bytes = b""

    @property
    def items(self) -> list[Item]:
        if self._items_blob is not None:
            self._items = [Item(*t) for t in marshal.loads(self._items_blob)]
            self._items_blob = None
            for n, item in enumerate(self._items):   # (never changed once read back)
                item.__dict__[STORED] = self._digests[n * _DIGEST:(n + 1) * _DIGEST]
        return self._items

    @items.setter
    def items(self, value) -> None:
        self._items, self._items_blob = value, None

    @property
    def paragraphs(self) -> list[Paragraph]:
        if self._blob is not None:
            its = self.items
            self._paras = [Paragraph(a, role, [Sentence(sa, text, [its[n] for n in idx], hl)
                                               for sa, text, idx, hl in sents])
                           for a, role, sents in marshal.loads(self._blob)]
            self._blob = None
        return self._paras

    @paragraphs.setter
    def paragraphs(self, value) -> None:
        self._paras, self._blob = value, None


def unpack(sid: str, brief: Path | None, view: tuple) -> tuple[Source, set | None, list[Problem]]:
    """The source ``pack`` was given: ``(Source, its sentence anchors, its problems)``."""
    fields, seed, items, paragraphs, sent_anchors, problems, digests = view
    src = _StoredSource(id=sid, brief=brief, seed=Path(seed) if seed else None, **fields)
    src._items_blob = items
    src._digests = digests
    src._blob = paragraphs
    return src, sent_anchors, [Problem(*p) for p in problems]


def load_source(sid, brief, seed, seeds, problems, names, cnames, store) -> tuple:
    """One source from its brief and seed: ``(Source, brief data or None, sentence anchors or
    None)``. ``store`` reads the brief and the article (``load.Store``: kept ones, if it has)."""
    page = source_page(sid)
    src = Source(id=sid, title=sid, brief=brief)
    data = store.brief(src.brief, problems, page) if src.brief else None
    where = Where(src.brief)
    meta = data.get("source") if data and isinstance(data.get("source"), dict) else {}
    if meta.get("file"):
        try:   # a plain file name in the seeds folder, never a link: nothing else is read
            seed = inside(seeds, meta["file"])
        except BriefsmithError as e:
            problems.append(Problem(str(src.brief), f"source file: {e}", *where.at(("source", "file")), page))
            seed = None
    doc = None
    if seed is not None and seed.is_file():
        src.seed = seed
        try:
            doc = store.document(seed)
        except BriefsmithError as e:
            problems.append(Problem(e.path or str(seed), e.message, e.line, e.column, page))
    elif src.brief:
        problems.append(Problem(str(src.brief), f"seed file {seed or sid} not found in {seeds}",
                                *where.at(("source",)), page))
    art = doc.article.meta if doc else None
    for key in ("title", "subtitle", "author", "outlet", "date", "url"):
        value = _text(meta.get(key)) or (getattr(art, key) if art else None)
        if value:
            setattr(src, key, value)
    src.file = seed.name if seed else None
    sent_anchors = {s.anchor for p in doc.paragraphs for s in p.sentences} if doc else None
    cleaned: dict[str, str] = {}   # sentence anchor -> its text without furniture, made once
    if data is not None:
        src.extracted = True
        _check_anchors(src, data, sent_anchors, problems, page, where)
        if doc and meta.get("sha256") and meta["sha256"] != doc.article.sha256:
            problems.append(Problem(str(src.brief), f"{seed.name} changed since extraction "
                                    "(sha256 differs); re-run extraction", *where.at(("source",)), page))
        # the source's own sentences only: a summary is shown from the analysis, which
        # links sentences of every source (this one stays when the analysis fails)
        src.summary = shown_summary(data.get("summary"), {sid: sent_anchors} if doc else {}, sid)
        src.notes = _text(data.get("notes"))
        _items(src, data, doc, problems, page, names, cnames, where, cleaned)
    if doc:
        src.paragraphs = _paragraphs(doc, src.items, cleaned)
    return src, data, sent_anchors


def _list(data: dict, key: str, path: Path, problems, page, where: Where) -> list[tuple[int, dict]]:
    """The mappings of ``data[key]`` with their indexes."""
    value = data.get(key) or []
    if not isinstance(value, list):
        problems.append(Problem(str(path), f"{key} must be a list", *where.at(), page))
        return []
    good = []
    for n, v in enumerate(value):
        if isinstance(v, dict):
            good.append((n, v))
        else:
            problems.append(Problem(str(path), f"each of {key} must be a mapping, got {v!r:.40}",
                                    *where.at(), page))
    return good


class ActorMatcher:
    """Which actors a sentence names, in the order of ``forms`` (actor id -> its forms): an
    actor whose word-bounded regex of forms finds a match.

    A form matches only as whole words (``\\b...\\b``), so its first word is a whole word of
    the sentence: one set lookup per word of the sentence picks the few candidate actors, and
    only their regexes run (forms that begin with no word character are always candidates).
    Results are kept per sentence text, since several items quote the same sentence."""

    def __init__(self, forms: dict[str, list[str]]):
        self.forms = {aid: tuple(fs) for aid, fs in forms.items() if fs}
        self.order = {aid: n for n, aid in enumerate(self.forms)}
        self.by_word: dict[str, set[str]] = {}
        self.always: set[str] = set()
        for aid, fs in self.forms.items():
            firsts, always = _first_words(fs)
            for w in firsts:
                self.by_word.setdefault(w, set()).add(aid)
            if always:
                self.always.add(aid)
        self.memo: dict[str, list[str]] = {}

    def named(self, probe: str) -> list[str]:
        found = self.memo.get(probe)
        if found is None:
            by_word, words, forms = self.by_word, set(_WORD.findall(probe)), self.forms
            cands = self.always.union(*(by_word[w] for w in by_word.keys() & words))
            # A form that is one of the sentence's words (a maximal run of word characters)
            # is matched by the word-bounded regex there: such an actor needs no regex search.
            found = self.memo[probe] = [aid for aid in sorted(cands, key=self.order.__getitem__)
                                        if not words.isdisjoint(forms[aid]) or _forms_regex(forms[aid]).search(probe)]
        return list(found)


# An actor has the same forms in most of the sources that name it: what is derived from
# them is made once per build, not once per source.
@functools.lru_cache(maxsize=4096)
def _first_words(forms: tuple[str, ...]) -> tuple[frozenset, bool]:
    """The first words of the forms that begin with one, and whether another does not."""
    firsts = [_WORD.match(f) for f in forms]
    return frozenset(m.group() for m in firsts if m), not all(firsts)


@functools.lru_cache(maxsize=4096)
def _forms_regex(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")


def _items(src: Source, data, doc: Document | None, problems, page, names, cnames,
           where: Where, cleaned: dict[str, str]) -> None:
    """The shown items; ``cleaned`` collects each quoted sentence's cleaned text by anchor."""
    path = src.brief
    anchors = {s.anchor: s for p in doc.paragraphs for s in p.sentences} if doc else {}
    matcher = _actors(src, data, problems, page, where)
    for key in KINDS:
        kind = key[:-1]
        for n, raw in _list(data, key, path, problems, page, where):
            status = str(raw.get("status") or "auto")
            if status == "rejected":
                continue

            def bad(message, loc=(key, n)):
                problems.append(Problem(str(path), message, *where.at(loc), page))
            if status not in STATUS_LABELS:
                bad(f"status must be auto, confirmed, rejected or manual, got {status!r}")
            quote = str(raw.get("quote") or "")
            anchor = _text(raw.get("anchor"))
            sentence = anchors.get(anchor) if anchor else None
            if doc and anchor and sentence is None:
                bad(f"anchor {anchor!r} is not a sentence of {doc.article.path.name}")
                anchor = None
            # (a flagged item is one extraction could not place again: `brief check` reports its
            # flag, and re-running extraction would not mend it)
            if doc and isinstance(raw.get("start"), int) and isinstance(raw.get("end"), int) \
                    and doc.text[raw["start"]:raw["end"]] != quote and raw.get("flag") is None:
                bad("quote differs from the source text at start:end; re-run extraction")
            if not doc:
                anchor = None
            item = Item(kind=kind, id=str(raw.get("id") or ""), source=src.id, quote=quote, anchor=anchor,
                        status=status, status_label=STATUS_LABELS.get(status, status),
                        confidence=raw.get("confidence"), comment=_text(raw.get("comment")))
            _label(item, raw, names, cnames)
            if sentence is not None:
                if anchor not in cleaned:
                    cleaned[anchor] = _clean(doc, sentence)
                text = cleaned[anchor]
                if " ".join(quote.split()) != " ".join(text.split()):
                    item.context = text
            item.actors = matcher.named(item.context or quote)
            src.items.append(item)


def _actors(src: Source, data, problems, page, where: Where) -> ActorMatcher:
    """The source's shown actors (into ``src.actors``), and the matcher of their forms."""
    forms: dict[str, list[str]] = {}
    for _, a in _list(data, "actors", src.brief, problems, page, where):
        status = str(a.get("status") or "auto")
        aid = str(a.get("actor") or "")
        if status == "rejected" or not aid:
            continue
        name = str(a.get("name") or aid)
        fs = [str(f) for f in a.get("forms") or []]
        src.actors.append({"actor": aid, "name": name, "kind": a.get("kind"), "count": a.get("count") or 0, "forms": fs,
                           "status": status, "status_label": STATUS_LABELS.get(status, status)})
        forms[aid] = sorted(set(fs) | {name}, key=len, reverse=True)
    return ActorMatcher(forms)


def _label(item: Item, raw: dict, names: dict, cnames: dict) -> None:
    """An item's label (motive, counterargument, speaker, date or counts) and its name."""
    kind = item.kind
    if kind == "motive":
        item.label = str(raw.get("motive") or "")
        item.label_name = names.get(item.label, item.label)
    elif kind == "counter":
        item.label = str(raw.get("counter") or "")
        item.label_name = cnames.get(item.label, item.label)
        item.rebuts = _text(raw.get("rebuts"))
    elif kind == "quote":
        item.label = str(raw.get("speaker") or "")
        item.label_name = str(raw.get("speaker_name") or item.label)
    elif kind == "event":
        item.label = item.label_name = str(raw.get("date") or "")
    else:
        item.label = item.label_name = str(raw.get("counts") or "")
        item.value = _text(raw.get("value"))


def _check_anchors(src: Source, data: dict, anchors: set | None, problems, page, where: Where) -> None:
    """Relations, claims and summary sentences must point at sentences of the article."""
    if anchors is None:
        return
    for key, loc, items in (("relations", ("relations",), data.get("relations")),
                            ("claims", ("claims",), data.get("claims")),
                            ("summary sentences", ("summary", "sentences"), summary_sentences(data))):
        for n, raw in enumerate(items if isinstance(items, list) else ()):
            if isinstance(raw, dict) and raw.get("status") != "rejected" and raw.get("anchor") \
                    and raw["anchor"] not in anchors:
                problems.append(Problem(str(src.brief), f"{key}: anchor {raw['anchor']!r} is not a "
                                        f"sentence of {src.file}", *where.at((*loc, n)), page))


def _clean(doc: Document, sentence) -> str:
    """A sentence's text with the inline furniture (tags, template placeholders) cut out."""
    block = doc.article.blocks[sentence.paragraph - 1]
    out, pos = [], sentence.start
    for cs, ce in block.cuts:
        if ce <= pos or cs >= sentence.end:
            continue
        out.append(doc.text[pos:max(pos, cs)])
        pos = max(pos, ce)
    out.append(doc.text[pos:sentence.end])
    return " ".join("".join(out).split())


def _paragraphs(doc: Document, items: list[Item], cleaned: dict[str, str]) -> list[Paragraph]:
    by_anchor: dict[str, list[Item]] = defaultdict(list)
    marked = set()
    for i in items:
        if i.anchor:
            by_anchor[i.anchor].append(i)
            if i.kind in ("motive", "counter"):
                marked.add(i.anchor)
    out = []
    for p in doc.paragraphs:
        sents = [Sentence(s.anchor, cleaned[s.anchor] if s.anchor in cleaned else _clean(doc, s),
                          by_anchor.get(s.anchor, []), s.anchor in marked)
                 for s in p.sentences]
        out.append(Paragraph(p.anchor, p.role, sents))
    return out
