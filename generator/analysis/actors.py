"""One person under several spellings across sources: the person ids whose names share every
word's spelling key (``text.spelling``: "Andrei"/"Andrey", "Hanif"/"Haneef", "Zabihullah"/
"Zabiullah") are one actor, shown on one page that names every spelling. Each source's
extraction joins the spellings within it; this joins them across sources. It reads the briefs
and never rewrites them: each keeps the id its extraction or its analyst gave.

Only whole names are joined: a surname alone, or a name with a word more or less ("Khawaja
Asif", "Khawaja Muhammad Asif"), may be another person who shares it, and stays apart.
"""
from __future__ import annotations

from ..text.spelling import spelling_key


def same_actors(taxonomy, source_briefs: dict[str, dict]) -> dict[str, str]:
    """{person id: the id of the page it is shown on}, for the ids that are another's spelling.
    The page is the taxonomy's person when one shares the key, else the id an analyst kept
    (an entry not ``auto``), else the one most sources use (then the first in order). Two
    ids that analysts both kept stay apart: an analyst said which person each is."""
    known = {a.id for a in taxonomy.actors} if taxonomy is not None else set()
    people = {a.id: a.name for a in taxonomy.actors if a.kind == "person"} if taxonomy is not None else {}
    uses: dict[str, int] = {}
    kept: set[str] = set()
    for sid in sorted(source_briefs):
        for a in source_briefs[sid].get("actors") or []:
            if not isinstance(a, dict) or not isinstance(a.get("actor"), str) or a.get("status") == "rejected":
                continue
            aid = a["actor"]
            if aid in known or a.get("kind") not in ("person", None):
                continue
            people.setdefault(aid, str(a.get("name") or aid))
            uses[aid] = uses.get(aid, 0) + 1
            if a.get("status", "auto") != "auto":
                kept.add(aid)
    groups: dict[tuple[str, ...], list[str]] = {}
    for aid in sorted(people):
        key = spelling_key(people[aid])
        if len(key) >= 2:
            groups.setdefault(key, []).append(aid)
    out: dict[str, str] = {}
    for ids in groups.values():
        if len(ids) < 2 or len(known.intersection(ids)) > 1 or len(kept.intersection(ids)) > 1:
            continue
        page = min(ids, key=lambda i: (i not in known, i not in kept, -uses.get(i, 0), i))
        out.update((i, page) for i in ids if i != page)
    return out
