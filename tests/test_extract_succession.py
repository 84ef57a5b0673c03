"""Names that pass to another actor from a date: "Kabul" stands for the Afghan government in
an article from 2019 and for the Taliban in one from 2023 (``succeeded`` in the taxonomy)."""

import pytest

from generator.briefs.model import BriefsmithError
from generator.briefs.taxonomy import load_taxonomy

from analysis_util import extracted


def actors(extractor, tmp_path, text):
    return {a.actor for a in extracted(extractor, tmp_path, text)[1].actors}


@pytest.mark.parametrize("text,expected,not_expected", [
    ("Published: May 3, 2019\n\nA Title For It\n\nKabul protested against the talks.\n", "afghan-government", "taliban"),
    ("Published: May 3, 2023\n\nA Title For It\n\nKabul protested against the talks.\n", "taliban", "afghan-government"),
    # without a page date, the latest date the article reports
    ("A Title For It\n\nThe envoys met in March 2024. Kabul protested.\n", "taliban", "afghan-government"),
    # without any date, the text speaking of the successor in power as of now
    ("A Title For It\n\nNo state has yet recognised the Taliban government. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nTrade grew after the Taliban’s takeover. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nSince the Taliban returned to power, aid has shrunk. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nTaliban-led authorities signed it. Kabul protested.\n", "taliban", "afghan-government"),
    # ... a country it governs, a minister or a ministry of its own (a movement out of power has none)
    ("A Title For It\n\nGrain reached Taliban-ruled Afghanistan. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nBankers visited Taliban-governed Afghanistan. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nThe Taliban’s acting minister of mines signed it. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nA Taliban Deputy Prime Minister flew in. Kabul protested.\n", "taliban", "afghan-government"),
    ("A Title For It\n\nThe Taliban's foreign ministry denied it. Kabul protested.\n", "taliban", "afghan-government"),
    # ... but not of an earlier time, or of something else the movement did
    ("A Title For It\n\nThe former Taliban government was shunned. Kabul protested.\n", "afghan-government", None),
    ("A Title For It\n\nIn 1996 the Taliban took power. Kabul protested.\n", "afghan-government", None),
    ("A Title For It\n\nThe Taliban took part in the talks. Kabul protested.\n", "afghan-government", None),
    ("A Title For It\n\nA former Taliban foreign minister spoke. Kabul protested.\n", "afghan-government", None),
    ("A Title For It\n\nThe Taliban commander met a minister. Kabul protested.\n", "afghan-government", None),
    # a page's own date wins over what the text says
    ("Published: May 3, 2019\n\nA Title For It\n\nThe Taliban government of the past was shunned. Kabul "
     "protested.\n", "afghan-government", None),
    # other names of the actor do not pass
    ("Published: May 3, 2023\n\nA Title For It\n\nThe Afghan government of the 2010s fell.\n", "afghan-government", None),
])
def test_a_name_passes_from_its_date(extractor, tmp_path, text, expected, not_expected):
    found = actors(extractor, tmp_path, text)
    assert expected in found and not_expected not in found


@pytest.mark.parametrize("succeeded,message", [
    ("{by: nobody, since: 2021-08, aliases: [Kabul]}", "succeeded.by 'nobody' is not an actor id"),
    ("{by: b, since: August 2021, aliases: [Kabul]}", "succeeded.since must be YYYY or YYYY-MM"),
    ("{by: b, since: 2021, aliases: []}", "succeeded.aliases must be a list of names"),
    ("[b]", "succeeded must be a mapping of by, since and aliases"),
])
def test_a_bad_succession_is_reported_with_its_place(tmp_path, succeeded, message):
    path = tmp_path / "taxonomy.yaml"
    path.write_text("question: Why?\nactors:\n  - {id: b, kind: state}\n"
                    f"  - id: a\n    kind: state\n    succeeded: {succeeded}\n", encoding="utf-8")
    with pytest.raises(BriefsmithError) as err:
        load_taxonomy(path)
    assert message in str(err.value) and str(path) in str(err.value) and ":6:" in str(err.value)
