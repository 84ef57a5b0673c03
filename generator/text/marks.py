"""Punctuation every stage reads alike: where a sentence, or a line of a page, ends."""
from __future__ import annotations

import re

# What may close a sentence after its end mark: closing quotation marks and brackets, and a
# guillemet, also set a space apart from the words inside it as French sets them ("... fin. »").
CLOSERS = r"(?:[”\"’')\]»]|\s»)*"
# A sentence's end mark with the closers after it, ending the text: a line that is prose, not a
# label (ingest); a sentence the text did not cut off (extract).
END_MARK = re.compile(r"[.!?…]" + CLOSERS + r"\s*$")
