"""An actor the taxonomy lacks keeps the kind extraction gave it: in the source brief, in its actor
brief and on the site (an unlisted state was written as a person and shown as of unknown kind)."""
import shutil
from pathlib import Path

import yaml

from generator.cli import main
from generator.site.load import load_site

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("Moscow Weighs Its Options\n\nRussia has kept a channel open to the Taliban for years. "
           "Syria urged Moscow to keep the channel open, and Iran agreed.\n\nThe analyst Tomas Verhoeven said the comparison was a stretch.\n")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "weighs.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", tmp_path / "briefs" / "taxonomy.yaml")
    assert main(["extract", "--seeds", str(tmp_path / "seeds"), "--briefs", str(tmp_path / "briefs")]) == 0
    return tmp_path


def _rows(briefs: Path) -> dict:
    (path,) = (briefs / "sources").glob("*.yaml")
    return {a["actor"]: a for a in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]}


def test_an_unlisted_state_is_a_state_in_every_brief_and_on_the_site(tmp_path):
    project = _project(tmp_path)
    rows = _rows(project / "briefs")
    assert rows["syria"]["kind"] == "state"
    assert "kind" not in rows["russia"]   # the taxonomy's actors: their kind is the taxonomy's
    actor_brief = yaml.safe_load((project / "briefs" / "actors" / "syria.yaml").read_text(encoding="utf-8"))
    assert actor_brief["kind"] == "state"
    site = load_site(project / "briefs", project / "seeds")
    kinds = {a["id"]: a["kind"] for a in site.actors}
    assert kinds["syria"] == "state" and kinds["russia"] == "state"
    assert main(["check", "--seeds", str(project / "seeds"), "--briefs", str(project / "briefs")]) == 0


def test_a_brief_written_before_kinds_still_loads(tmp_path):
    project = _project(tmp_path)
    (path,) = (project / "briefs" / "sources").glob("*.yaml")
    text = path.read_text(encoding="utf-8")
    assert "  kind: state\n" in text
    path.write_text(text.replace("  kind: state\n", ""), encoding="utf-8")
    site = load_site(project / "briefs", project / "seeds")
    assert {a["id"]: a["kind"] for a in site.actors}["syria"] == "unknown"   # not guessed a person
