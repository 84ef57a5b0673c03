"""Nothing outside the project is read (issue 20, item 3): a symbolic link where an article,
a sidecar, a brief, the taxonomy or a folder of them is expected is refused with a message
naming it, by `brief extract`, `brief check` (tests/bad: the link cases), the site (`brief
build`, `mkdocs build`, the load `mkdocs serve` runs), `brief export` and `brief ingest`; and
a brief's `source.file` cannot name a file elsewhere. One helper decides: ingest.paths."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, mkdocs_env
from generator.briefs.model import BriefsmithError
from generator.cli import main
from generator.ingest import paths
from generator.site.load import load_site

# An outside file that reads like an article: followed, it would be extracted and published.
SECRET = ("Top Secret Notes\n\nThe build machine keeps its deploy key here. Russia and the Taliban "
          "met in Moscow in September 2016, the notes say.\n")
MARK = "deploy key"


def _secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "notes.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(SECRET, encoding="utf-8")
    return path


def _everything(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*")
                   if p.is_file() and not p.is_symlink())


@pytest.fixture
def linked_project(tmp_path):
    project = copy_project("repo", tmp_path / "p")
    (project / "seeds" / "zz.txt").symlink_to(_secret(tmp_path))
    return project


def test_extract_refuses_a_linked_article_and_writes_nothing(linked_project, monkeypatch, capsys):
    monkeypatch.chdir(linked_project)
    before = {p: p.read_bytes() for p in (linked_project / "briefs").rglob("*.yaml")}
    assert main(["extract"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == ("error: seeds/zz.txt: a symbolic link; Briefsmith never follows a link "
                           "out of the project: put the file itself here")
    assert {p: p.read_bytes() for p in (linked_project / "briefs").rglob("*.yaml")} == before
    assert MARK not in _everything(linked_project / "briefs")


def test_the_site_never_publishes_a_linked_article(linked_project, tmp_path):
    # brief build: the extraction refuses it, nothing is built
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(tmp_path / "s1")],
                          cwd=linked_project, env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1 and "seeds/zz.txt: a symbolic link" in proc.stderr, proc.stderr
    # mkdocs build --strict (the plugin extracts): the refusal is a warning, the build fails,
    # and the article is on no page
    build = mkdocs_build(linked_project)
    assert build.returncode == 1 and "zz.txt: a symbolic link" in build.output, build.output
    assert MARK not in _everything(build.site)
    # the load `mkdocs serve` runs on every rebuild: a problem, no source page for it
    site = load_site(linked_project / "briefs", linked_project / "seeds")
    assert "zz" not in {s.id for s in site.sources}
    assert any(p.path.endswith("seeds/zz.txt") and "symbolic link" in p.message for p in site.problems)


def test_a_brief_cannot_name_a_file_outside_the_seeds(tmp_path):
    project = copy_project("repo", tmp_path / "p")
    secret = _secret(tmp_path)
    brief = sorted((project / "briefs" / "sources").glob("*.yaml"))[0]
    text = brief.read_text(encoding="utf-8")
    name = text.split("  file: ", 1)[1].split("\n", 1)[0]
    for bad in (str(secret), f"../../outside/{secret.name}"):
        brief.write_text(text.replace(f"  file: {name}", f"  file: {bad}", 1), encoding="utf-8")
        site = load_site(project / "briefs", project / "seeds")
        source = next(s for s in site.sources if s.id == brief.stem)
        assert source.seed is None and not source.paragraphs
        assert any(p.path == str(brief) and "not a plain file name" in p.message for p in site.problems)
        assert MARK not in repr([(p.anchor, [s.text for s in p.sentences]) for p in source.paragraphs])


def test_linked_brief_taxonomy_and_folders_are_refused_by_extract_and_export(tmp_path, monkeypatch, capsys):
    project = copy_project("repo", tmp_path / "p")
    monkeypatch.chdir(project)
    secret = _secret(tmp_path)
    link = project / "briefs" / "sources" / "zz.yaml"
    link.symlink_to(secret)
    for argv in (["extract"], ["export"]):
        assert main(argv) == 1
        assert capsys.readouterr().err.startswith("error: briefs/sources/zz.yaml: a symbolic link")
    link.unlink()
    taxonomy = project / "briefs" / "taxonomy.yaml"
    taxonomy.rename(tmp_path / "taxonomy.yaml")
    taxonomy.symlink_to(tmp_path / "taxonomy.yaml")
    assert main(["extract"]) == 1
    assert capsys.readouterr().err.startswith("error: briefs/taxonomy.yaml: a symbolic link")


def test_ingest_never_writes_through_a_link(tmp_path, monkeypatch, capsys):
    page = tmp_path / "page.html"
    words = " ".join(["Moscow and the Taliban talked again about the border and the trade."] * 3)
    page.write_text(f"<html><head><title>A page</title></head><body><article><p>{words}</p>"
                    f"<p>{words}</p></article></body></html>", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    secret = _secret(tmp_path)
    (seeds / "page.txt").symlink_to(secret)
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", str(page), "--force"]) == 1
    assert "seeds/page.txt: a symbolic link" in capsys.readouterr().err
    assert secret.read_text(encoding="utf-8") == SECRET and (seeds / "page.txt").is_symlink()


def test_inside_and_listing(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / ".hidden.txt").write_text("h")
    (folder / "c.md").mkdir()
    found = paths.listing(folder, (".txt", ".md"))
    assert found.files == [folder / "a.txt"]
    assert [(e.path, e.message) for e in found.refused] == [(str(folder / "b.txt"), paths.LINK)]
    assert paths.inside(folder, "a.txt") == folder / "a.txt"
    assert paths.inside(folder, "new.txt") == folder / "new.txt"     # a target to write
    for bad in ("../a.txt", "/etc/passwd", "x/../../a", "-rf", "", None, "b.txt"):
        with pytest.raises(BriefsmithError):
            paths.inside(folder, bad)
    (tmp_path / "g").symlink_to(folder)
    assert paths.listing(tmp_path / "g", (".txt",)).refused[0].message == paths.LINK_FOLDER


@pytest.mark.parametrize("name", ["my article.txt", "-rf.txt", "café.txt", "a.md"])
def test_extract_and_check_share_one_rule_for_article_names(name, tmp_path, monkeypatch, capsys):
    """Issue 20, items 10 (names) and 9 (x.txt beside x.md): `brief extract` refuses exactly
    what `brief check` reports, with the same message naming the file."""
    from test_briefs_check import CASES, apply_case, make_project
    case = {"my article.txt": "seed-name-space", "-rf.txt": "seed-name-dash",
            "café.txt": "seed-name-accent", "a.md": "seed-pair"}[name]
    project = make_project(tmp_path / "p")
    apply_case(case, project)
    monkeypatch.chdir(project)
    before = {p: p.read_bytes() for p in (project / "briefs").rglob("*") if p.is_file()}
    assert main(["extract"]) == 1
    refused = next(line for line in CASES[case] if line.startswith(f"seeds/{name}"))
    assert capsys.readouterr().err.strip() == f"error: {refused}"
    assert {p: p.read_bytes() for p in (project / "briefs").rglob("*") if p.is_file()} == before
    assert main(["check"]) == 1
    assert refused in capsys.readouterr().out.splitlines()
