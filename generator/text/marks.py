"""Punctuation every stage reads alike: where a sentence, or a line of a page, ends."""
from __future__ import annotations

import re

# A sentence's end mark with the closing quotation marks and brackets after it, ending the text:
# a line that is prose, not a label (ingest); a sentence the text did not cut off (extract).
END_MARK = re.compile(r"[.!?…][”\"’')\]]*\s*$")
