"""The fast YAML writer gives exactly PyYAML's output, on real briefs and on random data."""
from pathlib import Path

import yaml
from hypothesis import example, given, settings, strategies as st

from generator.briefs import yamlout

ROOT = Path(__file__).resolve().parent.parent


def pyyaml(data) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True,
                     width=100000, default_flow_style=False)


def test_every_committed_brief():
    paths = sorted((ROOT / "briefs").rglob("*.yaml"))
    assert len(paths) > 20
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        assert yamlout.dump(data) == pyyaml(data), path


TRICKY = ["", " ", "yes", "No", "null", "~", "2016", "2016-09", "2016-09-01", "0.7", "1e3", ".inf",
          "-", "- x", "? x", ": x", "a: b", "a #b", "a#b", "ends:", "trailing ", " leading", "@isis",
          "“quoted”", "‘single’", "[I]n Syria", "{x}", "*star", "&anchor", "!tag", "|pipe", ">fold",
          "'apos", '"dq', "%pct", "`tick", "line\nbreak", "tab\there", "nbsp\xa0x", "bom\ufeffx",
          "ls\u2028x", "nel\x85x", "del\x7fx", "emoji 🙂", "é accent", "<<", "=", "$400 million",
          "90 percent", "— dash", "Ünïcödé", "x" * 300]
scalars = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40), st.integers(), st.none(),
                    st.booleans(), st.floats(allow_nan=False, allow_infinity=False))
keys = st.one_of(st.sampled_from(["id", "quote", "status", "2016", "yes", "a: b", "-x"]),
                 st.text(min_size=1, max_size=10))
data = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=4)),
                    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, data, min_size=1, max_size=5))
@example({"id": {"id": "ls\u2028x"}})   # a line break PyYAML indents by the nesting (was cached)
@example({"a": {"b": {"c": "nel\x85x", "d": "ps\u2029x"}}})
@example({"id": [0.0, -0.0, -0.0, 0.0]})   # equal floats, two scalars (was cached as one)
def test_random_data(doc):
    out = yamlout.dump(doc)
    assert out == pyyaml(doc)
    assert yaml.load(out, Loader=yaml.CSafeLoader) == doc
