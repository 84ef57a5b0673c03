"""A government named by a description of who backs it: "the US-backed government", "the
Western-backed regime", "the puppet government". News and the parties to the war name the
government of the country in question so (the annotators give it to that government's actor);
the state the taxonomy names only by its government ("Afghan government") is that country's.
An actor of its own after the sentence classifier's features, as shared organs are (the model
and its cue features are unchanged).
"""
from __future__ import annotations

import re

# Backers that describe the host government ("US-backed", "Western-backed"), not another
# state's client ("Moscow-backed" names a government in Syria or Ukraine as often).
BACKED = re.compile(r"\b(?:US|U\.S\.|American|Western|West|NATO|Washington)[-‐‑–](?:backed|supported|installed) "
                    r"(?:government|regime)s?\b|\bpuppet (?:government|regime)s?\b")
KEYS = ("backed ", "puppet ", "-supported ", "-installed ")


def may_describe(text: str) -> bool:
    """Whether a text may hold such a description at all (substring tests, in C)."""
    return any(map(text.__contains__, KEYS))


def host_government(actors) -> str | None:
    """The one state the taxonomy names by its government ("Afghan government"), or None."""
    found = [a.id for a in actors if a.kind == "state" and a.name.lower().endswith(" government")]
    return found[0] if len(found) == 1 else None


def described(sentences, tokens, at, actor_id: str) -> dict:
    """{anchor: {token of the head noun: (actor_id, end)}} of the descriptions."""
    out = {}
    for s in sentences:
        if not may_describe(s.text):
            continue
        toks = tokens[s.anchor]
        for m in BACKED.finditer(s.text):
            for i, t in enumerate(toks):
                if t.end == m.end() and i not in at[s.anchor]:
                    out.setdefault(s.anchor, {})[i] = (actor_id, i + 1)
    return out
