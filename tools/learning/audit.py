"""What each hand-written rule of the rule-based extractors fires on across the seeds and the
dev set, and whether it made a scored item right: ``python tools/learning/audit.py`` (under
``nice``: about a minute; ``--all`` lists every entry, not only the narrow ones).

A rule here is an entry of a hand list (a reporting verb, a role noun, a title, a word that
makes a name a body, a taxonomy alias, title or speech verb) or an alternative of a
hand-written pattern (a widget phrase, a credit shape, a date shape, a reporting verb of the
actor finder). Each is measured by ablation: the extractors run again without it
(``rulerun.run``) and every sentence whose outputs change (a quote, its speaker, an event's
date, an actor mention, a line kept or removed) is one it fires on. The change in reference
items right, and in wrong predictions, says what it does for the scores.

The taxonomy's motive and counterargument cues are features of the learned classifier (which
would have to be trained again without each): they are counted by where they match, and how
many of those sentences the reference labels with their motive or counterargument.

An entry that changes one sentence of the 35 articles (or one article) is listed as narrow:
a rule for a sentence seen, not a concept, unless a new article of the same kind would
fire it too (docs/learning.md, "Rules that generalise").
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rulerun  # noqa: E402
from generator.extract import actors, dates, people, speakers, speech  # noqa: E402
from generator.ingest import articles, datelines, furniture, paragraphs, pointers  # noqa: E402
from generator.learn.annotations import canonical_id  # noqa: E402

# (module, list name, the names derived from it at import, in the same module): removing an
# entry removes it from those too
WORD_LISTS = (
    (speech, "REGULAR", ()), (speech, "SPEECH_NOUNS", ()), (speech, "NOUN_LIKE", ()),
    (speakers, "PERSON_ROLES", ("HEAD_NOUNS", "TITLE_WORDS")), (speakers, "ORG_NOUNS", ("HEAD_NOUNS",)),
    (speakers, "DOC_NOUNS", ("HEAD_NOUNS",)), (speakers, "GROUP_WORDS", ()),
    (people, "TITLES", ()), (people, "NOT_PERSON", ()), (people, "NOT_NAMES", ()),
    (actors, "ORGANS", ()), (people, "PARTICLES", ()), (actors, "AT_PLACE", ()), (actors, "SEATED", ()),
    (actors, "CAPITALS", ()),
)
# (module, pattern name, stage): hand-written patterns whose alternatives are audited
PATTERNS = (
    (articles, "WIDGET", "ingest"), (articles, "DISCLAIMER", "ingest"), (articles, "CREDIT", "ingest"),
    (articles, "CREDIT_VIA", "ingest"), (articles, "BYLINE", "ingest"), (pointers, "NAV", "ingest"),
    (pointers, "POINTER", "ingest"), (pointers, "KIND_POINTER", "ingest"), (pointers, "RELATED", "ingest"),
    (furniture, "SUBSCRIBE", "ingest"), (furniture, "SHARE", "ingest"), (furniture, "CREDIT_END", "ingest"),
    (furniture, "MEDIA_LABEL", "ingest"), (furniture, "SOURCE_LABEL", "ingest"),
    (furniture, "LABELLED_DATE", "ingest"), (datelines, "DATELINE", "ingest"), (furniture, "SPONSOR", "ingest"),
    (dates, "DATE", "extract"), (dates, "PERIOD_OPENER", "extract"), (dates, "PARTIAL", "extract"),
    (dates, "FUTURE", "extract"), (people, "REPORTING", "extract"), (people, "REPORTED_BY", "extract"),
    (people, "APPOSITION", "extract"),
    (dates, "RELATIVE", "extract"), (dates, "AFTER", "extract"), (dates, "RANGE_OPENER", "extract"),
    (dates, "RANGE_LINK", "extract"), (dates, "MEASURE", "extract"),
)
CALENDAR = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                      r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\??")


@dataclasses.dataclass
class Entry:
    kind: str          # "word", "pattern", "taxonomy"
    where: str         # "speakers.PERSON_ROLES", "articles.WIDGET", "taxonomy speech_verbs"
    value: str
    ablate: object     # a context manager factory: the rules without this entry
    reread: bool = False
    taxonomy: object = None
    occurs: object = None   # (sentence or line words, sentence or line text) -> does it fire there


def _word(word: str, exact: bool):
    if " " in word:   # a name of several words ("New Delhi")
        return lambda ws, text: word in text
    forms = {word} if exact else {word.lower()}
    return lambda ws, text: not forms.isdisjoint(ws if exact else {w.lower() for w in ws})


def _forms(words: list[str]):
    found = set()
    for w in words:
        found |= speech.inflections(w) if " " not in w else {w}
    return lambda ws, text: not found.isdisjoint({w.lower() for w in ws}) or any(
        " " in f and f in text.lower() for f in found)


def _phrase(phrase: str):
    return lambda ws, text: re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _differs(full, ablated):
    def occurs(ws, text):
        a, b = full.search(text), ablated.search(text)
        return (a and a.span()) != (b and b.span())
    return occurs


@contextlib.contextmanager
def patched(module, values: dict):
    """The module's names set to ``values``, and so the same names of every other module of the
    package that imported the same object (``people.NOT_NAMES`` in ``actors``)."""
    old = {k: getattr(module, k) for k in values}
    holders = [(m, k) for m in list(sys.modules.values()) if getattr(m, "__name__", "").startswith("generator.")
               for k in values if getattr(m, k, None) is old[k]]
    try:
        for m, k in holders:
            setattr(m, k, values[k])
        yield
    finally:
        for m, k in holders:
            setattr(m, k, old[k])


def word_entries() -> list[Entry]:
    out = []
    for module, name, derived in WORD_LISTS:
        for word in sorted(getattr(module, name)):
            values = {n: frozenset(getattr(module, n)) - {word} for n in (name, *derived)}
            if name == "REGULAR":
                values = {name: [w for w in module.REGULAR if w != word]}
            exact = name in ("NOT_NAMES", "PARTICLES", "CAPITALS")
            out.append(Entry("word", f"{module.__name__.split('.')[-1]}.{name}", word,
                             lambda m=module, v=values: patched(m, v),
                             occurs=_forms([word]) if name == "REGULAR" else _word(word, exact)))
    return out


INLINE_FLAGS = re.compile(r"\?[aiLmsux]*(?:-[imsx]+)?:")


def alternations(pattern: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Each group of ``pattern`` (and the top level) with three alternatives or more:
    (content start, content end, [(alternative start, end)])."""
    stack, groups, i, in_class = [[0, []]], [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            j = i + 1
            flags = INLINE_FLAGS.match(pattern, j)   # "(?i:", "(?-i:": the group opens after the colon
            if flags:
                j = flags.end()
            elif pattern[j:j + 1] == "?":
                j = pattern.index(">", j) + 1 if pattern[j:j + 3] == "?P<" else j + (3 if pattern[j:j + 3] in ("?<=", "?<!") else 2)
            stack.append([j, []])
        elif c == "|":
            stack[-1][1].append(i)
        elif c == ")":
            start, bars = stack.pop()
            groups.append((start, i, bars))
        i += 1
    start, bars = stack.pop()
    groups.append((start, len(pattern), bars))
    out = []
    for start, end, bars in groups:
        if len(bars) < 2:
            continue
        cuts = [start - 1, *bars, end]
        out.append((start, end, [(a + 1, b) for a, b in zip(cuts, cuts[1:])]))
    return out


def pattern_entries() -> list[Entry]:
    out = []
    for module, name, stage in PATTERNS:
        compiled = getattr(module, name)
        p = compiled.pattern
        for start, end, alts in alternations(p):
            texts = [p[a:b] for a, b in alts]
            if all(CALENDAR.fullmatch(t) for t in texts):
                continue   # month names: a closed class
            for k, (a, b) in enumerate(alts):
                rest = "|".join(t for j, t in enumerate(texts) if j != k)
                new = re.compile(p[:start] + rest + p[end:], compiled.flags)
                out.append(Entry("pattern", f"{module.__name__.split('.')[-1]}.{name}", p[a:b],
                                 lambda m=module, n=name, c=new: patched(m, {n: c}), stage == "ingest",
                                 occurs=_differs(compiled, new)))
    return out


def taxonomy_entries(taxonomy) -> list[Entry]:
    """The taxonomy's speech verbs, person titles and actor aliases, one taxonomy without each."""
    out = []
    for field in ("speech_verbs", "person_titles"):
        for value in getattr(taxonomy, field):
            t = dataclasses.replace(taxonomy, **{field: tuple(v for v in getattr(taxonomy, field) if v != value)})
            occurs = _forms([value]) if field == "speech_verbs" else _word(value, True)
            out.append(Entry("taxonomy", f"taxonomy {field}", value, contextlib.nullcontext, taxonomy=t,
                             occurs=occurs))
    for k, actor in enumerate(taxonomy.actors):
        for alias in actor.aliases:
            changed = dataclasses.replace(actor, aliases=tuple(a for a in actor.aliases if a != alias))
            t = dataclasses.replace(taxonomy, actors=taxonomy.actors[:k] + (changed,) + taxonomy.actors[k + 1:])
            out.append(Entry("taxonomy", f"taxonomy alias of {actor.id}", alias, contextlib.nullcontext, taxonomy=t,
                             occurs=_phrase(alias)))
    return out


def effect(base: rulerun.Run, other: rulerun.Run) -> dict:
    """Where a run without an entry differs from the plain one: sentences and articles whose
    outputs changed, reference items right only with the entry (``made``) or only without it
    (``spoilt``), wrong predictions only with it (``caused``) or only without it (``prevented``)."""
    keys = set(base.outputs) | set(other.outputs)
    changed = sorted(k for k in keys if base.outputs.get(k) != other.outputs.get(k))
    sentences = {k for k in changed if k[1] >= 0}
    # a line removed otherwise, no sentence changed: one place of its article
    lines = {k[0] for k in changed if k[1] < 0} - {k[0] for k in sentences}
    return {"sentences": len(sentences) + len(lines), "articles": len({k[0] for k in changed}),
            "made": len(base.right - other.right), "spoilt": len(other.right - base.right),
            "caused": len(base.wrong - other.wrong), "prevented": len(other.wrong - base.wrong),
            "where": sorted({k[0] for k in changed})}


def units(corpus) -> list[tuple[str, frozenset, str]]:
    """(source, words, text) of every line of every annotated article: a sentence's rules and
    a line's (ingest reads lines) both fire inside one."""
    out = []
    for _, _, g in corpus.sources:
        for line in g.text.raw.splitlines():
            if line.strip():
                out.append((g.id, frozenset(speech.WORD.findall(line)) | {w.rstrip(".") for w in speech.WORD.findall(line)},
                            line.strip()))
    return out


def occurrences(entry: Entry, lines) -> tuple[int, int]:
    """Lines and articles the entry fires on, whether or not another rule would do the same."""
    hit = [(g, text) for g, ws, text in lines if entry.occurs(ws, text)]
    return len(hit), len({g for g, _ in hit})


def ablate(corpus, entries: list[Entry]) -> list[tuple[Entry, dict]]:
    base = rulerun.run(corpus)
    lines = units(corpus)
    out = []
    for e in entries:
        try:
            with e.ablate():
                other = rulerun.run(corpus, e.taxonomy, reread=e.reread)
        except (IndexError, KeyError, TypeError):   # a named group the code reads: structure
            continue
        r = effect(base, other)
        r["lines"], r["line_articles"] = occurrences(e, lines)
        out.append((e, r))
    return out


def cue_firing(corpus) -> list[tuple[str, str, str, int, int, int]]:
    """(motive or counter id, cue kind, phrase, sentences, articles, of them labelled so)."""
    from generator.extract import Extractor
    from generator.extract.features import labelled_sentences
    extractor = Extractor(corpus.taxonomy)
    docs = rulerun.read(corpus, False)
    fired: dict = {}
    for _, _, g in corpus.sources:
        doc = docs[g.id]
        _, tokens, at = rulerun.mentions_of(extractor, doc)
        sents = labelled_sentences(doc)
        evidence, _ = extractor._cues(sents, tokens, at)
        for s in sents:
            for (kind, label, how, group), phrases in evidence[s.anchor].items():
                right = _labelled(g, kind, label, (s.start, s.end))
                for ph in phrases:
                    f = fired.setdefault((kind, label, how, ph), [set(), set(), 0])
                    f[0].add((g.id, s.start))
                    f[1].add(g.id)
                    f[2] += right
    listed = _cue_phrases(corpus.taxonomy)
    return [(f"{k[0]}:{k[1]}", k[2], k[3], len(fired.get(k, [()])[0]), len(fired.get(k, [(), ()])[1]),
             fired.get(k, [0, 0, 0])[2]) for k in listed]


def _cue_phrases(taxonomy) -> list[tuple]:
    out = []
    for kind, items in (("motive", taxonomy.motives), ("counter", taxonomy.counterarguments)):
        for item in items:
            out += [(kind, item.id, "any", p) for p in item.cues.any]
            out += [(kind, item.id, "all", p) for g in item.cues.all for p in g]
            out += [(kind, item.id, "none", p) for p in item.cues.none]
    return sorted(set(out), key=out.index)


def _labelled(g, kind, label, span) -> bool:
    from generator.learn.score import _overlap
    key = "motives" if kind == "motive" else "counters"
    for g_span, item in g.items[key]:
        if g_span and _overlap(g_span, span):
            if kind == "counter" or label in (item.get("motives") or ()):
                return True
    return False


def line_reach(corpus) -> dict:
    """{(file, line): articles} of every line of the rule modules a plain run executes (a
    branch taken for one article is a rule that fired on one article)."""
    from generator.extract import Extractor, quotes
    from generator.ingest.articles import read_article
    from generator.ingest.segment import segment
    files = {m.__file__ for m in (quotes, speakers, speech, actors, dates, furniture, articles, paragraphs)}
    hits: dict = {}
    current = [""]

    def local(frame, event, arg):
        if event == "line":
            hits.setdefault((frame.f_code.co_filename, frame.f_lineno), set()).add(current[0])
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename in files else None
    extractor = Extractor(corpus.taxonomy)
    for _, _, g in corpus.sources:
        current[0] = g.id
        sys.settrace(calls)
        try:
            extractor.extract(segment(read_article(g.path)))
        finally:
            sys.settrace(None)
    return hits


def report_lines(hits: dict) -> None:
    """The lines executed for one article only, by file and function."""
    import linecache
    print("\nlines of the rule modules executed for one article only (file:line, article, code)")
    for (path, line), arts in sorted(hits.items()):
        if len(arts) == 1:
            code = linecache.getline(path, line).strip()
            print(f"  {Path(path).name}:{line:<4} {next(iter(arts))[:38]:38} {code[:110]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="list every entry, not only the narrow ones")
    parser.add_argument("--lines", action="store_true",
                        help="instead: the lines of the rule modules executed for one article only")
    args = parser.parse_args(argv)
    corpus = rulerun.Corpus.load()
    if args.lines:
        report_lines(line_reach(corpus))
        return 0
    entries = word_entries() + pattern_entries() + taxonomy_entries(corpus.taxonomy)
    results = ablate(corpus, entries)
    report(results, cue_firing(corpus), args.all)
    return 0


def report(results, cues, everything: bool) -> None:
    kinds: dict = {}
    for e, r in results:
        band = "unused" if not r["lines"] else "one line" if r["lines"] == 1 else \
            "one article" if r["line_articles"] == 1 else "general"
        kinds.setdefault((e.where, band), []).append((e, r))
        if everything or band in ("one line", "one article"):
            print(f"{band:11} {e.where:32} {e.value[:40]!r:42} lines={r['lines']:3d} art={r['line_articles']:2d} "
                  f"| effect: sent={r['sentences']:3d} art={r['articles']:2d} "
                  f"made={r['made']} spoilt={r['spoilt']} caused={r['caused']} prevented={r['prevented']} "
                  f"{','.join(r['where'])[:60]}")
    print("\nper list: entries by how widely they fire (unused / one line / one article / general)")
    for where in sorted({w for w, _ in kinds}):
        n = [len(kinds.get((where, b), ())) for b in ("unused", "one line", "one article", "general")]
        print(f"  {where:36} {n[0]:4d} {n[1]:4d} {n[2]:4d} {n[3]:4d}")
    print("\ntaxonomy cues: sentences / articles matched / of them labelled so, narrow ones")
    bands = {"dead": 0, "one sentence": 0, "one article": 0, "general": 0}
    for label, how, phrase, n, arts, right in cues:
        band = "dead" if not n else "one sentence" if n == 1 else "one article" if arts == 1 else "general"
        bands[band] += 1
        if everything or band in ("one sentence", "one article"):
            print(f"  {band:12} {label:36} {how:4} {phrase!r:40} sent={n} art={arts} labelled={right}")
    print("  " + ", ".join(f"{k}: {v}" for k, v in bands.items()))


if __name__ == "__main__":
    sys.exit(main())
