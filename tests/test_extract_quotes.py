"""Quotes and their speakers, one pattern of news prose per case, on invented sentences."""

import pytest

from generator.extract.quotes import find_marks

from analysis_util import extracted


def quotes(extractor, tmp_path, body):
    article, ex = extracted(extractor, tmp_path, f"A Headline For The Test\n\n{body}\n")
    found = ex.quotes
    for q in found:   # every quote is the text at its offsets
        assert article.text[q.span.start:q.span.end] == q.span.quote
    return [(q.speaker, q.span.quote) for q in found]


@pytest.mark.parametrize("body,expected", [
    # the speaker after the quote, in either order, with a role in apposition
    ('"Talks will resume soon," said Ines Oberholzer, a researcher at a Geneva institute.',
     [("ines-oberholzer", "Talks will resume soon")]),
    ("“Nobody wants a long war,” Tomas Vrbek, a former diplomat and adviser to two governments, "
     "told a radio station on Sunday.", [("tomas-vrbek", "Nobody wants a long war")]),
    # a news agency citing the speaker: the one cited speaks
    ("“The border is calm,” Interfax cited Kabulov as saying.", [("zamir-kabulov", "The border is calm")]),
    # the attribution in the sentence's last clause, after more words
    ("“We tried” for many years in the valley, Lavrov said.", [("sergei-lavrov", "We tried")]),
    # the speaker before the quote, past the apposition
    ("Maria Zakharova, the ministry's spokeswoman, told reporters that “the channel is open.”",
     [("maria-zakharova", "the channel is open.")]),
    # a short phrase quote, after the verb that gives it
    ("Putin later called the decision “a grave mistake” and left the hall.",
     [("vladimir-putin", "a grave mistake")]),
    # a movement announcing through a relative clause
    ("The offer came from the Taliban, which announced that it would send “a special unit” north.",
     [("taliban", "a special unit")]),
    # a speech act named by a noun: the movement's pledge
    ("The Taliban movement, which made public pledges to “end the trade in poppies”, met in March.",
     [("taliban", "end the trade in poppies")]),
    # a quote the sentence's two quotes share
    ("Russia backed the plan to “open the roads” and “end the blockade,” according to a Pentagon report.",
     [("united-states", "open the roads"), ("united-states", "end the blockade")]),
])
def test_attribution_shapes(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a characterising verb with "as", and a participle that shares the sentence's subject
    ("A spokesman for the Chinese foreign ministry rejected the claims as “baseless”, alleging that "
     "they were “designed to mislead.”", [("china", "baseless"), ("china", "designed to mislead.")]),
    ("A statement from the Pakistani embassy dismissed the report as “pure fiction”.", [("pakistan", "pure fiction")]),
    # a description, then the name it describes; a name behind a title and brackets
    ("“Troops arrived,” the Russian news service TASS reported.", [("tass", "Troops arrived")]),
    ("“It is settled,” said [Oregon Democrat Sen. Ann] Lee.", [("ann-lee", "It is settled")]),
    # the one an agency quotes, however long the apposition
    ("“This is false,” state-run agency RIA quoted Zamir Kabulov, head of the ministry department "
     "for Asia and a former ambassador to Kabul, as saying on Friday.", [("zamir-kabulov", "This is false")]),
    # a page that mixes curly and straight marks
    ("“Russia is worried about the border,\" said Nadia Farouk, a Cairo analyst.", [("nadia-farouk", "Russia is worried about the border")]),
    # the passive quoted "by" an agency, and an object pronoun
    ("Lavrov spoke in Kazan. “We are ready,” Lavrov was quoted by TASS as saying.", [("sergei-lavrov", "We are ready")]),
    ("Kabulov spoke first. “Talks will go on,” Interfax quoted him as saying.", [("zamir-kabulov", "Talks will go on")]),
    ("“The door stays open,” the Russian Foreign Ministry statement read.", [("russia", "The door stays open")]),
    # a statement on behalf of the ones talked about; a body named earlier with its state
    ("The Taliban envoys left Moscow. “We will return,” a statement issued on their behalf said.",
     [("taliban", "We will return")]),
    ("The Russian foreign ministry was asked. “No comment,” a spokeswoman for the Foreign Ministry said.",
     [("russia", "No comment")]),
    # verbs that say what the speaker takes something for give the words in marks
    ("Senior Pakistani security officials consider the pact “a worrying new turn” as it could unsettle the valley.",
     [("pakistan", "a worrying new turn")]),
    ("Putin regards the movement as a partner in Russia’s “fight against smuggling.”",
     [("vladimir-putin", "fight against smuggling.")]),
    ("The Russian Foreign Ministry labelled the report “pure fiction” on Tuesday.", [("russia", "pure fiction")]),
    # ... but not a name that nobody is said to give
    ("The council will consider the “eastern corridor” plan in May.", []),
    # an attribution written as a sentence of its own
    ("Putin spoke at the summit. “We need to act together.” He said in the hall.", [("vladimir-putin", "We need to act together.")]),
])
def test_more_attribution_shapes(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,speaker", [
    # the role a person was introduced with, through the body named with it
    ("Kremlin spokesman Pavel Zorin met reporters. “We will wait,” the Kremlin official said.", "pavel-zorin"),
    ("Russian Security Council Secretary Ivan Orlov spoke first. “The risk is high,” Russian Security "
     "Council Secretary noted.", "ivan-orlov"),
    # a name whose surname is not its last word
    ("Chinese Foreign Ministry spokesperson Mao Ning spoke. “We condemn it,” Mao told a briefing.", "mao-ning"),
])
def test_roles_and_names_of_people_introduced_before(extractor, tmp_path, body, speaker):
    assert [s for s, _ in quotes(extractor, tmp_path, body)] == [speaker]


@pytest.mark.parametrize("body,speaker", [
    # a person introduced by an occupation and adjectives, not by a title: the person speaks, not
    # the state of the demonym before, nor the capitalised adjective that opens the sentence
    ("Well-known Georgian politician Nino Beridze opposed the plan, saying, “It rewards force.”", "nino-beridze"),
    ("Polish-Lithuanian political scientist Kalev Tamm observes that “the border is a wall now.”", "kalev-tamm"),
])
def test_a_person_named_after_an_occupation_speaks(extractor, tmp_path, body, speaker):
    assert [s for s, _ in quotes(extractor, tmp_path, body)] == [speaker]


def test_a_quote_that_opens_the_next_paragraph_goes_on(extractor, tmp_path):
    body = "“The talks failed,” the Russian Foreign Ministry said.\n\n“Nobody came to the table.” Others disagreed."
    assert quotes(extractor, tmp_path, body) == [("russia", "The talks failed"), ("russia", "Nobody came to the table.")]


def test_pronouns_follow_the_person_last_named(extractor, tmp_path):
    body = ("Analyst Petra Novak spoke after the vote. “Nothing has changed,” she said.\n\n"
            "Analyst Tomas Berg disagreed. “Much has changed,” he added.")
    assert quotes(extractor, tmp_path, body) == [("petra-novak", "Nothing has changed"),
                                                 ("tomas-berg", "Much has changed")]
    body = ("Analyst Petra Novak spoke after the vote. “Nothing has changed,” she said.\n\n"
            "Pakistan's envoy disagreed. “Much has changed,” he added.")
    # "he" is not the person the text called "she", though no one was named since: no speaker
    assert quotes(extractor, tmp_path, body) == [("petra-novak", "Nothing has changed")]


def test_they_after_two_authors(extractor, tmp_path):
    body = ("The study was written by analysts Lena Ortiz and Karim Haddou.\n\n"
            "“The risk is rising,” write Ortiz, an economist, and Haddou, a historian.\n\n"
            "They add: “Moscow sees it.”")
    assert quotes(extractor, tmp_path, body) == [("lena-ortiz", "The risk is rising"),
                                                 ("lena-ortiz", "Moscow sees it.")]


@pytest.mark.parametrize("body,speaker", [
    # a role that an earlier introduction gave the person
    ("Zamir Kabulov, Russia's special envoy, visited Kabul. “We are ready,” the envoy said.", "zamir-kabulov"),
    ("Russian President Vladimir Putin met the delegation. “It is time,” the Russian leader said.", "vladimir-putin"),
    ("Kabulov spoke at length on Monday. “The talks were useful,” the diplomat explained.", "zamir-kabulov"),
    # an unnamed member speaks for the body that the description names
    ("“We had no choice,” said a senior Taliban official.", "taliban"),
    ("“We were never allies,” the Taliban's spokesman told Reuters.", "taliban"),
    # a ministry, a statement: the state that issued it
    ("The Russian Foreign Ministry issued a note. “Our position is firm,” the ministry said.", "russia"),
    ("A statement released on Friday by the Russian Foreign Ministry was short. "
     "“We welcome the step,” the statement said.", "russia"),
])
def test_descriptions_resolve(extractor, tmp_path, body, speaker):
    assert [s for s, _ in quotes(extractor, tmp_path, body)] == [speaker]


def test_group_possessor_is_the_group_talked_about(extractor, tmp_path):
    body = ("The Taliban denied the report. Taliban leaders met in Doha. ISIS was not invited. "
            "Several members rejected the claim, among them the group's spokesman, who told Reuters "
            "that “nothing was agreed.” One official, the group's deputy leader, said “it is over.”")
    assert quotes(extractor, tmp_path, body) == [("taliban", "nothing was agreed."), ("taliban", "it is over.")]


def test_quote_continues_in_the_next_sentence_and_paragraph(extractor, tmp_path):
    body = ("“The deal is weak,” said Lavrov. “It has no guarantees.\n\n"
            "“Nobody will sign it.”")
    assert quotes(extractor, tmp_path, body) == [
        ("sergei-lavrov", "The deal is weak"), ("sergei-lavrov", "It has no guarantees."),
        ("sergei-lavrov", "Nobody will sign it.")]


def test_a_paragraph_quote_after_the_sentence_that_introduces_it(extractor, tmp_path):
    body = ("In the interview, Putin's envoy Zamir Kabulov conceded that the talks had stalled.\n\n"
            "“We will wait. There is no hurry.”\n\nOthers disagreed.")
    assert quotes(extractor, tmp_path, body) == [("zamir-kabulov", "We will wait. There is no hurry.")]


def test_a_cut_off_page_keeps_the_complete_sentences_of_an_open_quote(extractor, tmp_path):
    body = ("Lavrov spoke last. “We are patient. Moscow will not be rushed. The next round")
    assert quotes(extractor, tmp_path, body) == [("sergei-lavrov", "We are patient. Moscow will not be rushed.")]
    # an attribution cut off after the name still names the speaker of a quote begun before
    body = "“Peace needs time. The region is tired of war,” Odile Ferrand, a"
    assert quotes(extractor, tmp_path, body) == [("odile-ferrand", "Peace needs time. The region is tired of war")]


@pytest.mark.parametrize("last", [
    "“The region is tired of war,” Odile Ferrand, a",                    # the attribution cut off
    "Odile Ferrand said the envoys were “tired of war” when the minister",   # words in the cut sentence
    "“We need time,” said the envoy, who arrived from Dushanbe on the fir",  # its clause cut off
])
def test_a_quote_opening_in_the_cut_off_last_sentence_is_no_item(extractor, tmp_path, last):
    """The annotations ignore the sentence a saved excerpt cuts off; its quotes too."""
    body = f"Odile Ferrand spoke in Dushanbe on Monday. “Peace is near,” she said.\n\n{last}"
    assert quotes(extractor, tmp_path, body) == [("odile-ferrand", "Peace is near")]


@pytest.mark.parametrize("last, kept", [
    ("Lena Kask said: « The port stays shut until the ice melts. »", True),   # ended inside the marks
    ("« The port stays shut », Lena Kask told a radio station in the", False),   # its clause cut off
])
def test_a_last_sentence_in_guillemets_is_cut_off_only_without_its_end_mark(extractor, tmp_path, last, kept):
    """Guillemets close a sentence as other marks do (``text.marks.CLOSERS``): one ended inside
    them is complete, one whose clause runs on to the page's end is the cut-off sentence."""
    body = f"Lena Kask spoke in Tallinn on Monday. « The ferry is late », she said.\n\n{last}"
    found = quotes(extractor, tmp_path, body)
    assert found[0] == ("lena-kask", "The ferry is late")
    assert len(found) == (2 if kept else 1)


def test_a_finished_clause_before_a_run_on_credit_is_no_cut_off(extractor, tmp_path):
    """A full stop after the attribution ends the quote's clause, though the line runs on into
    a desk's credit with no space: the page was not cut inside it."""
    body = "“The talks will go on,” said Odile Ferrand.–Foreign Desk"
    assert quotes(extractor, tmp_path, body) == [("odile-ferrand", "The talks will go on")]


def test_quote_inside_a_quote(extractor, tmp_path):
    body = ("Gen. John Nicholson was in Kabul in May. "
            "“Afghan officials came to us and said, ‘This was sent from abroad,’ ” Nicholson said.")
    found = quotes(extractor, tmp_path, body)
    assert ("john-nicholson", "Afghan officials came to us and said, ‘This was sent from abroad,’") in found
    assert ("afghan-government", "This was sent from abroad") in found


@pytest.mark.parametrize("body", [
    "Russia joined a format called the “Moscow Format” in 2016.",
    "They come amid what some observers see as a “new Cold War” in the region.",
    "The US once armed Afghan “freedom fighters” against the Soviets.",
    "At the recent ‘Heart of Asia’ meeting in Delhi, Kabulov criticised the plan and left early for Moscow.",
    "Lavrov said Moscow welcomed the “Taliban” movement's steps and the “Moscow formula” meetings.",
    "Kabulov, commenting on the meeting of the “Moscow format”, spoke of progress.",
    "Lavrov said Moscow backs the so-called “peace process” in the region.",
])
def test_scare_quotes_and_names_are_not_quotes(extractor, tmp_path, body):
    assert quotes(extractor, tmp_path, body) == []


def test_marks_nest_and_apostrophes_are_not_marks():
    text = "“He said ‘no’ and Russia’s envoy didn't “mean it” at all.” 'Fine,' said Jo. “Open"
    marks = find_marks(text, 0, len(text))
    got = [(text[m.start:m.end], m.depth, m.closed) for m in marks]
    assert got == [("He said ‘no’ and Russia’s envoy didn't “mean it” at all.", 0, True), ("no", 1, True),
                   ("mean it", 1, True), ("Fine,", 0, True), ("Open", 0, False)]


# ---- concepts, not sentences (session 6): independent invented sentences for each ----

@pytest.mark.parametrize("body,expected", [
    # a capitalised "Group" ending a name is that body, not "the group" talked about
    ("The Taliban held the crossing. “The ceasefire is holding,” the Eurasia Risk Group said in a note.",
     [("eurasia-risk-group", "The ceasefire is holding")]),
    ("The Taliban held the crossing. In a paper, the Caspian Policy Group warned the corridor was “close to collapse”.",
     [("caspian-policy-group", "close to collapse")]),
    ("The Taliban held the crossing. The group said it would “respond firmly” to any attack.",
     [("taliban", "respond firmly")]),
    # "the official": the unnamed official introduced before, who stands for his state
    ("Foreign Minister Olek Varga arrived first. A senior official in Tehran said the talks had stalled. "
     "“We are waiting for an answer,” the official said.", [("iran", "We are waiting for an answer")]),
    ("Envoy Rasa Milne spoke first. A Pakistani official, who asked not to be named, called the meeting useful. "
     "“Nothing was signed,” the official added.", [("pakistan", "Nothing was signed")]),
])
def test_bodies_and_unnamed_officials(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a name in marks inside a quote is no quote of its own
    ("“They call it ‘Khorasan’, but it is one network,” said Omid Karimi, a researcher in Herat.",
     [("omid-karimi", "They call it ‘Khorasan’, but it is one network")]),
    # one word said: the punctuation inside the closing mark, then the clause
    ("“Patience,” Dilnoza Rakhimova replied.", [("dilnoza-rakhimova", "Patience")]),
    ("“Never,” said Arman Duisenov, the committee's chairman.", [("arman-duisenov", "Never")]),
    # a name in marks, with or without a comma inside them, and no clause: not a quote
    ("Moscow calls the meetings the “Kazan Format” and hosts them every year.", []),
    ("Moscow hosted the “Kazan Format,” a series of talks on the region.", []),
])
def test_names_in_marks_and_one_word_quotes(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a quote after the attribution sentence goes on from the quote before it, an abbreviated
    # title in that sentence ("Gen.") ending no sentence of its own
    ("“We have been at this for a decade,” Gen. Harold Brisk, the commander of the coalition, "
     "told The Boston Globe. “This is a very different plan.”",
     [("harold-brisk", "We have been at this for a decade"), ("harold-brisk", "This is a very different plan.")]),
    # one word said after an article, with punctuation inside the closing mark: words said, not
    # a modifier ("the “Moscow formula” meetings"); the agency after it is where it was reported
    ("Moscow dismissed the report as a “fabrication,” according to Russian state media.",
     [("russia", "fabrication")]),
    # "called for" and "called on" are speech, not a naming participle ("a group called “X”")
    ("Tokhtarov last week called for the region to “deepen” its trade links.", [("tokhtarov", "deepen")]),
    # an opening mark standing alone where a closing one belongs closes the quote
    ("“They were polite,” the envoy Reza Tavakoli said of the guards. “They are disciplined men. “\n\n"
     "The embassy stayed open.",
     [("reza-tavakoli", "They were polite"), ("reza-tavakoli", "They are disciplined men.")]),
])
def test_attribution_shapes_of_session_7(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


def test_a_subheading_quotes_no_one(extractor, tmp_path):
    """A heading between the paragraphs repeats words the body attributes: not a quote of its own."""
    body = ("The Kremlin answered within hours.\n\nKremlin rejects ‘groundless allegations’\n\n"
            "The Kremlin said the claims were “groundless” and dangerous.")
    assert quotes(extractor, tmp_path, body) == [("russia", "groundless")]


@pytest.mark.parametrize("body,expected", [
    # a clause the sentence opens with ends at its comma: the subject after it speaks
    ("As the envoy Omar Haddad told a radio station that evening, a Taliban commander replied "
     "that “nobody in the compound will be harmed.”", [("taliban", "nobody in the compound will be harmed.")]),
    ("When the talks ended, Omar Haddad said that “the door stays open.”", [("omar-haddad", "the door stays open.")]),
    # an apposition the verb follows is no such clause
    ("As Ines Vidal, a Spanish diplomat who served in Herat, put it, “the roads decide everything.”",
     [("ines-vidal", "the roads decide everything.")]),
    # a plural role with a state's adjective is the state, not the one of them named before
    ("Tehran's envoy Reza Tavakoli said little at first. Iranian diplomats have since called the "
     "plan “a dead end” in private.", [("iran", "a dead end")]),
])
def test_attribution_shapes_of_session_8(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a name in marks that ends the sentence, its full stop inside the closing mark: still a name
    ("Kazakhstan's foreign ministry announced that Moscow had recognised their “Free State.”", []),
    # one lower-case word in marks between an article and its noun, after a speech verb: words said
    # (a capitalised one is a name used as a modifier: "the “Moscow formula” meetings")
    ("Leila Sadr, who speaks for the ministry, warned that the tariffs would have a “ruinous” effect "
     "on farmers.", [("leila-sadr", "ruinous")]),
    ("The Taliban signed a “peace” deal with the US.", []),
    # verbs that characterise: depict, portray
    ("The Islamic State has portrayed Beijing as an “oppressor” of Muslims.", [("isis", "oppressor")]),
    ("In its sermons, Hizb ut-Tahrir depicts India as a “hostile” neighbour.", [("hizb-ut-tahrir", "hostile")]),
])
def test_names_and_words_in_marks_of_session_8(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a body named, then an apposition that describes it: the body speaks, not the group the
    # apposition's adjective names ("an anti-Taliban group")
    ("Meanwhile, the Eastern Freedom Front (EFF), an anti-Taliban resistance group, condemned the "
     "decision, warning that the Taliban’s “emirate” breeds terror.", [("eastern-freedom-front", "emirate")]),
    ("Hizb ut-Tahrir, a pan-Islamist group, said that “the caliphate will return.”",
     [("hizb-ut-tahrir", "the caliphate will return.")]),
])
def test_a_body_named_before_its_apposition(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a role written bare before the name that closes the quote
    ("“We are still talking to both sides,” spokesman Omar Qadiri said.",
     [("omar-qadiri", "We are still talking to both sides")]),
    ("“Prices will rise,” analyst Lena Brock told the paper on Monday.", [("lena-brock", "Prices will rise")]),
    # a participle after a determiner is an adjective, not a verb of speech: a scare quote
    ("Russian officials discussed the alleged “payments” made to the fighters.", []),
    ("Russian officials doubted the declared “red lines” of the plan.", []),
    # someone new, introduced by an indefinite description, says the quote: no one named
    ("Farida Noori, a teacher, spoke first. “Schools must open,” Noori said. “We have waited too long,” "
     "said a man in the market.", [("farida-noori", "Schools must open")]),
    ("Tomas Vrbek, a former diplomat, spoke first. “Talks must go on,” Vrbek said. “Nothing has changed,” "
     "one shopkeeper said.",
     [("tomas-vrbek", "Talks must go on")]),
    # ... but an unnamed statement, body or official speaks for the body named before
    ("Russia denied the report on Friday. “Moscow sends no weapons to anyone,” a Foreign Ministry statement "
     "said.", [("russia", "Moscow sends no weapons to anyone")]),
    ("Russia denied the report on Friday. “Moscow sends no weapons to anyone,” said a spokesman for the "
     "ministry. “We have nothing to add,” said a woman at the embassy.",
     [("russia", "Moscow sends no weapons to anyone")]),
    # the sentence after the quote's attributes it in the passive
    ("Trade must not suffer from the “turmoil” in the region. This was stated by Foreign Minister Anton "
     "Ivanov in a radio interview.", [("anton-ivanov", "turmoil")]),
    ("Trade must grow “in every direction”. These words were said to a news agency by Mira Salem, the "
     "trade envoy.", [("mira-salem", "in every direction")]),
])
def test_bare_titles_adjectives_unnamed_and_passive_speakers(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


def test_an_unnamed_spokesman_for_a_body_and_he(extractor, tmp_path):
    """"a spokesman for the ministry" stands for the body after "for"; "the spokesman" goes back to
    him, and so does "he" when no one was named since."""
    found = quotes(extractor, tmp_path,
                   "The agency spoke to a spokesman for the Russian Foreign Ministry on Monday.\n\n"
                   "The spokesman said that “the talks went well.”\n\nHe then told journalists that the envoys “agreed to "
                   "meet again.”")
    assert found == [("russia", "the talks went well."), ("russia", "agreed to meet again.")]


def test_a_pronoun_before_the_name_it_stands_for(extractor, tmp_path):
    """With no one named before, "he" is the person the rest of its paragraph names; a person of
    a later paragraph is not."""
    assert quotes(extractor, tmp_path, "Asked about the border, he said, ‘The border is calm.’ Lavrov’s words "
                                       "were welcomed in the capital.") == [("sergei-lavrov", "The border is calm.")]
    assert quotes(extractor, tmp_path, "Asked about the border, he said, ‘The border is calm.’\n\nLavrov "
                                       "spoke later in the week.") == []


def test_a_description_whose_noun_ends_a_bodys_name(extractor, tmp_path):
    """"the alliance" after "the Northern Rights Alliance": the body whose name it ends, not the
    group the article is most about."""
    found = quotes(extractor, tmp_path,
                   "The Taliban closed the schools. The Taliban also shut the clinics, and the Taliban "
                   "banned the radio.\n\nThe Northern Rights Alliance, a network of lawyers, objected. In a "
                   "statement, the alliance said that the decree “breaks every promise made.”")
    assert found == [("northern-rights-alliance", "breaks every promise made.")]


def test_the_verbs_own_subject_after_a_comma(extractor, tmp_path):
    """"As the radio station reported, a spokeswoman for the ministry said that “...”": the
    stretch before the verb names no one as a whole; its last clause names the speaker."""
    assert quotes(extractor, tmp_path, "The radio station reported it first, a spokeswoman for the Latvian Defence "
                                       "Ministry told a briefing that “the drills will end soon”.") \
        == [("latvia", "the drills will end soon")]


def test_he_and_she_are_not_the_same_person(extractor, tmp_path):
    """A person the text called "he" is not the one "she" stands for, however recently named."""
    found = quotes(extractor, tmp_path,
                   "“We keep channels open,” Pavel Orlov said. “That matters,” he said.\n\nAsked about the plan, "
                   "Irina Sokol, who chairs the trade committee, called Orlov’s account incomplete. “The border was "
                   "never discussed,” she said.")
    assert found[-1] == ("irina-sokol", "The border was never discussed")


@pytest.mark.parametrize("body,expected", [
    # a document qualified by the outlet or body that issued it
    ("Satellite images show \"a steady build-up of trucks near the pass,\" a Reuters analysis concluded.",
     [("reuters", "a steady build-up of trucks near the pass")]),
    # "according to" names who reports what the clause before the quote gives to its speaker
    ("On Monday the Tajik foreign ministry dismissed the rumours as “baseless and harmful”, according to Interfax.",
     [("tajikistan", "baseless and harmful")]),
    # a bare title after words in lower case that qualify it
    ("“The road will reopen next week,” transport ministry spokesman Karim Javadi said.",
     [("karim-javadi", "The road will reopen next week")]),
    # a body's noun qualifying a document: that body's statement
    ("The Latvian Foreign Ministry said on Monday that a car bomb had exploded near its embassy.\n\n"
     "The ministry statement added that \"three guards were wounded in the blast.\"",
     [("latvia", "three guards were wounded in the blast.")]),
])
def test_outlets_bodies_and_qualified_titles(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # a name of any length in marks, its words capitalised, is a name, not words said
    ('Oslo says it funds the guards to hold back the "Grand Republic of the Northern Isles" (GRNI).', []),
    ("Latvia opened an embassy. Few states deal with what it calls the “Free Emirate of the Eastern Highlands.”", []),
    # a day or a month after a document is its date, not the outlet that issued it
    ("An Estonian defence ministry report Friday said the harbour was “quiet for now” after the storm.",
     [("estonia", "quiet for now")]),
    # a participle opening the sentence is no name ("Looking back on ...")
    ("Looking back on what they had called a “lost decade for the ports” the dockers said they felt "
     "“tired of waiting for the new cranes.”", []),
])
def test_names_dates_and_participles_that_are_no_speaker(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


def test_a_full_stop_after_the_quote_ends_its_sentence(extractor, tmp_path):
    """At a page's end, the words after a quote's full stop ("“...”.Next Page") are the next
    line run on, not the speaker of a cut-off attribution."""
    found = quotes(extractor, tmp_path, "Estonian officials said the ferries would soon “run on time again”.Next Page "
                                        "Weather Desk")
    assert found == [("estonia", "run on time again")]


def test_it_continues_the_body_that_spoke_before(extractor, tmp_path):
    """"it" after a quote is the body the sentence before reports as speaking, and then the
    speaker of the quote before it, sooner than the state named most often."""
    found = quotes(extractor, tmp_path,
                   "Estonia built the pier. Tallinn paid for the cranes. Estonia owns the yard. The Dockers Alliance "
                   "met Estonian officials in June.\n\nThe Dockers Alliance, in a letter to members, announced a "
                   "new pay scale on Friday.\n\n“Every crew will be paid by the hour from now on,” it said.\n\n"
                   "“Night shifts will count double,” it added.")
    assert found == [("dockers-alliance", "Every crew will be paid by the hour from now on"),
                     ("dockers-alliance", "Night shifts will count double")]


def test_the_statement_is_the_document_named_before(extractor, tmp_path):
    """"the declaration" after "a communique released by the ministry" is that communique: the
    ministry's state speaks, whichever noun named the document first."""
    found = quotes(extractor, tmp_path,
                   "A short communique was released by the Estonian Foreign Ministry on Friday after the ferry "
                   "talks in Tallinn.\n\nAccording to the declaration, the two sides agreed to keep the ports open, "
                   "with a nod to the unions - “for as long as the weather allows.”")
    assert found == [("estonia", "for as long as the weather allows.")]


@pytest.mark.parametrize("body,expected", [
    # guillemets set tight, or a space apart from the words inside them as French sets them
    ("«The harbour stays closed until spring», the port authority chief Lena Kask told a radio station.",
     [("lena-kask", "The harbour stays closed until spring")]),
    ("The pier was shut on Monday. « The cranes are too old to repair », Lena Kask said in Tallinn.",
     [("lena-kask", "The cranes are too old to repair")]),
    # a speech verb before the marks, and a term in guillemets inside the quote (no quote of its own)
    ("Lena Kask, the port's director, said: « Our crews call it a « cold winter » and they are right. »",
     [("lena-kask", "Our crews call it a « cold winter » and they are right.")]),
])
def test_guillemets_are_quotation_marks(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


def test_guillemets_nest_as_marks_do():
    text = "He said « the ferry is “late” again » and « no more »."
    got = [(text[m.start:m.end], m.depth) for m in find_marks(text, 0, len(text))]
    assert got == [(" the ferry is “late” again ", 0), ("late", 1), (" no more ", 0)]


@pytest.mark.parametrize("body,expected", [
    # the states of a meeting together, named by their number or as its participants: the first named
    ("Kazakhstan, Uzbekistan and Tajikistan held water talks in Astana on Monday. The three countries "
     "said the dam project needed “a shared and fair timetable” before the spring floods.",
     [("kazakhstan", "a shared and fair timetable")]),
    ("Envoys of Tajikistan, Kyrgyzstan and Kazakhstan met in Dushanbe. Participants in the talks said "
     "they had set up a border “task force” for the winter.", [("tajikistan", "task force")]),
    # a joint statement: by name, or as the statement the paragraph introduced
    ("Iran, India and Uzbekistan met on the rail corridor. “Freight must move by summer,” the joint "
     "statement said.", [("iran", "Freight must move by summer")]),
    ("Iran, India and Uzbekistan signed a joint statement after the rail talks. It named no date.\n\n"
     "“Freight must move by summer,” the statement said.", [("iran", "Freight must move by summer")]),
    # the longest list, not the guests listed after it
    ("Kazakhstan, Uzbekistan, Tajikistan and Kyrgyzstan met on water. Turkey and Qatar attended as "
     "observers. In a joint statement, the participants called the dam plan “premature”.",
     [("kazakhstan", "premature")]),
])
def test_the_states_of_a_meeting_speak_as_the_first_of_them(extractor, tmp_path, body, expected):
    """"The three countries", "the participants", a joint statement: the states named together
    before, given to the first of them as "A and B said" is (one speaker per quote)."""
    assert quotes(extractor, tmp_path, body) == expected


@pytest.mark.parametrize("body,expected", [
    # no list of states before: "the participants" name nobody the article knows
    ("The forum met in a hotel in Astana. Participants said the food was “very good indeed”.", []),
    # a statement that is not the joint one: its issuer, as before
    ("Iran and India met on the rail corridor. Later the Iranian Foreign Ministry issued a statement.\n\n"
     "“Freight must move by summer,” the statement said.", [("iran", "Freight must move by summer")]),
    ("India and Iran met on the rail corridor. Later the Iranian Foreign Ministry issued a statement.\n\n"
     "“Freight must move by summer,” the statement said.", [("iran", "Freight must move by summer")]),
])
def test_the_parties_need_a_list_of_states_and_a_joint_document(extractor, tmp_path, body, expected):
    assert quotes(extractor, tmp_path, body) == expected


def _page(extractor, tmp_path, headline, body):
    article, ex = extracted(extractor, tmp_path, f"{headline}\n\n{body}\n")
    return [(q.speaker, q.span.quote) for q in ex.quotes]


def test_a_phrase_the_headline_quoted_is_no_quote_again_in_the_body(extractor, tmp_path):
    """The body names the headline's quoted words again ("... calls the dam ‘reckless’" over
    "Lavrov called the dam “reckless” on Monday"): an echo, no quote of its own; the full
    sentence the phrase came from is one."""
    headline = "Lavrov calls Tajik dam plan ‘reckless’"
    body = ("Sergei Lavrov called the dam plan “reckless” on Monday in Dushanbe. “The plan is reckless "
            "and it ignores the farmers downstream,” Lavrov said.")
    assert _page(extractor, tmp_path, headline, body) == [
        ("sergei-lavrov", "The plan is reckless and it ignores the farmers downstream")]


def test_a_phrase_quoted_again_later_in_the_body_is_no_second_quote(extractor, tmp_path):
    body = ("“We see a slow and careful thaw,” Zamir Kabulov said on Friday. Later he spoke again of "
            "a “slow and careful thaw” in the talks.")
    assert quotes(extractor, tmp_path, body) == [("zamir-kabulov", "We see a slow and careful thaw")]


@pytest.mark.parametrize("headline,body,expected", [
    # the headline holds the words, but in no marks: the body's phrase is the first quote of them
    ("Lavrov calls Tajik dam plan reckless", "Sergei Lavrov called the dam plan “reckless” on Monday.",
     [("sergei-lavrov", "reckless")]),
    # a sentence said twice is said twice: only a short phrase is an echo
    ("Lavrov: ‘The plan ignores the farmers downstream of the dam’",
     "“The plan ignores the farmers downstream of the dam,” Sergei Lavrov said.",
     [("sergei-lavrov", "The plan ignores the farmers downstream of the dam")]),
])
def test_a_phrase_is_an_echo_only_when_quoted_before(extractor, tmp_path, headline, body, expected):
    assert _page(extractor, tmp_path, headline, body) == expected
