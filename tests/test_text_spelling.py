"""The spelling key of a name (invented names): transliterations of one name agree, other names
do not."""
import pytest

from generator.text.spelling import spelling_key


@pytest.mark.parametrize("one, other", [
    ("Borys Petroff", "Boris Petrov"),          # -ff, y/i
    ("Ivan Sokolow", "Ivan Sokolov"),           # -w
    ("Mohammad Karimi", "Muhammad Karimi"),     # o/u
    ("Mohammed Karimi", "Mohamad Karimi"),      # e/a, doubled letters
    ("Zabihullah Rostami", "Zabiullah Rostami"),   # a silent h between vowels
    ("Haneef Durrani", "Hanif Durani"),         # ee for i
    ("Andrey Volkov", "Andrei Volkov"),
    ("Nasir al-Qadiri", "Nasir Kadiri"),        # a particle, q/k
    ("Stanislav Kuzmine", "Stanislav Kuzmin"),  # a silent final e
    ("Émile Durand", "Emile Durand"),           # accents
])
def test_transliterations_of_one_name_share_a_key(one, other):
    assert spelling_key(one) == spelling_key(other)


@pytest.mark.parametrize("one, other", [
    ("Ashraf Nazari", "Abdul Nazari"),          # two people who share a surname
    ("Mahmud Karimi", "Muhammad Karimi"),       # two first names, not two spellings of one
    ("Ivan Sokolov", "Ivan Sokolova"),
    ("Karim Nazari", "Karam Nazari Sultani"),
])
def test_other_names_do_not(one, other):
    assert spelling_key(one) != spelling_key(other)


def test_the_key_keeps_a_words_count():
    assert len(spelling_key("Khawaja Muhammad Rahimi")) == 3
    assert spelling_key("") == ()
