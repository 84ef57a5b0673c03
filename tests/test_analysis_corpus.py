"""The cross-source analysis on the shipped corpus, extracted afresh into tmp_path."""
from __future__ import annotations


import pytest

from corpus import ROOT
from generator.briefs import format as B
from generator.briefs import reader
from generator.analysis import motive_summary, site_view
from generator.briefs.export import records
from generator.briefs.extraction import extract_all
from generator.briefs.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    (root / "briefs").mkdir()
    (root / "briefs" / "taxonomy.yaml").write_bytes((ROOT / "briefs" / "taxonomy.yaml").read_bytes())
    extract_all(ROOT / "seeds", root / "briefs", jobs=1, force=True)
    taxonomy = load_taxonomy(root / "briefs" / "taxonomy.yaml")
    sources = {p.stem: reader.load(p).data for p in sorted((root / "briefs" / "sources").glob("*.yaml"))}
    motives = {p.stem: reader.load(p).data for p in sorted((root / "briefs" / "motives").glob("*.yaml"))}
    texts = {sid: (ROOT / "seeds" / b["source"]["file"]).read_text(encoding="utf-8")
             for sid, b in sources.items()}
    return root, taxonomy, sources, motives, texts, site_view(taxonomy, sources, motives)


def test_isis_strength_is_disputed_across_at_least_three_sources(corpus):
    *_, view = corpus
    group = next(g for g in view["disputes"] if g["question"] == "isis-strength")
    assert len(group["sources"]) >= 3 and group["disputed"]
    values = " | ".join(s["value"] for s in group["statements"])
    assert "1,000 and 3,000" in values and "tens of thousands" in values and "fictitious" in values
    assert view["disputes_by_motive"]["isis-threat"]


def test_graph_has_the_key_edges_each_with_evidence(corpus):
    _, _, _, _, texts, view = corpus
    pairs = {}
    for e in view["relations"]["edges"]:
        pairs.setdefault(frozenset((e["subject"], e["object"])), []).extend(e["evidence"])
    for a, b in (("russia", "taliban"), ("pakistan", "taliban"), ("taliban", "isis")):
        evidence = pairs.get(frozenset((a, b)))
        assert evidence, f"no {a}–{b} edge"
        for ev in evidence:
            assert texts[ev["source"]][ev["start"]:ev["end"]] == ev["quote"]
    assert "taliban" in view["relations"]["by_actor"] and view["relations"]["mermaid"].startswith("graph LR")


def test_timeline_in_date_order_and_no_false_merges(corpus):
    # The shipped corpus has no event that two sources date: 001's "mid-1990s" hostage talks
    # and 002's "Last December" disclosure carry no calendar date, so every entry has one
    # citation here; the merge itself is tested on hand-made briefs in test_analysis_timeline.
    _, _, sources, _, _, view = corpus
    dates = [e["date"] for e in view["timeline"]]
    assert dates == sorted(dates)
    assert sum(len(e["citations"]) for e in view["timeline"]) == sum(
        len(B.visible(b.get("events"))) for b in sources.values())


def test_every_summary_sentence_is_grounded(corpus):
    _, taxonomy, sources, motives, texts, view = corpus
    for sid, b in sources.items():
        parts = b["summary"]["sentences"]
        assert parts and b["summary"]["text"] == " ".join(p["quote"] for p in parts)
        for p in parts:
            assert texts[sid][p["start"]:p["end"]] == p["quote"]
    for m in taxonomy.motives:
        summary = motives[m.id]["summary"]
        assert summary["text"] and summary == view["motive_summaries"][m.id]
        assert summary == motive_summary(m.id, sources)   # the site's stored one is the fresh one
        for p in summary["sentences"]:
            assert texts[p["source"]][p["start"]:p["end"]] == p["quote"]


def test_agreement_stance_and_export(corpus):
    root, taxonomy, sources, *_ , view = corpus
    assert set(view["agreement"]["sources"]) == set(sources)
    isis = next(r for r in view["agreement"]["motives"] if r["motive"] == "isis-threat")
    assert len(isis["asserted_by"]) >= 3
    assert all(s["line"].startswith(("critical", "sympathetic", "mixed", "neutral"))
               for s in view["stance"].values())
    kinds = {}
    for r in records(root / "briefs"):
        kinds.setdefault(r["kind"], []).append(r)
    assert {"relation", "claim"} <= set(kinds)
    assert all(r["subject"] and r["object"] and r["label"] for r in kinds["relation"])
    assert all(r["label"] and r["value"] for r in kinds["claim"])


def test_relations_and_claims_in_stable_order_and_reextraction_is_stable(corpus):
    root, _, sources, *_ = corpus
    before = {p.name: p.read_bytes() for p in (root / "briefs" / "sources").glob("*.yaml")}
    extract_all(ROOT / "seeds", root / "briefs", jobs=1, force=True)
    assert {p.name: p.read_bytes() for p in (root / "briefs" / "sources").glob("*.yaml")} == before
    for b in sources.values():
        assert list(b)[-2:] == ["relations", "claims"]
        starts = [r["start"] for r in b["relations"]]
        assert starts == sorted(starts)
