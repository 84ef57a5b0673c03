"""A person spelled two ways in two sources has one actor page that names both spellings, and
every link to either spelling lands on it, relations included (the overview's graph and table,
the person's own relations, both spellings' edges one edge where they say the same, and the other
actor's); an actor brief an analyst wrote in keeps its page (invented articles; a strict MkDocs
build)."""
import shutil
from pathlib import Path

import yaml
from conftest import mkdocs_build

from generator.cli import main
from generator.site.analysis import joined_relations
from generator.site.load import load_site
from generator.site.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = {
    "first.txt": "Moscow Keeps Talking\n\nRussia kept its channel to the Taliban open. "
                 "“We will keep talking,” Borys Petroff said on Monday.\n",
    "second.txt": "Talks Go On\n\nRussia hosted the Taliban again. "
                  "“Nothing has changed,” Boris Petrov said in an interview.\n",
    "third.txt": "A Third View\n\nRussia met the Taliban once more, and Boris Petrov said the talks went on.\n",
}
# the same, each spelling also in a relation with the Taliban
RELATED = {
    "first.txt": "Moscow Keeps Talking\n\nRussia kept its channel to the Taliban open. "
                 "“We will keep talking,” Borys Petroff said on Monday. "
                 "Borys Petroff met the Taliban in Doha last week.\n",
    "second.txt": "Talks Go On\n\nRussia hosted the Taliban again. "
                  "“Nothing has changed,” Boris Petrov said in an interview. "
                  "Boris Petrov met the Taliban in Kabul on Tuesday.\n",
    "third.txt": ARTICLES["third.txt"],
}


def _project(tmp_path: Path, articles: dict = ARTICLES) -> Path:
    (tmp_path / "seeds").mkdir()
    for name, text in articles.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", tmp_path / "briefs" / "taxonomy.yaml")
    assert main(["extract", "--seeds", str(tmp_path / "seeds"), "--briefs", str(tmp_path / "briefs")]) == 0
    return tmp_path


def test_one_page_names_every_spelling_and_every_link_lands_on_it(tmp_path):
    project = _project(tmp_path)
    site = load_site(project / "briefs", project / "seeds")
    assert site.joined == {"borys-petroff": "boris-petrov"}
    (petrov,) = [a for a in site.actors if a["id"] in ("boris-petrov", "borys-petroff")]
    assert petrov["id"] == "boris-petrov" and "Borys Petroff" in petrov["aliases"]
    pages = Renderer().render_site(site)
    assert "actors/borys-petroff.md" not in pages and "actors/boris-petrov.md" in pages
    page = pages["actors/boris-petrov.md"]
    assert "Also called:** Borys Petroff" in page
    assert page.count("(../sources/") >= 3            # its mentions in all three sources
    assert "actors/borys-petroff.md" not in "".join(pages.values())
    assert "(../actors/boris-petrov.md)" in pages["sources/first.md"]   # the quote's speaker
    quotes = pages["quotes.md"]
    assert quotes.count("## [Boris Petrov](actors/boris-petrov.md)") == 1   # one speaker, both quotes
    # the briefs are read, never rewritten: each keeps the id its extraction gave
    first = yaml.safe_load((project / "briefs" / "sources" / "first.yaml").read_text(encoding="utf-8"))
    assert "borys-petroff" in {a["actor"] for a in first["actors"]}


def test_an_actor_an_analyst_wrote_notes_for_keeps_its_page(tmp_path):
    project = _project(tmp_path)
    path = project / "briefs" / "actors" / "borys-petroff.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["notes"] = "Kept apart by hand."
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    site = load_site(project / "briefs", project / "seeds")
    assert site.joined == {}
    assert {"borys-petroff", "boris-petrov"} <= {a["id"] for a in site.actors}


def _reject(brief: Path, actor: str) -> None:
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    for a in data["actors"]:
        if a["actor"] == actor:
            a["status"] = "rejected"
    brief.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _reject_section(brief: Path, section: str, count: int = -1) -> None:
    """Reject the first ``count`` machine items (all: -1) from the brief's ``section`` on."""
    text = brief.read_text(encoding="utf-8")
    at = text.index(f"\n{section}:\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: rejected", count), encoding="utf-8")


def _serving_matches_a_plain_build(project: Path, steps) -> dict:
    """After each edit, the pages under serve (a cache kept by source) are those of a load and
    render without any cache; the last pages."""
    from generator.cache.site import SiteCache

    briefs, seeds = project / "briefs", project / "seeds"
    store = SiteCache(briefs, persist=False)
    pages = Renderer().render_site(load_site(briefs, seeds, store=store), store=store)
    assert pages == Renderer().render_site(load_site(briefs, seeds))
    for step in steps:
        step()
        pages = Renderer().render_site(load_site(briefs, seeds, store=store), store=store)
        assert pages == Renderer().render_site(load_site(briefs, seeds))
    return pages


def test_serving_follows_the_joins_as_a_plain_build_does(tmp_path):
    """Under serve (pages kept by source) each edit that changes a joined page, or the joins
    themselves, gives the pages a load and render without any cache gives."""
    project = _project(tmp_path)
    briefs = project / "briefs"
    steps = [lambda: _reject_section(briefs / "sources" / "first.yaml", "quotes", 1),   # the other spelling's quote gone
             lambda: _reject(briefs / "sources" / "third.yaml", "boris-petrov"),      # a mention of the page's id gone
             lambda: _reject(briefs / "sources" / "second.yaml", "boris-petrov"),     # the join gone with it
             lambda: (briefs / "sources" / "third.yaml").unlink()]
    pages = _serving_matches_a_plain_build(project, steps)
    assert "actors/borys-petroff.md" in pages and "actors/boris-petrov.md" not in pages


def test_relations_naming_the_rarer_spelling_link_to_the_one_page(tmp_path):
    project = _project(tmp_path, RELATED)
    site = load_site(project / "briefs", project / "seeds")
    assert site.joined == {"borys-petroff": "boris-petrov"}
    ids = {a for e in site.analysis.relations for a in (e["subject"], e["object"])}
    assert "borys-petroff" not in ids and "boris-petrov" in ids
    (met,) = [e for e in site.analysis.relations if "boris-petrov" in (e["subject"], e["object"])]
    assert met["count"] == 2 and met["sources"] == ["first", "second"]   # both spellings' edges, one edge
    assert met["subject_page"] and met["object_page"]
    assert "borys-petroff" not in site.analysis.neighbourhoods
    assert site.analysis.neighbourhoods["boris-petrov"]["relations"] == [met]
    pages = Renderer().render_site(site)
    assert "actors/borys-petroff.md" not in "".join(pages.values())
    assert "| [Boris Petrov](actors/boris-petrov.md) |" in pages["index.md"]
    assert "Boris Petrov" in pages["index.md"].split("```mermaid")[1].split("```")[0]
    assert "| [Boris Petrov](../actors/boris-petrov.md) |" in pages["actors/taliban.md"]
    own = pages["actors/boris-petrov.md"]
    assert "No source states a relation" not in own and "(../sources/first.md#" in own
    build = mkdocs_build(_site_project(project))
    assert build.returncode == 0 and not build.warnings, build.output


def _site_project(project: Path) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    return project


def test_edges_of_two_spellings_are_joined_in_source_order_and_a_self_edge_dropped():
    def edge(t, s, o, *sources, symmetric=True):
        return {"type": t, "name": t, "symmetric": symmetric, "subject": s, "object": o,
                "evidence": [{"source": x} for x in sources], "sources": list(sources), "count": len(sources)}
    kept = edge("negotiates", "russia", "taliban", "a", "b", "c")
    relations = {"types": [{"id": "supports"}, {"id": "negotiates"}], "names": {},
                 "edges": [kept, edge("negotiates", "bb", "taliban", "c"),
                           edge("supports", "taliban", "aa", "a", symmetric=False),
                           edge("negotiates", "aa", "taliban", "b"), edge("negotiates", "aa", "bb", "d")]}
    out = joined_relations(relations, {"aa": "zz", "bb": "zz"})
    assert out["edges"][0] is kept   # an edge no join touches is the view's own
    assert [(e["type"], e["subject"], e["object"], e["sources"]) for e in out["edges"]] == [
        ("negotiates", "russia", "taliban", ["a", "b", "c"]),
        ("negotiates", "taliban", "zz", ["b", "c"]),
        ("supports", "taliban", "zz", ["a"])]
    assert out["by_actor"] == {"russia": [0], "taliban": [0, 1, 2], "zz": [1, 2]}
    assert joined_relations(relations, {}) is relations


def test_serving_follows_the_joined_edges_as_a_plain_build_does(tmp_path):
    project = _project(tmp_path, RELATED)
    briefs = project / "briefs"
    _serving_matches_a_plain_build(project, [
        lambda: (briefs / "sources" / "second.yaml").unlink(),                      # one spelling's edge left
        lambda: _reject_section(briefs / "sources" / "first.yaml", "relations")])   # and gone
