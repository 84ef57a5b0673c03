"""``brief eval``: an extraction scored against a reference annotation, per source and overall.

The rules are gold/SCORING.md's, as the annotators' own scorer applies them: a predicted span
matches a reference span of the same source when they overlap by at least half of the shorter
one; precision is the share of predictions that match a reference item, recall the share of
reference items matched. Every measure is counted per source, and the overall figures are the
sums of those counts, so the per-source table and the totals always agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .annotations import Annotation, GoldSource, canonical_id, collapse

SPAN_KINDS = ("motive", "counter", "quote", "event")
FIGURES = ("motive_f1", "counter_f1", "counter_rebuts_f1", "counter_id_f1", "quote_f1", "event_f1",
           "actor_f1", "grounded", "boilerplate_leaks")


@dataclass
class Count:
    """Matches of one measure: predictions that matched, predictions, reference items matched,
    reference items."""
    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Count) -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SourceScore:
    """One source's counts per measure (``motive:<id>``, ``motive (micro)``, ...)."""
    id: str
    counts: dict = field(default_factory=dict)
    grounded: int = 0
    spans: int = 0
    leaks: int = 0


@dataclass
class Result:
    sources: list[SourceScore]
    measures: list[str]            # in table order
    totals: dict                   # measure -> Count

    @property
    def figures(self) -> dict:
        spans = sum(s.spans for s in self.sources)
        t = self.totals
        return {"motive_f1": t["motive (micro)"].f1, "counter_f1": t["counter (detected)"].f1,
                "counter_rebuts_f1": t["counter (+rebuts)"].f1, "counter_id_f1": t["counter (+id)"].f1,
                "quote_f1": t["quote (+speaker)"].f1, "event_f1": t["event (+date)"].f1,
                "actor_f1": t["actor (per source)"].f1,
                "grounded": sum(s.grounded for s in self.sources) / spans if spans else 0.0,
                "boilerplate_leaks": sum(s.leaks for s in self.sources)}


class Scorer:
    """An annotation's ids folded once (the common aliases and the annotation's own)."""

    def __init__(self, annotation: Annotation):
        self.annotation = annotation
        self.aliases = annotation.aliases
        self.persons = {self.id(p) for p in annotation.persons}
        self.labels = sorted({label for g in annotation.sources for _, item in g.items["motives"]
                              for label in item.get("motives") or ()})

    def id(self, value) -> str:
        s = canonical_id(value)
        return self.aliases.get(s, s)

    def score(self, records: list[dict]) -> Result:
        by_source: dict[str, list[dict]] = {}
        for r in records:
            by_source.setdefault(r.get("source"), []).append(r)
        sources = [self.source(g, by_source.get(g.id, [])) for g in self.annotation.sources]
        measures = [f"motive:{label}" for label in self.labels] + [
            "motive (micro)", "counter (detected)", "counter (+rebuts)", "counter (+id)",
            "quote (found)", "quote (+speaker)", "event (found)", "event (+date)", "actor (per source)"]
        totals = {m: Count() for m in measures}
        for s in sources:
            for m in measures:
                totals[m].add(s.counts[m])
        return Result(sources, measures, totals)

    def source(self, g: GoldSource, records: list[dict]) -> SourceScore:
        out = SourceScore(g.id)
        spans = {}
        span_records = [r for r in records if r.get("kind") in SPAN_KINDS]
        for n, r in enumerate(span_records):
            ok, spans[n] = _placed(g, r)
            out.grounded += ok
        out.spans = len(span_records)
        placed = [(spans[n], r) for n, r in enumerate(span_records)]

        def of(kind):
            return [(span, r) for span, r in placed if r["kind"] == kind]
        micro = Count()
        for label in self.labels:
            gold = [(sp, i) for sp, i in g.items["motives"] if label in (i.get("motives") or ())]
            pred = [(sp, r) for sp, r in of("motive") if self.id(r.get("label")) == label]
            out.counts[f"motive:{label}"] = c = _match(gold, pred, lambda gi, r: True)
            micro.add(c)
        out.counts["motive (micro)"] = micro
        counters = g.items["counters"]
        out.counts["counter (detected)"] = _match(counters, of("counter"), lambda gi, r: True)
        out.counts["counter (+rebuts)"] = _match(counters, of("counter"), lambda gi, r: self.id(
            gi.get("rebuts") or "none") == self.id(r.get("rebuts") or "none"))
        out.counts["counter (+id)"] = _match(counters, of("counter"),
                                             lambda gi, r: self.id(gi.get("id")) == self.id(r.get("label")))
        quotes = g.items["quotes"]
        out.counts["quote (found)"] = _match(quotes, of("quote"), lambda gi, r: True)
        out.counts["quote (+speaker)"] = _match(quotes, of("quote"), self._same_speaker)
        events = g.items["events"]
        out.counts["event (found)"] = _match(events, of("event"), lambda gi, r: True)
        out.counts["event (+date)"] = _match(events, of("event"), lambda gi, r: str(
            r.get("label", "")).startswith(str(gi.get("date"))))
        out.counts["actor (per source)"] = self._actors(g, records)
        out.leaks = sum(1 for b in g.boilerplate for r in span_records
                        if b and b in collapse(str(r.get("quote", ""))))
        return out

    def _same_speaker(self, item: dict, r: dict) -> bool:
        gold, pred = self.id(item.get("speaker")), self.id(r.get("label"))
        return gold == pred or gold.split("-")[-1] == pred.split("-")[-1]

    def _actors(self, g: GoldSource, records: list[dict]) -> Count:
        gold = {self.id(a) for a in g.actors}
        pred = {self.id(r.get("label")) for r in records if r.get("kind") == "actor"}

        def same(a, b):   # a person also matches an id that ends in the same surname
            return a == b or (a in self.persons and a.split("-")[-1] == b.split("-")[-1])
        return Count(sum(any(same(a, p) for a in gold) for p in pred), len(pred),
                     sum(any(same(a, p) for p in pred) for a in gold), len(gold))


def _placed(g: GoldSource, r: dict) -> tuple[bool, tuple[int, int] | None]:
    """Whether a span record is grounded (its offsets hold its quote), and the span it is
    scored at: its offsets when grounded, else where its quote is found (still ungrounded)."""
    quote = collapse(str(r.get("quote") or ""))
    start, end = r.get("start"), r.get("end")
    if quote and isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool) \
            and collapse(g.text.raw[start:end]) == quote:
        return True, (start, end)
    return False, g.text.locate(quote)


def _overlap(a, b) -> bool:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return hi > lo and hi - lo >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _match(gold: list, pred: list, same) -> Count:
    hit_gold = [False] * len(gold)
    tp_pred = 0
    for p_span, r in pred:
        hit = False
        for j, (g_span, item) in enumerate(gold):
            if p_span and g_span and _overlap(g_span, p_span) and same(item, r):
                hit_gold[j] = hit = True
        tp_pred += hit
    return Count(tp_pred, len(pred), sum(hit_gold), len(gold))


# ---- tables --------------------------------------------------------------------------

def table(result: Result) -> str:
    """The overall table (the annotators' scorer's layout) and the headline figures."""
    lines = [f"{'measure':26} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for m in result.measures:
        c = result.totals[m]
        lines.append(f"{m:26} {c.gold:5d} {c.pred:5d} {c.precision:6.2f} {c.recall:6.2f} {c.f1:6.2f}")
    figures = result.figures
    spans = sum(s.spans for s in result.sources)
    lines.append(f"grounded spans: {sum(s.grounded for s in result.sources)}/{spans}; "
                 f"boilerplate leaks: {figures['boilerplate_leaks']}")
    lines.append(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                          for k, v in figures.items()))
    return "\n".join(lines) + "\n"


PER_SOURCE = (("motives", "motive (micro)"), ("counters", "counter (detected)"),
              ("+rebuts", "counter (+rebuts)"), ("quotes", "quote (+speaker)"),
              ("events", "event (+date)"), ("actors", "actor (per source)"))


def source_table(result: Result) -> str:
    """F1 per source of the headline measures (with gold/predicted counts), leaks, and a total
    row computed from the same counts. ``-`` where a source has neither gold nor predictions."""
    width = max([len("source")] + [len(s.id) for s in result.sources])
    head = f"{'source':{width}} " + " ".join(f"{name:>15}" for name, _ in PER_SOURCE) + f" {'leaks':>5}"
    lines = ["per source: F1 matched/gold/predicted", head]
    for s in result.sources + [None]:
        counts = result.totals if s is None else s.counts
        cells = [_cell(counts[m]) for _, m in PER_SOURCE]
        leaks = sum(x.leaks for x in result.sources) if s is None else s.leaks
        lines.append(f"{'overall' if s is None else s.id:{width}} " + " ".join(f"{c:>15}" for c in cells)
                     + f" {leaks:>5}")
    return "\n".join(lines) + "\n"


def _cell(c: Count) -> str:
    if not c.gold and not c.pred:
        return "-"
    return f"{c.f1:.2f} {c.tp_gold}/{c.gold}/{c.pred}"
