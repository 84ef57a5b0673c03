"""The review loop on real articles: ``python tools/learning/reviewloop.py PROJECT [--partitions
0,1,2] [--k 12,24,48] [--n 25,50,100,all] [--order uncertain|article] [--decisions
confirm,reject,manual] [--review-weight W] [--undecided finished|ignored|negatives] [--results DIR]
[--report]`` (under ``nice``: one training run, about a minute of CPU, per cell and partition).

An analyst's project OUTSIDE the repository: ``PROJECT/seeds`` holds the open real articles
(sets s-z, a2, b2 of ``/work/locked``, 120 texts, with the five shipped seeds' texts, which
``gold/seeds.yaml`` reads from there) and ``PROJECT/briefs`` their briefs as ``brief extract``
wrote them with the shipped model. Per partition (a seeded shuffle of the 120 articles) the first
k are the analyst's "reviewed" articles, the others "the rest". On the reviewed ones the analyst
acts with the annotation as oracle, one decision at a time, at most N of them:

- ``--order uncertain``: ``brief review``'s queue over the reviewed briefs (least certain first, so
  ``--uncertain``'s items before the others): a machine item the annotation has is confirmed (its
  ``rebuts`` and counterargument id set to the annotation's when they differ), one it has not
  rejected; then, article by article, a motive or counterargument sentence of the annotation that
  no machine item gives is added as a ``manual`` item (an analyst reading the article);
- ``--order article``: article by article, its items in the brief's order, then its additions.

``--decisions`` keeps only those kinds of decision (before the cap). The decisions are written
into copies of the reviewed briefs (a folder in /tmp), and the model is trained as ``brief train
--seeds PROJECT/seeds --briefs THAT_FOLDER`` trains it (``cli.learn.training_data``'s data: the
repository's annotations, invented articles, taxonomy examples and these decisions;
``train.fit``; ``--review-weight`` sets ``Config.review_weight``; ``--undecided`` what the other
sentences of a reviewed article teach: ``finished``, ``brief train``'s rule, negatives once the
brief has no motive or counterargument left ``auto``, nothing before; ``ignored``, nothing;
``negatives``, negatives always, the rule before session 20); it is kept in memory only. The
rest is labelled by it and by the shipped model as extraction labels (``cv.records``) and scored
against the sets' annotations (motives, counterarguments detected, with the right ``rebuts``).
Each run's per-article counts go to ``--results`` (default /tmp/loop19-results; figures only:
nothing of an article's text); ``--report`` prints, per cell, the rest's F1 with the shipped model
and with the trained one (mean, lowest and highest over the partitions) and the paired bootstrap
over the rest's articles of every partition pooled. No file of the repository is written.
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import os
import sys
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from threadpoolctl import threadpool_limits  # noqa: E402

from heldout import MEASURES, f1, snapshot  # noqa: E402
from generator.briefs import reader  # noqa: E402
from generator.cli.learn import training_data  # noqa: E402
from generator.extract import Extractor  # noqa: E402
from generator.extract.classifier import SentenceModel  # noqa: E402
from generator.learn import cv as cv_module  # noqa: E402
from generator.learn.annotations import load_annotation  # noqa: E402
from generator.learn.dataset import apply_reviews, from_annotation, overlaps  # noqa: E402
from generator.learn.score import Scorer  # noqa: E402
from generator.learn.train import Config, fit  # noqa: E402

LOCKED = Path("/work/locked")
SETS = ("s", "t", "u", "v", "w", "x", "y", "z", "a2", "b2")
KINDS = ("motives", "counters")


@dataclasses.dataclass
class Corpus:
    """The open sets' annotations and labelled documents, the project's briefs, the base training data."""
    taxonomy: object
    annotations: dict      # set -> Annotation
    docs: dict             # article id -> LabelledDocument (from the annotation)
    gold: dict             # article id -> {"motives": [(span, item)], "counters": [...]}
    base: tuple            # (annotated documents, training-only documents) as brief train reads them
    shipped: SentenceModel


def load_corpus(project: Path) -> Corpus:
    args = argparse.Namespace(taxonomy=REPO / "briefs" / "taxonomy.yaml", briefs=project / "no-briefs",
                              gold=[], seeds=project / "seeds")
    taxonomy, annotated, examples, _, _ = training_data(args)
    extractor = Extractor(taxonomy)
    annotations, docs, gold = {}, {}, {}
    for name in SETS:
        annotation = load_annotation(LOCKED / name / "locked.yaml", LOCKED / name / "texts")
        annotations[name] = annotation
        docs.update({d.group: d for d in from_annotation(extractor, annotation)})
        gold.update({g.id: g.items for g in annotation.sources})
    shipped = SentenceModel(json.loads((REPO / "model" / "sentences.json").read_text(encoding="utf-8")))
    annotated_docs = [d for _, ds in annotated.values() for d in ds]
    return Corpus(taxonomy, annotations, docs, gold, (annotated_docs, examples), shipped)


def machine_items(briefs: Path, aid: str) -> list[dict]:
    """The unreviewed motives and counterarguments of an article's brief with their queue keys."""
    path = briefs / "sources" / f"{aid}.yaml"
    doc = reader.load(path)
    out = []
    for kind in KINDS:
        for i, item in enumerate(doc.data.get(kind) or []):
            if isinstance(item, dict) and item.get("status", "auto") == "auto" \
                    and isinstance(item.get("confidence"), (int, float)):
                out.append({"aid": aid, "kind": kind, "index": i, "item": item,
                            "key": (float(item["confidence"]), str(path), doc.place((kind, i))[0])})
    return out


def verdict(entry: dict, gold: dict, counter_ids: set) -> dict:
    """The oracle's decision on a machine item: confirmed (with corrections) or rejected."""
    item, span = entry["item"], (entry["item"]["start"], entry["item"]["end"])
    if entry["kind"] == "motives":
        right = any(overlaps(span, g) and item["motive"] in (it.get("motives") or ()) for g, it in gold["motives"])
        return {**entry, "action": "confirm" if right else "reject", "fields": {}}
    for g, it in gold["counters"]:
        if overlaps(span, g):
            fields = {"rebuts": str(it["rebuts"]) if it.get("rebuts") else None}
            if it.get("id") and str(it["id"]) in counter_ids:
                fields["counter"] = str(it["id"])
            return {**entry, "action": "confirm", "fields": fields}
    return {**entry, "action": "reject", "fields": {}}


def additions(aid: str, items: list[dict], gold: dict, counter_ids: set) -> list[dict]:
    """The annotation's motive and counterargument sentences no machine item gives: manual items."""
    out, seen = [], set()
    machine = [(e["kind"], (e["item"]["start"], e["item"]["end"]), e["item"].get("motive")) for e in items]
    for span, it in gold["motives"]:
        for m in sorted(str(x) for x in it.get("motives") or ()):
            if (span, m) in seen or any(k == "motives" and lab == m and overlaps(s, span) for k, s, lab in machine):
                continue
            seen.add((span, m))
            out.append({"aid": aid, "kind": "motives", "action": "manual", "span": span, "fields": {"motive": m}})
    for span, it in gold["counters"]:
        if span in seen or any(k == "counters" and overlaps(s, span) for k, s, _ in machine):
            continue
        seen.add(span)
        fields = {"rebuts": str(it["rebuts"]) if it.get("rebuts") else None,
                  "counter": str(it["id"]) if it.get("id") and str(it["id"]) in counter_ids else None}
        out.append({"aid": aid, "kind": "counters", "action": "manual", "span": span, "fields": fields})
    return out


def plan(corpus: Corpus, briefs: Path, reviewed: list[str], order: str) -> list[dict]:
    """Every decision the analyst would take on the reviewed articles, in the order taken."""
    counter_ids = {c.id for c in corpus.taxonomy.counterarguments}
    items = {aid: machine_items(briefs, aid) for aid in reviewed}
    judged = {aid: [verdict(e, corpus.gold[aid], counter_ids) for e in items[aid]] for aid in reviewed}
    added = {aid: additions(aid, items[aid], corpus.gold[aid], counter_ids) for aid in reviewed}
    if order == "article":
        return [d for aid in reviewed for d in sorted(judged[aid], key=lambda e: e["key"][2]) + added[aid]]
    queue = sorted((d for aid in reviewed for d in judged[aid]), key=lambda e: e["key"])
    return queue + [d for aid in reviewed for d in added[aid]]


def write_decisions(decisions: list[dict], briefs: Path, out: Path) -> None:
    """The reviewed briefs with the decisions taken, as an analyst's edits leave them."""
    (out / "sources").mkdir(parents=True, exist_ok=True)
    by_article: dict = {}
    for d in decisions:
        by_article.setdefault(d["aid"], []).append(d)
    for aid, taken in by_article.items():
        data = yaml.safe_load((briefs / "sources" / f"{aid}.yaml").read_text(encoding="utf-8"))
        text = (briefs.parent / "seeds" / str(data["source"]["file"])).read_text(encoding="utf-8")
        for d in taken:
            if d["action"] == "manual":
                start, end = d["span"]
                data[d["kind"]] = (data.get(d["kind"]) or []) + [
                    {**d["fields"], "quote": text[start:end], "start": start, "end": end, "status": "manual"}]
            else:
                item = data[d["kind"]][d["index"]]
                item.update(d["fields"], status="confirmed" if d["action"] == "confirm" else "rejected")
        (out / "sources" / f"{aid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                                                     encoding="utf-8")


def train(corpus: Corpus, project: Path, decided: Path, config: Config,
          undecided: str = "finished") -> tuple[SentenceModel, int]:
    """``brief train --seeds PROJECT/seeds --briefs DECIDED``'s model (base documents reused, their
    labels copied, so that the decisions land on fresh ones). ``undecided``: what the undecided
    sentences of a reviewed article teach: ``finished``, ``brief train``'s rule since session 20
    (negatives once no motive or counterargument of its brief is left ``auto``, before that
    nothing); ``ignored`` (never anything: the decided sentences alone); ``negatives`` (always:
    the rule before session 20)."""
    annotated, examples = corpus.base
    docs = [dataclasses.replace(d, labels=copy.deepcopy(d.labels)) for d in annotated]
    taken = apply_reviews(Extractor(corpus.taxonomy), decided, project / "seeds", docs)
    reviewed = [d for d in docs if d.origin == "reviews"]
    for d in reviewed:
        if undecided == "negatives":
            d.taught = None
        elif undecided == "ignored" and d.taught is None:
            d.taught = decided_rows(d, decided)
    model = fit(corpus.taxonomy, docs[:len(annotated)] + reviewed + examples, config)
    return SentenceModel(model), taken


def decided_rows(doc, decided: Path) -> tuple:
    """The sentences of a reviewed article that a decision in its brief names."""
    brief = yaml.safe_load((decided / "sources" / f"{doc.group}.yaml").read_text(encoding="utf-8"))
    spans = [(i["start"], i["end"]) for k in KINDS for i in brief.get(k) or []
             if i.get("status", "auto") != "auto"]
    return tuple(i for i, c in enumerate(doc.candidates)
                 if any(overlaps((c.sentence.start, c.sentence.end), s) for s in spans))


def score(corpus: Corpus, model: SentenceModel) -> dict:
    """Per article of the open sets: [found, reference, predicted, right] per measure."""
    out = {}
    for name, annotation in corpus.annotations.items():
        records = [r for g in annotation.sources for r in cv_module.records(corpus.docs[g.id], model, corpus.taxonomy)]
        out.update(snapshot(Scorer(annotation).score(records)))
    return out


def partition(corpus: Corpus, seed: int) -> list[str]:
    ids = sorted(corpus.docs)
    return [ids[i] for i in np.random.RandomState(seed).permutation(len(ids))]


def variant_name(args) -> str:
    kinds = "" if args.decisions == "confirm,reject,manual" else "-" + args.decisions.replace(",", "+")
    weight = "" if args.review_weight == 1.0 else f"-w{args.review_weight:g}"
    return f"{args.order}{kinds}{weight}{'' if args.undecided == 'finished' else '-undecided-' + args.undecided}"


def run_cell(corpus: Corpus, args, seed: int, k: int, cap: str, out: Path) -> None:
    """One partition, k reviewed articles, at most ``cap`` decisions: the rest's counts, saved."""
    order = partition(corpus, seed)
    reviewed, rest = order[:k], order[k:]
    kinds = set(args.decisions.split(","))
    planned = [d for d in plan(corpus, args.project / "briefs", reviewed, args.order) if d["action"] in kinds]
    taken = planned if cap == "all" else planned[:int(cap)]
    decided = Path(f"/tmp/loop19-decided-{os.getpid()}")
    if decided.exists():
        import shutil
        shutil.rmtree(decided)
    write_decisions(taken, args.project / "briefs", decided)
    model, applied = train(corpus, args.project, decided, Config(review_weight=args.review_weight), args.undecided)
    counts = score(corpus, model)
    actions = {a: sum(d["action"] == a for d in taken) for a in ("confirm", "reject", "manual")}
    out.write_text(json.dumps({"rest": {a: counts[a] for a in rest}, "taken": len(taken), "applied": applied,
                               "planned": len(planned), "actions": actions,
                               "thresholds": [model.heads["motive"].threshold, model.heads["counter"].threshold]},
                              sort_keys=True))
    print(f"{out.name}: {len(taken)} of {len(planned)} decisions {actions}, applied {applied}", flush=True)


def bootstrap(pairs: list, key: str, rounds: int = 2000) -> str:
    """The F1 difference over the pooled (partition, article) pairs, resampled (seed 0)."""
    rng = np.random.RandomState(0)
    b, v = [p[0][key] for p in pairs], [p[1][key] for p in pairs]
    diffs = []
    for _ in range(rounds):
        pick = rng.randint(0, len(pairs), len(pairs))
        diffs.append(f1([v[i] for i in pick]) - f1([b[i] for i in pick]))
    lo, hi = np.percentile(diffs, [5, 95])
    return f"ahead {np.mean(np.array(diffs) > 0):.0%}, 90% {lo:+.3f}..{hi:+.3f}"


def report(results: Path) -> None:
    baseline = json.loads((results / "baseline.json").read_text())
    for folder in sorted(p for p in results.iterdir() if p.is_dir()):
        cells: dict = {}
        for f in sorted(folder.glob("p*-k*-n*.json")):
            seed, k, cap = f.stem.split("-")
            cells.setdefault((int(k[1:]), cap[1:]), []).append(json.loads(f.read_text()))
        print(f"\n== {folder.name}")
        for (k, cap), runs in sorted(cells.items(), key=lambda c: (c[0][0], c[0][1] != "all", c[0][1].zfill(4))):
            chosen = sorted({tuple(r["thresholds"]) for r in runs})
            cols = [f"k {k:2d} N {cap:>3}: {len(runs)} partitions, decisions {np.mean([r['taken'] for r in runs]):.0f}, "
                    f"thresholds (motive, counter) {', '.join(f'{m:g}/{c:g}' for m, c in chosen)}"]
            for label, key in MEASURES[:3]:
                before = [f1([baseline[a][key] for a in r["rest"]]) for r in runs]
                after = [f1([r["rest"][a][key] for a in r["rest"]]) for r in runs]
                delta = np.array(after) - np.array(before)
                pairs = [(baseline[a], r["rest"][a]) for r in runs for a in r["rest"]]
                cols.append(f"{label} {np.mean(before):.3f} -> {np.mean(after):.3f} ({np.mean(delta):+.3f}, "
                            f"{delta.min():+.3f}..{delta.max():+.3f}; {bootstrap(pairs, key)})")
            print("\n    ".join(cols))


def report_against(results: Path, base: str) -> None:
    """Each variant against ``base`` (another folder of ``results``), cell by cell on the partitions
    both ran: the F1 change per partition and the paired bootstrap over the rest's articles."""
    for folder in sorted(p for p in results.iterdir() if p.is_dir() and p.name != base):
        for cell in sorted({f.stem.split("-", 1)[1] for f in folder.glob("p*-k*-n*.json")}):
            runs = [(json.loads((results / base / f.name).read_text()), json.loads(f.read_text()))
                    for f in sorted(folder.glob(f"p*-{cell}.json")) if (results / base / f.name).is_file()]
            if not runs:
                continue
            print(f"{folder.name} against {base}, {cell}: {len(runs)} partitions")
            for label, key in MEASURES[:3]:
                delta = [f1([v["rest"][a][key] for a in v["rest"]]) - f1([u["rest"][a][key] for a in u["rest"]])
                         for u, v in runs]
                pairs = [(u["rest"][a], v["rest"][a]) for u, v in runs for a in u["rest"]]
                print(f"    {label} {' '.join(f'{d:+.3f}' for d in delta)}; {bootstrap(pairs, key)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--partitions", default="0,1,2")
    parser.add_argument("--k", default="12,24,48")
    parser.add_argument("--n", default="25,50,100,all")
    parser.add_argument("--order", choices=("uncertain", "article"), default="uncertain")
    parser.add_argument("--decisions", default="confirm,reject,manual")
    parser.add_argument("--review-weight", type=float, default=1.0)
    parser.add_argument("--undecided", choices=("finished", "ignored", "negatives"), default="finished",
                        help="what a reviewed article's undecided sentences teach (see train)")
    parser.add_argument("--results", type=Path, default=Path("/tmp/loop19-results"))
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--against", metavar="VARIANT", help="--report: every variant paired against this one")
    args = parser.parse_args(argv)
    args.project = args.project.resolve()
    os.chdir(REPO)
    if args.report:
        report(args.results) if args.against is None else report_against(args.results, args.against)
        return 0
    with threadpool_limits(1):
        corpus = load_corpus(args.project)
        args.results.mkdir(parents=True, exist_ok=True)
        if not (args.results / "baseline.json").is_file():
            (args.results / "baseline.json").write_text(json.dumps(score(corpus, corpus.shipped), sort_keys=True))
        folder = args.results / variant_name(args)
        folder.mkdir(exist_ok=True)
        for seed in map(int, args.partitions.split(",")):
            for k in map(int, args.k.split(",")):
                for cap in args.n.split(","):
                    out = folder / f"p{seed}-k{k}-n{cap}.json"
                    if not out.is_file():
                        run_cell(corpus, args, seed, k, cap, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
