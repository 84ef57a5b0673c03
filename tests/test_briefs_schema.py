"""The schema: exported JSON Schemas match the models; every real brief and the taxonomy fit."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.briefs import schema as S

ROOT = Path(__file__).parent.parent


def test_exported_schemas_are_current():
    for name, schema in S.json_schemas().items():
        path = S.SCHEMA_DIR / name
        assert path.read_text(encoding="utf-8") == S.schema_text(schema), \
            f"{path} is stale: run python -m generator.briefs.schema"


def test_brief_schema_covers_every_kind():
    schema = json.loads((S.SCHEMA_DIR / "brief.schema.json").read_text(encoding="utf-8"))
    assert set(schema["discriminator"]["mapping"]) == {"source", "motive", "actor"}
    item = schema["$defs"]["MotiveItem"]
    assert item["additionalProperties"] is False
    assert item["properties"]["status"]["enum"] == ["auto", "confirmed", "rejected", "manual"]


def test_headers_point_at_the_schemas():
    briefs = sorted((ROOT / "briefs").glob("*/*.yaml"))
    if not briefs:
        pytest.skip("no real briefs")
    for path in briefs:
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../brief.schema.json\n"), path
    tax = (ROOT / "briefs" / "taxonomy.yaml").read_text(encoding="utf-8")
    assert tax.startswith("# yaml-language-server: $schema=../generator/briefs/schema/taxonomy.schema.json")


def test_real_briefs_and_taxonomy_validate():
    for path in sorted((ROOT / "briefs").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert S.validate(S.BRIEFS[data["brief"]], data) == [], path
    tax = yaml.safe_load((ROOT / "briefs" / "taxonomy.yaml").read_text(encoding="utf-8"))
    assert S.validate(S.Taxonomy, tax) == []


@pytest.mark.parametrize("change, loc", [
    ({"start": "5"}, ("motives", 0, "start")),
    ({"status": "ok"}, ("motives", 0, "status")),
    ({"bogus": 1}, ("motives", 0, "bogus")),
    ({"confidence": 2}, ("motives", 0, "confidence")),
])
def test_strict_models(change, loc):
    brief = {"brief": "source", "version": 1, "id": "a", "source": {"file": "a.txt"},
             "motives": [{"id": "m-1", "motive": "x", "quote": "q", "start": 0, "end": 1, **change}]}
    assert [e["loc"] for e in S.validate(S.SourceBrief, brief)] == [loc]
