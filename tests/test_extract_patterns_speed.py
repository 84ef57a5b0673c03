"""The speed forms of extraction's patterns match what their plain definitions match (session
13's speed work): lookaheads that reject a position by one test, alternatives filed by their
first letter, substring tests before a search. Invented texts and random ones over the
characters the patterns turn on (digits, currency signs, dashes, apostrophes, and İ, ı, ſ,
which case-insensitive matching folds)."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from generator.extract import dates as D

# the definitions, as written before the speed forms
_DATE = re.compile(
    rf"\b{D.DAY}\s+(?:of\s+)?{D.MONTH},?\s+{D.YEAR}\b"
    rf"|\b{D.MONTH.replace('month', 'month2')}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>1[6-9]\d\d|20\d\d)\b"
    rf"|\b{D.MONTH.replace('month', 'month3')},?\s+(?:of\s+)?(?P<year3>1[6-9]\d\d|20\d\d)\b"
    rf"|(?<![\d,.$£€/])(?:(?<!\d-)|(?<=\b(?:1[6-9]|20)\d\d-))\b(?P<year4>1[6-9]\d\d|20\d\d)\b"
    rf"(?![’'`]?s\b|[,.]\d|-(?!{D._YEAR_ONLY})\d|\s*(?:percent|%|people|fighters|soldiers|troops))")
_QUALIFIER = (r"(?:(?:between|up\s+to|about|around|approximately|roughly|nearly|almost|over|more\s+than|less\s+than"
              r"|fewer\s+than|at\s+least|some|as\s+many\s+as)\s+)?")
_FIGURE = re.compile(
    rf"(?<![\w$£€.,:/-]){_QUALIFIER}(?:{D.NUMBER}){D.MAGNITUDE}(?:(?:\s+(?:and|to|or|-|–)\s+|[-–])(?:{D.NUMBER}){D.MAGNITUDE})?"
    rf"|\b(?:tens|hundreds|thousands|millions|dozens|scores)\s+of\s+(?:thousands\s+of\s+|millions\s+of\s+)?", re.I)

_PIECES = ["2015", "1999-2001", "3rd", "14,", "May", "June", "Sept.", "of", "about", "ABOUT", "As many as",
           "at least", "$5", "£1,200", "€3.5", "10", "500 000", "percent", "million", "to", "–", "-", "and",
           "tens", "Thousands", "ſcores", "dozenſ", "mİllions", "mıllions", "’s", "'s", "people", "troops", "In"]


def _same(a: re.Pattern, b: re.Pattern, text: str) -> None:
    assert [(m.span(), m.groupdict()) for m in a.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in b.finditer(text)], text


@pytest.mark.parametrize("text", [
    "Talks began on 23rd December 2015 and resumed on June 14, 2016, then in January 2017.",
    "From 2009–2015 the group grew; in 2015-2017 it split, and 2022-04-04 is no range.",
    "Between 300 and 400 fighters, about 1,200 troops, as many as 5 000 people and $3.5 million.",
    "Tens of thousands fled; scores of villages, ABOUT 40 percent, at least 12-15 officials.",
])
def test_the_speed_forms_match_what_the_definitions_match(text):
    _same(_DATE, D.DATE, text)
    _same(_FIGURE, D.FIGURE, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(alphabet="0129aAbstſSİı$£€,.-–/’' ", max_size=6)),
                max_size=10),
       st.sampled_from([" ", "  ", "\n", "\u00a0", ""]))
def test_the_speed_forms_match_what_the_definitions_match_on_random_texts(pieces, space):
    text = space.join(pieces)
    _same(_DATE, D.DATE, text)
    _same(_FIGURE, D.FIGURE, text)
