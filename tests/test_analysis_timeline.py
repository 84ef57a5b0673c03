"""One timeline across sources: the same event reported twice is one entry with two citations."""
from analysis_util import brief

from generator.analysis.timeline import merge_events, precision, same_event


def event(date, quote, start=0):
    return {"date": date, "quote": quote, "start": start, "end": start + len(quote),
            "anchor": "p1-s1", "status": "auto"}


MEETING_A = "Putin met the Taliban leader Akhtar Mansour at a military base in Tajikistan in September 2015."
MEETING_B = "On 20 September 2015 Vladimir Putin and Mullah Mansour met secretly at a base in Tajikistan."
EXERCISE = "In September 2016, Russian and Pakistani special forces held their first joint exercise."


def test_same_event_from_two_sources_is_one_entry_with_the_finer_date():
    sources = {"a": brief("a", events=[event("2015-09", MEETING_A), event("2016-09", EXERCISE, 200)]),
               "b": brief("b", events=[event("2015-09-20", MEETING_B)])}
    entries = merge_events(sources)
    assert [e["date"] for e in entries] == ["2015-09-20", "2016-09"]
    assert [c["source"] for c in entries[0]["citations"]] == ["a", "b"]
    assert entries[0]["precision"] == "day" and entries[1]["precision"] == "month"


def test_different_dates_or_different_content_stay_apart():
    assert not same_event(event("2015-09", MEETING_A), event("2015-10", MEETING_B))
    assert not same_event(event("2016-09", EXERCISE), event("2016", MEETING_A))
    assert same_event(event("2015", MEETING_A), event("2015-09-20", MEETING_B))


def test_order_precision_and_nothing_to_merge():
    sources = {"a": brief("a", events=[event("2016-01", "A group was formed in January 2016."),
                                       event("2016", "Attacks grew in 2016 across the country."),
                                       {**event("2014", "Rejected in 2014."), "status": "rejected"}])}
    entries = merge_events(sources)
    assert [e["date"] for e in entries] == ["2016", "2016-01"]
    assert all(len(e["citations"]) == 1 for e in entries)
    assert merge_events({}) == [] and merge_events({"a": brief("a")}) == []
    assert (precision("2015"), precision("2015-09"), precision("2015-09-20")) == ("year", "month", "day")
