"""``brief export``: every shown item of the briefs as one flat record (see docs/format.md)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import format as B
from . import reader
from ..ingest.paths import listing

FIELDS = ("kind", "label", "source", "quote", "start", "end", "rebuts", "name", "count", "value",
          "status")
KIND = {"motives": "motive", "counters": "counter", "quotes": "quote", "events": "event",
        "figures": "figure"}


def records(briefs_dir: Path) -> list[dict]:
    out = []
    for path in listing(briefs_dir / "sources", (".yaml",)).files_or_raise():
        brief = reader.load(path).data
        sid = str(brief.get("id") or path.stem)
        for a in B.visible(brief.get("actors")):
            out.append({"kind": "actor", "label": a.get("actor"), "source": sid,
                        "name": a.get("name"), "count": a.get("count"),
                        "status": a.get("status", "auto")})
        for key, kind in KIND.items():
            for item in B.visible(brief.get(key)):
                rec = {"kind": kind, "label": str(item.get(B.LABEL_KEY[key])), "source": sid,
                       "quote": item.get("quote"), "start": item.get("start"),
                       "end": item.get("end"), "status": item.get("status", "auto")}
                if kind == "counter":
                    rec["rebuts"] = item.get("rebuts")
                if kind == "figure":
                    rec["value"] = item.get("value")
                out.append(rec)
        for rel in B.visible(brief.get("relations")):
            out.append({"kind": "relation", "label": rel.get("type"), "source": sid,
                        "subject": rel.get("subject"), "object": rel.get("object"),
                        "quote": rel.get("quote"), "start": rel.get("start"), "end": rel.get("end"),
                        "status": rel.get("status", "auto")})
        for claim in B.visible(brief.get("claims")):
            out.append({"kind": "claim", "label": claim.get("question"), "source": sid,
                        "value": claim.get("value"), "quote": claim.get("quote"),
                        "start": claim.get("start"), "end": claim.get("end"),
                        "status": claim.get("status", "auto")})
    return out


def to_jsonl(recs: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): such a text cell gets a leading apostrophe, which the spreadsheet shows as text;
# and, as OWASP also advises, every text cell is quoted (which also keeps a carriage return
# inside a quote from ending the row: with "\n" line ends the csv module quotes only "\n").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str | int | float:
    """A CSV cell: numbers as they are (unquoted), text neutralised against formulas
    (``FORMULA_START``)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(recs: list[dict]) -> str:
    buf = io.StringIO()
    fields = list(FIELDS) + [k for k in ("subject", "object") if any(k in r for r in recs)]
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n",
                            quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for r in recs:
        writer.writerow({k: cell(r.get(k)) for k in fields})
    return buf.getvalue()
