"""``brief eval``: precision, recall and F1 per kind against a reference annotation.

The rules are those of the annotation's SCORING.md: a predicted span matches a reference
span of the same source when they overlap by at least half of the shorter one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .briefs.model import BriefsmithError

COMMON_ALIASES = {
    "isis": {"islamic-state", "isil", "daesh", "isis-k", "iskp", "is-k", "islamic-state-khorasan",
             "islamic-state-in-khorasan", "islamic-state-khorasan-province", "isis-khorasan"},
    "united-states": {"us", "usa", "america", "u-s", "united-states-of-america"},
    "afghan-government": {"afghanistan-government", "national-unity-government", "nug",
                          "government-of-afghanistan", "kabul"},
    "russia": {"russian-federation", "moscow", "kremlin"},
    "taliban": {"afghan-taliban", "islamic-emirate"},
}
END = re.compile(r"[.!?][”\"’')\]]*(?=\s|$)")
SPAN_KINDS = ("motive", "counter", "quote", "event")


def slug(s) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(s).lower()).strip("-")


@dataclass
class Score:
    name: str
    gold: int
    pred: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class _Text:
    """A source with whitespace collapsed, to place reference sentences."""

    def __init__(self, raw: str):
        self.raw = raw
        flat, idx, prev = [], [], False
        for i, ch in enumerate(raw):
            if ch.isspace():
                if prev:
                    continue
                flat.append(" "), idx.append(i)
                prev = True
            else:
                flat.append(ch), idx.append(i)
                prev = False
        self.flat, self.idx = "".join(flat), idx

    def span(self, item: dict):
        key = "text" if "text" in item else "head"
        words = " ".join(str(item[key]).split())
        k = self.flat.find(words)
        if k < 0:
            return None
        if key == "text":
            return self.idx[k], self.idx[k + len(words) - 1] + 1
        m = END.search(self.flat, k + len(words) - 1)
        e = m.end() if m else len(self.flat)
        s, e = self.idx[k], self.idx[e - 1] + 1
        nl = self.raw.find("\n", self.idx[k + len(words) - 1], e)
        return s, (nl if nl >= 0 else e)


def _overlap(a, b) -> bool:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return hi > lo and hi - lo >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _prf(tp_pred, n_pred, tp_gold, n_gold):
    return (tp_pred / n_pred if n_pred else 0.0), (tp_gold / n_gold if n_gold else 0.0)


def evaluate(gold_path: Path, seeds: Path, recs: list[dict]) -> tuple[list[Score], dict]:
    try:
        doc = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise BriefsmithError(gold_path, f"cannot read the reference annotation: {e}")
    canon = {a: k for k, vs in COMMON_ALIASES.items() for a in vs}
    for k, vs in (doc.get("aliases") or {}).items():
        for v in vs:
            canon[slug(v)] = k
    persons = {slug(p) for p in doc.get("persons") or []}

    def actor(x):
        s = slug(x)
        return canon.get(s, s)
    gold = doc.get("sources") or []
    texts = {}
    for g in gold:
        path = seeds / f"{g['id']}.txt"
        if not path.exists():
            raise BriefsmithError(path, "source of the reference annotation not found")
        texts[g["id"]] = _Text(path.read_text(encoding="utf-8"))
    recs = [r for r in recs if r.get("source") in texts]
    spans, grounded = {}, 0
    span_recs = [r for r in recs if r.get("kind") in SPAN_KINDS]
    for n, r in enumerate(span_recs):
        t = texts[r["source"]]
        ok = isinstance(r.get("start"), int) and isinstance(r.get("end"), int) and bool(r.get("quote")) \
            and " ".join(t.raw[r["start"]:r["end"]].split()) == " ".join(str(r["quote"]).split())
        grounded += ok
        spans[id(r)] = (r["start"], r["end"]) if ok else None
    scores: list[Score] = []

    def score(name, gitems, pitems, same):
        hit_gold = [False] * len(gitems)
        tp_pred = 0
        for p in pitems:
            ps = spans.get(id(p))
            hit = False
            for j, (gs, gsp, gl) in enumerate(gitems):
                if gs == p["source"] and ps and gsp and _overlap(gsp, ps) and same(gl, p):
                    hit_gold[j] = hit = True
            tp_pred += hit
        P, R = _prf(tp_pred, len(pitems), sum(hit_gold), len(gitems))
        s = Score(name, len(gitems), len(pitems), P, R)
        scores.append(s)
        return s, tp_pred, sum(hit_gold)

    labels = sorted({m for g in gold for item in g.get("motives", []) for m in item["motives"]})
    tot = [0, 0, 0, 0]
    for label in labels:
        gi = [(g["id"], texts[g["id"]].span(m), label) for g in gold for m in g.get("motives", [])
              if label in m["motives"]]
        pi = [r for r in recs if r.get("kind") == "motive" and slug(r.get("label")) == label]
        _, tpp, tpg = score(f"motive:{label}", gi, pi, lambda gl, p: True)
        tot = [tot[0] + tpp, tot[1] + len(pi), tot[2] + tpg, tot[3] + len(gi)]
    micro = Score("motive (micro)", tot[3], tot[1], *_prf(*tot))
    scores.append(micro)
    gc = [(g["id"], texts[g["id"]].span(c), c) for g in gold for c in g.get("counters", [])]
    pc = [r for r in recs if r.get("kind") == "counter"]
    counter = score("counter (detected)", gc, pc, lambda gl, p: True)[0]
    rebuts = score("counter (+rebuts)", gc, pc,
                   lambda gl, p: slug(gl.get("rebuts") or "none") == slug(p.get("rebuts") or "none"))[0]
    cid = score("counter (+id)", gc, pc, lambda gl, p: slug(gl["id"]) == slug(p.get("label")))[0]
    gq = [(g["id"], texts[g["id"]].span(q), q) for g in gold for q in g.get("quotes", [])]
    pq = [r for r in recs if r.get("kind") == "quote"]
    score("quote (found)", gq, pq, lambda gl, p: True)
    quote = score("quote (+speaker)", gq, pq, lambda gl, p: slug(gl["speaker"]) == slug(p.get("label"))
                  or slug(gl["speaker"]).split("-")[-1] == slug(p.get("label")).split("-")[-1])[0]
    ge = [(g["id"], texts[g["id"]].span(e), e) for g in gold for e in g.get("events", [])]
    pe = [r for r in recs if r.get("kind") == "event"]
    score("event (found)", ge, pe, lambda gl, p: True)
    event = score("event (+date)", ge, pe, lambda gl, p: str(p.get("label", "")).startswith(str(gl["date"])))[0]
    ga = {(g["id"], actor(x)) for g in gold for x in g.get("actors", [])}
    pa = {(r["source"], actor(r.get("label"))) for r in recs if r.get("kind") == "actor"}

    def same_actor(g, p):
        return g == p or (g[1] in persons and g[0] == p[0] and g[1].split("-")[-1] == p[1].split("-")[-1])
    P, R = _prf(sum(any(same_actor(g, p) for g in ga) for p in pa), len(pa),
                sum(any(same_actor(g, p) for p in pa) for g in ga), len(ga))
    actors = Score("actor (per source)", len(ga), len(pa), P, R)
    scores.append(actors)
    leaks = 0
    for g in gold:
        for b in g.get("boilerplate", []):
            bt = " ".join((b if isinstance(b, str) else b.get("head", "")).split())
            leaks += sum(1 for r in recs if r["source"] == g["id"] and bt
                         and bt in " ".join(str(r.get("quote") or "").split()))
    figures = {"motive_f1": micro.f1, "counter_f1": counter.f1, "counter_rebuts_f1": rebuts.f1,
               "counter_id_f1": cid.f1, "quote_f1": quote.f1, "event_f1": event.f1,
               "actor_f1": actors.f1, "grounded": grounded / len(span_recs) if span_recs else 0.0,
               "boilerplate_leaks": leaks}
    return scores, figures


def table(scores: list[Score], figures: dict) -> str:
    lines = [f"{'measure':24} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for s in scores:
        lines.append(f"{s.name:24} {s.gold:5d} {s.pred:5d} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}")
    lines.append(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))
    return "\n".join(lines) + "\n"
