"""Where the sources agree: each motive against each source, and each source's stance.

A source *asserts* a motive when it has more evidence items for it than counterarguments
rebutting it, *rebuts* it when it has at least as many rebutting counterarguments (and some),
and is *silent* otherwise. Only items that are not rejected count.

Stance on the policy (thresholds from the taxonomy's ``stance:`` section, defaults below):
*critical* when the source gives at least ``critical_min`` counterarguments, or at least
``critical_share_min`` that make at least ``critical_share`` of its motive and
counterargument items (articles explain the reasons at length before they rebut them); *sympathetic* when it gives no
counterargument and reports at least ``sympathetic_min_motives`` distinct motives; *mixed*
when it gives some counterarguments without being critical; *neutral* otherwise.
"""
from __future__ import annotations

from collections import Counter

from ..briefs.format import visible

__all__ = ["agreement", "stance", "STANCE_DEFAULTS"]

STANCE_DEFAULTS = {"critical_min": 3, "critical_share_min": 2, "critical_share": 0.3,
                   "sympathetic_min_motives": 2}


def _counts(items: list[dict], key: str) -> Counter:
    """How many of ``items`` name each motive under ``key`` (a value that is not text names
    none: no motive id equals it)."""
    return Counter(v for v in (i.get(key) for i in items) if isinstance(v, str))


def _cell(counts: tuple[Counter, Counter], motive_id: str) -> dict:
    """A source's cell for one motive; ``counts``: its visible motive items and counters, by motive."""
    asserts = counts[0].get(motive_id, 0)
    rebuts = counts[1].get(motive_id, 0)
    position = "silent" if not asserts and not rebuts else "asserts" if asserts > rebuts else "rebuts"
    return {"asserts": asserts, "rebuts": rebuts, "position": position}


def _label(n_sources: int, asserted: int, rebutted: int) -> str:
    if asserted == 0:
        head = "asserted by no source"
    elif asserted == n_sources:
        head = "asserted by every source" if n_sources > 1 else "asserted by the only source"
    elif asserted == 1:
        head = "asserted by one source only"
    else:
        head = f"asserted by {asserted} of {n_sources} sources"
    if rebutted:
        head += f"; rebutted by {rebutted}"
    return head


def source_cells(brief: dict, taxonomy) -> dict[str, dict]:
    """A source's cell for every motive: ``{motive id: {asserts, rebuts, position}}`` (its items
    counted once for all motives, not once per motive: 50,000 passes at 10,000 sources)."""
    counts = (_counts(visible(brief.get("motives")), "motive"), _counts(visible(brief.get("counters")), "rebuts"))
    return {m.id: _cell(counts, m.id) for m in taxonomy.motives}


def motive_row(motive, sids: list[str], cells: dict[str, dict]) -> dict:
    """One motive's row of the agreement; ``cells``: each source's cell for it, in ``sids`` order."""
    by = {p: [sid for sid in sids if cells[sid]["position"] == p] for p in ("asserts", "rebuts", "silent")}
    return {"motive": motive.id, "name": motive.name, "cells": cells,
            "asserted_by": by["asserts"], "rebutted_by": by["rebuts"], "silent": by["silent"],
            "label": _label(len(sids), len(by["asserts"]), len(by["rebuts"]))}


def agreement(taxonomy, source_briefs: dict[str, dict]) -> dict:
    """``{"sources": [ids], "motives": [{motive, name, cells: {source: cell}, asserted_by,
    rebutted_by, silent, label}]}`` where a cell is ``{asserts, rebuts, position}``."""
    sids = sorted(source_briefs)
    shown = {sid: source_cells(source_briefs[sid], taxonomy) for sid in sids}
    return {"sources": sids, "motives": [motive_row(m, sids, {sid: shown[sid][m.id] for sid in sids})
                                         for m in taxonomy.motives]}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def stance(brief: dict, settings: dict | None = None) -> dict:
    """``{stance, counters, motive_items, motives, line}`` for one source brief."""
    cfg = {**STANCE_DEFAULTS, **(settings or {})}
    counters = len(visible(brief.get("counters")))
    motive_items = visible(brief.get("motives"))
    distinct = len({i.get("motive") for i in motive_items})
    total = counters + len(motive_items)
    if counters >= cfg["critical_min"] or counters >= cfg["critical_share_min"] \
            and total and counters / total >= cfg["critical_share"]:
        label = "critical"
    elif counters == 0 and distinct >= cfg["sympathetic_min_motives"]:
        label = "sympathetic"
    elif counters:
        label = "mixed"
    else:
        label = "neutral"
    words = {"critical": "critical of the policy", "sympathetic": "sympathetic to the policy",
             "mixed": "mixed on the policy", "neutral": "neutral on the policy"}[label]
    line = f"{words}: {_plural(counters, 'counterargument')}, {_plural(distinct, 'motive')} reported"
    return {"stance": label, "counters": counters, "motive_items": len(motive_items),
            "motives": distinct, "line": line}
