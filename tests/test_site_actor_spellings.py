"""A person spelled two ways in two sources has one actor page that names both spellings, and
every link to either spelling lands on it; an actor brief an analyst wrote in keeps its page
(invented articles)."""
import shutil
from pathlib import Path

import yaml

from generator.cli import main
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


def _project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    for name, text in ARTICLES.items():
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


def _reject_quotes(brief: Path) -> None:
    text = brief.read_text(encoding="utf-8")
    at = text.index("\nquotes:\n")
    brief.write_text(text[:at] + text[at:].replace("status: auto", "status: rejected", 1), encoding="utf-8")


def test_serving_follows_the_joins_as_a_plain_build_does(tmp_path):
    """Under serve (pages kept by source) each edit that changes a joined page, or the joins
    themselves, gives the pages a load and render without any cache gives."""
    from generator.cache.site import SiteCache

    project = _project(tmp_path)
    briefs, seeds = project / "briefs", project / "seeds"
    store = SiteCache(briefs, persist=False)

    def served():
        return Renderer().render_site(load_site(briefs, seeds, store=store), store=store)
    assert served() == Renderer().render_site(load_site(briefs, seeds))
    steps = [lambda: _reject_quotes(briefs / "sources" / "first.yaml"),   # the other spelling's quote gone
             lambda: _reject(briefs / "sources" / "third.yaml", "boris-petrov"),      # a mention of the page's id gone
             lambda: _reject(briefs / "sources" / "second.yaml", "boris-petrov"),     # the join gone with it
             lambda: (briefs / "sources" / "third.yaml").unlink()]
    for step in steps:
        step()
        pages = served()
        assert pages == Renderer().render_site(load_site(briefs, seeds))
    assert "actors/borys-petroff.md" in pages and "actors/boris-petrov.md" not in pages
