"""The extraction run: seeds -> briefs, incremental and parallel, all-or-nothing on errors.

The per-motive and per-actor briefs it writes last are ``cross_source``'s."""
from __future__ import annotations

import contextlib
import gc
import itertools
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import format as B
from . import reader
from ..cache import documents
from ..cache.extraction import ExtractionCache, Records, article_digest, cache_key, record_line, seed_digest
from ..cache.files import atomic_write, clean_stale, discard, stage
from ..cache.files import token as run_token
from ..cache.processes import die_with_parent
from ..cache.collector import space_collections, spaced_collections
from ..cache.stamps import stamp
from ..cache.state import state_dir
from ..extract import Extractor
from ..ingest.articles import read_article, source_files, source_listing
from ..ingest.paths import listing
from .cross_source import cross_record, write_cross_source
from .merge import merge_text
from .renames import follow_renames, machine_made_sources
from .seen import MERGE_AGAIN, read_brief, unchanged
from .problem import BriefsmithError, Problem
from ..ingest.segment import segment
from .taxonomy import Taxonomy, load_taxonomy
from ..learn import modelfile

@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # source and taxonomy unchanged: not parsed
    orphans: list[str] = field(default_factory=list)   # briefs whose seed is gone (kept)
    gone: list[str] = field(default_factory=list)      # the machine's briefs whose seed is gone (removed)
    renamed: list[str] = field(default_factory=list)   # briefs moved with their renamed seed
    decisions: list[str] = field(default_factory=list)  # a person's decisions moved or lost
    conflicts: list[str] = field(default_factory=list)  # briefs saved by a person during the run
    removed: list[str] = field(default_factory=list)   # the machine's cross briefs of nothing
    stale: list[str] = field(default_factory=list)     # a person's cross briefs of nothing (kept)
    classifier: str = ""     # what labelled the sentences of the sources extracted (``classifier_note``)
    other_model: str = ""    # a model trained for another taxonomy, not used (a notice)

    def lines(self) -> list[str]:
        out = [f"wrote {p}" for p in self.written]
        out += [f"removed {p}: nothing in the sources is about it any more" for p in self.removed]
        out += [f"removed {p}: its article is no longer in the seeds, and no person wrote in it "
                "(extracted again if the article comes back)" for p in self.gone]
        out += [f"kept {o}: its article is no longer in the seeds, and a person wrote in it: put the "
                "article back, or delete the brief once its edits are not needed (the build refuses "
                "it meanwhile)" for o in self.orphans]
        out += self.notices()
        out += [self.classifier] if self.classifier else []
        out.append(f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
                   f"{len(self.skipped)} sources skipped (unchanged since last extraction)")
        return out

    def notices(self) -> list[str]:
        """What a person should know of the run: their decisions that moved or were lost,
        briefs they saved during it, briefs about nothing that they wrote in."""
        out = self.renamed + self.decisions
        out += [self.other_model] if self.other_model else []
        out += [f"kept {p}: it changed while brief extract ran, and it is as it was saved; run "
                "`brief extract` again to merge the article into it" for p in self.conflicts]
        out += [f"kept {p}: nothing in the sources is about it any more, but a person wrote in it "
                "(summary, notes or comments); delete it once they are not needed" for p in self.stale]
        return out


_worker: dict = {}


def _init_worker(taxonomy_path: str, pooled: bool = False, model_path: str = "",
                 parent: int | None = None, taxonomy: Taxonomy | None = None, model=None) -> None:
    """The extractor of this process (``taxonomy`` and ``model``: that taxonomy file's and that
    model file's, loaded by the caller already)."""
    if parent is not None:
        die_with_parent(parent)   # a killed run leaves no worker behind
    if not pooled or _worker.get("built") != (taxonomy_path, model_path):
        _worker["extractor"] = new_extractor(Path(taxonomy_path), Path(model_path) if model_path else None,
                                             taxonomy, model)
        _worker["built"] = (taxonomy_path, model_path)
    if pooled:
        # What a worker holds from now on lives as long as it does (the code, the taxonomy
        # and its indexes): exempt it from the collector's full passes (about 4% of a run).
        gc.freeze()
        space_collections()   # the worker extracts until it ends


def new_extractor(taxonomy_path: Path, model_path: Path | None, taxonomy: Taxonomy | None = None,
                  model=None) -> Extractor:
    """The extractor of a taxonomy and a sentence model file (None: none, the cues alone);
    ``taxonomy`` and ``model``: the taxonomy file's and the model file's, when the caller has
    loaded them (not parsed again: the model's JSON is about 1 MB, 20-35 ms a parse)."""
    taxonomy = taxonomy or load_taxonomy(taxonomy_path)
    if model is None and model_path:
        model = modelfile.parse(modelfile.read_bytes(model_path), model_path)
    return Extractor(taxonomy, model, _embedder(taxonomy, model))


def _embedder(taxonomy: Taxonomy, model):
    """The sentence embedder when the model uses it, or when there is no model for this
    taxonomy and it has examples to compare sentences with; else None (nothing loaded)."""
    fits = model is not None and model.matches(taxonomy)
    wanted = model.settings.embedding if fits else any(x.examples for x in (*taxonomy.motives,
                                                                         *taxonomy.counterarguments))
    if not wanted:
        return None
    from ..extract import embedder
    return embedder.load()


def merged_brief(extractor: Extractor, path: Path, target: Path, moved: str | None = None) -> tuple:
    """``(article, its document, the brief's text now or None, what was seen of it when read,
    the merged text, its data, notes on a person's decisions)``: the brief of the article at
    ``path`` as extraction writes it at ``target``, in memory (the fresh extraction merged with
    the brief there, every human edit kept). ``moved``: the text of a renamed article's brief
    as ``renames`` moves it to ``target``, merged instead of the file there."""
    article = read_article(path)
    doc = segment(article)
    fresh = B.source_brief(article, extractor.extract(doc))
    existing, seen = read_brief(target) if moved is None else (moved, None)
    notes: list = []
    text = merge_text(existing, fresh, article.text, target, notes)
    data = fresh if existing is None else reader.load_text(text, target).data
    return article, doc, existing, seen, text, data, notes


def _extract_one(path: str, target: str, token: str) -> tuple:
    """In a worker: extract one seed file and stage its brief next to the target.

    Returns (source id, staged file or None when the brief is unchanged, its
    ``cross_record`` as a JSON line, the seed's ``seed_digest``, its segmented document
    packed for the site, what was ``seen`` of the brief when read, the report's lines on a
    person's decisions). Nothing replaces the target here: ``extract_all`` renames the staged
    files once every source has succeeded, each only if unchanged since it was read."""
    target_path = Path(target)
    article, doc, existing, seen, text, data, notes = merged_brief(_worker["extractor"], Path(path), target_path)
    record = record_line(cross_record(data))
    tmp = None if text == existing else stage(target_path, text, token)
    return (article.id, tmp, record, article_digest(article), documents.pack(doc), seen,
            [f"{target}: {note}" for note in notes])


def extract_all(seeds: Path, briefs: Path, taxonomy_path: Path | None = None,
                jobs: int | None = None, force: bool = False, model_path: Path | None = None) -> Report:
    """Extract every seed into ``briefs``. Nothing is written unless every source succeeds.

    Unchanged seeds (same bytes, brief untouched since) are only hashed and stat-ed; when
    nothing changed at all, the cross-source briefs are not recomputed either. The main
    process holds no source's data: workers hand back compact records, which go to a spool
    file as they arrive, and the cross-source step reads them back as a stream.

    ``model_path``: the sentence model (default: ``model/sentences.json`` of the project whose
    taxonomy this is); its bytes are part of the cache key, so a new model re-extracts."""
    taxonomy_path = taxonomy_path or briefs / "taxonomy.yaml"
    taxonomy = load_taxonomy(taxonomy_path)
    model_path, model_bytes = _model_file(model_path, taxonomy_path)
    files = source_files(seeds)
    if not files:
        raise BriefsmithError(seeds, "no .txt or .md articles in the seeds folder")
    renamed = _prepare(files, briefs)
    key = cache_key(taxonomy_path, model_bytes)
    with ExtractionCache(briefs, None if force else key) as cache, contextlib.ExitStack() as stack:
        report = Report(renamed=renamed)
        todo = []
        for path in files:
            target = briefs / "sources" / f"{path.stem}.yaml"
            entry = cache.sources.get(path.stem)
            # a seed the cache does not know is extracted whatever its bytes: the worker that
            # reads it hashes it (a cold run reads each seed once, in a worker)
            digest = seed_digest(path) if entry else None
            if entry and entry[:2] == [digest, stamp(target)]:
                report.skipped.append(path.stem)
                continue
            todo.append((str(path), str(target)))
        records = stack.enter_context(Records(state_dir(briefs, create=True))) if todo else None
        model = modelfile.parse(model_bytes, model_path) if todo else None   # the note's and the extractor's
        if todo:
            classifier_note(report, taxonomy, model_path, model)
        docs: dict[str, bytes] = {}
        worker = (str(taxonomy_path), str(model_path) if model_bytes else "", taxonomy, model)
        fresh = _extract(todo, briefs, worker, jobs, records, report, docs)
        # ids of the source briefs in file-name order (names, not Paths: 10,000s of them)
        stems = {p.stem for p in files}
        listed = sorted((briefs / "sources").glob("*.yaml"))
        report.gone = _remove_machine_orphans(p for p in listed if p.stem not in stems)
        gone = set(report.gone)
        briefs_now = [p.stem for p in listed if str(p) not in gone]
        report.orphans = sorted(sid for sid in briefs_now if sid not in stems)
        state = [[sid, stamp(briefs / "sources" / f"{sid}.yaml")] for sid in briefs_now]
        cross_now = _cross_stamps(briefs)
        changed = bool(todo) or cache.index.get("state") != state or cache.index.get("cross") != cross_now
        if changed:
            records = records or stack.enter_context(Records(state_dir(briefs, create=True)))
            index = _gather(briefs / "sources", state, fresh, cache, records)
            machine = cache.machine_written(cross_now)
            report.written += write_cross_source(briefs, taxonomy, records, machine, report)
            documents.Documents(briefs).save(docs, keep=stems)
        _write_schema(briefs)
        if changed:  # else the cache would be written as it is
            cache.write(briefs, {"taxonomy": key, "sources": index, "state": state,
                                 "cross": _cross_stamps(briefs), "machine": sorted(machine)}, records)
    return report


def _remove_machine_orphans(orphans) -> list[str]:
    """The source briefs ``orphans`` (of articles no longer in the seeds: deleted, or renamed)
    that no person wrote in, removed (unless saved meanwhile): the machine's text alone, which
    left every build refused on an unknown source. Those a person wrote in are kept (``orphans``)."""
    removed = []
    for path, seen in machine_made_sources(orphans):
        if unchanged(path, seen):
            path.unlink()
            removed.append(str(path))
    return removed


def _prepare(files: list[Path], briefs: Path) -> list[str]:
    """The briefs folder made ready for a run: what a killed run left cleaned away, the brief of
    every renamed article moved to its new name (the report's lines on them)."""
    for kind in ("sources", "motives", "actors"):   # no brief it would read or replace is a link
        listing(briefs / kind, (".yaml",)).files_or_raise()
    for folder in (briefs, briefs / "sources", briefs / "motives", briefs / "actors", state_dir(briefs)):
        clean_stale(folder)    # what a killed run left staged or half-written
    return follow_renames(files, briefs)


def _model_file(chosen: Path | None, taxonomy_path: Path) -> tuple[Path, bytes]:
    """The sentence model's path and bytes (b"": none). One asked for by name must be there:
    a mistyped ``--model`` would otherwise mean the cues alone."""
    path = chosen or modelfile.default_path(taxonomy_path)
    data = modelfile.read_bytes(path)
    if chosen is not None and not data:
        raise BriefsmithError(chosen, "no sentence model here (`brief train --out` writes one)")
    return path, data


def classifier_note(report: Report, taxonomy: Taxonomy, model_path: Path, model) -> None:
    """Say what labels the sentences: the trained model, or the cues and the taxonomy's examples
    when there is none or when it was trained for another taxonomy (a motive or counterargument
    added or renamed since `brief train`): extraction then falls back quietly, and a person who
    edited the taxonomy would otherwise not know why the briefs changed. ``model``: the
    model file's ``SentenceModel``, None for none."""
    if model is not None and model.matches(taxonomy):
        report.classifier = f"sentences labelled by the trained model {model_path}"
    elif model is not None:
        report.other_model = (f"{model_path} was trained for another taxonomy (its motives or "
                              "counterarguments differ): sentences labelled by the cues and the "
                              "taxonomy's examples; run `brief train` to train for this one")
    else:
        report.classifier = (f"no trained model at {model_path}: sentences labelled by the cues and "
                             "the taxonomy's examples (`brief train` makes one)")


# Set by `brief build` to the briefs folder it has just extracted (and checked), for the MkDocs
# build it then runs: the plugin's ``run_extraction`` does not extract again.
EXTRACTED_ENV = "BRIEFSMITH_EXTRACTED"


def run_extraction(seeds: Path, briefs: Path, taxonomy: Path) -> list[Problem]:
    """``extract_all`` for a site build: what went wrong as problems, never an exception (a bad
    seed or brief must not stop `mkdocs serve`); nothing when `brief build` has just run it."""
    if os.environ.get(EXTRACTED_ENV) == str(briefs):
        return []
    try:
        if not _has_articles(seeds):
            return []      # a new briefing, no article yet: nothing to extract is no failure
        extract_all(seeds, briefs, taxonomy)
    except Exception as e:
        return [Problem(getattr(e, "path", None) or str(seeds), f"extraction failed: {e}")]
    return []


def _has_articles(seeds: Path) -> bool:
    """Whether the seeds folder lists an article, or one it refuses (which extraction reports)."""
    try:
        found = source_listing(seeds)
    except BriefsmithError:
        return True
    return bool(found.files or found.refused)


def _extract(todo, briefs: Path, worker: tuple, jobs: int | None, records, report: Report,
             docs: dict) -> dict:
    """Extract ``todo``; every record to ``records`` as it arrives, every packed document to
    ``docs``; the briefs renamed into place once all succeeded. The seed digest and record
    offset of each source extracted."""
    fresh: dict[str, list] = {}
    staged: list[tuple] = []

    def take(job, result) -> None:
        sid, tmp, line, digest, docs[sid], seen, decisions = result
        fresh[sid] = [digest, records.add(sid, line)]
        staged.append((job, tmp, seen, decisions))
    run = run_token()
    _run(todo, briefs, worker, jobs, take, run)
    try:
        for job, tmp, seen, decisions in staged:
            if not unchanged(Path(job[1]), seen):   # a person saved it during the run
                tmp, decisions = _merge_again(job, worker, run, tmp, fresh, records, docs, report)
                if tmp is False:
                    continue
            report.decisions += decisions
            if tmp is None:
                report.unchanged.append(job[1])
            else:
                os.replace(tmp, job[1])
                report.written.append(job[1])
    except BaseException:
        discard(briefs / "sources", run)
        raise
    return fresh


def _merge_again(job, worker: tuple, token: str, tmp, fresh: dict, records, docs: dict,
                 report: Report):
    """The brief of ``job`` changed since the run read it: the article is merged again into
    what it holds now (in this process), until it stays unchanged while that is done. Its
    ``(staged file or None, decisions)``, or ``(False, [])`` when it kept changing: then the
    person's file stays as saved, and the source is not recorded as extracted."""
    if "extractor" not in _worker:
        _init_worker(worker[0], False, worker[1], taxonomy=worker[2], model=worker[3])
    for _ in range(MERGE_AGAIN):
        if tmp:
            os.unlink(tmp)
        sid, tmp, line, digest, docs[sid], seen, decisions = _extract_one(job[0], job[1], token)
        fresh[sid] = [digest, records.add(sid, line)]
        if unchanged(Path(job[1]), seen):
            return tmp, decisions
    if tmp:
        os.unlink(tmp)
    del fresh[sid]
    report.conflicts.append(job[1])
    return False, []


def _gather(folder: Path, state: list, fresh: dict, cache: ExtractionCache, records: Records) -> dict:
    """Put the record of every brief of ``state`` ([id, stamp] in brief order) in ``records``:
    extracted now, copied from the cache when the brief is untouched since, else from its YAML
    (an orphan, or edited by hand since). The new cache index."""
    index = {}
    for sid, brief_stamp in state:
        entry = cache.sources.get(sid)
        if sid in fresh:
            index[sid] = [fresh[sid][0], brief_stamp, fresh[sid][1]]
        elif entry and entry[1] == brief_stamp and (line := cache.line(entry[2])) is not None:
            index[sid] = [entry[0], brief_stamp, records.add(sid, line)]
        else:
            records.add(sid, record_line(cross_record(reader.load(folder / f"{sid}.yaml").data)))
            if entry:   # its seed is not re-extracted until the brief's stamp matches again
                index[sid] = [entry[0], entry[1], None]
    records.reorder([sid for sid, _ in state])
    return index


def _run(todo, briefs: Path, worker: tuple, jobs: int | None, take, run: str) -> None:
    """Extract and stage every brief of ``todo``, ``take(job, result)`` of each in order as it
    arrives (nothing builds a list of them); on any error remove what was staged.
    ``worker``: the taxonomy and model files (the model: "" for none), the loaded taxonomy and
    the parsed model (None for none)."""
    if not todo:
        return
    folder = briefs / "sources"
    created = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    try:
        with progress(len(todo)) as bar:
            _run_jobs(todo, worker, jobs, run, take, bar)
    except BaseException:
        discard(folder, run)
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise


# Seconds before the progress bar shows: a run that ends sooner shows none.
PROGRESS_DELAY = 2.0


def progress(total: int, stream=None):
    """A progress bar of the articles extracted, on stderr, shown only on a terminal and only
    once a run has taken ``PROGRESS_DELAY`` seconds (tqdm: a well-kept library for it)."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return _NoBar()
    from tqdm import tqdm
    # no monitor thread: a process with a second thread is not forked (cache.forking), and
    # `brief build` checks the briefs with forked workers right after extracting
    tqdm.monitor_interval = 0
    return tqdm(total=total, desc="extracting", unit="article", delay=PROGRESS_DELAY,
                leave=False, file=stream)


class _NoBar:
    """No progress shown (not a terminal): the bar's interface, doing nothing."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def update(self, n: int = 1) -> None:
        pass


def _run_jobs(todo, worker: tuple, jobs: int, token: str, take, bar) -> None:
    """``_run``'s work, here or in a pool of worker processes; ``bar`` counts the articles."""
    if jobs <= 1 or len(todo) < 8:
        _init_worker(worker[0], False, worker[1], taxonomy=worker[2], model=worker[3])
        with spaced_collections():
            for job in todo:
                take(job, _extract_one(job[0], job[1], token))
                bar.update()
        return
    # The extractor (and the embedder it may load) built once, here, for this run: the forked
    # workers inherit it instead of each building it (and loading 16 MB of vectors) again.
    _init_worker(worker[0], False, worker[1], taxonomy=worker[2], model=worker[3])
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker,
                               initargs=(worker[0], True, worker[1], os.getpid()))
    try:
        results = pool.map(_extract_some, guided_chunks(todo, jobs), itertools.repeat(token))
        for job, result in zip(todo, itertools.chain.from_iterable(results)):
            take(job, result)
            bar.update()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def guided_chunks(todo: list, jobs: int) -> list[list]:
    """``todo`` in order, cut into the chunks the workers take one at a time: small ones
    (articles differ in length), smaller still at the end, down to one article, so that no
    worker is left with a long chunk while the others have nothing left to take."""
    size = max(1, len(todo) // (jobs * 32))
    chunks, at = [], 0
    while at < len(todo):
        n = max(1, min(size, (len(todo) - at) // (jobs * 4)))
        chunks.append(todo[at:at + n])
        at += n
    return chunks


def _extract_some(jobs: list, token: str) -> list[tuple]:
    """In a worker: ``_extract_one`` of each (seed, target) of a chunk, in order."""
    return [_extract_one(path, target, token) for path, target in jobs]


def _cross_stamps(briefs: Path) -> dict:
    return {f"{kind}/{p.name}": stamp(p) for kind in ("motives", "actors")
            for p in sorted((briefs / kind).glob("*.yaml"))}


def _write_schema(briefs: Path) -> None:
    try:
        schema = resources.files("generator").joinpath("briefs/schema/brief.schema.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return
    atomic_write(briefs / "brief.schema.json", schema)
