"""Reporting clauses and the speakers they describe, one shape of news prose per case, on
invented sentences (session 12): a state's adjective before its organ or official, a naming
verb with its object before the quote, a clause of "as" that gives the words."""

import pytest

from analysis_util import extracted
from test_extract_quotes import quotes


@pytest.mark.parametrize("body,expected", [
    # a state the taxonomy names only with an organ ("Afghan government"): its adjective before
    # an organ or an official names who speaks
    ("Talks opened in Tehran. “The border stays open,” said the Afghan foreign ministry spokesman.",
     [("afghan-government", "The border stays open")]),
    ("Talks opened in Tehran. “We expect more trade,” a senior Afghan security official said.",
     [("afghan-government", "We expect more trade")]),
    ("Talks opened in Minsk. “The visit is postponed,” said a spokeswoman for the Afghan embassy in Minsk.",
     [("afghan-government", "The visit is postponed")]),
    ("Talks opened in Minsk. “We want wheat,” Afghanistan’s acting commerce minister told reporters.",
     [("afghan-government", "We want wheat")]),
    # not its analysts: someone new, whom no item names
    ("Talks opened in Minsk. “Nothing will change,” an Afghan analyst said.", []),
])
def test_a_state_adjective_before_an_organ_or_official(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # "called" and "described" with their object between the verb and the quote report words said
    ("Researcher Ines Oberholzer spoke on Monday. The researcher called the new talks “a slow road”.",
     [("ines-oberholzer", "a slow road")]),
    ("The Chinese foreign ministry described the second round as “frank and useful”.",
     [("china", "frank and useful")]),
    ("A senior Afghan security official called the new customs fee a “needless burden” on traders.",
     [("afghan-government", "needless burden")]),
    # right before the quote, or before "the" or "as" alone, they name it
    ("The Taliban met a group called “Friends of the Valley” in Doha.", []),
    ("The Taliban said it would join an operation called the “Northern Shield”.", []),
])
def test_a_naming_verb_with_its_object_reports_words(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # "..., as X notes, “...”": the clause of "as" gives the words, whatever the sentence opens with
    ("Researcher Ines Oberholzer spoke on Friday. A new rail link, as Oberholzer notes, “will take a decade to build.”",
     [("ines-oberholzer", "will take a decade to build.")]),
    ("Pakistan’s position, as the Chinese ministry said, “is not helpful.”",
     [("china", "is not helpful.")]),
    ("The talks, as the Kremlin claims, were “a success.”", [("russia", "a success.")]),
    # "such as" and "as part of" name things
    ("Russia raised issues such as border claims, “historic rights” and water.", []),
    ("Russia pressed them, as part of its claims, for “historic rights”.", []),
])
def test_a_clause_of_as_gives_the_words(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("year,expected", [("2019", "afghan-government"), ("2023", "taliban")])
def test_a_state_organ_passes_to_the_successor_as_its_capital_does(extractor, tmp_path, year, expected):
    text = (f"Published: May 3, {year}\n\nA Title For It\n\nA trade fair opened in Minsk. An official at the "
            "Afghan embassy told reporters that the new consul “will hold a press briefing”.\n")
    found = extracted(extractor, tmp_path, text)[1].quotes
    assert [(q.speaker, q.span.quote) for q in found] == [(expected, "will hold a press briefing")]


@pytest.mark.parametrize("body,expected", [
    # an outlet named by what qualifies "agency", "newspaper": its name, not the state it belongs to
    ("A trade fair is planned in Minsk. It will open “within a week”, Belarus’s BelTA news agency said.",
     [("belta", "within a week")]),
    # "the newspaper" after an outlet named by its masthead
    ("The Kabul Times wrote on May 2 that a dam project had stalled. “Funds for the second stage ran out "
     "in March,” the newspaper wrote.", [("kabul-times", "Funds for the second stage ran out in March")]),
    # a media noun that only qualifies the head ("the agency interlocutor") names no outlet
    ("Zamir Kabulov spoke to an agency. “The drug threat is real,” the agency interviewee noted.",
     [("zamir-kabulov", "The drug threat is real")]),
])
def test_an_outlet_named_by_its_kind(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # "the Russian scholar", "the analyst": a person named before, never the state of the adjective
    ("A senior scholar from Russia spoke on Monday. Ines Oberholzer stressed that trade matters. "
     "“Prices will fall by winter,” said the Russian scholar.", [("ines-oberholzer", "Prices will fall by winter")]),
    ("Researcher Ines Oberholzer spoke. “Prices will fall by winter,” said the Russian analyst.",
     [("ines-oberholzer", "Prices will fall by winter")]),
])
def test_an_expert_is_a_person_not_a_state(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a plain attribution closing the sentence, however long what only says where, when, to whom
    ("The movement rules the valley, making them “without doubt” partners against smugglers, Lavrov told "
     "reporters at a trade fair in Minsk on Monday, March 3, before his flight home.",
     [("sergei-lavrov", "without doubt")]),
    # ... but not a new statement after the verb
    ("The movement rules the valley, making them “without doubt” partners against smugglers, Lavrov said "
     "the next round of talks would take place in Minsk on Thursday with more parties.", []),
])
def test_a_closing_attribution_with_a_long_adverbial(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a quote left open at the end of a paragraph that ends in its own attribution: the closing
    # mark was left out before the clause's comma
    ("The road was shut on Monday.\n\n“Nobody could reach the market for three days and the fruit rotted in "
     "the trucks, said Karim Dost to a radio station.\n\nThe road opened again later.",
     [("karim-dost", "Nobody could reach the market for three days and the fruit rotted in the trucks")]),
    # with no attribution closing it, an open mark nobody closes is still no quote: its extent is unknown
    ("The road was shut on Monday.\n\n“Nobody could reach the market for three days, and "
     "then the rain came.\n\nThe road opened again later.", []),
])
def test_a_closing_mark_left_out_before_the_attribution(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # "..., <person> spoke with <person>, the ministry said.": the verb's own subject is the body
    ("The Chinese Foreign Ministry spoke of water rights. On May 2, Foreign Minister Wang Yi spoke by phone "
     "with President Ashraf Ghani about the river, the ministry said.\n\n“Both sides agreed to meet in autumn,” the statement said.",
     [("china", "Both sides agreed to meet in autumn")]),
    # an apposition naming the person's role still gives the person
    ("Ines Oberholzer, the institute's director, said that the region was “on edge”.",
     [("ines-oberholzer", "on edge")]),
])
def test_the_body_that_closes_the_sentence_before_speaks(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a compound modifier in marks before its noun is a term held at arm's length, not words said
    ("Lavrov said the movement will join “intra-party” talks in Minsk.", []),
    # ... before a function word it is words said
    ("Lavrov described the deal as a “win-win” for both sides.", [("sergei-lavrov", "win-win")]),
])
def test_a_compound_modifier_in_marks(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # "<name> voiced concern ... and said": the coordinated verbs share the first one's subject,
    # not a body named in the first verb's object
    ("Karimi voiced doubts about trade between China and Iran and said: “The delays cost farmers "
     "dearly.”", [("karimi", "The delays cost farmers dearly.")]),
])
def test_coordinated_verbs_share_their_subject(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


def test_a_participle_opening_coordinated_verbs_is_no_name(extractor, tmp_path):
    found = quotes(extractor, tmp_path, "Asked about trade between China and Iran and said: “The delays "
                                        "are costly.”")
    assert "asked" not in {speaker for speaker, _ in found}


def test_a_quote_named_as_a_statement_by_the_next_sentence(extractor, tmp_path):
    """"“...”\\n\\nThis recent statement by Minister X ...": the sentence after a quote that ends
    its own sentence names who made it, in the next paragraph too."""
    body = ("“Trade across the river will double by next year. Customs posts will open in May.”\n\n"
            "This recent statement by Belarusian Foreign Minister Ivo Kral was welcomed by farmers.")
    assert quotes(extractor, tmp_path, body) == [
        ("ivo-kral", "Trade across the river will double by next year. Customs posts will open in May.")]


def test_a_document_indicates_what_it_says(extractor, tmp_path):
    body = ("According to a press release issued by the Chinese Foreign Ministry, the envoys met on Monday. "
            "The statement indicated that “the border will stay open to trade.”")
    assert quotes(extractor, tmp_path, body) == [("china", "the border will stay open to trade.")]


def test_a_page_whose_marks_were_mangled_to_a_bare_a_circumflex(extractor, tmp_path):
    """UTF-8 read as Latin-1, its control bytes lost: every curly mark and apostrophe is "â"; the
    quotes are found where the marks stood, with the page's own text (offsets unchanged)."""
    body = ("Minskâs envoy spoke on Monday. âThe new bridge will carry twice the traffic,â "
            "said Ines Oberholzer, a scholar. The opening was moved â\" once again â\" to the spring.")
    assert quotes(extractor, tmp_path, body) == [
        ("ines-oberholzer", "The new bridge will carry twice the traffic")]
