"""The cross-source briefs: per motive and per actor, counted from the source briefs.

Each source brief gives a compact record (``cross_record``); ``write_cross_source`` reads them
once as a stream and writes the motive and actor briefs, keeping what a person wrote in them,
and removes those that nothing is about any more (unless a person wrote in them).
"""
from __future__ import annotations

from array import array
from pathlib import Path
from typing import TYPE_CHECKING

from . import format as B
from . import reader
from ..analysis.summaries import MotiveSummaries, candidate_rows
from ..cache.extraction import Records, record_line
from ..cache.files import atomic_write
from ..cache.stamps import stamp
from ..cache.state import state_dir
from ..ingest.paths import listing
from .merge import cross_text, machine_alone
from .seen import MERGE_AGAIN, Seen, read_brief, unchanged
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from .extraction import Report


def cross_record(brief: dict) -> dict:
    """What the cross-source briefs need of one source brief, compactly: per motive the
    shown evidence and counters (``counts``: motive -> [evidence, counters]), the shown actors
    (``[actor, name, count]``) and the motive-summary candidates (``candidate_rows``).
    tests/test_bench.py checks that the cross-source briefs come out the same as from the YAML."""
    counts: dict[str, list[int]] = {}
    for kind, key, column in (("motives", "motive", 0), ("counters", "rebuts", 1)):
        for item in B.visible(brief.get(kind)):
            if isinstance(item.get(key), str):   # a motive id; anything else matches no motive
                counts.setdefault(item[key], [0, 0])[column] += 1
    return {"counts": counts,
            "actors": [[a["actor"], a.get("name"), a.get("count", 0), a.get("kind")]
                       for a in B.visible(brief.get("actors"))],
            "cands": candidate_rows(brief.get("motives"))}


def records_from_briefs(briefs: Path) -> Records:
    """Every source brief's ``cross_record``, read from its YAML."""
    records = Records(state_dir(briefs, create=True))
    try:
        for p in sorted((briefs / "sources").glob("*.yaml")):
            records.add(p.stem, record_line(cross_record(reader.load(p).data)))
    except BaseException:
        records.file.close()
        raise
    return records


def write_cross_source(briefs: Path, taxonomy: Taxonomy, sources: Records | None = None,
                       machine: set[str] | None = None, report: Report | None = None) -> list[str]:
    """Per-motive and per-actor briefs: counts from the source briefs, human text kept.

    ``sources``: every source brief's ``cross_record`` (default: read from the YAML). They
    are read once as a stream, in id order (the motive summaries' order); what is kept is
    a few integers per source and motive or actor (``_Tally``) and the summaries' candidates
    (their stems as numbers, ``analysis.summaries.Kept``); the chosen ones' are read again.
    ``machine``: the names (``motives/<id>.yaml``) of the briefs known to hold the machine's
    text alone, which are then not read (nothing of a person's to keep: at 10,000 sources
    reading them was a third of this step); updated to what the briefs hold when written."""
    if sources is None:
        with records_from_briefs(briefs) as records:
            return write_cross_source(briefs, taxonomy, records, machine, report)
    machine = set() if machine is None else machine
    ids = sources.ids
    by_id = sorted(range(len(ids)), key=ids.__getitem__)   # brief order -> id order
    tally, summaries = _Tally({m.id for m in taxonomy.motives}), MotiveSummaries(kept=True)
    for number, position in enumerate(by_id):
        record = sources.get(ids[position])
        tally.add(position, record)
        summaries.add(number, record["cands"])
    summaries.score_kept()
    texts = summaries.summaries([m.id for m in taxonomy.motives],
                                lambda number: (ids[by_id[number]], sources.get(ids[by_id[number]])["cands"]))
    written = []
    for m in taxonomy.motives:
        doc = {"brief": "motive", "version": B.VERSION, "id": m.id, "name": m.name,
               "summary": texts[m.id], "notes": None, "sources": tally.motive_rows(m.id, ids)}
        written += _write_cross(briefs / "motives" / f"{m.id}.yaml", doc, machine, report)
    kinds = {a.id: (a.name, a.kind) for a in taxonomy.actors}
    for actor_id in sorted(tally.actors):
        name, kind = kinds.get(actor_id, (tally.names[actor_id][1], tally.kinds.get(actor_id, "person")))
        doc = {"brief": "actor", "version": B.VERSION, "id": actor_id, "name": name, "kind": kind,
               "summary": {"text": None, "status": "auto"}, "notes": None,
               "sources": tally.actor_rows(actor_id, ids)}
        written += _write_cross(briefs / "actors" / f"{actor_id}.yaml", doc, machine, report)
    _remove_stale(briefs, {f"motives/{m.id}.yaml" for m in taxonomy.motives}
                  | {f"actors/{a}.yaml" for a in tally.actors}, machine, report)
    return written


class _Tally:
    """The rows of the motive and actor briefs, compactly: per motive (position of the source
    in brief order, evidence, counters) and per actor (position, count) in arrays, whatever
    order the sources come in; each brief's rows are put in brief order when it is written."""

    def __init__(self, motive_ids: set[str]) -> None:
        self.motives = {m: (array("l"), array("l"), array("l")) for m in motive_ids}
        self.actors: dict = {}          # actor id -> (positions, counts as given)
        self.names: dict = {}           # actor id -> (position, name) of its first mention
        self.kinds: dict = {}           # actor id -> the kind a source gives it (the taxonomy lacks it)

    def add(self, position: int, record: dict) -> None:
        for motive, (evidence, counters) in record["counts"].items():
            if motive in self.motives:
                for column, value in zip(self.motives[motive], (position, evidence, counters)):
                    column.append(value)
        for actor, name, count, *kind in record["actors"]:   # a record from before kinds has none
            positions, counts = self.actors.setdefault(actor, (array("l"), []))
            positions.append(position)
            counts.append(count)
            if actor not in self.names or position < self.names[actor][0]:
                self.names[actor] = (position, name or actor)
                if kind and kind[0]:
                    self.kinds[actor] = kind[0]

    def motive_rows(self, motive_id: str, ids: list[str]) -> list[dict]:
        positions, evidence, counters = self.motives[motive_id]
        return [{"source": ids[positions[i]], "evidence": evidence[i], "counters": counters[i]}
                for i in _in_order(positions)]

    def actor_rows(self, actor_id, ids: list[str]) -> list[dict]:
        positions, counts = self.actors[actor_id]
        return [{"source": ids[positions[i]], "count": counts[i]} for i in _in_order(positions)]


def _in_order(positions: array) -> list[int]:
    """Indexes of ``positions`` by position; a stable sort keeps one source's rows in item order."""
    return sorted(range(len(positions)), key=positions.__getitem__)


def _write_cross(path: Path, doc: dict, machine: set[str], report: Report | None = None) -> list[str]:
    name = f"{path.parent.name}/{path.name}"
    for _ in range(MERGE_AGAIN):
        # keeps summary, notes, YAML comments; a brief of the machine's alone is written anew
        # (not read: the cache's stamp says it is as the last run left it)
        existing, seen = (None, Seen(stamp(path), "")) if name in machine else read_brief(path)
        text, alone = cross_text(existing, doc, path)
        if unchanged(path, seen):     # not saved by a person meanwhile
            (machine.add if alone else machine.discard)(name)
            return [str(path)] if atomic_write(path, text) else []
        machine.discard(name)
    if report is not None:
        report.conflicts.append(str(path))
    return []


def _remove_stale(briefs: Path, wanted: set[str], machine: set[str], report: Report | None) -> None:
    """The motive and actor briefs that nothing is about any more (a motive gone from the
    taxonomy, an actor no source names now): removed when they hold the machine's text alone,
    else kept and reported (a person wrote in them)."""
    for kind in ("motives", "actors"):
        for path in listing(briefs / kind, (".yaml",)).files:
            name = f"{kind}/{path.name}"
            if name in wanted:
                continue
            text, seen = read_brief(path)
            if text is not None and (name in machine or machine_alone(text, path)):
                if unchanged(path, seen):
                    path.unlink()
                    machine.discard(name)
                    if report is not None:
                        report.removed.append(str(path))
            elif report is not None:
                report.stale.append(str(path))

