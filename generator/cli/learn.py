"""``brief train``: the sentence classifier from annotated and reviewed sentences;
``brief eval --cv``: its leave-articles-out cross-validated figures; ``brief review``: the
machine's items to review, least certain first."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..briefs.model import BriefsmithError

DEFAULT_GOLD = (Path("gold/seeds.yaml"), Path("gold/dev/dev.yaml"))
# Invented articles (gold/invented/README.md): training data only, never scored.
DEFAULT_INVENTED = (Path("gold/invented/invented.yaml"),)


def training_data(args, with_reviews: bool = True):
    """The taxonomy, ``{annotation file: (Annotation, its documents)}``, the documents that are
    training data only (the taxonomy's examples and, without ``--gold``, the invented articles of
    ``DEFAULT_INVENTED``: cross-validation trains every fold on them and scores none), the reviewed
    documents no annotation covers, and the review decisions taken (on the annotated documents too)."""
    from ..briefs.taxonomy import load_taxonomy
    from ..extract import Extractor
    from ..learn.annotations import load_annotation, texts_folder
    from ..learn.dataset import apply_reviews, from_annotation, from_examples
    taxonomy = load_taxonomy(args.taxonomy or args.briefs / "taxonomy.yaml")
    extractor = Extractor(taxonomy)
    golds = args.gold if args.gold else [g for g in DEFAULT_GOLD if g.is_file()]
    annotated = {}
    for gold in golds:
        annotation = load_annotation(gold, texts_folder(gold, args.seeds))
        annotated[str(gold)] = (annotation, from_annotation(extractor, annotation))
    examples = from_examples(extractor, taxonomy)
    for invented in ([] if args.gold else [g for g in DEFAULT_INVENTED if g.is_file()]):
        docs = from_annotation(extractor, load_annotation(invented, texts_folder(invented, args.seeds)))
        for d in docs:
            d.origin = "invented"
        examples = docs + examples
    reviewed, decisions = [], 0
    if with_reviews and (args.briefs / "sources").is_dir():
        docs = [d for _, ds in annotated.values() for d in ds]
        decisions = apply_reviews(extractor, args.briefs, args.seeds, docs)
        reviewed = [d for d in docs if d.origin == "reviews"]
    return taxonomy, annotated, examples, reviewed, decisions


def _embedder(config):
    if not config.settings.embedding:
        return None
    from ..extract import embedder
    return embedder.load()


def cmd_train(args) -> int:
    from ..learn import modelfile
    from ..learn.train import Config, fit, model_text
    taxonomy, annotated, examples, reviewed, reviews = training_data(args)
    docs = [d for _, ds in annotated.values() for d in ds] + reviewed + examples
    if not any(lab.motives or lab.counter for d in docs for lab in d.labels):
        raise BriefsmithError(args.gold[0] if args.gold else args.briefs / "taxonomy.yaml",
                              "nothing to learn from: no annotated sentences, no examples in the "
                              "taxonomy and no review decisions in the briefs")
    config = Config()
    model = fit(taxonomy, docs, config, _embedder(config))
    out = args.out or modelfile.default_path(args.taxonomy or args.briefs / "taxonomy.yaml")
    changed = modelfile.write(out, model_text(model))
    t = model["trained_on"]
    print(f"{'wrote' if changed else 'unchanged:'} {out} ({t['sentences']} sentences of {t['articles']} "
          f"articles, {t['examples']} taxonomy examples, {reviews} review decisions; motive threshold "
          f"{model['heads']['motive']['threshold']}, counter threshold {model['heads']['counter']['threshold']})")
    return 0


def cmd_cross_validate(args) -> int:
    from ..learn.cv import cross_validate, report
    from ..learn.train import Config
    taxonomy, annotated, examples, _, _ = training_data(args, with_reviews=False)
    if not annotated:
        raise BriefsmithError(Path("gold"), "no reference annotation to cross-validate on (--gold FILE)")
    config = Config()
    cv = cross_validate(taxonomy, annotated, examples, config, _embedder(config))
    sys.stdout.write(report(cv))
    return 0


def cmd_review(args) -> int:
    from ..briefs.review import UNCERTAIN, queue
    if not (args.briefs / "sources").is_dir():
        raise BriefsmithError(args.briefs / "sources", "folder not found (run `brief extract` first)")
    kinds = ("motives", "counters", "quotes", "events", "figures") if args.all_kinds else ("motives", "counters")
    entries = queue(args.briefs, kinds, uncertain_only=args.uncertain)
    shown = entries[: args.limit] if args.limit else entries
    for e in shown:
        print(e.line_text())
    what = f"below {UNCERTAIN}" if args.uncertain else "unreviewed"
    print(f"{len(shown)} of {len(entries)} {what} items, least certain first "
          f"(set status: confirmed, rejected or manual in the brief; then brief train)")
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("review", help="list the machine's items to review, least certain first")
    p.add_argument("--briefs", type=Path, default=Path("briefs"), help="briefs folder (default: briefs)")
    p.add_argument("--uncertain", action="store_true",
                   help="only the items the classifier is unsure of (confidence below 0.5)")
    p.add_argument("--all-kinds", action="store_true",
                   help="quotes, events and figures too (their confidence comes from rules)")
    p.add_argument("--limit", type=int, default=0, help="list at most N items")
    p.set_defaults(func=cmd_review)
    p = sub.add_parser("train", help="train the sentence classifier (motives, counterarguments)")
    options(p)
    p.add_argument("--out", type=Path, default=None,
                   help="model file (default: model/sentences.json beside the taxonomy's folder)")
    p.set_defaults(func=cmd_train)


def options(p: argparse.ArgumentParser, seeds: bool = True) -> None:
    p.add_argument("--gold", type=Path, action="append", default=[],
                   help="reference annotation, repeatable (default: gold/seeds.yaml and gold/dev/dev.yaml, with "
                        "gold/invented/invented.yaml as training data only)")
    if seeds:
        p.add_argument("--seeds", type=Path, default=Path("seeds"),
                       help="articles of the briefs and of an annotation without texts/ beside it")
    p.add_argument("--briefs", type=Path, default=Path("briefs"),
                   help="briefs folder: its review decisions are training data (default: briefs)")
    p.add_argument("--taxonomy", type=Path, default=None, help="taxonomy file (default: <briefs>/taxonomy.yaml)")
