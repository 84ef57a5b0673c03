"""People and bodies on invented sentences, named as news prose introduces them
(``generator/extract/people.py``): titles, appositions, reporting clauses, lists and examples,
names inside longer capitalised runs, bodies named by their last word."""

import pytest

from analysis_util import actors
from generator.briefs.format import slug


@pytest.mark.parametrize("body,person", [
    ("Security analyst Rahim K Sultani spoke first.", "rahim-k-sultani"),          # a middle initial
    ("Olga Petrenko said the talks had failed.", "olga-petrenko"),                 # a reporting verb after
    ("“It is over,” said Dmitri Volkov, who led the talks.", "dmitri-volkov"),     # ... or before
    ("“It is over,” Ilse Brandt, a veteran of three missions, told the paper.", "ilse-brandt"),
    ("The ministry's spokesperson, Anil Mehra, declined to comment.", "anil-mehra"),  # a role before the name
    ("The study, by Nadia Farouk, founder of a Cairo research group, came out.", "nadia-farouk"),
    ("Former lawmaker Selin Aydin voiced worries.", "selin-aydin"),
    ("Pakistan's National Security Adviser (NSA) Tariq Malik objected.", "tariq-malik"),
    ("Political analyst Zia-ur-Rahman Khalid said the move was unwise.", "zia-ur-rahman-khalid"),  # a particle
    # "according to" is no place's preposition: it names a source (session 7)
    ("The plan may fail, according to Lena V. Sorokina, professor of history at a Kazan college.",
     "lena-v-sorokina"),
    # ... also opening the sentence, with no apposition after the name
    ("According to Marek Nowicki from a Warsaw institute, the vote was a gamble.", "marek-nowicki"),
    # an occupation written bare before the name, however many words describe it (session 19)
    ("Veteran Georgian politician Nino Beridze condemned the visit.", "nino-beridze"),
    ("The essay by Estonian-Finnish political scientist Kalev Tamm drew replies.", "kalev-tamm"),
    ("A court jailed former Belarusian spy Anton Gurin in Vilnius.", "anton-gurin"),
])
def test_people_introduced_as_news_does(extractor, tmp_path, body, person):
    assert person in actors(extractor, tmp_path, body)


def test_a_think_tanks_name_is_no_person(extractor, tmp_path):
    """"Mira Salem of the Institute for Peace and Conflict Studies": "and Conflict Studies" after
    a person is no second person; "Studies" ends a body's name."""
    found = actors(extractor, tmp_path, "“Talks help,” said Mira Salem of the Institute for Peace and Conflict "
                                        "Studies in Geneva.")
    assert "mira-salem" in found and not any("studies" in a for a in found)


def test_two_people_behind_a_plural_title(extractor, tmp_path):
    found = actors(extractor, tmp_path, "The paper by analysts Mira Salem and Tomas Reyes was read widely. "
                                        "Reyes later disagreed.")
    assert found["tomas-reyes"].count == 2 and "mira-salem" in found


def test_a_known_surname_inside_a_longer_name(extractor, tmp_path):
    found = actors(extractor, tmp_path, "Chief negotiator Mullah Noor Ghani Wardak arrived. Wardak spoke briefly.")
    assert found["noor-ghani-wardak"].count == 2 and "ashraf-ghani" not in found
    found = actors(extractor, tmp_path, "President Bashar Assad met the envoy.")
    assert "bashar-al-assad" in found and "bashar" not in found and "bashar-assad" not in found


@pytest.mark.parametrize("body", [
    "As noted on Tverskaya Square, the mood was calm.",           # a place
    "Kabul Press Agency, the local outlet, reported it.",         # a body
    "Last December, Russian Foreign Ministry spokeswoman Maria Zakharova spoke.",
    # a region or a state named by its form of government
    "Its governor, leader of Russia’s Tatar Republic, met the envoy, head of the Kazan Oblast, in May.",
])
def test_places_bodies_and_dates_are_not_people(extractor, tmp_path, body):
    found = actors(extractor, tmp_path, body)
    assert not [a for a in found.values() if a.kind == "person" and not a.known]


def test_a_headline_capitalises_every_word(extractor, tmp_path):
    found = actors(extractor, tmp_path, "The envoy spoke.", title="Official Claims Talks Will Resume Soon")
    assert "claims" not in found


@pytest.mark.parametrize("body,person", [
    # ranks, honours and professions before a name are not part of it (session 6: a concept,
    # where one dev sentence's "Lieutenant General, ..., Honoured Lawyer" had been listed)
    ("Brigadier General Tomas Hale said the base was quiet.", "tomas-hale"),
    ("Distinguished Professor Hana Sato said the report was late.", "hana-sato"),
    ("Merited Engineer Pavel Orlov told reporters the line was ready.", "pavel-orlov"),
    # a given name that is also a title elsewhere ("Amir")
    ("Amir Hossein Zand, an Iranian analyst, said the border was calm.", "amir-hossein-zand"),
])
def test_titles_before_a_name(extractor, tmp_path, body, person):
    found = actors(extractor, tmp_path, body)
    assert person in found and not [a for a in found if a.endswith(person) and a != person]


@pytest.mark.parametrize("body,person,not_found", [
    # a generational suffix is not part of the name, so the surname alone still finds the person
    ("Rival commanders, including Colonel Arman Seitov Jr., met in the city. Seitov said little.",
     "arman-seitov", "arman-seitov-jr"),
    # a title inside a capitalised run ends what qualifies the person; the honorific "Haji" is one
    ("The Special Envoy for Regional Dialogue Ambassador Karin Holt met the delegation.", "karin-holt", None),
    ("The Minister of Commerce of Afghanistan Haji Abdul Rauf Noori signed the deal.", "abdul-rauf-noori", None),
    # a given name before a person named before is part of that person's name
    ("Tamim Farouq, the governor, said the road was open. Later, Governor Mohammad Tamim Farouq "
     "toured the pass.", "tamim-farouq", "mohammad"),
])
def test_names_inside_longer_runs(extractor, tmp_path, body, person, not_found):
    found = actors(extractor, tmp_path, body)
    assert person in found and not_found not in found


@pytest.mark.parametrize("body,person,not_found", [
    # a title whose complement names a place ends there: the name is the words after it, whether
    # the place is a state the taxonomy leaves out, a capital or a body it lists
    ("Russia's Ambassador to Afghanistan Pavel Sedov told reporters the embassy was open.", "pavel-sedov", None),
    ("The Iranian envoy to Kabul Reza Tavakoli’s remarks were noticed.", "reza-tavakoli", None),
    ("Pakistan's Ambassador to the United Nations Farah Qureshi spoke first.", "farah-qureshi", None),
    # the place's own capitalised word is no person ("head of Russia-Desk")
    ("The head of Russia-Desk in the ministry was not named.", None, "desk"),
])
def test_a_name_after_a_title_and_its_place(extractor, tmp_path, body, person, not_found):
    found = actors(extractor, tmp_path, body)
    assert (person is None or person in found) and not [a for a in found if not_found and not_found in a]


def test_a_movement_or_front_named_as_a_body(extractor, tmp_path):
    """A capitalised name after "the" that ends in Front, Alliance, Shura, Coalition or Movement
    is that body (an organisation), with the abbreviation given in brackets; a known body
    inside it stays itself."""
    found = actors(extractor, tmp_path, "The Eastern Freedom Front (EFF), a resistance group, condemned "
                                        "the decision. Elders of the Kandahar Shura gathered in the spring. The EFF "
                                        "said it would fight on.")
    assert {"eastern-freedom-front", "kandahar-shura"} <= set(found)
    assert found["eastern-freedom-front"].kind == "organisation" and found["eastern-freedom-front"].count == 3
    found = actors(extractor, tmp_path, "Envoys of the Islamic Movement of Uzbekistan met. Freedom Front "
                                        "leaders were absent. The Taliban Movement stayed away.")
    assert set(found) == {"islamic-movement-of-uzbekistan", "taliban"}


def test_a_name_with_accents_keeps_its_letters(extractor, tmp_path):
    """An id made of a name keeps its letters without their accents ("Pérez" -> "perez")."""
    found = actors(extractor, tmp_path, "José Pérez-Núñez, a Spanish diplomat, said the talks went well.")
    assert "jose-perez-nunez" in found
    assert slug("Łukasz Wróbel") == "lukasz-wrobel" and slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"


@pytest.mark.parametrize("body,person", [
    # a portfolio after the title ends what qualifies the person, whether or not its words could
    # open a name themselves ("of State", "for Foreign Affairs")
    ("The visit was arranged by Secretary of Defense Lena Ostrova in May.", "lena-ostrova"),
    ("Talks with US Secretary of State Tom Halder were cut short by the storm.", "tom-halder"),
    ("A letter from the Minister for Foreign Affairs Ivo Kral reached the court on time.", "ivo-kral"),
])
def test_a_name_after_a_title_and_its_portfolio(extractor, tmp_path, body, person):
    assert person in actors(extractor, tmp_path, body)


def test_people_named_as_examples_and_in_a_list(extractor, tmp_path):
    found = actors(extractor, tmp_path, "The council invited regional strongmen such as Omid Rahel, Nasir Qadri and "
                                        "Bashir Wali Noor to the talks.")
    assert {"omid-rahel", "nasir-qadri", "bashir-wali-noor"} <= set(found)
    found = actors(extractor, tmp_path, "Groups such as Human Rights Watch and Amnesty International objected.")
    assert not [a for a in found if "watch" in a or "amnesty" in a]


def test_a_party_or_an_organisation_named_as_a_body(extractor, tmp_path):
    """A capitalised name that ends in Party, Organization or Association is that body, after
    "the" or before its abbreviation in brackets; a common noun after an article is not."""
    found = actors(extractor, tmp_path, "He said the Green Party would vote against the motion in parliament. "
                                        "Officials met at a recent Regional Water Organization (RWO) summit.")
    assert {"green-party", "regional-water-organization"} <= set(found)
    found = actors(extractor, tmp_path, "Voters in the province backed a Labour party candidate on Sunday.")
    assert not [a for a in found if "party" in a]


def test_a_known_surname_after_other_given_names(extractor, tmp_path):
    """A run ending in a known person's one-word name is that person when another of its words is
    one of that person's names, or a spelling of one; with none of them it is someone else."""
    found = actors(extractor, tmp_path, "The council named Qari Hamid Sabri Assad, a tribal elder, as its new head.")
    assert "hamid-sabri-assad" in found and "bashar-al-assad" not in found
    found = actors(extractor, tmp_path, "Foreign Minister Sergej Lavrov arrived late.")
    assert "sergei-lavrov" in found and not [a for a in found if a.startswith("sergey")]


@pytest.mark.parametrize("body,person", [
    # a capitalised title after a determiner or a possessive, with no name after it, is no person
    ("On Friday, the Belarusian Defense Minister said the drills would end soon.", None),
    ("The Chinese Deputy Foreign Minister later visited the port.", None),
    ("Uzbekistan’s Interior Minister said on Monday that the border was calm.", None),
    # ... the name after the title is one
    ("The Belarusian Defense Minister Oleg Kravets said the drills would end soon.", "oleg-kravets"),
])
def test_a_title_alone_names_no_person(extractor, tmp_path, body, person):
    found = actors(extractor, tmp_path, body)
    assert not any(a.endswith("minister") for a in found) and (person is None or person in found)


@pytest.mark.parametrize("body,person", [
    # "representative" is a title as "envoy" is: before the name, or in the segment an apposition follows
    ("Minsk’s representative to the United Nations (UN), Ivo Kral, asked for more time.", "ivo-kral"),
    ("“Talks matter,” the diplomat said of [EU Special Representative for Afghanistan] Karin Holt.", "karin-holt"),
])
def test_a_representative_is_titled(extractor, tmp_path, body, person):
    assert person in actors(extractor, tmp_path, body)


def test_a_portfolio_before_the_title_is_part_of_the_title(extractor, tmp_path):
    """"Interior Minister Varga": the portfolio's word opens the title, so a surname alone after it
    is the person named (not "Interior Minister Varga"), in an apposition too."""
    found = actors(extractor, tmp_path, "The border plan was drafted in May. Its author, Lithuanian Interior "
                                        "Minister Varga, defended it. Home Affairs Minister Okonjo agreed with him.")
    assert {"varga", "okonjo"} <= set(found)
    assert found["varga"].name == "Varga"
