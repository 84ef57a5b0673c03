"""Write ``generator/extract/word_groups.json``: the groups of words the classifier's terms share
(session 16). ``python tools/learning/wordgroups.py [--k 200] [--seed 0]`` (no network: wordllama's
vectors ship in its wheel).

Every word that wordllama's tokenizer holds as one whole-word token (ASCII letters, three or
more) is stemmed as the classifier stems (``features._stem``); a stem's vector is the mean of
its tokens' vectors, at unit length; k-means (scikit-learn, ``random_state`` = the seed, one
thread) puts the 8,512 stems in K groups. A sentence's terms then hold, beside its words, the
group of each word (``extract/wordgroups.py``), so a word no training sentence used fires the
weights of the group it shares with words that were used. The file is written once and
committed with the classifier that reads it (branch ``motives-groups``, not landed: session 16 in
docs/learning.md); training and extraction read it, never wordllama.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from threadpoolctl import threadpool_limits  # noqa: E402

import generalise  # noqa: E402

OUT = REPO / "generator" / "extract" / "word_groups.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--k", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with threadpool_limits(1):
        table, _ = generalise.cluster_table(args.k, args.seed)
    groups = [sorted(s for s, g in table.items() if g == k) for k in range(args.k)]
    data = {"source": "wordllama l2_supercat 256, whole-word tokens; k-means", "k": args.k,
            "seed": args.seed, "groups": groups}
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n")
    print(f"{args.out}: {len(table)} stems in {args.k} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
