"""Extractive summaries: central sentences, grounded, in text order; a human summary survives."""
import random

from analysis_util import brief, extract, taxonomy as _taxonomy

from generator.briefs.format import source_brief
from generator.analysis import site_view
from generator.analysis.summaries import motive_summary
from generator.briefs.model import Summary
from generator.extract.summary import EVIDENCE_BONUS, source_summary
from generator.text.ranking import rank as _rank
from generator.text.ranking import rank_pairwise as _rank_pairwise
from generator.briefs.merge import merge

TEXT = """Russia has opened talks with the Taliban about the threat of ISIS in Afghanistan.

The weather was cold. Russia fears that ISIS fighters will move north into Central Asia and Russia.

Officials in Moscow say the Taliban are a counterweight to ISIS in northern Afghanistan.

A local bakery opened a new shop on the main street of the small town near the river.
"""


def test_source_summary_is_central_grounded_and_in_text_order(tmp_path):
    doc, ex = extract(tmp_path, TEXT)
    s = source_brief(doc.article, ex)["summary"]
    assert s["status"] == "auto" and 1 <= len(s["sentences"]) <= 3
    for part in s["sentences"]:
        assert doc.text[part["start"]:part["end"]] == part["quote"]
        assert part["anchor"].startswith("p")
    assert [p["start"] for p in s["sentences"]] == sorted(p["start"] for p in s["sentences"])
    assert s["text"] == " ".join(p["quote"] for p in s["sentences"])
    assert "bakery" not in s["text"] and "weather" not in s["text"]


def test_nothing_to_summarise(tmp_path):
    assert source_summary([]) == Summary(None, ())
    _, ex = extract(tmp_path, "Short one. Another.")
    assert ex.summary.text is None
    assert motive_summary("opium", {"a": brief("a")})["text"] is None


def test_motive_summary_prefers_distinct_sources():
    item = lambda m, q, s: {"motive": m, "quote": q, "start": s, "end": s + len(q), "anchor": "p1-s1"}
    sources = {
        "a": brief("a", motives=[item("isis-threat", "Russia fears ISIS fighters moving into Central Asia.", 0),
                                 item("isis-threat", "Russia fears ISIS fighters returning to Central Asia.", 60)]),
        "b": brief("b", motives=[item("isis-threat", "Moscow sees the Taliban as a bulwark against ISIS fighters.", 5),
                                 {**item("isis-threat", "A rejected sentence about ISIS fighters.", 90), "status": "rejected"}]),
        "c": brief("c", motives=[item("opium", "Opium flows into Russia.", 0)]),
    }
    s = motive_summary("isis-threat", sources, k=2)
    assert {p["source"] for p in s["sentences"]} == {"a", "b"}
    assert "rejected" not in s["text"] and "Opium" not in s["text"]


def test_human_summary_survives_reextraction(tmp_path):
    doc, ex = extract(tmp_path, TEXT)
    fresh = source_brief(doc.article, ex)
    assert fresh["summary"]["text"] == ex.summary.text and len(fresh["relations"]) == len(ex.relations)
    mine = {"text": "My own words.", "status": "manual"}
    out = merge({**fresh, "summary": mine}, fresh, doc.text)
    assert out["summary"] == mine
    old = {"text": "The weather was cold.", "status": "auto"}   # an earlier extractive draft
    assert merge({**fresh, "summary": old}, fresh, doc.text)["summary"] == fresh["summary"]


def test_linear_ranking_equals_pairwise_ranking():
    # _rank sums cosines in linear time; _rank_pairwise is the definition. Small vocabularies
    # make many overlaps, exact duplicates (ties) and empty features.
    rng = random.Random(20261123)
    for _ in range(400):
        vocab = [f"w{i}" for i in range(rng.randint(1, 9))]
        n = rng.randint(0, 14)
        feats = [frozenset(rng.sample(vocab, rng.randint(0, len(vocab)))) for _ in range(n)]
        feats += [rng.choice(feats) for _ in range(rng.randint(0, 3))] if feats else []
        bonus = [rng.choice((0.0, 0.0, 0.1, EVIDENCE_BONUS)) for _ in feats]
        assert _rank(feats, bonus) == _rank_pairwise(feats, bonus), (feats, bonus)


def test_duplicate_sentences_tie_and_the_first_wins():
    a, b = frozenset("russia fear isis fighter".split()), frozenset("opium trade afghanistan".split())
    feats = [b, a, frozenset("russia isis".split()), a, a]
    order = _rank(feats, [0.0] * len(feats))
    assert order[:3] == [1, 3, 4] and order == _rank_pairwise(feats, [0.0] * len(feats))


def test_site_shows_the_stored_motive_summary_and_computes_a_missing_one():
    taxonomy = _taxonomy()
    item = lambda q, s: {"motive": "isis-threat", "quote": q, "start": s, "end": s + len(q), "anchor": "p1-s1"}
    sources = {"a": brief("a", motives=[item("Russia fears ISIS fighters moving into Central Asia.", 0)]),
               "b": brief("b", motives=[item("Moscow sees the Taliban as a bulwark against ISIS fighters.", 5)])}
    fresh = motive_summary("isis-threat", sources)
    assert fresh["text"]
    stored = {"text": "An older extractive summary.", "status": "auto",
              "sentences": [{"source": "a", "anchor": "p1-s1", "start": 0, "end": 28,
                             "quote": "An older extractive summary."}]}
    view = lambda summary: site_view(taxonomy, sources, {"isis-threat": {"summary": summary}})["motive_summaries"]
    assert view(stored)["isis-threat"] is stored                       # auto, stored: not recomputed
    mine = {"text": "My words.", "status": "manual"}
    assert view(mine)["isis-threat"] is mine
    assert view({"text": "Bad.", "status": "rejected"})["isis-threat"] == fresh   # gives way
    assert view({"text": None, "status": "auto", "sentences": []})["isis-threat"] == fresh
    assert view(None)["isis-threat"] == fresh
    assert site_view(taxonomy, sources)["motive_summaries"]["isis-threat"] == fresh


# ---- motive summaries over sources read as a stream -------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from generator.analysis.summaries import MotiveSummaries, _HeadFeatures, candidate_rows  # noqa: E402
from generator.text.ranking import pick as _pick  # noqa: E402

WORDS = "russia fears isis fighters central asia taliban moscow opium trade border kabul".split()
MOTIVES = ("isis-threat", "opium", "anti-us-leverage")


def _streamed(source_briefs: dict, motive_ids, k: int, first: int,
              kept: bool = False) -> tuple[dict, list[int]]:
    """MotiveSummaries fed as the pipeline feeds it: two passes in id order, then reads (with
    ``kept``: one pass, the second made from what it kept)."""
    ids = sorted(source_briefs)
    rows = [candidate_rows(source_briefs[sid].get("motives")) for sid in ids]
    stream = MotiveSummaries(k=k, first=first, kept=kept)
    for number, r in enumerate(rows):
        stream.add(number, r)
    if kept:
        stream.score_kept()
    for r in rows if not kept else ():
        stream.score(r)
    reads = []

    def fetch(number):
        reads.append(number)
        return ids[number], rows[number]
    return stream.summaries(motive_ids, fetch), reads


_quote = st.lists(st.sampled_from(WORDS + ["the", "of", "a"]), min_size=0, max_size=7).map(
    lambda ws: (" ".join(ws) + ".").capitalize())
_item = st.one_of(
    st.fixed_dictionaries({"motive": st.sampled_from(MOTIVES), "quote": _quote,
                           "start": st.one_of(st.none(), st.integers(0, 6)),
                           "status": st.sampled_from(["auto", "auto", "confirmed", "manual", "rejected"])},
                          optional={"anchor": st.sampled_from(["p1-s1", "p2-s3"]),
                                    "end": st.integers(0, 99)}),
    st.just("not an item"), st.fixed_dictionaries({"motive": st.just("opium"), "quote": st.none()}))
_briefs = st.dictionaries(st.sampled_from([f"s{i}" for i in range(12)]),
                          st.builds(lambda items: {"motives": items}, st.lists(_item, max_size=8)), max_size=10)


@settings(max_examples=300, deadline=None)
@given(_briefs, st.integers(1, 4), st.sampled_from([1, 2, 64]), st.booleans())
def test_streamed_motive_summaries_equal_the_in_memory_ones(source_briefs, k, first, kept):
    # copies of a sentence in many sources, ties, empty features, rejected and confirmed items:
    # the head (``first`` candidates, then four times more) must give the full ranking's pick,
    # whether the second pass reads the sources again or is made from what the first kept
    streamed, _ = _streamed(source_briefs, MOTIVES + ("unused",), k, first, kept)
    for m in MOTIVES + ("unused",):
        assert streamed[m] == motive_summary(m, source_briefs, k=k), m


def test_kept_summaries_read_only_the_chosen_sources():
    letters = "bcdfghjklmnp"
    word = lambda i, j: "".join(letters[int(d)] for d in f"{i:03}") + letters[j] * 3
    sources = {f"s{i:03}": {"motives": [{"motive": "isis-threat", "start": 0, "quote": "Russia fears "
                                         + " ".join(word(i, j) for j in range(4 + i % 3)) + "."}]}
               for i in range(300)}
    streamed, reads = _streamed(sources, ["isis-threat"], 3, 8, kept=True)
    assert streamed["isis-threat"] == motive_summary("isis-threat", sources)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == 3   # the three chosen, once each


def test_streamed_summaries_read_only_the_head():
    letters = "bcdfghjklmnp"
    word = lambda i, j: "".join(letters[int(d)] for d in f"{i:03}") + letters[j] * 3
    item = lambda i: {"motive": "isis-threat", "start": 0,
                      "quote": "Russia fears " + " ".join(word(i, j) for j in range(4)) + "."}
    sources = {f"s{i:03}": {"motives": [item(i)]} for i in range(300)}
    streamed, reads = _streamed(sources, ["isis-threat"], 3, 8)
    assert streamed["isis-threat"] == motive_summary("isis-threat", sources)
    assert len(streamed["isis-threat"]["sentences"]) == 3
    # no two sentences repeat each other: the first three of the ranking settle the pick, so
    # only the first head's chunk is read again (and the three chosen), not 300 sources
    assert len(set(reads)) <= 8


def test_pick_on_a_head_says_when_it_is_not_settled():
    a, b = frozenset({"russia", "isis"}), frozenset({"opium", "trade"})
    feats, group = [a, a, a, b], ["x", "y", "z", "w"]
    assert _pick([0, 1, 2], feats, 2, group, complete=False) is None     # b lies beyond the head
    assert _pick([0, 1, 2, 3], feats, 2, group, complete=False) == [0, 3]
    assert _pick([0, 1, 2], feats, 2, group) == [0]                     # the whole ranking: as before


def test_copies_of_a_chosen_sentence_are_skipped_unread():
    # a wire story in 200 sources: its copies rank first; once one copy is chosen, the others
    # are known redundant by their digest, not by reading each source's record again
    wire = "Russia fears isis fighters crossing the border from Afghanistan."
    sources = {f"s{i:03}": {"motives": [{"motive": "isis-threat", "start": 0, "quote": wire}]}
               for i in range(200)}
    sources["t1"] = {"motives": [{"motive": "isis-threat", "start": 0,
                                  "quote": "Moscow worries about opium trade through Kabul today."}]}
    streamed, reads = _streamed(sources, ["isis-threat"], 2, 8)
    assert streamed["isis-threat"] == motive_summary("isis-threat", sources, k=2)
    assert [s["source"] for s in streamed["isis-threat"]["sentences"]] == ["s000", "t1"]
    # the first chunk of the head is read to choose the first copy, then the other sentence:
    # not every one of the 200 sources
    assert len(set(reads)) <= _HeadFeatures.CHUNK + 1


def test_pick_takes_equal_digests_as_copies():
    a, b = frozenset({"russia", "isis"}), frozenset({"opium", "trade"})

    class Unread(list):
        def __getitem__(self, i):
            if i == 1:
                raise AssertionError("the copy's features were read")
            return list.__getitem__(self, i)
    feats, group = Unread([a, a, b]), ["x", "y", "z"]
    assert _pick([0, 1, 2], feats, 2, group, same=[7, 7, 9]) == [0, 2]
    # empty features are never copies of each other (their cosine is 0)
    empty = frozenset()
    assert _pick([0, 1], [empty, empty], 2, same=[None, None]) == [0, 1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), max_size=12, unique=True), max_size=60),
       st.floats(0, 0.5))
def test_weights_added_at_once_are_the_same_floats(sets, bonus):
    # Centrality.add_numbered (numpy, at once) against add (one set after another): the same
    # weight for every number and the same score for every set, bit for bit
    from array import array
    from generator.text.ranking import Centrality
    one, at_once = Centrality(), Centrality()
    for f in sets:
        one.add(f)
    words = array("i", [w for f in sets for w in f])
    ends, n = array("q"), 0
    for f in sets:
        n += len(f)
        ends.append(n)
    at_once.add_numbered(words, ends)
    assert at_once.n == one.n
    assert all(at_once.weight[w] == one.weight[w] for w in one.weight)
    assert [at_once.score(f, bonus) for f in sets] == [one.score(f, bonus) for f in sets]
