"""``brief check``: every problem of every brief and of the taxonomy, with its place.

Each problem is reported as ``path:line:column: message``; line and column come from the
YAML nodes (``reader``, which composes them only when a problem has to be placed). All
problems of a file are reported, not just the first.

Checks: YAML syntax, non-standard tags, duplicate keys, the schema (unknown keys, wrong types,
bad status), ids (unique, cannot leave the briefs folder), references (motive, counterargument,
actor, speaker, source), grounding (``text[start:end] == quote`` in the seed file), staleness
(the seed's sha256 changed since extraction) and flags left by re-extraction.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import schema as S
from ..cache.collector import paused_gc
from ..ingest.articles import MAX_ARTICLE_BYTES, source_listing
from ..ingest.paths import LINK, inside, listing, safe_name
from .anchor import fix_text
from .format import ITEM_KINDS, LABEL_KEY, PREFIX, duplicate_id_problems, item_id, slug, summary_sentences
from .problem import BriefsmithError, Problem
from .reader import Doc, decode, parse, read_text, too_large
from .schema import describe as _what
from .schema import schema_problems
from .seen import read_brief, replace_if_unchanged

BRIEF_FOLDERS = ("sources", "motives", "actors")


# ---- the project ---------------------------------------------------------------------------

@dataclass
class Context:
    seeds: Path
    briefs: Path
    texts: dict[str, tuple[str, str] | None]      # seed file name -> (text, sha256), None if unreadable
    motives: set[str]
    counters: dict[str, str | None]              # counterargument id -> rebuts
    actors: set[str]
    source_ids: set[str]
    taxonomy_ok: bool = True                     # False: references are not checked
    seeds_whole: bool = True                     # every seed read (`brief extract` refuses none)
    # source id -> the seed file its brief names, filled in as the source briefs are checked
    # (the motive and actor briefs' summaries quote sentences of those files)
    source_files: dict[str, str | None] = field(default_factory=dict)
    # whether a quote was looked for in the other articles (``elsewhere``) since it was last reset:
    # the answer depends on every seed, not only the brief's own
    looked_elsewhere: bool = False


def check_project(seeds: Path, briefs: Path, taxonomy: Path | None = None) -> list[Problem]:
    """Every problem of the taxonomy, the seeds and the briefs, sorted by place."""
    with paused_gc():
        return _check_project(seeds, briefs, taxonomy)


def _check_project(seeds: Path, briefs: Path, taxonomy: Path | None) -> list[Problem]:
    seeds, briefs = Path(seeds), Path(briefs)
    taxonomy = Path(taxonomy) if taxonomy else briefs / "taxonomy.yaml"
    problems: list[Problem] = []
    tax = check_taxonomy(taxonomy, problems)
    texts: dict[str, tuple[str, str] | None] = {}
    before = len(problems)
    for p in seed_files(seeds, problems):
        raw, problem = read_bytes(p)
        text, problem = decode(raw, p) if problem is None else (None, problem)
        if problem:
            problems.append(problem)
            texts[p.name] = None
        else:
            texts[p.name] = (text, hashlib.sha256(raw).hexdigest())
    whole = len(problems) == before and bool(texts)   # (`brief extract` refuses none)
    files = brief_files(briefs, problems)
    ctx = Context(seeds, briefs, texts, {m["id"] for m in tax.get("motives", [])},
                  {c["id"]: c.get("rebuts") for c in tax.get("counterarguments", [])},
                  {a["id"] for a in tax.get("actors", [])},
                  {p.stem for p in files["sources"]}, bool(tax))
    ctx.seeds_whole = whole
    known_actors: set | None = set(ctx.actors)
    for path in files["sources"]:
        data = check_brief(path, ctx, problems, expect="source")
        if not isinstance(data, dict):
            known_actors = None     # ``UNREAD``
        elif known_actors is not None:
            known_actors |= {a.get("actor") for a in data.get("actors") or [] if isinstance(a, dict)}
    for kind in ("motives", "actors"):
        for path in files[kind]:
            check_brief(path, ctx, problems, expect=kind[:-1], known_actors=known_actors)
    return sorted(set(problems), key=Problem.sort_key)


def seed_files(seeds: Path, problems: list[Problem]) -> list[Path]:
    """The articles `brief extract` reads (``ingest.articles.source_listing``: the same rule
    for names, links and pairs); each one it refuses is a problem."""
    try:
        found = source_listing(seeds)
    except BriefsmithError as e:
        problems.append(Problem(e.path or str(seeds), e.message, e.line, e.column))
        return []
    problems.extend(found.refused)
    return found.files


def brief_files(briefs: Path, problems: list[Problem]) -> dict[str, list[Path]]:
    """The briefs of each folder (``BRIEF_FOLDERS``); a link among them is a problem, not read."""
    files = {}
    for kind in BRIEF_FOLDERS:
        found = listing(briefs / kind, (".yaml",))
        problems.extend(found.refused)
        files[kind] = found.files
    return files


def read_bytes(path: Path) -> tuple[bytes, Problem | None]:
    """An article's bytes, or a problem that names it (a link, too large, or what the system
    said)."""
    if path.is_symlink():
        return b"", Problem(str(path), LINK)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return b"", Problem(str(path), too_large(size, MAX_ARTICLE_BYTES))
        return path.read_bytes(), None
    except OSError as e:
        return b"", Problem(str(path), f"cannot read: {e.strerror}")


def check_taxonomy(path: Path, problems: list[Problem]) -> dict:
    """Schema and reference checks of the taxonomy; its data ({} when unusable)."""
    if path.is_symlink():
        problems.append(Problem(str(path), LINK))
        return {}
    if not path.is_file():
        problems.append(Problem(str(path), "taxonomy file not found (references "
                                "to motives, counterarguments and actors are not checked)"))
        return {}
    text, problem = read_text(path)
    if problem:
        problems.append(problem)
        return {}
    doc, found = parse(text, path)
    problems += found
    if doc is None or not isinstance(doc.data, dict):
        if doc is not None:
            problems.append(doc.problem("expected a mapping with actors, motives and counterarguments"))
        return {}
    own = schema_problems(doc, S.Taxonomy)
    data = doc.data
    ids: dict[str, set] = {}
    for key in ("actors", "motives", "counterarguments"):
        seen: set = set()
        for i, item in enumerate(data.get(key) or [] if isinstance(data.get(key), list) else []):
            iid = item.get("id") if isinstance(item, dict) else None
            if isinstance(iid, str):
                if iid in seen:
                    own.append(doc.problem(f"duplicate id {iid!r} in {key}", (key, i, "id")))
                seen.add(iid)
        ids[key] = seen
    for i, c in enumerate(data.get("counterarguments") or [] if isinstance(data.get("counterarguments"), list) else []):
        if isinstance(c, dict) and isinstance(c.get("rebuts"), str) and c["rebuts"] not in ids["motives"]:
            own.append(doc.problem(f"rebuts {c['rebuts']!r} is not a motive id", ("counterarguments", i, "rebuts")))
    subject = data.get("subject")
    if isinstance(subject, str) and subject not in ids["actors"]:
        own.append(doc.problem(f"subject {subject!r} is not an actor id", ("subject",)))
    problems += own
    if not own and not found:
        from .taxonomy import load_taxonomy
        try:
            load_taxonomy(path)   # cue phrases and what else the extractor insists on
        except BriefsmithError as e:
            problems.append(Problem(e.path or str(path), e.message, e.line, e.column))
    clean = lambda key: [x for x in data.get(key) or [] if isinstance(x, dict) and isinstance(x.get("id"), str)] \
        if isinstance(data.get(key), list) else []
    return {k: clean(k) for k in ("actors", "motives", "counterarguments")}


def load_doc(path: Path, problems: list[Problem]) -> Doc | None:
    text, problem = read_text(path)
    if problem:
        problems.append(problem)
        return None
    doc, found = parse(text, path)
    problems += found
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(doc.problem("a brief must be a mapping (brief: source, motive or actor)"))
        return None
    return doc


# A source brief that cannot be read (its YAML broken, say) may name any actor: its own problem
# is reported, and the actor briefs are not called unknown for it (``known_actors`` None).
UNREAD = None


def check_brief(path: Path, ctx: Context, problems: list[Problem], expect: str,
                known_actors: set | None = UNREAD) -> dict | None:
    doc = load_doc(path, problems)
    if doc is None:
        return None
    data = doc.data
    kind = data.get("brief")
    if kind not in S.BRIEFS:
        problems.append(doc.problem(f"brief: expected source, motive or actor, got {_what(kind)}",
                                    ("brief",) if "brief" in data else ()))
        return None
    if kind != expect:
        problems.append(doc.problem(f"a {kind} brief in the {expect}s folder; expected "
                                    f"brief: {expect}", ("brief",)))
        return None
    problems += schema_problems(doc, S.BRIEFS[kind])
    bid = data.get("id")
    if isinstance(bid, str):
        if not safe_name(bid):
            problems.append(doc.problem(f"id {bid!r} could escape its folder; use a plain name "
                                        "(letters, digits, '-', '_', '.')", ("id",)))
        elif bid != path.stem:
            problems.append(doc.problem(f"id {bid!r} differs from the file name {path.stem!r}", ("id",)))
    if kind == "source":
        _check_source(doc, ctx, problems)
    else:
        _check_cross(doc, ctx, problems, kind, known_actors)
    return data


def _check_cross(doc: Doc, ctx: Context, problems: list[Problem], kind: str, actors: set | None) -> None:
    data = doc.data
    bid = data.get("id")
    if kind == "motive" and ctx.taxonomy_ok and isinstance(bid, str) and bid not in ctx.motives:
        problems.append(doc.problem(f"unknown motive {bid!r}: not in the taxonomy", ("id",)))
    if kind == "actor" and ctx.taxonomy_ok and actors is not UNREAD and isinstance(bid, str) and bid not in actors:
        problems.append(doc.problem(f"unknown actor {bid!r}: not in the taxonomy nor in any source brief", ("id",)))
    for i, row in enumerate(_rows(data, "sources")):
        sid = row.get("source")
        if isinstance(sid, str) and sid not in ctx.source_ids:
            problems.append(doc.problem(f"unknown source {sid!r}: no brief sources/{sid}.yaml",
                                        ("sources", i, "source")))
    _check_summary(doc, ctx, problems)


def cited_sources(data) -> list[str]:
    """The sources whose sentences a motive or actor brief's summary quotes."""
    return sorted({s["source"] for s in summary_sentences(data)
                   if isinstance(s, dict) and isinstance(s.get("source"), str)})


def _check_summary(doc: Doc, ctx: Context, problems: list[Problem], own: tuple | None = None) -> None:
    """Every sentence of the summary is a verbatim span of its source at its offsets, as the
    items are: a page shows them as quotes. ``own``: (id, text, file name) of a source brief,
    whose summary quotes its own article; a cross-source summary names each sentence's source."""
    for i, sentence in enumerate(summary_sentences(doc.data)):
        loc = ("summary", "sentences", i)
        if not isinstance(sentence, dict):
            problems.append(doc.problem("a summary sentence must be a mapping of quote, start, end "
                                        "and anchor", loc))
            continue
        sid = sentence.get("source")
        if own is not None:
            if sid is not None and sid != own[0]:
                problems.append(doc.problem(f"source {sid!r}: a source's summary quotes its own "
                                            "article; leave source out", (*loc, "source")))
                continue
            text, fname = own[1], own[2]
        elif not isinstance(sid, str):
            problems.append(doc.problem(f"source: expected the id of a source brief, got {_what(sid)}",
                                        (*loc, "source") if "source" in sentence else loc))
            continue
        elif sid not in ctx.source_ids:
            problems.append(doc.problem(f"unknown source {sid!r}: no brief sources/{sid}.yaml",
                                        (*loc, "source")))
            continue
        else:
            fname = ctx.source_files.get(sid)
            seed = ctx.texts.get(fname) if isinstance(fname, str) else None
            text = seed[0] if seed else None
        if not isinstance(sentence.get("quote"), str):
            problems.append(doc.problem(f"quote: expected a string, got {_what(sentence.get('quote'))}"
                                        if "quote" in sentence else "missing key 'quote'",
                                        (*loc, "quote") if "quote" in sentence else loc))
            continue
        for key in ("start", "end"):
            value = sentence.get(key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                problems.append(doc.problem(f"{key}: expected an integer, got {_what(value)}", (*loc, key)))
        _check_grounding(doc, problems, sentence, loc, text, fname, fixable=False)


def _rows(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def _check_source(doc: Doc, ctx: Context, problems: list[Problem]) -> None:
    data = doc.data
    meta = data.get("source") if isinstance(data.get("source"), dict) else {}
    fname = meta.get("file")
    seed = None
    if isinstance(fname, str):
        if not safe_name(fname):
            problems.append(doc.problem(f"source file {fname!r} could escape the seeds folder; "
                                        "give a plain file name", ("source", "file")))
        elif fname not in ctx.texts:
            problems.append(doc.problem(f"unknown source: {fname} not found in {ctx.seeds}"
                                        + _orphan_hint(ctx, data, Path(doc.path).stem), ("source", "file")))
        else:
            seed = ctx.texts[fname]
    ctx.source_files[Path(doc.path).stem] = fname if isinstance(fname, str) else None
    if seed is not None and isinstance(meta.get("sha256"), str) and meta["sha256"] != seed[1]:
        problems.append(doc.problem(f"{fname} changed since extraction (sha256 differs), so offsets "
                                    "may be stale; run `brief extract`", ("source", "sha256")))
    text = seed[0] if seed else None
    actors = set(ctx.actors)
    for i, a in enumerate(_rows(data, "actors")):
        aid = a.get("actor")
        if isinstance(aid, str):
            actors.add(aid)
            if ctx.taxonomy_ok and aid not in ctx.actors and aid != slug(str(a.get("name") or "")):
                problems.append(doc.problem(f"unknown actor {aid!r}: not in the taxonomy and not "
                                            "the slug of its name", ("actors", i, "actor")))
    problems += duplicate_id_problems(doc)
    for kind in ITEM_KINDS:
        for i, item in enumerate(_rows(data, kind)):
            loc = (kind, i)
            if item.get("id") is None and item.get("status") != "manual":
                problems.append(doc.problem("item has no id", loc))
            if ctx.taxonomy_ok:
                _check_refs(doc, ctx, problems, kind, item, loc, actors)
            _check_grounding(doc, problems, item, loc, text, fname,
                             elsewhere=lambda quote: elsewhere(ctx, quote, fname))
    _check_summary(doc, ctx, problems, own=(data.get("id"), text, fname))


def _check_refs(doc, ctx: Context, problems, kind: str, item: dict, loc, actors: set) -> None:
    label = item.get(LABEL_KEY[kind])
    if kind == "motives" and isinstance(label, str) and label not in ctx.motives:
        problems.append(doc.problem(f"unknown motive {label!r}: not in the taxonomy", (*loc, "motive")))
    if kind == "counters":
        if isinstance(label, str) and label not in ctx.counters:
            problems.append(doc.problem(f"unknown counterargument {label!r}: not in the taxonomy",
                                        (*loc, "counter")))
        rebuts = item.get("rebuts")
        if isinstance(rebuts, str) and rebuts not in ctx.motives:
            problems.append(doc.problem(f"unknown motive {rebuts!r} in rebuts", (*loc, "rebuts")))
    if kind == "quotes" and isinstance(label, str) and label not in actors \
            and label != slug(str(item.get("speaker_name") or "")):
        problems.append(doc.problem(f"unknown actor {label!r}: not in the taxonomy, not among this "
                                    "brief's actors, not the slug of speaker_name", (*loc, "speaker")))


def _check_grounding(doc, problems, item: dict, loc, text: str | None, fname, fixable: bool = True,
                     elsewhere=lambda quote: "") -> None:
    status = item.get("status", "auto")
    quote, start, end = item.get("quote"), item.get("start"), item.get("end")
    missing = isinstance(quote, str) and text is not None and quote not in text
    if isinstance(item.get("flag"), str) and status != "rejected":
        problems.append(doc.problem(f"flagged on re-extraction: {item['flag']}"
                                    + (elsewhere(quote) if missing else "") + "; review the item "
                                    "(fix quote/start/end or reject it), then delete the flag",
                                    (*loc, "flag")))
        return
    if isinstance(item.get("flag"), str):    # a rejection whose sentence is gone: the new
        problems.append(doc.problem(         # wording may be shown, unreviewed
            f"flagged on re-extraction: {item['flag']}; this rejection no longer holds any "
            "sentence: reject the item that replaces it, if there is one, then delete this one",
            (*loc, "flag")))
        return
    if text is None or not isinstance(quote, str) or status == "rejected":
        return
    if not quote:
        problems.append(doc.problem("quote is empty", (*loc, "quote")))
        return
    ok_types = isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
    if start is None and end is None:
        n = text.count(quote)
        if n == 0:
            problems.append(doc.problem(f"quote not found verbatim in {fname}" + elsewhere(quote), (*loc, "quote")))
        elif not fixable:
            problems.append(doc.problem(f"start and end missing: give the offsets of the quote in {fname}"
                                        + (f" (found at {text.find(quote)})" if n == 1 else ""), loc))
        else:
            problems.append(doc.problem("start and end missing; run `brief check --fix` to fill them in"
                                        + (f" (the quote occurs {n} times: give start to choose)" if n > 1 else ""),
                                        loc))
        return
    if not ok_types:
        return  # the schema already said so
    if text[start:end] == quote:
        return
    found = text.find(quote)
    if found < 0:
        problems.append(doc.problem(f"quote not found verbatim in {fname}" + elsewhere(quote), (*loc, "quote")))
    elif end != start + len(quote) and text[start:start + len(quote)] == quote:
        problems.append(doc.problem(f"end should be {start + len(quote)} (start + length of the quote)",
                                    (*loc, "end")))
    else:
        problems.append(doc.problem(f"quote is not at {start}:{end} in {fname} " + _elsewhere(text, quote, found, fixable),
                                    (*loc, "start")))


# A quote this long found in another article is that article's passage, not a common phrase.
ELSEWHERE_MIN = 24


def _orphan_hint(ctx: Context, data: dict, stem: str) -> str:
    """What `brief extract` does with the brief ``stem`` whose article is gone from the seeds,
    as the rest of the message: moves it with its article renamed (the same bytes under one
    other name), removes it when no person wrote in it; else what the person may do."""
    from .merge import touched
    ctx.looked_elsewhere = True   # (the answer depends on the other articles)
    if not ctx.seeds_whole or any(name.rpartition(".")[0] == stem for name in ctx.texts):
        return ""   # (the run refuses the seeds, or merges an article of that name into it)
    sha = data["source"].get("sha256")
    same = [name for name in sorted(ctx.texts) if (ctx.texts.get(name) or ("", ""))[1] == sha]
    if not touched(data):
        return "; no person wrote in this brief: `brief extract` removes it"
    if len(same) == 1:
        return (f"; the article is now {ctx.seeds / same[0]} (the same bytes): `brief extract` "
                "moves this brief there, with the edits in it")
    return "; put the article back, or delete this brief once the edits in it are not needed"


def elsewhere(ctx: Context, quote, own) -> str:
    """Where else a quote missing from its brief's article stands, as ``; it is found in
    seeds/x.txt:LINE:COLUMN, another article: ...`` (the first of the other articles, by name,
    that holds it verbatim), or "": an item moved by hand into another source's brief is then
    told apart from one whose sentence was reworded."""
    if not isinstance(quote, str) or len(quote.strip()) < ELSEWHERE_MIN:
        return ""
    ctx.looked_elsewhere = True
    found = []
    for name in sorted(ctx.texts):
        seed = ctx.texts.get(name) if name != own else None
        at = seed[0].find(quote) if seed else -1
        if at >= 0:
            found.append((name, seed[0], at))
    if not found:
        return ""
    name, text, at = found[0]
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    more = f" (and in {len(found) - 1} more)" if len(found) > 1 else ""
    return (f"; it is found in another article, {ctx.seeds / name}:{line}:{column}{more}: was the item "
            "moved here from that article's brief? move it back there, or reject it here")


def _elsewhere(text: str, quote: str, found: int, fixable: bool) -> str:
    """Where a misplaced quote stands. `--fix` places a quote that occurs once; of several
    places it chooses none (a decision is never moved to a lookalike), so it is not offered."""
    places = [found]
    while len(places) < 4 and (found := text.find(quote, found + 1)) >= 0:
        places.append(found)
    if len(places) == 1:
        return f"(found at {places[0]})" + ("; run `brief check --fix`" if fixable else "")
    shown = ", ".join(map(str, places[:3])) + (", ..." if len(places) > 3 else "")
    return f"(it occurs {text.count(quote)} times, at {shown}): set start to the place meant"


# ---- --fix --------------------------------------------------------------------------------

@dataclass
class Fixed:
    """What ``fix_project`` did: the briefs it wrote, and those a person saved while it worked on
    them (left as saved, not fixed: the next ``--fix`` does them)."""
    written: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def fix_project(seeds: Path, briefs: Path) -> Fixed:
    """Fill in ids, offsets, anchors and context of grounded items in the source briefs; a brief
    is replaced only if it still holds what was read (as `brief extract` does)."""
    done = Fixed()
    for path in listing(Path(briefs) / "sources", (".yaml",)).files:
        try:
            existing, seen = read_brief(path)
        except Problem:
            continue   # fix only what can be read...
        doc, problems = parse(existing, path) if existing is not None else (None, [])
        if doc is None or problems or not isinstance(doc.data, dict) \
                or doc.data.get("brief") != "source" or S.validate(S.SourceBrief, doc.data):
            continue   # ...parses and has the right shape
        text, seed = _seed_text(Path(seeds), doc.data)
        new = fix_text(existing, doc.data, text, seed) if text is not None else None
        if new is None or new == existing:
            continue
        if replace_if_unchanged(path, new, seen):
            done.written.append(str(path))
        else:
            done.changed.append(str(path))
    return done


def _seed_text(seeds: Path, data: dict) -> tuple[str | None, Path | None]:
    """The text of the brief's article, or None when it cannot be read."""
    try:
        seed = inside(seeds, data["source"]["file"])
    except BriefsmithError:
        return None, None
    raw, problem = read_bytes(seed) if seed.is_file() else (b"", True)
    text, problem = decode(raw, seed) if problem is None else (None, problem)
    return (None, None) if problem else (text, seed)


def expected_id(kind: str, item: dict) -> str:
    return item_id(kind, str(item.get(LABEL_KEY[kind])), str(item.get("quote")))


__all__ = ["Problem", "check_project", "fix_project", "Fixed", "Doc", "PREFIX"]
