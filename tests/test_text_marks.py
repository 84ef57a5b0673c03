"""generator.text.marks: where a sentence ends, as ingest (a line of prose), the classifier (a
sentence the page did not cut off) and the quote finder (the same) all read it."""
import pytest

from generator.extract.features import stops_inside
from generator.text.marks import END_MARK


@pytest.mark.parametrize("sentence, ended", [
    ("The ferry left on time.", True),
    ("Did the ferry leave on time?", True),
    ("She said the ferry “left on time.”", True),
    ("(The ferry left on time.)", True),
    ("She said: « The ferry left on time. »", True),   # a guillemet set a space apart
    ("She said: «The ferry left on time.»", True),
    ("She said: « The ferry left on time. » ", True),
    ("She said the ferry left on time and the", False),   # a page cut off mid-sentence
    ("« The ferry left on time », she", False),
    ("She said: « The ferry left on time »", False),      # no end mark inside or after the marks
    ("Ferry timetable »", False),                         # a breadcrumb's arrow, no sentence
])
def test_a_sentence_ends_at_its_end_mark_and_the_closers_after_it(sentence, ended):
    assert bool(END_MARK.search(sentence)) is ended
    assert stops_inside(sentence) is not ended   # the classifier's and the quote finder's test
