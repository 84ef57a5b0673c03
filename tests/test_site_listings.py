"""Listing contexts (``site.listings``): page cuts, pagers, grouping by source, and contexts
that hold only what their page shows."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOTS
from generator.site.listings import evidence_at_rows
from generator.site.load import load_site
from generator.site.render import Renderer

BASIC = ROOTS / "basic"


@pytest.fixture(scope="module")
def pages():
    return Renderer().render_site(load_site(BASIC / "briefs", BASIC / "seeds"))


def test_evidence_at_rows_answers_every_lookup_of_its_rows_as_the_whole_does():
    rng = random.Random(2)
    sids = [f"s{n:03d}" for n in range(200)]
    at = {m: {sid: f"motives/{m}/{rng.randint(2, 9)}.md" for sid in rng.sample(sids, rng.randint(0, 80))}
          for m in ("a", "b", "c")}
    at["empty"] = {}
    rows = [{"id": sid} for sid in rng.sample(sids, 30)]
    part = evidence_at_rows(at, rows)
    assert list(part) == list(at)
    for m in [*at, "missing"]:
        for row in rows:
            assert (part[m].get(row["id"]) if m in part else None) == (at[m].get(row["id"]) if m in at else None)
    assert all(sid in {r["id"] for r in rows} for pages in part.values() for sid in pages)


# ---- paginated listings (page sizes made small: conftest.PAGED_SIZES)

LISTINGS = ["counterarguments.md", "quotes.md", "disputed.md", "timeline.md", "sources/index.md",
            "motives/isis-threat.md"]
QUOTED = re.compile(r"\]\((?:\.\./)*(sources/[^)\s#]+\.md#p\d+-s\d+)\)")
LINK = re.compile(r"\]\(([^)\s\"]+)")


def _paged_render(project, **kw):
    from generator.site.render import Renderer
    site = load_site(project / "briefs", project / "seeds")
    return Renderer().render_site(site, **kw)


@pytest.fixture
def paged(paged_project, paged_sizes):
    return _paged_render(paged_project)


@pytest.fixture
def unpaged(paged_project):
    """The same site with every listing on one page."""
    from conftest import PAGED_SIZES
    from generator.site import listings
    with pytest.MonkeyPatch.context() as mp:
        for name in PAGED_SIZES:
            mp.setattr(listings, name, 10 ** 9)
        return _paged_render(paged_project)


def _listing_pages(pages, path):
    """The pages of the listing at ``path``, page 1 first, as the pager numbers them."""
    from generator.site.pagination import page_path
    out, k = [], 1
    while page_path(path, k) in pages:
        out.append(page_path(path, k))
        k += 1
    return out


def _resolve(page: str, target: str) -> str:
    import posixpath
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def _pager_block(text: str) -> list[str]:
    return re.findall(r'<div class="brief-pager" data-search-exclude markdown>\n\n(.*?)\n\n</div>', text, re.S)


def test_small_sites_have_no_continuation_pages(pages, unpaged):
    assert pages.continuations == set() and not any(_pager_block(t) for t in pages.values())
    assert unpaged.continuations == set()


def test_every_listing_is_cut_into_pages(paged):
    for path in LISTINGS:
        assert len(_listing_pages(paged, path)) >= 3, path
    expected = {p for path in paged if not re.search(r"/\d+\.md$", path) for p in _listing_pages(paged, path)[1:]}
    assert paged.continuations == expected
    assert all(re.fullmatch(r".+/\d+\.md", p) for p in paged.continuations)
    for p in paged.continuations:   # out of the search index, titled with their page
        assert re.match(r'---\ntitle: ".+ \(page \d+\)"\nsearch:\n  exclude: true\n---\n', paged[p]), p


@pytest.mark.parametrize("path", ["counterarguments.md", "quotes.md", "disputed.md", "timeline.md"])
def test_every_item_is_listed_once_in_order(paged, unpaged, path):
    """The quoted sentences of a listing's pages, page after page, are those of the single page."""
    listed = [q for p in _listing_pages(paged, path) for q in QUOTED.findall(paged[p])]
    assert listed == QUOTED.findall(unpaged[path]) and listed


def test_every_motive_item_is_listed_once(paged, unpaged):
    from collections import Counter
    for m in ("isis-threat", "opium", "anti-us-leverage"):
        path = f"motives/{m}.md"
        listed = Counter(q for p in _listing_pages(paged, path) for q in QUOTED.findall(paged[p]))
        assert listed == Counter(QUOTED.findall(unpaged[path])), m


def test_every_source_is_listed_once_in_order(paged, unpaged):
    row = re.compile(r"^\| \[(.+?)\]\(", re.M)

    def tables(text):   # the list of sources, then the sources-by-motive table
        a, b = text.split("## Sources by motive", 1)
        return row.findall(a), row.findall(b)
    pages = [tables(paged[p]) for p in _listing_pages(paged, "sources/index.md")]
    single = tables(unpaged["sources/index.md"])
    assert [t for a, _ in pages for t in a] == single[0] and [t for _, b in pages for t in b] == single[1]
    assert all(a == b and 0 < len(a) <= 3 * 2 for a, b in pages)   # (pagination.entry_pages: at most 3x)


def test_pagers_name_the_page_and_link_existing_ones(paged):
    for path in [p for p in paged if _pager_block(paged[p])]:
        first = re.sub(r"/\d+\.md$", ".md", path) if path in paged.continuations else path
        listing = _listing_pages(paged, first)
        k = listing.index(path) + 1
        blocks = _pager_block(paged[path])
        assert len(blocks) == 2 and blocks[0] == blocks[1], path   # top and bottom
        text = blocks[0]
        # not how many pages there are: a page added at the end changes the pager before it only
        assert text.startswith(f"Page {k}") and " of " not in text, path
        targets = [_resolve(path, t) for t in LINK.findall(text)]
        assert set(targets) <= set(listing), path
        assert (_resolve(path, re.search(r"\[first page\]\(([^)]+)\)", text)[1]) == listing[0]) if k > 2 \
            else "first page" not in text
        assert (_resolve(path, re.search(r"\[← previous\]\(([^)]+)\)", text)[1]) == listing[k - 2]) if k > 1 \
            else "previous" not in text
        assert (_resolve(path, re.search(r"\[next →\]\(([^)]+)\)", text)[1]) == listing[k]) if k < len(listing) \
            else "next" not in text


def _pages_of(cut: list[int], keys: list) -> set[tuple]:
    pages: dict[int, list] = {}
    for p, key in zip(cut, keys):
        pages.setdefault(p, []).append(key)
    return {tuple(v) for v in pages.values()}


def test_an_entry_added_changes_its_own_page_not_the_cuts_after_it():
    """Cuts are made where the entries say (``pagination.entry_pages``), not every N entries: an
    entry added changes the page it joins, and only seldom (it marks a cut itself, or a page is at
    its limits) the page next to it; greedy cuts would move every cut after it."""
    import random
    from generator.site.pagination import entry_pages
    rnd = random.Random(7)
    keys = [f"s{n:05d}" for n in range(3000)]
    weights = [rnd.choice((1, 2, 3, 3, 3, 4)) for _ in keys]
    before = entry_pages(weights, 600, keys)
    assert 8 <= before[-1] + 1 <= 25 and max(map(weights.__getitem__, range(len(keys)))) <= 600
    sizes = [sum(w for w, p in zip(weights, before) if p == k) for k in range(before[-1] + 1)]
    assert max(sizes) <= 3 * 600 and min(sizes[:-1]) >= 600 // 8
    old = _pages_of(before, keys)
    moved = []
    for trial in range(200):
        at = rnd.randrange(len(keys))
        k2, w2 = keys[:at] + [f"new{trial}"] + keys[at:], weights[:at] + [3] + weights[at:]
        new = {tuple(k for k in page if not k.startswith("new")) for page in _pages_of(entry_pages(w2, 600, k2), k2)}
        moved.append(len(new - old))
    assert sum(m <= 2 for m in moved) >= 190, moved   # its own page (split in two at most)
    assert max(moved) <= 4, moved


def _anchors(text: str) -> set[str]:
    ids = set(re.findall(r"\{ #([^\s}]+)", text))
    ids |= {"-".join(h.lower().split()) for h in re.findall(r"^#+ ([^{\n]+?)\s*$", text, re.M)}
    return ids


def test_every_anchor_linked_lands_on_the_page_that_holds_it(paged):
    """Links with an anchor (from source pages to counterarguments, from the agreement tables
    to a motive's later pages, from motive pages to disputed points, from indexes to pages)."""
    from urllib.parse import unquote
    checked = 0
    anchors = {p: _anchors(t) for p, t in paged.items()}
    for path, text in paged.items():
        for target in LINK.findall(text):
            if "#" not in target or target.startswith(("#", "http")):
                continue
            page, anchor = target.split("#", 1)
            page = unquote(_resolve(path, page))
            assert page in paged, (path, target)
            assert unquote(anchor) in anchors[page], (path, target)
            checked += 1
    assert checked > 100
    counters = [t for p in paged if p.startswith("sources/a") for t in LINK.findall(paged[p])
                if "counterarguments.md#" in t]
    assert counters and all(t.startswith("../counterarguments.md#") for t in counters)
    tables = [p for p in paged if p == "index.md" or p.startswith("sources/index")]
    far = [t for p in tables for t in LINK.findall(paged[p]) if re.search(r"motives/[^/]+/\d+\.md#src-", t)]
    assert far   # the agreement tables link sources on a motive's later pages there


def test_same_input_same_pages(paged_project, paged_sizes):
    first = _paged_render(paged_project)
    assert _paged_render(paged_project) == first and list(_paged_render(paged_project)) == list(first)


def test_relation_evidence_is_cut_to_what_the_page_shows_with_its_total():
    from generator.site.listings import RELATION_EVIDENCE
    from generator.site.listings import neighbourhood as _neighbourhood
    cites = [dict(quote=f"sentence {k}", source="x", anchor=f"p{k}-s1", title="X", status="auto",
                  status_label="unreviewed") for k in range(RELATION_EVIDENCE + 4)]
    rel = dict(subject="a", subject_name="A", subject_page=True, object="b", object_name="B",
               object_page=False, name="supports", evidence=cites)
    few = dict(rel, evidence=cites[:1])
    n = _neighbourhood({"relations": [rel, few], "graph": {"nodes": [], "edges": [], "relations": [rel]}})
    shown, kept = n["relations"]
    assert shown["evidence"] == cites[:RELATION_EVIDENCE] and shown["evidence_total"] == len(cites)
    assert kept is few and rel["evidence"] == cites   # small relations and the analysis untouched
    assert n["graph"]["relations"][0]["evidence_total"] == len(cites)
    macro = Renderer().env.from_string('{% import "_macros.md.j2" as m %}{{ m.relations("", rels, cap) }}')
    for rels in ([rel], n["relations"][:1]):   # the full relation and the cut one read the same
        text = macro.render(rels=rels, cap=RELATION_EVIDENCE)
        assert text.count("“sentence") == RELATION_EVIDENCE and "and 4 more on the actor" in text


def _by_source_by_definition(site, items, cap=None, sources=None):
    """Every group built and sorted, then the ``sources`` largest kept (the rule as stated)."""
    from collections import defaultdict

    from generator.site.listings import Listing
    from generator.site.listings import anchor_key as _anchor_key
    order = {s.id: n for n, s in enumerate(site.sources)}
    by = defaultdict(list)
    for i in items:
        by[i.source].append(i)
    groups = []
    for sid in sorted((k for k in by if k in order), key=order.__getitem__):
        mine = sorted(by[sid], key=lambda i: _anchor_key(i.anchor))
        shown = mine[:cap] if cap else mine
        groups.append({"source": sid, "title": f"T{sid}", "entries": shown, "total": len(mine),
                       "more": len(mine) - len(shown)})
    out = Listing(groups)
    if sources is not None and len(groups) > sources:
        keep = sorted(groups, key=lambda g: (-g["total"], order[g["source"]]))[:sources]
        out = Listing([g for g in groups if g in keep])
        out.hidden_sources = len(groups) - len(out)
        out.hidden_items = sum(g["total"] for g in groups if g not in keep)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(1, 6), st.integers(1, 4)), max_size=60),
       st.one_of(st.none(), st.integers(1, 4)), st.one_of(st.none(), st.integers(0, 6)))
def test_grouping_by_source_keeps_the_largest_groups_as_defined(rows, cap, sources):
    from types import SimpleNamespace

    from generator.site.listings import _by_source
    from generator.site.model import Item
    # source 9 is not a source of the site: its items are left out
    site = SimpleNamespace(sources=[SimpleNamespace(id=f"s{k}", title=f"Ts{k}") for k in range(9)])
    items = [Item("motive", f"i{n}", f"s{src}", "q", f"p{p}-s{s}", "auto", "unreviewed", None)
             for n, (src, p, s) in enumerate(rows)]
    got, want = _by_source(site, items, cap, sources), _by_source_by_definition(site, items, cap, sources)
    assert got == want
    assert (got.hidden_sources, got.hidden_items) == (want.hidden_sources, want.hidden_items)


def test_a_capped_group_shows_a_persons_items_first_in_article_order():
    # session 18: a source's fourth and later sentences were cut from motive pages whatever their
    # status, and with them the analyst's additions and comments, which no other page shows
    from generator.site.listings import source_group
    from generator.site.model import Item

    def item(n: int, status: str = "auto", comment: str | None = None) -> Item:
        return Item("motive", f"m-{n}", "s", f"Invented sentence {n}.", f"p{n}-s1", status,
                    status, 0.5, comment=comment)
    items = [item(5, "manual"), item(1), item(2), item(3), item(4, comment="an invented remark"), item(6)]
    group = source_group("s", "S", items, cap=3)
    assert [i.id for i in group["entries"]] == ["m-1", "m-4", "m-5"]
    assert group["more"] == 3 and group["total"] == 6
    plain = source_group("s", "S", [item(n) for n in (4, 2, 3, 1)], cap=3)
    assert [i.id for i in plain["entries"]] == ["m-1", "m-2", "m-3"] and plain["more"] == 1
    assert [i.id for i in source_group("s", "S", items)["entries"]] == [f"m-{n}" for n in range(1, 7)]
