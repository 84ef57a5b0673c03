"""One person spelled several ways across sources is one actor (``analysis.actors``); invented
names and briefs."""
from pathlib import Path

import pytest

from generator.analysis.actors import same_actors
from generator.briefs.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "briefs" / "taxonomy.yaml")


def _briefs(*sources):
    """{source id: brief} of sources each naming these (id, name[, status]) people."""
    return {f"s{n}": {"actors": [{"actor": p[0], "name": p[1], "kind": "person", "status": p[2] if len(p) > 2 else "auto"}
                                 for p in people]}
            for n, people in enumerate(sources)}


def test_spellings_of_one_person_join_on_the_spelling_most_sources_use(taxonomy):
    briefs = _briefs([("borys-petroff", "Borys Petroff")], [("boris-petrov", "Boris Petrov")],
                     [("boris-petrov", "Boris Petrov"), ("ivan-sokolov", "Ivan Sokolov")])
    assert same_actors(taxonomy, briefs) == {"borys-petroff": "boris-petrov"}


def test_a_known_persons_spelling_joins_the_known_person(taxonomy):
    briefs = _briefs([("zemir-kabolov", "Zemir Kabolov")], [("zemir-kabolov", "Zemir Kabolov")])
    assert same_actors(taxonomy, briefs) == {"zemir-kabolov": "zamir-kabulov"}


def test_people_who_share_a_surname_or_part_of_a_name_stay_apart(taxonomy):
    briefs = _briefs([("ashraf-nazari", "Ashraf Nazari")], [("abdul-nazari", "Abdul Nazari")],
                     [("nazari", "Nazari")], [("mahmud-karimi", "Mahmud Karimi")],
                     [("muhammad-karimi", "Muhammad Karimi")], [("khawaja-rahimi", "Khawaja Rahimi")],
                     [("khawaja-muhammad-rahimi", "Khawaja Muhammad Rahimi")])
    assert same_actors(taxonomy, briefs) == {}


def test_an_analysts_id_is_the_page_and_two_analysts_ids_stay_apart(taxonomy):
    briefs = _briefs([("andrey-volkov", "Andrey Volkov", "confirmed")], [("andrei-volkov", "Andrei Volkov")],
                     [("andrei-volkov", "Andrei Volkov")])
    assert same_actors(taxonomy, briefs) == {"andrei-volkov": "andrey-volkov"}
    briefs["s1"]["actors"][0]["status"] = "manual"
    assert same_actors(taxonomy, briefs) == {}


def test_only_people_and_no_rejected_entry_join(taxonomy):
    briefs = _briefs([("andrey-volkov", "Andrey Volkov", "rejected")], [("andrei-volkov", "Andrei Volkov")])
    assert same_actors(taxonomy, briefs) == {}
    briefs = {"a": {"actors": [{"actor": "volkov-group", "name": "Volkov Group", "kind": "organisation"}]},
              "b": {"actors": [{"actor": "volkow-group", "name": "Volkow Group", "kind": "organisation"}]}}
    assert same_actors(taxonomy, briefs) == {}
