"""Statements on the taxonomy's questions: figures and qualifying words, on hand-made texts."""
from analysis_util import extract, taxonomy

from generator.briefs.taxonomy import Question, questions
from generator.extract.claims import find_claims


def claims(tmp_path, text):
    doc, ex = extract(tmp_path, text)
    for c in ex.claims:
        assert doc.text[c.span.start:c.span.end] == c.span.quote
    return [(c.question, c.value) for c in ex.claims]


def test_figure_with_its_unit(tmp_path):
    assert claims(tmp_path, "A commander said that ISIS has between 2,000 and 4,000 fighters "
                            "in the east.") == [("isis-strength", "between 2,000 and 4,000 fighters")]


def test_vague_figure_and_qualitative_words(tmp_path):
    assert claims(tmp_path, "Officials warn that ISIS may recruit tens of thousands of fighters.") == [
        ("isis-strength", "tens of thousands of fighters")]
    assert claims(tmp_path, "By most accounts the presence of ISIS in the country is very small.") == [
        ("isis-strength", "very small")]
    assert claims(tmp_path, "Analysts call the ISIS threat entirely fictitious.") == [
        ("isis-strength", "entirely fictitious")]


def test_subject_from_the_paragraph_when_the_sentence_names_no_rival(tmp_path):
    text = ("ISIS arrived in the province last year. A general said the group has about 800 "
            "fighters there.")
    assert ("isis-strength", "about 800 fighters") in claims(tmp_path, text)


def test_other_questions(tmp_path):
    assert claims(tmp_path, "Afghanistan produces 80 percent of the world's opium.") == [
        ("opiate-share", "80 percent")]
    assert ("taliban-opium-income", "about $300 million") in claims(
        tmp_path, "The Taliban earn about $300 million a year from opium taxes.")


def test_nothing_to_find(tmp_path):
    assert claims(tmp_path, "The weather in Kabul was mild and the markets were busy.") == []
    # the topic without a value, a figure with the wrong unit, a question, a negation, a veto
    assert claims(tmp_path, "ISIS fighters moved north last year.") == []
    assert claims(tmp_path, "ISIS holds 12 districts in the east.") == []
    assert claims(tmp_path, "Nobody knows how strong ISIS is in the region.") == []
    assert claims(tmp_path, "The ISIS threat is not grave, officials say.") == []
    assert claims(tmp_path, "Afghan forces killed 300 ISIS fighters in July.") == []


def test_questions_section_parsing():
    qs = questions(taxonomy().extra["questions"])
    assert {"isis-strength", "opiate-share", "taliban-opium-income"} <= {q.id for q in qs}
    assert questions(None) == [] and find_claims([], {}, []) == []
    q = questions([{"id": "x", "topic": ["opium"], "units": ["tons"]}])[0]
    assert isinstance(q, Question) and q.any == ("opium",) and q.kind == "quantity"
