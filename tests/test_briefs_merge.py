"""Re-extraction never loses an edit: random edit sequences, re-anchoring, flags, YAML comments."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.briefs import format as B
from generator.extract import Extractor
from generator.ingest.articles import read_article
from generator.briefs.anchor import FLAG_GONE
from generator.briefs.merge import merge_text
from generator.briefs.writer import dump
from generator.briefs.model import BriefsmithError
from generator.ingest.segment import segment
from generator.briefs.taxonomy import load_taxonomy

HERE = Path(__file__).parent
PROJECT = HERE / "bad" / "_project"
SEED = (PROJECT / "seeds" / "a.txt").read_text(encoding="utf-8")
EXTRACTOR = Extractor(load_taxonomy(PROJECT / "briefs" / "taxonomy.yaml"))
KINDS = ("motives", "counters", "quotes", "events", "figures")
LABELS = {"motives": ("motive", ["isis-threat", "opium"]), "counters": ("counter", ["opium-funds-taliban"]),
          "quotes": ("speaker", ["zamir-kabulov", "russia"]), "events": ("date", ["2016", "2016-09"]),
          "figures": ("counts", ["heroin", "the world's heroin"])}
PATH = Path("briefs/sources/a.yaml")

# Article versions: the original; a paragraph inserted before everything (all offsets move);
# and one with the Kabulov paragraph removed (its items' sentences disappear).
INSERTED = SEED.replace("Russia has opened", "A new first paragraph moves every offset.\n\nRussia has opened")
REMOVED_PARA = ('Zamir Kabulov said, "Taliban interests objectively coincide with ours." '
                "Critics reply that the Taliban profit from opium.\n\n")
REMOVED = SEED.replace(REMOVED_PARA, "")
assert INSERTED != SEED and REMOVED != SEED


def fresh_for(text: str, tmp: Path) -> dict:
    seed = tmp / "a.txt"
    seed.write_text(text, encoding="utf-8")
    article = read_article(seed)
    return B.source_brief(article, EXTRACTOR.extract(segment(article)))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("seed")
    return {name: fresh_for(text, tmp) for name, text in
            (("same", SEED), ("inserted", INSERTED), ("removed", REMOVED))}


TEXTS = {"same": SEED, "inserted": INSERTED, "removed": REMOVED}


def rt():
    y = YAML()
    y.width = 100000
    y.indent(mapping=2, sequence=2, offset=0)
    y.representer.add_representer(type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def edit(text: str, ops: list) -> tuple[str, list]:
    """Apply hand edits to a brief's YAML the way a person would.

    Returns the edited text and, for every item touched, (ops applied, kind, final state)."""
    y = rt()
    doc = y.load(text)
    touched: dict[int, tuple[list, str, object]] = {}
    for op, kind, n, payload in ops:
        items = doc[kind]
        if op == "manual":
            label_key, labels = LABELS[kind]
            start = SEED.index("Russia has opened") + payload % 20
            quote = SEED[start:start + 12 + payload % 30]
            item = CommentedMap({label_key: labels[payload % len(labels)], "quote": quote, "status": "manual"})
            if kind == "figures":
                item["value"] = "a figure"
            items.append(item)
        elif op == "summary":
            doc["summary"]["text"] = f"My own summary, number {payload}."
            doc["summary"]["status"] = "manual" if payload % 2 else "auto"
            continue
        elif op == "notes":
            doc["notes"] = f"Notes {payload}"
            continue
        elif not items:
            continue
        else:
            item = items[n % len(items)]
        if op in ("confirmed", "rejected"):
            item["status"] = op
        elif op == "comment":
            item["comment"] = f"comment {payload}"
        elif op == "yaml-comment":
            item.yaml_add_eol_comment(f"# note {payload}", "quote")
        elif op == "requote":
            item["quote"] = item["quote"][: max(5, len(item["quote"]) // 2)]  # a person trims it
        touched.setdefault(id(item), ([], kind, item))[0].append(op)
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue(), [(ops_, kind, dict(item)) for ops_, kind, item in touched.values()]


def find(brief: dict, kind: str, before: dict) -> dict | None:
    """The item ``before`` became: by id, or (id-less manual items) by label, quote, status."""
    label_key = LABELS[kind][0]
    items = brief.get(kind) or []
    if before.get("id") is not None:
        return next((i for i in items if i.get("id") == before["id"]), None)
    same = [i for i in items if i.get("quote") == before["quote"] and i.get(label_key) == before.get(label_key)]
    best = [i for i in same if i.get("status") == before.get("status")
            and i.get("comment") == before.get("comment")]
    return (best or same or [None])[0]


def assert_survived(out_text: str, done: list, version: str, edited_text: str) -> None:
    out, before_doc = yaml.safe_load(out_text), yaml.safe_load(edited_text)
    text = TEXTS[version]
    assert out["notes"] == before_doc["notes"]
    for ops, kind, before in done:
        item = find(out, kind, before)
        assert item is not None, (ops, before)
        human = before.get("status") != "auto" or "requote" in ops
        assert item["status"] == (before["status"] if before["status"] != "auto" or not human else "manual")
        for key in ("comment", "quote", LABELS[kind][0]):
            if key in before:
                assert item[key] == before[key], key
        if human or item.get("comment") or "yaml-comment" in ops:
            if item.get("flag") is None:      # placed: grounded, with context to find it again
                assert text[item["start"]:item["end"]] == item["quote"]
                if human or item.get("comment"):   # a YAML comment alone changes no data
                    assert "prefix" in item and "suffix" in item
            else:
                assert item["quote"] not in text or text.count(item["quote"]) > 1 \
                    or "changed" in item["flag"] or "no longer finds" in item["flag"], item
        if before.get("status") == "rejected" and before.get("id"):
            assert [i["status"] for i in out[kind] if i.get("id") == before["id"]] == ["rejected"]


OPS = st.tuples(st.sampled_from(["confirmed", "rejected", "comment", "yaml-comment", "manual",
                                 "summary", "notes", "requote"]),
                st.sampled_from(KINDS), st.integers(0, 5), st.integers(0, 50))


@settings(max_examples=30, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=1, max_size=8), version=st.sampled_from(["same", "inserted", "removed"]))
def test_random_edits_survive_reextraction(fresh, ops, version):
    original = dump(fresh["same"])
    edited, done = edit(original, ops)
    out = merge_text(edited, fresh[version], TEXTS[version], PATH)
    assert_survived(out, done, version, edited)
    for line in edited.splitlines():
        if "# note" in line:
            assert "# note " + line.split("# note ")[1] in out
    out_data = yaml.safe_load(out)
    s_before = yaml.safe_load(edited)["summary"]
    if any(op[0] == "summary" for op in ops):            # a summary a person wrote stays
        assert out_data["summary"]["text"] == s_before["text"]
        assert out_data["summary"]["status"] == "manual"
    assert merge_text(out, fresh[version], TEXTS[version], PATH) == out   # idempotent: no rewrite
    assert merge_text(edited, fresh[version], TEXTS[version], PATH) == out  # deterministic


def test_cold_extraction_is_the_c_dump(fresh):
    assert merge_text(None, fresh["same"], SEED, PATH) == dump(fresh["same"])


def test_machine_brief_unchanged_is_returned_as_is(fresh):
    text = dump(fresh["same"])
    assert merge_text(text, fresh["same"], SEED, PATH) is text


def test_machine_brief_updated_with_the_c_dump(fresh):
    out = merge_text(dump(fresh["same"]), fresh["inserted"], INSERTED, PATH)
    assert out == dump(fresh["inserted"])


def test_confirmed_item_reanchored_when_article_moves(fresh):
    text, _ = edit(dump(fresh["same"]), [("confirmed", "quotes", 0, 0)])
    out = yaml.safe_load(merge_text(text, fresh["inserted"], INSERTED, PATH))
    q = out["quotes"][0]
    assert q["status"] == "confirmed" and "flag" not in q
    assert INSERTED[q["start"]:q["end"]] == q["quote"] and q["anchor"] == "p5-s1"
    assert INSERTED[q["start"] - len(q["prefix"]):q["start"]] == q["prefix"]


def test_item_whose_sentence_disappeared_is_flagged_not_deleted(fresh):
    text, _ = edit(dump(fresh["same"]), [("confirmed", "quotes", 0, 0), ("comment", "counters", 0, 7)])
    out = yaml.safe_load(merge_text(text, fresh["removed"], REMOVED, PATH))
    q, c = out["quotes"][0], out["counters"][0]
    assert q["status"] == "confirmed" and q["flag"] == FLAG_GONE
    assert c["comment"] == "comment 7" and c["flag"] == FLAG_GONE
    # flags stay until a person removes them, even if the sentence comes back
    again = merge_text(dump(out), fresh["same"], SEED, PATH)
    assert yaml.safe_load(again)["quotes"][0]["flag"] == FLAG_GONE


def test_note_never_reattached_to_a_lookalike(fresh, tmp_path):
    # "Moscow" occurs several times: a manual item on one of them, then that passage changes
    # while another "Moscow" stays: the item is flagged, not moved to the other one.
    at = SEED.index("Officials in Moscow") + len("Officials in ")
    item = {"id": "m-00000001", "motive": "opium", "quote": "Moscow", "start": at, "end": at + 6,
            "status": "manual", "comment": "this Moscow"}
    brief = {**fresh["same"], "motives": [*fresh["same"]["motives"], item]}
    first = merge_text(dump(brief), fresh["same"], SEED, PATH)    # adds prefix/suffix
    placed = yaml.safe_load(first)["motives"][-1]
    assert placed["prefix"].endswith("Officials in ") and "flag" not in placed
    changed = SEED.replace("Officials in Moscow say", "Officials say")
    out = yaml.safe_load(merge_text(first, fresh_for(changed, tmp_path), changed, PATH))["motives"]
    mine = [i for i in out if i.get("comment") == "this Moscow"][0]
    assert "flag" in mine and mine["start"] == placed["start"]


def test_rejected_item_never_returns_as_auto(fresh):
    text, done = edit(dump(fresh["same"]), [("rejected", "motives", 0, 0)])
    out = yaml.safe_load(merge_text(text, fresh["same"], SEED, PATH))
    rid = done[0][2]["id"]
    assert [i["status"] for i in out["motives"] if i["id"] == rid] == ["rejected"]


def test_hand_edited_auto_item_becomes_manual(fresh):
    text, done = edit(dump(fresh["same"]), [("requote", "motives", 0, 0)])
    out = yaml.safe_load(merge_text(text, fresh["same"], SEED, PATH))
    mine = [i for i in out["motives"] if i["id"] == done[0][2]["id"]]
    assert len(mine) == 1 and mine[0]["status"] == "manual" and mine[0]["quote"] == done[0][2]["quote"]


def test_comments_and_key_order_survive(fresh):
    text = dump(fresh["same"]).replace("notes: null", "# read this first\nnotes: Mine.  # end of line")
    text = text.replace("  status: auto\n  confidence: 0.8\n", "  confidence: 0.8\n  status: confirmed  # yes\n", 1)
    out = merge_text(text, fresh["inserted"], INSERTED, PATH)
    assert "# read this first\nnotes: Mine.  # end of line\n" in out
    assert "  confidence: 0.8\n" in out and "  status: confirmed  # yes\n" in out
    idx = out.index("status: confirmed")
    assert out.rindex("confidence: 0.8", 0, idx) > out.rindex("quote:", 0, idx)   # order kept


def test_invalid_existing_brief_stops_extraction_with_its_place(fresh):
    text = dump(fresh["same"]).replace("  start: 260\n", "  start: 'x'\n")
    with pytest.raises(BriefsmithError) as e:
        merge_text(text, fresh["same"], SEED, PATH)
    assert e.value.line is not None and "start" in e.value.message
    text = dump(fresh["same"]).replace("notes: null", "notes: !!python/object:os.system x")
    with pytest.raises(BriefsmithError) as e:
        merge_text(text, fresh["same"], SEED, PATH)
    assert e.value.line == text[:text.index("!!python")].count("\n") + 1
    assert e.value.column == 8 and "!!python/object:os.system is not allowed" in e.value.message


def test_manual_item_without_offsets_is_grounded_on_merge(fresh):
    text, done = edit(dump(fresh["same"]), [("manual", "motives", 0, 3)])
    out = yaml.safe_load(merge_text(text, fresh["same"], SEED, PATH))
    mine = find(out, "motives", done[0][2])
    assert mine["id"].startswith("m-") and SEED[mine["start"]:mine["end"]] == mine["quote"]
    assert mine["anchor"] == "p3-s1"


def test_a_duplicate_id_stops_extraction_before_an_item_is_lost(fresh):
    """An id pasted onto a second item (the two cannot both be kept: ids key the merge) stops
    the extraction at its place, as `brief check` reports it, instead of keeping one of them."""
    text = dump(fresh["same"])
    first, second = fresh["same"]["motives"][0]["id"], fresh["same"]["counters"][0]["id"]
    pasted = text.replace(f"- id: {second}\n", f"- id: {first}\n")
    with pytest.raises(BriefsmithError) as e:
        merge_text(pasted, fresh["same"], SEED, PATH)
    line = pasted[:pasted.rindex(f"- id: {first}")].count("\n") + 1
    assert (e.value.line, e.value.column) == (line, 7)
    assert e.value.message == (f"duplicate id {first!r} (first at line "
                               f"{pasted[:pasted.index(f'- id: {first}')].count(chr(10)) + 1}); "
                               "fix the brief before extracting again")


def test_a_confirmed_item_follows_its_edited_sentence_when_extraction_no_longer_finds_it(fresh, tmp_path):
    """One rule for every status: without a fresh item on the edited sentence, the sentence itself."""
    text, done = edit(dump(fresh["same"]), [("confirmed", "motives", 0, 0)])
    mine = done[0][2]
    changed = SEED.replace("worries Russia", "worries  Russia")
    again = fresh_for(changed, tmp_path)
    again["motives"] = [i for i in again["motives"] if "worries" not in i["quote"]]   # not found now
    out = find_all(yaml.safe_load(merge_text(text, again, changed, PATH)), "motives", "confirmed")
    assert [i["quote"] for i in out] == [mine["quote"].replace("worries Russia", "worries  Russia")]
    assert changed[out[0]["start"]:out[0]["end"]] == out[0]["quote"] and "flag" not in out[0]
    assert out[0]["id"] == B.item_id("motives", mine["motive"], out[0]["quote"])


def find_all(brief: dict, kind: str, status: str) -> list[dict]:
    return [i for i in brief[kind] if i.get("status") == status]


def test_a_merge_keeps_the_quotes_pyyaml_gave_and_quotes_new_strings_alike(fresh):
    """No diff noise: the round trip (a person touched the brief) writes what PyYAML writes,
    untouched items and new strings alike ('It''s: ...' stays single-quoted, 'yes' is quoted)."""
    text, _ = edit(dump(fresh["same"]), [("confirmed", "quotes", 0, 0)])
    mine = yaml.safe_load(text)
    mine["notes"] = "yes"
    mine["motives"][0]["comment"] = "Moscow's line: 'firm'"
    mine["counters"][0]["comment"] = "It's: \"said\" twice\nover two lines"
    before = dump(mine)
    assert "'Moscow''s line: ''firm'''" in before
    out = merge_text(before, fresh["inserted"], INSERTED, PATH)
    assert out != before and out == dump(yaml.safe_load(out))
    assert "  comment: 'Moscow''s line: ''firm'''\n" in out and "\nnotes: 'yes'\n" in out
