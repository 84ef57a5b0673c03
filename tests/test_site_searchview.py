"""``site.searchview``: Material's search plugin reads a served page with its listings' content
left out, and indexes it as it indexes the whole page, which holds only when what is left out
is skipped whole by its parser (the rules of ``unit_tags`` and ``skipped_whole``)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from generator.site import searchview as S

OPEN = '<div class="brief-listing" data-search-exclude>\n'
PLACEHOLDER = "<p>BRIEFSMITHBLOCK1Z</p>"
BEFORE = ('<h1 id="t">Title</h1>\n<p>Intro text.</p>\n<h2 id="evidence">Evidence<a class="headerlink" '
          'href="#evidence">&para;</a></h2>\n<p>Shown\nin search.</p>\n')
AFTER = '\n<h2 id="after">After</h2>\n<p>More <em>text</em>.</p>\n<table><tr><td>a cell</td></tr></table>\n'
UNITS = [
    '<p><a href="../sources/a/">A source</a> (2)</p>',
    '<ul>\n<li>&ldquo;A quote.&rdquo; <a href="../sources/a/#s1">¶</a></li>\n<li>Another<sup id="fnref:1">'
    '<a class="footnote-ref" href="#fn:1">1</a></sup></li>\n</ul>',
    '<details class="note">\n<summary>More</summary>',
    '<table>\n<thead>\n<tr>\n<th>x</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1<br />2</td>\n</tr>\n</tbody>\n</table>',
    '</details>',
]


def _entries(html: str) -> list[dict]:
    index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
    page = SimpleNamespace(content=html, toc=get_toc([]), url="p/", meta={"title": "P"}, title="P")
    index.add_entry_from_context(page)
    return index.entries


def _page(inner: str) -> str:
    return f"{BEFORE}{OPEN}{inner}\n</div>{AFTER}"


def test_the_search_plugin_indexes_the_page_without_its_listing_as_with_it():
    tags = [S.unit_tags(u) for u in UNITS]
    assert S.skipped_whole(tags)
    whole, view = _page("\n".join(UNITS)), _page(PLACEHOLDER)
    assert _entries(whole) == _entries(view)
    assert "More text." in str(_entries(view)) and "A quote" not in str(_entries(whole))


@pytest.mark.parametrize("unit", [
    '<p>a</p>\n<div class="x">\n<p>b</p>\n</div>\n<p>after the inner div: indexed</p>',   # ends the skipping
    '<h3 id="g">A group</h3>\n<p>x</p>',                    # a heading opens a section even here
    '<p>an <span>unclosed element</p>',                      # the block's end no longer ends it
])
def test_what_the_search_plugin_does_not_skip_whole_is_not_left_out(unit):
    # each of these changes the index when left out: the rules must refuse them
    assert _entries(_page(unit)) != _entries(_page(PLACEHOLDER))
    assert not S.skipped_whole([S.unit_tags(unit)])


def test_unit_tags():
    assert S.unit_tags('<p>a <a href="x">b</a><br>c</p>') == ((), ())
    assert S.unit_tags('<details class="note">\n<summary>More</summary>') == ((), ("details",))
    assert S.unit_tags("</details>") == (("details",), ())
    for refused in ('<p data-search-exclude>x</p>', "<!-- x -->", '<pre class="linenodiv">1</pre>',
                    "<script>x</script>", "<H2>x</H2>", "<p>a</em></p>"):
        assert S.unit_tags(refused) is None, refused
    assert not S.skipped_whole([S.unit_tags("<details>")])                     # left open
    assert not S.skipped_whole([S.unit_tags("</details>"), S.unit_tags("<details>")])
    assert not S.skipped_whole([((), ("ul",)), (("ol",), ())])
    assert not S.skipped_whole([None])


def test_the_page_is_put_back_with_what_the_search_plugin_changed():
    views = S.SearchViews()
    inner = "\n".join(UNITS)
    html = _page(inner).replace("<p>More", '<p data-search-boost="2">More')
    view = _page(PLACEHOLDER).replace("<p>More", '<p data-search-boost="2">More')
    views.keep("p.md", html, view, [(PLACEHOLDER, inner)])
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md"), content=html)
    views.hide(page)
    assert page.content == view and views.hidden == 1
    page.content = page.content.replace(' data-search-boost="2"', "")   # as Material's plugin does
    views.show(page)
    assert page.content == html.replace(' data-search-boost="2"', "")
    # a page another plugin changed in between is read whole
    views.keep("p.md", html, view, [(PLACEHOLDER, inner)])
    page.content = html + "<p>added</p>"
    views.hide(page)
    views.show(page)
    assert page.content == html + "<p>added</p>" and views.hidden == 1
