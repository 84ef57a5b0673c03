"""``brief bench``: a deterministic synthetic corpus and the measurements run on it.

``corpus`` builds N articles from the seed articles' paragraphs, ``floor`` is the minimal
pass extraction is compared with, ``tasks`` runs one measurement in a fresh process (so peak
memory is that task's alone) and ``harness`` runs them side by side and prints the table.
"""
