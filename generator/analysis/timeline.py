"""One timeline across sources: the same event reported twice is one entry.

Two event items are the same event when their dates agree at the coarser precision of the two
("2015-09" and "2015-09-23" agree; "2015-09" and "2015-10" do not) and their sentences say
the same thing: content-word overlap (cosine of stems) of at least ``SIMILAR`` with at least
``SHARED`` shared stems. An entry takes the most precise date its reports give; entries are
in date order (a year before its months, a month before its days), then by first source.
"""
from __future__ import annotations

from ..briefs.format import visible
from ..text.words import content, cosine

__all__ = ["merge_events", "merge_year", "event_reports", "year", "same_event", "precision", "SIMILAR", "SHARED"]

SIMILAR = 0.3
SHARED = 3
PRECISION = {0: "year", 1: "month", 2: "day"}


def precision(date: str) -> str:
    return PRECISION.get(date.count("-"), "day")


def _dates_agree(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short)


def same_event(a: dict, b: dict) -> bool:
    """Whether two event reports (``date``, ``quote``) are the same event."""
    if not _dates_agree(str(a["date"]), str(b["date"])):
        return False
    return _similar(content(a.get("quote") or ""), content(b.get("quote") or ""))


def _similar(fa: frozenset, fb: frozenset) -> bool:
    """Whether two sentences' content stems say the same thing."""
    return len(fa & fb) >= SHARED and cosine(fa, fb) >= SIMILAR


def event_reports(sid: str, brief: dict) -> list[dict]:
    """One source's dated, shown events as the timeline reports them, in brief order."""
    return [{"source": sid, "id": e.get("id"), "date": str(e["date"]), "quote": e.get("quote"),
             "anchor": e.get("anchor"), "start": e.get("start"), "end": e.get("end"),
             "status": e.get("status", "auto")}
            for e in visible(brief.get("events")) if e.get("date") is not None]


def year(report: dict) -> str:
    """What a report's date begins with: only reports of the same ``year`` can merge."""
    return report["date"][:4]


def merge_events(source_briefs: dict[str, dict]) -> list[dict]:
    """``[{date, precision, citations: [{source, id, date, quote, anchor, start, end, status}]}]``.
    Each year is merged on its own (``merge_year``; a report joins only entries of its year),
    and the years follow in order: the same as merging and sorting all the reports at once."""
    by_year: dict[str, list[dict]] = {}
    for sid in sorted(source_briefs):
        for r in event_reports(sid, source_briefs[sid]):
            by_year.setdefault(year(r), []).append(r)
    return [entry for y in sorted(by_year) for entry in merge_year(by_year[y])]


def merge_year(reports: list[dict]) -> list[dict]:
    """The timeline entries of reports of one year (in source order), in timeline order."""
    entries: list[list[dict]] = []
    dates: list[set[str]] = []          # the distinct dates of each entry's reports
    # the distinct content stems of each entry's reports (the same sentence reported by many
    # sources, as wire copy is, is tried once)
    feats: list[set[frozenset]] = []
    # Only entries that share a content word with a report can take it: an index keeps this
    # linear for corpora with thousands of events a year.
    index: dict[str, set[int]] = {}
    for r in reports:
        words = content(r.get("quote") or "")
        candidates = sorted(set().union(*(index.get(w, ()) for w in words)))
        home = next((k for k in candidates
                     if all(_dates_agree(r["date"], d) for d in dates[k])
                     and any(_similar(words, f) for f in feats[k])), None)
        if home is None:
            home = len(entries)
            entries.append([])
            dates.append(set())
            feats.append(set())
        entries[home].append(r)
        dates[home].add(r["date"])
        feats[home].add(words)
        for w in words:
            index.setdefault(w, set()).add(home)
    out = []
    for g in entries:
        date = max((x["date"] for x in g), key=len)
        out.append({"date": date, "precision": precision(date), "citations": g})
    return sorted(out, key=lambda e: (e["date"], e["citations"][0]["source"],
                                      e["citations"][0].get("start") or 0))
