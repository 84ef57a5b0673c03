"""One person spelled several ways in one article is one actor: a name whose every word has the
spelling key of a known person's name or of a person the article named earlier ("Zemir Kabolov"
for Zamir Kabulov, "Dmitri" and "Dmitry"), and a surname alone, however spelled, that the full
name of exactly one person of the article ends in ("Envoy Kabolove" beside "Zamir Kabolov").
Two people who share a surname stay two ("Ashraf Ghani", "Abdul Ghani").

It runs on the mentions after the sentence classifier's features were taken: the features
count the names as the sentences write them.
"""
from __future__ import annotations

from dataclasses import replace

from ..text.spelling import spelling_key


def known_keys(actors) -> dict[tuple[str, ...], str]:
    """The taxonomy's people's full names' keys (two words or more) -> their ids; a key two
    people share names neither."""
    out: dict[tuple[str, ...], str | None] = {}
    for a in actors:
        if a.kind != "person":
            continue
        for name in (a.name, *a.aliases):
            key = spelling_key(name)
            if len(key) >= 2:
                out[key] = a.id if out.get(key, a.id) == a.id else None
    return {k: v for k, v in out.items() if v is not None}


def spelling_joins(order: list[str], people, known: dict, names: dict[str, str]) -> dict[str, str]:
    """{id of a person the article introduced: the id of the same person spelled otherwise}.
    ``order``: the actor ids in the order the article first names them; ``people``: the
    article's people (id -> name, ``bodies``); ``known``: ``known_keys``; ``names``: the display
    names of the other people the article names (the taxonomy's)."""
    joins: dict[str, str] = {}
    seen: dict[tuple[str, ...], str] = {}
    full: dict[str, tuple[str, ...]] = {}   # the article's people with a full name -> its key
    for actor_id in order:
        if actor_id in people.bodies:
            continue
        key = spelling_key(people.get(actor_id) or names.get(actor_id, ""))
        if len(key) < 2:
            continue
        target = known.get(key) or seen.get(key)
        if target and target != actor_id:
            joins[actor_id] = target
        else:
            seen.setdefault(key, actor_id)
        full[joins.get(actor_id, actor_id)] = key
    for actor_id in order:
        if actor_id not in people or actor_id in people.bodies:
            continue
        key = spelling_key(people[actor_id])
        if len(key) != 1:
            continue
        owners = [a for a, k in full.items() if k[-1] == key[0]]
        if len(owners) == 1:
            joins[actor_id] = owners[0]
    return joins


def joined(mentions: dict, people, joins: dict[str, str]) -> dict:
    """The mentions with each joined person's given to the person it is; ``people`` loses the
    joined ids (their spellings stay in the mentions' forms)."""
    if not joins:
        return mentions
    for actor_id in joins:
        people.pop(actor_id, None)
    return {a: [replace(m, actor=joins[m.actor]) if m.actor in joins else m for m in ms]
            for a, ms in mentions.items()}
