"""Text primitives every stage may use, below them all: word tokens and the taxonomy's cue
phrases (``cues``), content words and their overlap (``words``), the centrality ranking of
sentences that summaries are made of (``ranking``), and where a sentence ends (``marks``). No
I/O, nothing of any stage."""
