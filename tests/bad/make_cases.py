"""Regenerate the bad-input corpus from the good project in ``_project``.

    python tests/bad/make_cases.py            # writes tests/bad/cases/*
    python tests/bad/make_cases.py --expect   # prints what `brief check` reports for each

Each case is one file that replaces one file of the good project (the target is named in
cases.yaml, next to the problems it must produce). Edit cases.yaml by hand, deliberately.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
BASE = HERE / "_project"
BRIEF = (BASE / "briefs/sources/a.yaml").read_text(encoding="utf-8")
TAX = (BASE / "briefs/taxonomy.yaml").read_text(encoding="utf-8")
SEED = (BASE / "seeds/a.txt").read_bytes()
MOTIVE = (BASE / "briefs/motives/opium.yaml").read_text(encoding="utf-8")
ACTOR = (BASE / "briefs/actors/russia.yaml").read_text(encoding="utf-8")


def sub(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


# "a: &a [x, x, ...]", "b: &b [*a, *a, ...]", ... nine levels, as in issue 20
ALIAS_BOMB = "".join(f"{k}: &{k} [" + ", ".join([f"*{p}" if p else "lol"] * 9) + "]\n"
                     for p, k in zip(["", *"abcdefgh"], "abcdefghi"))

MANUAL = ("- id: m-00000001\n  motive: opium\n  quote: {quote}\n{offsets}  status: manual\n")
FIRST = "Officials in Moscow say the Islamic State threat in Afghanistan worries Russia and Central Asia."
SECOND = "About 90 percent of the world's heroin comes from Afghanistan."
NOWHERE = "This sentence stands in no source at all."


def summary(sentences: list[tuple], source: str | None = None) -> str:
    """A summary block made of ``sentences`` ((quote, start, end), in order), as extraction
    writes it (``source``: each sentence's source, for a motive or actor brief)."""
    lines = ["summary:", f"  text: {' '.join(q for q, _, _ in sentences)}", "  status: auto",
             "  sentences:"]
    for quote, start, end in sentences:
        lines += ([f"  - source: {source}", "    anchor: p3-s2"] if source else ["  - anchor: p3-s2"])
        lines += [f"    start: {start}", f"    end: {end}", f"    quote: {quote}"]
    return "\n".join(lines) + "\n"


# The hostile description, quoted for YAML.
MARKUP = "'Zqx {{ 7*7 }} <script>alert(2)</script> [y](javascript:alert(3)) end'"
NULL_SUMMARY = "summary:\n  text: null\n  status: auto\n"

CASES: dict[str, str | bytes] = {
    # YAML syntax
    "brief-syntax-indent.yaml": sub(BRIEF, "  motive: opium\n", "   motive: opium\n"),
    "brief-syntax-unclosed-quote.yaml": sub(BRIEF, "  title: Why Moscow Talks to the Taliban",
                                            "  title: \"Why Moscow Talks to the Taliban"),
    "brief-syntax-colon.yaml": sub(BRIEF, "notes: null", "notes: see: the map"),
    "brief-syntax-tab.yaml": sub(BRIEF, "  status: auto\nnotes", "\tstatus: auto\nnotes"),
    "brief-syntax-tab-list.yaml": sub(BRIEF, "  - Moscow", "\t- Moscow"),
    "brief-empty.yaml": "",
    "brief-not-mapping.yaml": "# yaml-language-server: $schema=../brief.schema.json\n- brief: source\n",
    # unsafe tags
    "brief-python-object.yaml": sub(BRIEF, "notes: null", "notes: !!python/object/apply:os.system [\"rm -rf /\"]"),
    "brief-custom-tag.yaml": sub(BRIEF, "  confidence: 0.6\n", "  confidence: !include other.yaml\n"),
    # schema
    "brief-unknown-key.yaml": sub(BRIEF, "notes: null", "notes: null\nsumary: typo of summary"),
    "brief-unknown-item-key.yaml": sub(BRIEF, "  quote: Critics reply", "  qoute: Critics reply"),
    "brief-missing-key.yaml": sub(BRIEF, "brief: source\nversion: 1\n", "brief: source\n"),
    "brief-wrong-type-start.yaml": sub(BRIEF, "  start: 260\n", "  start: '260'\n"),
    "brief-wrong-type-list.yaml": sub(BRIEF, "counters:\n", "counters: none\nxcounters:\n"),
    "brief-date-number.yaml": sub(BRIEF, "  date: 2016-09\n", "  date: 2016\n"),
    "brief-date-format.yaml": sub(BRIEF, "  date: 2016-09\n", "  date: Sept 2016\n"),
    "brief-bad-status.yaml": sub(BRIEF, "  status: auto\n  confidence: 0.8\n",
                                 "  status: checked\n  confidence: 0.8\n"),
    "brief-confidence-range.yaml": sub(BRIEF, "  confidence: 0.75\n", "  confidence: 75\n"),
    "brief-wrong-kind.yaml": sub(BRIEF, "brief: source", "brief: motive"),
    # ids
    "brief-duplicate-id.yaml": sub(BRIEF, "- id: c-29152d33", "- id: m-3859a2e5"),
    "brief-duplicate-key.yaml": sub(BRIEF, "  confidence: 0.75\n", "  confidence: 0.75\n  status: confirmed\n"),
    "brief-id-escape.yaml": sub(BRIEF, "id: a\n", "id: ../../etc/passwd\n"),
    "brief-file-escape.yaml": sub(BRIEF, "  file: a.txt", "  file: ../../secret.txt"),
    "brief-file-absolute.yaml": sub(BRIEF, "  file: a.txt", "  file: /etc/passwd"),
    "brief-id-not-stem.yaml": sub(BRIEF, "id: a\n", "id: b\n"),
    # references
    "brief-unknown-motive.yaml": sub(BRIEF, "  motive: opium\n", "  motive: opiun\n"),
    "brief-unknown-counter.yaml": sub(BRIEF, "  counter: opium-funds-taliban", "  counter: opium-funds"),
    "brief-unknown-rebuts.yaml": sub(BRIEF, "  rebuts: opium", "  rebuts: poppies"),
    "brief-unknown-speaker.yaml": sub(BRIEF, "  speaker: zamir-kabulov", "  speaker: kabulov-z"),
    "brief-unknown-actor.yaml": sub(BRIEF, "- actor: taliban", "- actor: talibans"),
    "brief-unknown-source.yaml": sub(BRIEF, "  file: a.txt", "  file: b.txt"),
    # grounding
    "brief-quote-not-found.yaml": sub(BRIEF, "counters:\n", MANUAL.format(
        quote="Russia wants the opium trade gone.", offsets="  start: 10\n  end: 44\n") + "counters:\n"),
    "brief-quote-moved.yaml": sub(BRIEF, "  start: 209\n  end: 258\n", "  start: 208\n  end: 257\n"),
    "brief-quote-end.yaml": sub(BRIEF, "  start: 209\n  end: 258\n", "  start: 209\n  end: 259\n"),
    "brief-manual-no-offsets.yaml": sub(BRIEF, "counters:\n", MANUAL.format(
        quote="Russia has opened a channel to the Taliban.", offsets="") + "counters:\n"),
    "brief-manual-ungrounded.yaml": sub(BRIEF, "counters:\n", MANUAL.format(
        quote="Russia sells heroin.", offsets="") + "counters:\n"),
    # grounding of every span: summaries quote their sources too
    "brief-summary-quote.yaml": sub(BRIEF, NULL_SUMMARY, summary([(FIRST, 90, 186), (NOWHERE, 378, 419)])),
    "brief-summary-moved.yaml": sub(BRIEF, NULL_SUMMARY, summary([(FIRST, 91, 187), (SECOND, 378, 440)])),
    "brief-summary-no-offsets.yaml": sub(BRIEF, NULL_SUMMARY, summary([(FIRST, 90, 186)]).replace(
        "    start: 90\n    end: 186\n", "")),
    "brief-summary-other-source.yaml": sub(BRIEF, NULL_SUMMARY, summary([(FIRST, 90, 186)], source="b")),
    "motive-summary-quote.yaml": sub(MOTIVE, NULL_SUMMARY, summary([(SECOND, 378, 440), (NOWHERE, 10, 51)], "a")),
    "motive-summary-bad-source.yaml": sub(MOTIVE, NULL_SUMMARY, summary([(SECOND, 378, 440)], "zz")),
    "actor-summary-quote.yaml": sub(ACTOR, NULL_SUMMARY, summary([(FIRST, 90, 186), (NOWHERE, 200, 241)], "a")),
    "brief-flagged.yaml": sub(BRIEF, "  status: auto\n  confidence: 0.6\n",
                              "  status: confirmed\n  flag: the quote is no longer in the article\n  confidence: 0.6\n"),
    "brief-flagged-rejected.yaml": sub(BRIEF, "  status: auto\n  confidence: 0.6\n",
                                       "  status: rejected\n  flag: the quote is no longer in the article\n"
                                       "  confidence: 0.6\n"),
    # taxonomy
    "tax-syntax.yaml": sub(TAX, "  - {id: taliban, name: Taliban, kind: armed group}",
                           "  - {id: taliban, name: Taliban, kind: armed group"),
    "tax-unknown-key.yaml": sub(TAX, "subject: russia\n", "subject: russia\nsubjects: [russia]\n"),
    "tax-bad-kind.yaml": sub(TAX, "kind: state", "kind: country"),
    "tax-duplicate-id.yaml": sub(TAX, "{id: isis,", "{id: taliban,"),
    "tax-rebuts-unknown.yaml": sub(TAX, "    rebuts: opium", "    rebuts: opium-trade"),
    "tax-subject-unknown.yaml": sub(TAX, "subject: russia", "subject: moscow"),
    # text from the taxonomy is data: accepted as written, and shown literally on the site
    # (tests/test_taxonomy_text.py renders this case)
    "tax-markup.yaml": sub(sub(sub(TAX, "    name: Opium\n", f"    name: Opium {MARKUP}\n    description: {MARKUP}\n"),
                               "question: Why does Russia engage the Taliban?", f"question: Why {MARKUP}"),
                           "aliases: [Moscow, Russian]", f"aliases: [Moscow, Russian, {MARKUP}]"),
    "tax-python-tag.yaml": sub(TAX, "question: Why", "question: !!python/name:os.system Why"),
    # seeds
    "seed-latin1.txt": SEED.replace(b"Russia has opened", "Russia hás opened".encode("latin-1")),
    "seed-binary.txt": SEED.replace(b"Critics reply", b"Critics\x00reply"),
    "seed-bom.txt": b"\xef\xbb\xbf" + SEED,
    "seed-edited.txt": SEED.replace(b"Zamir Kabulov said", b"Russia's envoy Zamir Kabulov said"),
    # cross-source briefs
    "motive-unknown.yaml": sub(MOTIVE, "id: opium", "id: poppies"),
    "actor-unknown-source.yaml": sub(ACTOR, "- source: a", "- source: zz"),
    "actor-bad-count.yaml": sub(ACTOR, "  count: 6", "  count: six"),
    # no input hangs (issue 20, item 4): anchors and aliases are refused before anything is
    # built (nine levels of aliases would make 10^9 nodes of a few hundred bytes)
    "brief-alias-bomb.yaml": sub(BRIEF, "notes: null\n", "notes: null\n" + ALIAS_BOMB),
    "tax-alias.yaml": sub(sub(TAX, "speech_verbs: [", "speech_verbs: &verbs ["), "person_titles: [President]",
                          "person_titles: *verbs"),
}


def main() -> int:
    out = HERE / "cases"
    out.mkdir(exist_ok=True)
    for name, content in CASES.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (out / name).write_bytes(data)
    if "--expect" in sys.argv:
        sys.path.insert(0, str(HERE.parent))
        from test_briefs_check import TARGETS, run_case  # noqa
        from test_briefs_check import SETUPS  # noqa
        for name in [*CASES, *SETUPS]:
            print(f"{name}:")
            for p in run_case(name, Path("/tmp/bad-case") / name):
                print(f"  - {str(p)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
