"""A relation naming the rarer spelling of a person links to the one page of that person: the
overview's graph and relations, the person's own relations (both spellings' edges, one edge
where they say the same) and the other actor's (invented articles; a strict MkDocs build)."""
import shutil
from pathlib import Path

from conftest import mkdocs_build

from generator.cli import main
from generator.site.analysis import joined_relations
from generator.site.load import load_site
from generator.site.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = {
    "first.txt": "Moscow Keeps Talking\n\nRussia kept its channel to the Taliban open. "
                 "“We will keep talking,” Borys Petroff said on Monday. "
                 "Borys Petroff met the Taliban in Doha last week.\n",
    "second.txt": "Talks Go On\n\nRussia hosted the Taliban again. "
                  "“Nothing has changed,” Boris Petrov said in an interview. "
                  "Boris Petrov met the Taliban in Kabul on Tuesday.\n",
    "third.txt": "A Third View\n\nRussia met the Taliban once more, and Boris Petrov said the talks went on.\n",
}


def _project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", tmp_path / "briefs" / "taxonomy.yaml")
    assert main(["extract", "--seeds", str(tmp_path / "seeds"), "--briefs", str(tmp_path / "briefs")]) == 0
    return tmp_path


def test_relations_naming_the_rarer_spelling_link_to_the_one_page(tmp_path):
    project = _project(tmp_path)
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


def _reject_relations(brief: Path) -> None:
    text = brief.read_text(encoding="utf-8")
    at = text.index("\nrelations:\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: rejected"), encoding="utf-8")


def test_serving_follows_the_joined_edges_as_a_plain_build_does(tmp_path):
    from generator.cache.site import SiteCache

    project = _project(tmp_path)
    briefs, seeds = project / "briefs", project / "seeds"
    store = SiteCache(briefs, persist=False)

    def served():
        return Renderer().render_site(load_site(briefs, seeds, store=store), store=store)
    assert served() == Renderer().render_site(load_site(briefs, seeds))
    for step in (lambda: (briefs / "sources" / "second.yaml").unlink(),         # one spelling's edge left
                 lambda: _reject_relations(briefs / "sources" / "first.yaml")):  # and gone
        step()
        assert served() == Renderer().render_site(load_site(briefs, seeds))
