"""Review order and the uncertain marker (issue 21, part 5): the least certain machine items
first, each with its place in its brief; the site marks the uncertain ones."""
from conftest import copy_project
from generator.briefs.review import UNCERTAIN, is_uncertain, queue
from generator.cli import main
from generator.site.load import load_site
from generator.site.render import Renderer


def _edit(brief, old, new):
    text = brief.read_text(encoding="utf-8")
    assert text.count(old) == 1
    brief.write_text(text.replace(old, new), encoding="utf-8")


def _uncertain_motive(project):
    """The basic root's unreviewed opium motive (m-0002, confidence 0.7) made uncertain."""
    brief = project / "briefs" / "sources" / "x.yaml"
    _edit(brief, "status: auto\n    confidence: 0.7", "status: auto\n    confidence: 0.2")
    return brief


def test_is_uncertain():
    assert is_uncertain("auto", 0.3) and is_uncertain(None, UNCERTAIN - 0.01)
    assert not is_uncertain("auto", UNCERTAIN) and not is_uncertain("confirmed", 0.1)
    assert not is_uncertain("auto", None) and not is_uncertain("auto", True)


def test_queue_is_least_certain_first_with_places(tmp_path, capsys):
    project = copy_project("basic", tmp_path / "p")
    brief = _uncertain_motive(project)
    _edit(brief, "status: confirmed\n    confidence: 0.9", "status: confirmed\n    confidence: 0.1")
    entries = queue(project / "briefs")
    assert [e.confidence for e in entries] == sorted(e.confidence for e in entries)
    assert (entries[0].confidence, entries[0].label) == (0.2, "opium")   # the confirmed 0.1 is not listed
    for e in entries:   # the line is the item's first line, in its list
        lines = e.path.read_text(encoding="utf-8").splitlines()
        assert lines[e.line - 1].lstrip().startswith("- ")
        assert e.quote.split()[0] in "\n".join(lines[e.line - 1:e.line + 8])
    assert [e.confidence for e in queue(project / "briefs", uncertain_only=True)] == [0.2]
    assert main(["review", "--briefs", str(project / "briefs"), "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{brief}:{entries[0].line}: 0.20 motive opium: “Opium from Afghanistan")
    assert out[-1].startswith(f"1 of {len(entries)} unreviewed items")


def test_reviewed_items_leave_the_queue(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = _uncertain_motive(project)
    before = queue(project / "briefs")
    _edit(brief, "status: auto\n    confidence: 0.2", "status: rejected\n    confidence: 0.2")
    after = queue(project / "briefs")
    assert len(after) == len(before) - 1 and all(e.label != "opium" or e.kind != "motives" for e in after)


def test_the_site_marks_uncertain_items_only(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = _uncertain_motive(project)
    pages = Renderer().render_site(load_site(project / "briefs", project / "seeds"))
    assert pages["sources/x.md"].count('class="brief-uncertain"') == 1
    assert "uncertain 0.20</span>" in pages["sources/x.md"]
    assert 'class="brief-uncertain"' in pages["motives/opium.md"]
    _edit(brief, "status: auto\n    confidence: 0.2", "status: confirmed\n    confidence: 0.2")
    pages = Renderer().render_site(load_site(project / "briefs", project / "seeds"))
    assert not any('class="brief-uncertain"' in page for page in pages.values())
