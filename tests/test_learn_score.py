"""brief eval: gold/SCORING.md's rules, per source and overall, from the same counts."""
from pathlib import Path

import pytest

from generator.briefs.model import BriefsmithError
from generator.cli import main
from generator.learn.annotations import GoldText, load_annotation, texts_folder
from generator.learn.score import Scorer, source_table, table

TEXT_A = ("Russia fears ISIS in Central Asia. The weather was fine.\n"
          "Opium from Afghanistan kills Russians. Critics say the Taliban live on opium.\n"
          "Share this article\n")
TEXT_B = "Moscow hosts talks on Afghanistan. Nothing else happened here.\n"
GOLD = """
aliases:
  extended-troika: [troika]
persons: [zamir-kabulov]
sources:
  - id: a
    actors: [russia, isis, zamir-kabulov]
    motives:
      - head: "Russia fears ISIS"
        motives: [isis-threat]
      - text: "Opium from Afghanistan kills Russians."
        motives: [opium]
    counters:
      - head: "Critics say the Taliban"
        id: opium-funds-taliban
        rebuts: opium
    boilerplate:
      - head: "Share this article"
  - id: b
    actors: [russia, troika]
    motives:
      - head: "Moscow hosts talks"
        motives: [regional-influence]
"""


@pytest.fixture
def annotation(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "texts" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(GOLD, encoding="utf-8")
    return load_annotation(tmp_path / "gold.yaml", texts_folder(tmp_path / "gold.yaml", tmp_path))


def _span(text, sentence, kind, label, **extra):
    start = text.index(sentence)
    return {"kind": kind, "label": label, "quote": sentence, "start": start,
            "end": start + len(sentence), **extra}


def test_head_runs_to_the_end_mark_and_never_past_its_line():
    t = GoldText("Intro line\nRussia fears ISIS in Central Asia. Next one.\nA line with no end mark\nnext")
    assert t.raw[slice(*t.span({"head": "Russia fears"}))] == "Russia fears ISIS in Central Asia."
    assert t.raw[slice(*t.span({"head": "A line with"}))] == "A line with no end mark"
    assert t.span({"head": "not in the text"}) is None


def test_figures_follow_the_scoring_rules(annotation):
    a = {**_span(TEXT_A, "Russia fears ISIS in Central Asia.", "motive", "isis-threat"), "source": "a"}
    wrong_label = {**_span(TEXT_A, "Opium from Afghanistan kills Russians.", "motive", "isis-threat"), "source": "a"}
    missed_rebuts = {**_span(TEXT_A, "Critics say the Taliban live on opium.", "counter", "other"),
                     "source": "a", "rebuts": None}
    b = {**_span(TEXT_B, "Moscow hosts talks on Afghanistan.", "motive", "regional-influence"), "source": "b"}
    actors = [{"kind": "actor", "label": x, "source": "a"} for x in ("russia", "islamic-state", "kabulov", "china")]
    actors += [{"kind": "actor", "label": x, "source": "b"} for x in ("moscow", "troika")]
    result = Scorer(annotation).score([a, wrong_label, missed_rebuts, b, *actors])
    f = result.figures
    # motives: 3 predictions, 2 right; 3 reference labels, 2 found
    assert result.totals["motive (micro)"].precision == pytest.approx(2 / 3)
    assert f["motive_f1"] == pytest.approx(2 / 3)
    assert result.totals["motive:opium"].recall == 0.0
    assert f["counter_f1"] == 1.0 and f["counter_rebuts_f1"] == 0.0 and f["counter_id_f1"] == 0.0
    # actors: islamic-state ~ isis (common alias), kabulov ~ zamir-kabulov (a person's surname),
    # moscow ~ russia, troika ~ extended-troika (the annotation's alias); china is wrong
    assert result.totals["actor (per source)"].tp_pred == 5 and result.totals["actor (per source)"].pred == 6
    assert f["actor_f1"] == pytest.approx(2 * (5 / 6) * 1.0 / (5 / 6 + 1.0))
    assert f["grounded"] == 1.0 and f["boilerplate_leaks"] == 0


def test_per_source_counts_add_up_to_the_totals(annotation):
    recs = [{**_span(TEXT_A, "Russia fears ISIS in Central Asia.", "motive", "isis-threat"), "source": "a"},
            {**_span(TEXT_B, "Nothing else happened here.", "motive", "opium"), "source": "b"}]
    result = Scorer(annotation).score(recs)
    for measure, total in result.totals.items():
        assert sum(s.counts[measure].gold for s in result.sources) == total.gold
        assert sum(s.counts[measure].tp_pred for s in result.sources) == total.tp_pred
    rows = source_table(result).splitlines()
    assert rows[2].split()[:3] == ["a", "0.67", "1/2/1"] and rows[3].split()[:3] == ["b", "0.00", "0/1/1"]
    assert rows[-1].split()[:3] == ["overall", "0.40", "1/3/2"]
    assert "motive (micro)" in table(result)


def test_leaks_count_span_items_only_and_ungrounded_spans_still_match(annotation):
    leak = {**_span(TEXT_A, "Share this article", "quote", "someone"), "source": "a"}
    relation = {**_span(TEXT_A, "Share this article", "relation", "supports"), "source": "a"}
    moved = {**_span(TEXT_A, "Russia fears ISIS in Central Asia.", "motive", "isis-threat"), "source": "a"}
    moved["start"] += 1   # wrong offsets: not grounded, but found by its words and matched
    result = Scorer(annotation).score([leak, relation, moved])
    assert result.figures["boilerplate_leaks"] == 1
    assert result.figures["grounded"] == 0.5
    assert result.totals["motive:isis-threat"].tp_gold == 1


def test_missing_text_or_annotation_is_named(tmp_path, annotation):
    with pytest.raises(BriefsmithError, match="gold.yaml: reference annotation not found"):
        load_annotation(tmp_path / "nothing" / "gold.yaml", tmp_path)
    (tmp_path / "texts" / "b.txt").unlink()
    with pytest.raises(BriefsmithError, match=r"b\.txt: source 'b' of .*gold\.yaml not found"):
        load_annotation(tmp_path / "gold.yaml", tmp_path / "texts")


def test_a_sentence_or_boilerplate_line_not_in_its_text_is_named_at_its_line(tmp_path, annotation, capsys):
    gold = tmp_path / "gold.yaml"
    gold.write_text(GOLD.replace("Critics say the Taliban", "Critics say the Talibans"), encoding="utf-8")
    with pytest.raises(BriefsmithError, match=r"gold\.yaml:14:15: a: counters head 'Critics say the "
                                              r"Talibans' is not in a\.txt"):
        load_annotation(gold, tmp_path / "texts")
    gold.write_text(GOLD.replace("Share this article", "Share this story"), encoding="utf-8")
    with pytest.raises(BriefsmithError, match=r"gold\.yaml:18:9: a: boilerplate 'Share this story' is not"):
        load_annotation(gold, tmp_path / "texts")
    briefs = tmp_path / "briefs"
    (briefs / "sources").mkdir(parents=True)
    assert main(["eval", "--gold", str(gold), "--briefs", str(briefs)]) == 1
    assert "boilerplate 'Share this story' is not in a.txt" in capsys.readouterr().err


def test_brief_eval_prints_both_tables(tmp_path, annotation, capsys):
    briefs = tmp_path / "briefs"
    (briefs / "sources").mkdir(parents=True)
    assert main(["eval", "--gold", str(tmp_path / "gold.yaml"), "--briefs", str(briefs)]) == 0
    out = capsys.readouterr().out
    assert "motive (micro)" in out and "per source" in out and "overall" in out
    assert main(["eval", "--gold", str(tmp_path / "none.yaml"), "--briefs", str(briefs)]) == 1
    assert "none.yaml: reference annotation not found" in capsys.readouterr().err
