"""The sentence classifier on held-out annotated articles: ``python tools/learning/heldout.py
FOLDER... [--variant NAME] [--leave-out GOLD] [--per-source] [--save FILE] [--against FILE]``
(run it under ``nice``: a training run and the extraction's sentence view of every article).

Trains the model exactly as ``brief train`` does (``cli.learn.training_data``: the reference
annotations, the taxonomy's examples and the briefs' review decisions; ``Config()``; without a
variant the model's bytes are checked against the committed ``model/sentences.json``), with an
optional variant of ``variants.py`` applied, then labels the sentences of each FOLDER's
annotated articles as extraction does (``Extractor.sentence_view`` and
``classifier.classify_candidates``, through ``cv.records``) and scores motives and
counterarguments with ``brief eval``'s scorer (gold/SCORING.md). A FOLDER holds an annotation
(``fresh.yaml``, else its one ``*.yaml``; a YAML file may be named directly) and ``texts/``.

``--leave-out GOLD`` trains without that annotation and scores it (``gold/seeds.yaml``: a model
from the dev set and the examples on the seeds): a smoke test with motive labels.
``--train FOLDER`` (repeatable) adds that annotated folder's articles to the training data (a
learning curve: does more annotation of this kind move the figures on other articles?);
``--train-sample N`` keeps N of those extra articles, drawn with ``--sample-seed`` (default 0).
``--save FILE`` writes, per article, which reference items were matched and how many items were
predicted (ids, offsets and labels only, no text); ``--against FILE`` compares this run with a
saved one: the articles and reference labels that moved. Keep such files out of the repository
when they describe articles that must not enter it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from threadpoolctl import threadpool_limits  # noqa: E402

import variants  # noqa: E402
from generator.briefs import reader  # noqa: E402
from generator.cli.learn import training_data  # noqa: E402
from generator.extract import Extractor  # noqa: E402
from generator.extract.classifier import SentenceModel  # noqa: E402
from generator.learn import cv as cv_module  # noqa: E402
from generator.learn.annotations import load_annotation, texts_folder  # noqa: E402
from generator.learn.dataset import from_annotation  # noqa: E402
from generator.learn.score import Count, Scorer  # noqa: E402
from generator.learn.train import Config, fit, model_text  # noqa: E402

MEASURES = (("motives", "motive (micro)"), ("counters", "counter (detected)"),
            ("+rebuts", "counter (+rebuts)"), ("+id", "counter (+id)"))


def annotation_file(path: Path) -> Path:
    if path.is_file():
        return path
    named = path / "fresh.yaml"
    if named.is_file():
        return named
    found = sorted(path.glob("*.yaml"))
    if len(found) != 1:
        raise SystemExit(f"{path}: name the annotation (found {len(found)} .yaml files)")
    return found[0]


def extra_documents(taxonomy, folders: list, sample: int | None, seed: int, origin: str = "annotation",
                    skip_twins_of: tuple = ()) -> list:
    """The labelled documents of the annotated ``folders`` (``--train``), or ``sample`` of them;
    ``origin="invented"`` marks them invented (``Config``'s weights and thresholds apply). A source
    with ``twin_of`` is a paraphrased twin (origin "twin", ``--twin-weight``): cross-validation
    never trains a fold on the twin of one of its test articles; ``skip_twins_of``: annotations
    whose articles' twins are left out (``--skip-twins-of gold/seeds.yaml``: the dev set's alone)."""
    import numpy as np
    docs = []
    for path in folders:
        gold = annotation_file(path)
        docs += from_annotation(Extractor(taxonomy), load_annotation(gold, texts_folder(gold, REPO / "seeds")))
    skipped = {str(s["id"]) for gold in skip_twins_of for s in reader.load(gold).data["sources"]}
    docs = [d for d in docs if d.twin_of not in skipped] if skipped else docs
    for d in docs:
        d.origin = "twin" if d.twin_of else origin
    if sample is not None:
        keep = sorted(np.random.RandomState(seed).permutation(len(docs))[:sample])
        docs = [docs[i] for i in keep]
    if docs:
        print(f"training on {len(docs)} more annotated articles from {', '.join(map(str, folders))}")
    return docs


def invented_options(parser) -> None:
    """The options that treat the ``--train`` articles as invented (session 9)."""
    parser.add_argument("--invented", action="store_true", help="the --train articles are invented")
    parser.add_argument("--motive-weight", type=float, default=1.0, help="their weight in the motive heads")
    parser.add_argument("--counter-weight", type=float, default=1.0, help="their weight in the counter heads")
    parser.add_argument("--thresholds-on-real", action="store_true",
                        help="choose the thresholds on the real articles' inner folds alone")
    parser.add_argument("--twin-weight", type=float, default=1.0,
                        help="the weight of the paraphrased twins (sources with twin_of) in the motive heads")
    parser.add_argument("--twin-counter-heads", action="store_true",
                        help="the twins train the counter, rebuts and counter-id heads too (weighed as above)")
    parser.add_argument("--skip-twins-of", type=Path, action="append", default=[],
                        help="leave out the --train twins of this annotation's articles")


def config_of(args) -> Config:
    return Config(invented_motive_weight=args.motive_weight, invented_counter_weight=args.counter_weight,
                  thresholds_on_real=args.thresholds_on_real, twin_weight=args.twin_weight,
                  twin_counter_heads=args.twin_counter_heads)


def train_model(leave_out: Path | None, checked: bool, extra=(), sample=None, seed=0, origin="annotation",
                config: Config = Config(), skip_twins_of: tuple = ()):
    """The model ``brief train`` would write (without the annotation ``leave_out``; with the
    annotated folders ``extra``, or ``sample`` of their articles)."""
    args = argparse.Namespace(taxonomy=None, briefs=REPO / "briefs", gold=None, seeds=REPO / "seeds")
    taxonomy, annotated, examples, reviewed, _ = training_data(args)
    kept = {k: v for k, v in annotated.items() if leave_out is None or Path(k).resolve() != leave_out.resolve()}
    if leave_out is not None and len(kept) == len(annotated):
        raise SystemExit(f"--leave-out {leave_out}: not a training annotation ({', '.join(annotated)})")
    more = extra_documents(taxonomy, list(extra), sample, seed, origin, tuple(skip_twins_of))
    docs = [d for _, ds in kept.values() for d in ds] + more + reviewed + examples
    model = fit(taxonomy, docs, config)
    thresholds = (f"motive threshold {model['heads']['motive']['threshold']}, "
                  f"counter threshold {model['heads']['counter']['threshold']}")
    if checked and leave_out is None and not more:
        committed = (REPO / "model" / "sentences.json").read_text(encoding="utf-8")
        same = model_text(model) == committed
        print(f"model: {'identical to' if same else 'DIFFERS from'} the committed model/sentences.json ({thresholds})")
    elif more:
        print(f"model: {thresholds}")
    return taxonomy, SentenceModel(model)


def score_folder(path: Path, taxonomy, model):
    gold = annotation_file(path)
    annotation = load_annotation(gold, texts_folder(gold, REPO / "seeds"))
    docs = from_annotation(Extractor(taxonomy), annotation)
    records = [r for d in docs for r in cv_module.records(d, model, taxonomy)]
    return gold, Scorer(annotation).score(records), records


def summary(name: str, result, records: list) -> str:
    t = result.totals
    m = t["motive (micro)"]
    lines = [f"{name}: {len(result.sources)} articles",
             f"  motives   P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}  "
             f"(reference {m.gold}, found {m.tp_gold}; predicted {m.pred}, right {m.tp_pred})"]
    for label, key in MEASURES[1:]:
        c = t[key]
        lines.append(f"  {label:9} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}  "
                     f"(reference {c.gold}, found {c.tp_gold}; predicted {c.pred}, right {c.tp_pred})")
    scored = {k.split(":", 1)[1] for k in result.measures if k.startswith("motive:")}
    unscored = sum(1 for r in records if r["kind"] == "motive" and r["label"] not in scored)
    if unscored:
        lines.append(f"  ({unscored} predicted motives carry a label that no reference item uses: "
                     "the scorer does not count them)")
    for key in result.measures:
        if key.startswith("motive:"):
            c = t[key]
            lines.append(f"    {key:30} gold {c.gold:3d} pred {c.pred:3d} F1 {c.f1:.2f}")
    return "\n".join(lines)


def per_source(result) -> str:
    lines = [f"  {'article':40}" + "".join(f"{label:>14}" for label, _ in MEASURES)]
    for s in result.sources:
        cells = [f"{s.counts[k].tp_gold}/{s.counts[k].gold}/{s.counts[k].pred}" for _, k in MEASURES]
        lines.append(f"  {s.id[:40]:40}" + "".join(f"{c:>14}" for c in cells))
    return "\n".join(lines) + "\n  (found/reference/predicted)"


def snapshot(result) -> dict:
    """Per article and measure: reference items found, predictions, predictions right."""
    return {s.id: {k: [s.counts[k].tp_gold, s.counts[k].gold, s.counts[k].pred, s.counts[k].tp_pred]
                   for _, k in MEASURES} for s in result.sources}


def moved(before: dict, after: dict) -> str:
    lines = []
    for _, key in MEASURES[:2]:
        changed = [a for a in after if a in before and before[a][key] != after[a][key]]
        gained = sum(max(0, after[a][key][0] - before[a][key][0]) for a in changed)
        lost = sum(max(0, before[a][key][0] - after[a][key][0]) for a in changed)
        pred = sum(after[a][key][2] - before[a][key][2] for a in changed)
        wrong = sum((after[a][key][2] - after[a][key][3]) - (before[a][key][2] - before[a][key][3]) for a in changed)
        lines.append(f"  {key}: {len(changed)} of {len(after)} articles changed; reference items found "
                     f"+{gained} / -{lost}; predictions {pred:+d} (wrong ones {wrong:+d})")
    return "\n".join(lines)


def f1(rows: list) -> float:
    """Micro F1 of per-article [found, reference, predicted, right] counts (the scorer's ``Count``)."""
    total = Count()
    for found, gold, pred, right in rows:
        total.add(Count(tp_pred=right, pred=pred, tp_gold=found, gold=gold))
    return total.f1


def paired_bootstrap(before: dict, after: dict, rounds: int = 2000) -> str:
    """The F1 difference over the articles of every folder, resampled with replacement (seed 0):
    how often the variant is ahead, and the 90% interval of the difference."""
    import numpy as np
    keys = [(f, a) for f in after for a in after[f] if a in before.get(f, {})]
    rng = np.random.RandomState(0)
    lines = []
    for label, key in MEASURES[:3]:
        b = [before[f][a][key] for f, a in keys]
        v = [after[f][a][key] for f, a in keys]
        diffs = []
        for _ in range(rounds):
            pick = rng.randint(0, len(keys), len(keys))
            diffs.append(f1([v[i] for i in pick]) - f1([b[i] for i in pick]))
        lo, hi = np.percentile(diffs, [5, 95])
        lines.append(f"  all folders, {label}: F1 {f1(b):.3f} -> {f1(v):.3f} ({f1(v) - f1(b):+.3f}); "
                     f"paired bootstrap over {len(keys)} articles: ahead in {np.mean(np.array(diffs) > 0):.0%}, "
                     f"tied in {np.mean(np.array(diffs) == 0):.0%}, 90% interval {lo:+.3f} .. {hi:+.3f}")
    return "\n".join(lines)


def combined(saved: dict) -> str:
    rows = [counts for folder in saved.values() for counts in folder.values()]
    return "all folders: " + ", ".join(f"{label} F1 {f1([r[key] for r in rows]):.3f}" for label, key in MEASURES)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--variant", default="", help="variants.py's names, joined by +")
    parser.add_argument("--leave-out", type=Path, default=None, help="train without this annotation, score it")
    parser.add_argument("--train", type=Path, action="append", default=[],
                        help="an annotated folder whose articles are added to the training data")
    parser.add_argument("--train-sample", type=int, default=None, help="keep N of the --train articles")
    parser.add_argument("--sample-seed", type=int, default=0)
    invented_options(parser)
    parser.add_argument("--per-source", action="store_true")
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--against", type=Path, default=None)
    args = parser.parse_args(argv)
    os.chdir(REPO)
    targets = list(args.folders) + ([args.leave_out] if args.leave_out else [])
    if not targets:
        parser.error("name a folder to score (or --leave-out GOLD)")
    saved = {}
    with threadpool_limits(1), variants.applied(args.variant):
        taxonomy, model = train_model(args.leave_out, not args.variant, args.train, args.train_sample,
                                      args.sample_seed, "invented" if args.invented else "annotation",
                                      config_of(args), args.skip_twins_of)
        for path in targets:
            gold, result, records = score_folder(path, taxonomy, model)
            label = args.variant or "shipped"
            if args.train:
                label += f" + {args.train_sample or 'all'} trained from {len(args.train)} folder(s)"
            print(summary(f"{gold} [{label}]", result, records))
            if args.per_source:
                print(per_source(result))
            saved[str(gold)] = snapshot(result)
            if args.against:
                before = json.loads(args.against.read_text()).get(str(gold))
                if before:
                    print(moved(before, saved[str(gold)]))
    if len(saved) > 1:
        print(combined(saved))
    if args.against:
        print(paired_bootstrap(json.loads(args.against.read_text()), saved))
    if args.save:
        args.save.write_text(json.dumps(saved, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
