"""One schema for every brief file and for the taxonomy, as pydantic models.

Why pydantic: it is already a dependency, one model is both the validator and the source of
the JSON Schema that editors use (``python -m generator.briefs.schema`` writes
``generator/briefs/schema/brief.schema.json`` and ``taxonomy.schema.json``), and its errors carry a
location path (``("motives", 3, "start")``) that ``check`` maps back to YAML line and column.

Models are strict (no silent coercion of ``"12"`` to ``12``) and forbid unknown keys. They
check shape only; references, grounding and uniqueness are checked in ``generator.briefs.check``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from .model import SourceMeta as ArticleMeta

Status = Literal["auto", "confirmed", "rejected", "manual"]
SCHEMA_DIR = Path(__file__).parent / "schema"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# ---- source briefs ---------------------------------------------------------------

# The article's metadata is ingest's (``model.SourceMeta``: one list of its fields, so that a
# field ingest learns to read is one the brief may hold); the brief adds its file and bytes.
SourceMeta = create_model(
    "SourceMeta", __base__=_Strict,
    file=(str, Field(description="the seed file's name, in the seeds folder")),
    sha256=(str | None, Field(None, description="sha256 of the file's bytes at extraction")),
    **{name: (str | None, None) for name in ArticleMeta.__dataclass_fields__})


class Summary(_Strict):
    text: str | None = None
    status: Status = Field("auto", description="set to manual after rewriting the text")
    sentences: list[dict] | None = Field(
        None, description="the article sentences an extractive summary is made of: "
        "{anchor, start, end, quote} (motive summaries add source)")


class ActorRow(_Strict):
    actor: str = Field(description="actor id from the taxonomy, or a slug of the name")
    name: str | None = None
    kind: Literal["state", "organisation", "armed group", "person"] | None = Field(
        None, description="what an actor the taxonomy lacks is (the taxonomy gives the others')")
    count: int | None = None
    forms: list[str] | None = None
    status: Status = "auto"
    comment: str | None = None


class _Item(_Strict):
    id: str | None = Field(None, description="kind letter + hash of label and quote; "
                           "`brief check --fix` fills it in for manual items")
    quote: str = Field(description="verbatim text of the source: text[start:end] == quote")
    start: int | None = Field(None, ge=0, description="character offset into the decoded file")
    end: int | None = Field(None, ge=0)
    anchor: str | None = Field(None, description="sentence anchor on the source page (p3-s2)")
    prefix: str | None = Field(None, description="text just before the quote (for re-anchoring)")
    suffix: str | None = Field(None, description="text just after the quote (for re-anchoring)")
    status: Status = Field("auto", description="auto | confirmed | rejected | manual")
    flag: str | None = Field(None, description="set by extraction when the quote moved out of "
                             "reach; review the item, then delete the flag")
    confidence: float | None = Field(None, ge=0, le=1)
    cues: list[str] | None = None
    comment: str | None = None


class MotiveItem(_Item):
    motive: str = Field(description="motive id from the taxonomy")


class CounterItem(_Item):
    counter: str = Field(description="counterargument id from the taxonomy")
    rebuts: str | None = Field(None, description="motive id, or null")


class QuoteItem(_Item):
    speaker: str = Field(description="actor id of the speaker, or a slug of the name")
    speaker_name: str | None = None


class EventItem(_Item):
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")


class FigureItem(_Item):
    value: str
    counts: str | None = None


class _Open(BaseModel):
    """Items of later stages (relations, claims): shape owned by the analysis."""
    model_config = ConfigDict(extra="allow", strict=True)
    id: str | None = None
    status: Status = "auto"
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    comment: str | None = None


class SourceBrief(_Strict):
    """The brief of one article."""
    brief: Literal["source"]
    version: Literal[1]
    id: str = Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", description="the seed file's stem")
    source: SourceMeta
    summary: Summary | None = None
    notes: str | None = None
    # A list a person emptied by deleting its last item reads as nothing (``motives:``): no items.
    actors: list[ActorRow] | None = []
    motives: list[MotiveItem] | None = []
    counters: list[CounterItem] | None = []
    quotes: list[QuoteItem] | None = []
    events: list[EventItem] | None = []
    figures: list[FigureItem] | None = []
    relations: list[_Open] | None = None
    claims: list[_Open] | None = None


# ---- cross-source briefs -------------------------------------------------------

class MotiveRow(_Strict):
    source: str
    evidence: int
    counters: int


class ActorSourceRow(_Strict):
    source: str
    count: int


class MotiveBrief(_Strict):
    """What belongs to a motive as a whole; counts are recomputed on extraction."""
    brief: Literal["motive"]
    version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str | None = None
    summary: Summary | None = None
    notes: str | None = None
    sources: list[MotiveRow] = []


class ActorBrief(_Strict):
    brief: Literal["actor"]
    version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str | None = None
    kind: Literal["state", "organisation", "armed group", "person"] | None = None
    summary: Summary | None = None
    notes: str | None = None
    sources: list[ActorSourceRow] = []


BRIEFS = {"source": SourceBrief, "motive": MotiveBrief, "actor": ActorBrief}
AnyBrief = Annotated[Union[SourceBrief, MotiveBrief, ActorBrief], Field(discriminator="brief")]


# ---- taxonomy ----------------------------------------------------------------------

class CueSet(_Strict):
    any: list[str] = []
    all: list[list[str]] = []
    none: list[str] = []


Cues = Union[CueSet, list[str], None]
_ID = r"^[a-z0-9][a-z0-9-]*$"


class TaxSuccession(_Strict):
    by: str = Field(pattern=_ID, description="the actor that holds the names from `since` on")
    since: str = Field(pattern=r"^\d{4}(-\d{2})?$", description="YYYY or YYYY-MM")
    aliases: list[str] = Field(description="the names that pass to it, such as the capital")


class TaxActor(_Strict):
    id: str = Field(pattern=_ID)
    name: str | None = None
    kind: Literal["state", "organisation", "armed group", "person"] = "organisation"
    aliases: list[str] = []
    succeeded: TaxSuccession | None = Field(
        None, description="names of this actor that stand for another in articles dated from a "
        "date on (the capital of a state whose government changed)")


class TaxMotive(_Strict):
    id: str = Field(pattern=_ID)
    name: str | None = None
    description: str | None = None
    cues: Cues = None
    examples: list[str] = Field([], description="a few sentences that state it: `brief train` learns "
                                "from them, and a project without a model finds sentences like them")


class TaxCounter(TaxMotive):
    rebuts: str | None = Field(None, description="motive id, or null for a general objection")


class Taxonomy(_Strict):
    """briefs/taxonomy.yaml: the analytic frame (actors, motives, counterarguments, cues)."""
    question: str | None = None
    subject: str | None = Field(None, description="actor id the briefing is about")
    actors: list[TaxActor] = []
    motives: list[TaxMotive] = []
    counterarguments: list[TaxCounter] = []
    counter_markers: Cues = None
    speech_verbs: list[str] = []
    person_titles: list[str] = []
    questions: Any = None
    relations: Any = None
    stance: Any = None


# ---- validation and export -----------------------------------------------------------

def validate(model: type[BaseModel], data: Any) -> list[dict]:
    """pydantic's error dicts (``loc``, ``type``, ``msg``, ``input``); [] when valid."""
    try:
        model.model_validate(data)
    except ValidationError as e:
        return e.errors(include_url=False)
    return []


# ---- schema errors in words -------------------------------------------------------------

_TYPE_WORDS = {"string_type": "a string", "int_type": "an integer", "float_type": "a number",
               "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping",
               "model_type": "a mapping", "model_attributes_type": "a mapping"}


def describe(value) -> str:
    """A value as a problem names it: "the number 12", "the text 'x'", "a list"..."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def schema_problems(doc, model) -> list:
    """The schema's errors of ``doc`` (a ``reader.Doc``) in words, each at its place."""
    out, seen = [], set()
    for err in validate(model, doc.data):
        loc = _data_loc(doc.data, err["loc"])
        kind, value = err["type"], err.get("input")
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        if kind == "extra_forbidden":
            message, key = f"unknown key {field!r}", True
        elif kind == "missing":
            message, key = f"missing key {err['loc'][-1]!r}", False
        elif kind in _TYPE_WORDS:
            message, key = f"{field or 'value'}: expected {_TYPE_WORDS[kind]}, got {describe(value)}", False
            if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
                message += f"; quote it: '{value}'"
        elif kind in ("literal_error", "enum"):
            message, key = f"{field}: expected {err['ctx']['expected']}, got {describe(value)}", False
        elif kind == "string_pattern_mismatch" and loc == ("id",):
            continue   # check_brief says whether it could escape its folder
        elif kind == "string_pattern_mismatch":
            message, key = f"{field}: {value!r} does not match {err['ctx']['pattern']}", False
        else:
            message, key = f"{field or 'value'}: {err['msg'].lower()}" + (
                f", got {describe(value)}" if "input" in err else ""), False
        p = doc.problem(message, loc, key=key)
        if (p.line, p.column, message) not in seen:  # union types report once per branch
            seen.add((p.line, p.column, message))
            out.append(p)
    return out


def _data_loc(data, loc) -> tuple:
    """pydantic's loc without the union-branch names that are not keys of the data."""
    out, cur = [], data
    for part in loc:
        if isinstance(cur, dict) and part in cur:
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, dict) and isinstance(part, str) and part.isidentifier() \
                and part not in ("str", "list", "CueSet") and not part.startswith(("list[", "function")):
            out.append(part)  # a missing or extra key of this mapping
            cur = None
    return tuple(out)


def json_schemas() -> dict[str, dict]:
    brief = TypeAdapter(AnyBrief).json_schema()
    brief = {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "title": "Briefsmith brief", **brief}
    tax = {"$schema": "https://json-schema.org/draft/2020-12/schema",
           **Taxonomy.model_json_schema()}
    return {"brief.schema.json": brief, "taxonomy.schema.json": tax}


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write the JSON Schemas; returns the files that changed."""
    from ..cache.files import atomic_write
    return [folder / name for name, schema in json_schemas().items()
            if atomic_write(folder / name, schema_text(schema))]


if __name__ == "__main__":  # python -m generator.briefs.schema
    for path in export():
        print(f"wrote {path}")
    sys.exit(0)
