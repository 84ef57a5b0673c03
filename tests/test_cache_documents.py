"""The documents extraction keeps for the site: the same ``Document`` as reading the file
anew, or none at all."""
import shutil
import subprocess
import sys
from pathlib import Path

from corpus import project  # noqa: F401  (fixture)
from generator.cache import documents
from generator.cache.site import SiteCache
from generator.site import load as site_data
from generator.cache.documents import Documents
from generator.cache.stamps import package_files
from generator.cache.state import state_dir
from generator.ingest.articles import read_article, source_files
from generator.briefs.extraction import extract_all
from generator.site.render import Renderer
from generator.ingest.segment import segment
from generator.site.load import load_site


def _kept(project: Path) -> tuple[Documents, list[Path]]:
    extract_all(project / "seeds", project / "briefs")
    return Documents(project / "briefs"), source_files(project / "seeds")


def test_a_kept_document_is_the_one_read_anew(project):
    docs, files = _kept(project)
    assert sorted(docs.entries) == sorted(p.stem for p in files)
    for path in files:
        kept = docs.document(path)
        assert kept is not None and kept == segment(read_article(path))


def test_a_changed_file_or_sidecar_is_read_anew(project):
    docs, files = _kept(project)
    edited, side = files[0], files[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    side.with_name(side.stem + ".meta.yaml").write_text("outlet: The Diplomat\n", encoding="utf-8")
    assert docs.document(edited) is None and docs.document(side) is None
    assert docs.document(files[2]) is not None
    # the next extraction keeps them as they are now
    again, _ = _kept(project)
    for path in (edited, side):
        assert again.document(path) == segment(read_article(path))
    assert again.document(side).article.meta.outlet == "The Diplomat"


def test_removed_sources_are_dropped_and_other_code_discards_all(project, monkeypatch):
    docs, files = _kept(project)
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again, _ = _kept(project)
    assert files[0].stem not in again.entries and len(again.entries) == len(files) - 1
    monkeypatch.setattr(documents, "_code_version", lambda: "another version")
    assert Documents(project / "briefs").entries == {}


def test_the_site_reads_kept_documents_and_renders_the_same_pages(project, monkeypatch, tmp_path):
    _kept(project)
    briefs, seeds = project / "briefs", project / "seeds"
    other = tmp_path / "without"
    shutil.copytree(briefs, other)
    (state_dir(other) / documents.NAME).unlink(missing_ok=True)
    read: list[str] = []
    real = site_data.read_article
    monkeypatch.setattr(site_data, "read_article", lambda p: read.append(p.name) or real(p))

    def pages(folder):   # through the site's caches, which read the kept documents
        return Renderer().render_site(load_site(folder, seeds, store=SiteCache(folder, persist=False)))
    kept = pages(briefs)
    assert read == []
    anew = pages(other)
    assert sorted(read) == sorted(p.name for p in source_files(seeds))
    assert dict(kept) == dict(anew)


def test_a_damaged_entry_is_read_anew(project):
    docs, files = _kept(project)
    docs.entries[files[0].stem] = b"\x00not marshal"
    docs.entries[files[1].stem] = documents.marshal.dumps(("other.txt",) * 7)
    assert docs.document(files[0]) is None and docs.document(files[1]) is None
    assert docs.document(files[2]) == segment(read_article(files[2]))


def test_the_kept_documents_depend_on_every_module_that_makes_one():
    # a change to the furniture rules or the pointer table (not only to articles.py) discards them
    probe = ("import sys, generator.ingest.articles, generator.ingest.segment\n"
             "print('\\n'.join(m.__file__ for n, m in sorted(sys.modules.items()) if n.startswith('generator.')"
             " and '.cache' not in n and not m.__file__.endswith('__init__.py')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    covered = {p.resolve() for p in package_files(*documents.CODE)}
    assert loaded and {Path(f).resolve() for f in loaded} <= covered
