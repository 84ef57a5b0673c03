"""Text primitives every stage may use, below them all: word tokens and the taxonomy's cue
phrases (``cues``), content words and their overlap (``words``), and the centrality ranking of
sentences that summaries are made of (``ranking``). No I/O, nothing of any stage."""
