"""What to review first: the machine's items that no one has looked at, least certain first.

An item is *uncertain* when it is the machine's (``status: auto``) and its ``confidence`` (the
sentence classifier's probability, for motives and counterarguments) is below ``UNCERTAIN``:
the model finds the label less likely than not, though likely enough to show. The site marks
such items; ``brief review`` lists items from the least certain up, each with its place in
its brief (``path:line``), so that an analyst's first hour goes where it helps most.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import reader

UNCERTAIN = 0.5
KINDS = {"motives": "motive", "counters": "counter", "quotes": "speaker", "events": "date",
         "figures": "counts"}


def is_uncertain(status, confidence) -> bool:
    return status in (None, "auto") and isinstance(confidence, (int, float)) \
        and not isinstance(confidence, bool) and confidence < UNCERTAIN


@dataclass(frozen=True)
class Entry:
    confidence: float
    path: Path
    line: int
    kind: str          # motives | counters | ...
    label: str
    quote: str

    def line_text(self, width: int = 100) -> str:
        quote = " ".join(self.quote.split())
        if len(quote) > width:
            quote = quote[: width - 1] + "…"
        return f"{self.path}:{self.line}: {self.confidence:.2f} {self.kind[:-1]} {self.label}: “{quote}”"


def queue(briefs: Path, kinds=("motives", "counters"), uncertain_only: bool = False) -> list[Entry]:
    """The unreviewed items of ``kinds`` in every source brief, least certain first (then by
    file and line); with ``uncertain_only`` those below ``UNCERTAIN`` alone."""
    out = []
    for path in sorted((briefs / "sources").glob("*.yaml")):
        doc = reader.load(path)
        for kind in kinds:
            items = doc.data.get(kind)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if not isinstance(item, dict) or item.get("status", "auto") != "auto":
                    continue
                confidence = item.get("confidence")
                if not isinstance(confidence, (int, float)) or isinstance(confidence, bool):
                    continue
                if uncertain_only and not is_uncertain("auto", confidence):
                    continue
                line, _ = doc.place((kind, i))
                out.append(Entry(float(confidence), path, line, kind, str(item.get(KINDS[kind])),
                                 str(item.get("quote") or "")))
    return sorted(out, key=lambda e: (e.confidence, str(e.path), e.line))
