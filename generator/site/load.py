"""Briefs -> the site's view model (``model.Site``): ``load_site``, a function of its inputs.

Reads the taxonomy, every source brief with its article (``sources.load_source``), the motive
and actor briefs, runs the cross-source analysis and adds what ``brief check`` finds, each
problem on the page it affects. Problems never stop loading.

What may be kept between builds (parsed briefs, segmented articles, each source's view, the
analysis, the check's result) is asked of a ``Store``: this module's keeps nothing and does
everything in this process; ``cache.site.SiteCache`` keeps them, under the stamps of their
inputs, and loads many sources in forked workers.
"""
from __future__ import annotations

from pathlib import Path

from ..analysis import site_view
from ..analysis.actors import same_actors
from ..briefs.problem import BriefsmithError, Problem
from ..briefs.taxonomy import Taxonomy, load_taxonomy
from ..cache.collector import paused_gc
from ..ingest.articles import read_article, source_listing
from ..ingest.segment import segment
from .analysis import Analysis
from .analysis import build as build_analysis
from .analysis import summary as shown_summary
from .model import Site, Source
from .sources import brief_files, load_source, pack, read_brief, unpack


class Store:
    """What a load asks of the caller's caches. This one keeps nothing: every brief is read,
    every article segmented, everything computed, here (a plain load). ``key`` None: nothing
    of a load is reused by the renderer either."""

    key: str | None = None
    # the cross-source analysis kept between loads (``analysis.incremental``) and what was
    # made of it (``site.analysis.Reuse``), or None
    viewer = None
    analysed = None
    # briefs made in memory (``briefs.drafts``, under `mkdocs serve`): source id -> (brief path,
    # data, what it was made of), shown instead of the file (which may not exist yet)
    drafts: dict[str, tuple] = {}
    # the briefs of renamed articles that `brief extract` would move to the new names (their
    # paths, as ``str`` -> the new source id): their drafts show them there, so they are left
    # out here, and the motive and actor summaries that quote them point to the new names
    moved: dict[str, str] = {}
    # serving with `extract: true`: briefs drafted in memory as `brief extract` would write them
    drafting = False

    def drafted(self, path: Path) -> dict | None:
        """The data of a brief made in memory at ``path``, or None."""
        entry = self.drafts.get(path.stem) if self.drafts else None
        return entry[1] if entry is not None and entry[0] == path else None

    def begin(self, briefs: Path, seeds: Path, taxonomy: Path) -> None:
        """A new load of these folders."""

    def brief(self, path: Path, problems: list[Problem], page: str | None) -> dict | None:
        drafted = self.drafted(path)
        return drafted if drafted is not None else read_brief(path, problems, page)

    def document(self, seed: Path):
        return segment(read_article(seed))

    def views(self, todo: list[tuple], load, meanwhile=None):
        """``(sid, brief, view, brief data or None)`` of each ``(sid, brief, seed)`` of
        ``todo``, in its order: ``load(sid, brief, seed)`` gives ``(view, data)``."""
        for sid, brief, seed in todo:
            yield sid, brief, *load(sid, brief, seed)

    def cross(self, path: Path, problems: list[Problem], page: str | None) -> dict | None:
        return self.brief(path, problems, page)

    def unpacked(self, sid: str, brief: Path | None, view: tuple) -> tuple:
        """``sources.unpack(sid, brief, view)``."""
        return unpack(sid, brief, view)

    def kept_briefs(self, paths: list[Path]) -> list[dict] | None:
        """The data of ``paths`` if every one is kept already (None: not all are)."""
        return None

    def analysis(self, compute):
        """``compute()``'s value (None when the analysis failed), or the one kept for the same briefs."""
        return compute()

    def check(self, briefs: Path, seeds: Path, taxonomy: Path) -> list[Problem]:
        """What ``brief check`` finds in the project."""
        from ..briefs.check import check_project
        return check_project(seeds, briefs, taxonomy)

    def done(self) -> None:
        """After the load (before rendering)."""


@paused_gc()
def load_site(briefs: Path, seeds: Path, taxonomy: Path | None = None, store: Store | None = None) -> Site:
    """The view model of a project (built with the cyclic collector paused: loading makes plain
    data, no cycles, and the full collections its number sets off took a third of a first load
    of 1,000 sources). ``store``: what may be kept between loads (default: nothing)."""
    briefs, seeds = Path(briefs), Path(seeds)
    taxonomy_path = Path(taxonomy) if taxonomy else briefs / "taxonomy.yaml"
    store = store if store is not None else Store()
    store.begin(briefs, seeds, taxonomy_path)
    problems: list[Problem] = []
    tax = None
    try:
        tax = load_taxonomy(taxonomy_path)
    except BriefsmithError as e:
        problems.append(Problem(e.path or str(taxonomy_path), e.message, e.line, e.column, None))
    motives, counters, actors = _frame(tax)
    names = {m["id"]: m["name"] for m in motives}
    cnames = {c["id"]: c["name"] for c in counters}
    raw: dict[str, dict] = {}
    anchors: dict[str, set] = {}
    early: dict = {}   # the analysis' site view, made while forked workers load the sources

    def meanwhile(files: dict[str, Path]) -> None:
        if tax is not None:
            early.update(_early_view(tax, briefs, files, set(names), store))
    sources = _load_sources(briefs, seeds, problems, (names, cnames), actors, raw, anchors, store, meanwhile)
    known = {s.id for s in sources} if store.drafting else None
    raw_motives = _cross(briefs / "motives", motives, "motives", problems, anchors, store, known)
    _cross(briefs / "actors", list(actors.values()), "actors", problems, anchors, store, known)
    joined = _join_actors(actors, same_actors(tax, {s.id: {"actors": s.actors} for s in sources}))
    actor_list = sorted(actors.values(), key=lambda a: a["name"].lower())
    site = Site(question=str(tax.question) if tax else "", taxonomy=tax, taxonomy_path=taxonomy_path,
                motives=motives, counterarguments=counters, actors=actor_list, sources=sources,
                problems=problems, joined=joined)
    if tax is not None:
        value = store.analysis(lambda: _analyse(site, _briefs_read(sources, raw, store), raw_motives,
                                                anchors, early, store))
        if value is not None:
            _apply_analysis(site, value)
    store.done()
    _add_check_problems(site, store.check(briefs, seeds, taxonomy_path), store)
    return site


def _frame(tax: Taxonomy | None) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """The taxonomy's motives, counterarguments and actors as the pages list them."""
    motives = [{"id": m.id, "name": m.name, "description": m.description}
               for m in (tax.motives if tax else ())]
    names = {m["id"]: m["name"] for m in motives}
    counters = [{"id": c.id, "name": c.name, "description": c.description, "rebuts": c.rebuts,
                 "rebuts_name": names.get(c.rebuts or "", c.rebuts)}
                for c in (tax.counterarguments if tax else ())]
    actors = {a.id: {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases)}
              for a in (tax.actors if tax else ())}
    return motives, counters, actors


def _briefs_read(sources: list[Source], raw: dict[str, dict], store: Store) -> dict[str, dict]:
    """Every source brief's data, in the sources' order (as the analysis has always seen them):
    the ones this load read, and the others through the store."""
    ordered = {}
    for s in sources:
        data = raw.get(s.id)
        if data is None and s.brief is not None and s.extracted:
            data = store.brief(s.brief, [], None)
        if data is not None:
            ordered[s.id] = data
    return ordered


def _recounted(problem: Problem) -> bool:
    """Whether ``problem`` is one that `brief extract` clears by counting the sources again:
    a motive or actor brief naming a source that has no brief (its article deleted, and its
    brief), an actor brief of the machine's about no source now (removed). Serving, which
    drafts what that run writes, does not show it (the sources' pages show what it will be)."""
    path = Path(problem.path)
    if path.parent.name not in ("motives", "actors"):
        return False
    if problem.message.startswith("unknown source '"):
        return True
    if problem.message.endswith("nor in any source brief") and path.parent.name == "actors":
        from ..briefs.merge import machine_alone
        try:
            return machine_alone(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError):
            return False
    return False


def _add_check_problems(site: Site, found: list[Problem], store: Store) -> None:
    """What ``brief check`` finds (unknown ids, ungrounded quotes, stale offsets, ...), each on
    the page its brief feeds, so ``mkdocs build --strict`` fails on it and ``serve`` shows it;
    not the ones loading reported already."""
    # a brief made in memory replaces the file, whose problems (stale offsets) are not shown
    drafted = {str(entry[0]) for entry in store.drafts.values()} | set(store.moved)
    found = [p for p in found if p.path not in drafted and not (store.drafting and _recounted(p))]
    seen = {(p.path, p.line, p.message) for p in site.problems}
    seen_places = {(p.path, p.line) for p in site.problems}
    for p in found:
        if (p.path, p.line, p.message) in seen or (p.line is not None and (p.path, p.line) in seen_places
                                                     and "YAML" in p.message):
            continue
        path = Path(p.path)
        page = (f"{path.parent.name}/{path.stem}.md"
                if path.suffix == ".yaml" and path.parent.name in ("sources", "motives", "actors")
                else None)
        site.problems.append(Problem(p.path, p.message, p.line, p.column, page))


def _early_view(tax: Taxonomy, briefs: Path, files: dict[str, Path], motive_ids: set, store: Store) -> dict:
    """``{sources, motives, view}``: the analysis' site view of the briefs as the store keeps
    them, or {} when it lacks one of them (then the view is made after the load). The view
    depends on the brief data alone: on two cores it is made while the workers load the
    sources, instead of after, with a core idle."""
    found: dict[str, dict] = {}
    for kind, named in (("sources", sorted(files.items())), ("motives", sorted(
            (p.stem, p) for p in (briefs / "motives").glob("*.yaml") if p.stem in motive_ids))):
        data = store.kept_briefs([path for _, path in named])
        if data is None:
            return {}
        found[kind] = {sid: d for (sid, _), d in zip(named, data)}
    try:
        make = store.viewer.view if store.viewer is not None else site_view
        return dict(found, view=make(tax, found["sources"], found["motives"]))
    except Exception:  # malformed briefs: the analysis after the load reports the problem
        return {}


def _same_view(early: dict, raw: dict[str, dict], raw_motives: dict[str, dict]) -> dict | None:
    """The early view if it was made of exactly the briefs the analysis is given, else None."""
    if not early or list(early["sources"]) != list(raw) or early["motives"] != raw_motives:
        return None
    same = all(early["sources"][k] is v or early["sources"][k] == v for k, v in raw.items())
    return early["view"] if same else None


def _analyse(site: Site, raw: dict[str, dict], raw_motives: dict[str, dict],
             anchors: dict[str, set], early: dict, store: Store) -> tuple | None:
    """Cross-source analysis as plain values (``_apply_analysis`` puts it into the view model);
    a failure is a problem, never a crash. The store's ``viewer`` (an ``IncrementalView``)
    analyses again only the briefs that changed since its last load."""
    titles = {s.id: s.title for s in site.sources}
    try:
        view = _same_view(early, raw, raw_motives)
        if view is None and store.viewer is not None:
            view = store.viewer.view(site.taxonomy, raw, raw_motives)
        analysis, per_source = build_analysis(site.taxonomy, raw, raw_motives, anchors, titles,
                                              {a["id"]: a["name"] for a in site.actors}, view, store.analysed,
                                              site.joined)
    except Exception as e:  # malformed briefs (wrong types) that loading tolerated
        site.problems.append(Problem(str(site.taxonomy_path.parent / "sources"),
                                     f"cross-source analysis failed: {type(e).__name__}: {e}"))
        return None
    return (dict(analysis.__dict__), per_source)


def _apply_analysis(site: Site, value: tuple) -> None:
    fields, per_source = value
    site.analysis = Analysis(**fields)
    for s in site.sources:
        if s.id in per_source:
            x = per_source[s.id]
            s.stance, s.cells, s.weight, s.summary = x["stance"], x["cells"], x["weight"], x["summary"]
    for m in site.motives:
        a = site.analysis.motives.get(m["id"])
        if a is not None:
            m["summary"] = a["summary"]


def _cross(folder: Path, entries: list[dict], kind: str, problems: list[Problem],
           anchors: dict[str, set], store: Store, known: set[str] | None = None) -> dict[str, dict]:
    """Summary and notes of the cross-source briefs (motives/<id>.yaml, actors/<id>.yaml);
    returns the briefs read, by id. ``known`` (serving): the sources shown."""
    by_id = {e["id"]: e for e in entries}
    raw: dict[str, dict] = {}
    for e in entries:
        e.setdefault("summary", None)
        e.setdefault("notes", None)
        e.setdefault("brief", None)
    for path in brief_files(folder, problems):
        entry = by_id.get(path.stem)
        page = f"{kind}/{path.stem}.md" if entry else None
        data = store.cross(path, problems, page)
        if data is None or entry is None:
            continue
        if store.moved or known is not None:
            data = {**data, "summary": _renamed(data.get("summary"), store.moved, known)}
        raw[path.stem] = data
        entry.update(summary=shown_summary(data.get("summary"), anchors),
                     notes=None if data.get("notes") is None else str(data.get("notes")), brief=path)
    return raw


def _renamed(summary, moved: dict[str, str], known: set[str] | None = None):
    """A cross-source summary whose sentences quote a renamed article's old id, with the new
    one, and without those of a source that `brief extract` removes or that is gone (not in
    ``known``, when given): that run rewrites the summary; serving shows it so meanwhile."""
    if not isinstance(summary, dict) or not isinstance(summary.get("sentences"), list):
        return summary
    ids = {Path(old).stem: new for old, new in moved.items()}   # ("": removed)
    sentences = [{**s, "source": ids.get(s.get("source"), s.get("source"))} if isinstance(s, dict) else s
                 for s in summary["sentences"]]
    kept = [s for s in sentences if not isinstance(s, dict)
            or (s.get("source") != "" and (known is None or s.get("source") in known))]
    if len(kept) == len(sentences):
        return {**summary, "sentences": sentences}
    quotes = [str(s.get("quote")) for s in sentences if isinstance(s, dict)]
    text = summary.get("text")
    if summary.get("status", "auto") == "auto" and isinstance(text, str) and " ".join(quotes).split() == text.split():
        text = " ".join(str(s.get("quote")) for s in kept if isinstance(s, dict)) or None
    return {**summary, "text": text, "sentences": kept}


def _load_sources(briefs, seeds, problems, labels, actors, raw, anchors, store: Store, meanwhile) -> list[Source]:
    """The sources in id order; ``labels``: (motive names, counterargument names) by id.
    ``meanwhile(brief files)`` is called while forked workers load them, if they do."""
    seed_files: dict[str, Path] = {}
    try:   # the articles `brief extract` reads; one it refuses (a link, a bad name) is a problem
        found_seeds = source_listing(seeds)
        seed_files = {p.stem: p for p in found_seeds.files}
        problems.extend(Problem(e.path, e.message) for e in found_seeds.refused)
    except BriefsmithError as e:
        problems.append(Problem(e.path or str(seeds), e.message))
    files = {p.stem: p for p in brief_files(briefs / "sources", problems) if str(p) not in store.moved}
    files.update((sid, entry[0]) for sid, entry in store.drafts.items())
    todo = [(sid, files.get(sid), seed_files.get(sid)) for sid in sorted(set(seed_files) | set(files))]
    names, cnames = labels

    def load(sid, brief, seed) -> tuple:
        mine: list[Problem] = []
        src, data, sent_anchors = load_source(sid, brief, seed, seeds, mine, names, cnames, store)
        return pack(src, sent_anchors, mine), data, src.seed
    found = {}
    for sid, brief, view, data, _ in store.views(todo, load, lambda: meanwhile(files)):
        if data is not None:
            raw[sid] = data
        found[sid] = store.unpacked(sid, brief, view)
    out = []
    for sid in sorted(found):
        src, sent_anchors, mine = found[sid]
        problems.extend(mine)
        if sent_anchors is not None:
            anchors[sid] = sent_anchors
        _add_actors(actors, src)
        out.append(src)
    return out


def _add_actors(actors: dict[str, dict], src: Source) -> None:
    """The actors the taxonomy lacks, and the forms the source calls each one by."""
    for a in src.actors:
        aid = a["actor"]
        if aid not in actors:
            kind = a.get("kind") or ("person" if "-" in aid else "unknown")   # briefs from before kinds
            actors[aid] = {"id": aid, "name": a["name"], "kind": kind,
                           "aliases": []}
        for f in a["forms"]:
            if f != actors[aid]["name"] and f not in actors[aid]["aliases"]:
                actors[aid]["aliases"].append(f)


def _join_actors(actors: dict[str, dict], same: dict[str, str]) -> dict[str, str]:
    """One entry for a person spelled several ways across sources: the page's entry lists the
    others' ids (``joined``) and names every spelling among its aliases. An actor an analyst
    wrote notes or a summary for keeps its page. The joins made: id -> its page's id."""
    joined = {}
    for aid in sorted(same):
        page, other = actors.get(same[aid]), actors.get(aid)
        if page is None or other is None or _written(other):
            continue
        del actors[aid]
        joined[aid] = page["id"]
        page.setdefault("joined", []).append(aid)
        for name in (other["name"], *other["aliases"]):
            if name != page["name"] and name not in page["aliases"]:
                page["aliases"].append(name)
    return joined


def _written(entry: dict) -> bool:
    """Whether an analyst wrote the actor brief's notes or summary."""
    summary = entry.get("summary")
    return entry.get("notes") is not None or isinstance(summary, dict) and summary.get("status", "auto") != "auto"


__all__ = ["Store", "load_site"]
