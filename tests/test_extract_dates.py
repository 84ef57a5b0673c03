"""Dated events and figures on invented sentences: calendar dates, periods, ranges, names, the
page's own date; numbers and what they count, and the days, dates and counters that are none."""
import pytest

from generator.briefs.model import Sentence
from generator.extract.dates import find_dates, find_events, find_figures


@pytest.mark.parametrize("text,page,dates", [
    # a month without a year takes the page's year, or the year before when it is later in the year
    ("Russia began its air campaign in September, officials said.", "2015-12-23", ["2015-09"]),
    ("The envoy arrived on July 3 with a letter.", "2025-07-25", ["2025-07-03"]),
    ("The group split in November over money.", "2016-03-02", ["2015-11"]),
    # wherever the month stands: opening the sentence as well as closing it
    ("In September, Russia began its air campaign.", "2015-12-23", ["2015-09"]),
    ("On July 3, the envoy arrived with a letter.", "2025-07-25", ["2025-07-03"]),
    ("Early November, the group split over money.", "2016-03-02", ["2015-11"]),
    ("By September, the campaign had begun.", "2015-12-23", []),
    # "last September" is the last September before the page's month ("in the last September"
    # too); "this" and "next" may name one to come; a month in the possessive names a thing by its
    # month ("July's election", "May's vote"), past or to come: no date
    ("Last September, the campaign began.", "2015-12-23", ["2015-09"]),
    ("Last September, the campaign began.", "2015-09-23", ["2014-09"]),
    ("The two men met in the last September in a border town.", "2016-01-02", ["2015-09"]),
    ("A bomb went off outside the consulate last March.", "2023-02-01", ["2022-03"]),
    ("The envoys have talked since last March.", "2023-02-01", []),
    ("The last March of the war was the coldest.", "2023-02-01", []),
    ("This September the campaign begins.", "2015-06-23", []),
    ("The mayor was his main rival in July’s municipal vote.", "2019-02-04", []),
    ("Turnout in May's referendum surprised the council.", "2019-06-01", []),
    # the day before its month, as the date with its year is written too ("3 July 2025")
    ("The envoy arrived on 3 July with a letter.", "2025-07-25", ["2025-07-03"]),
    ("On the 14th of February the pass reopened.", "2021-03-01", ["2021-02-14"]),
    ("The convoy left on 28 November, before the snow.", "2020-01-10", ["2019-11-28"]),
    ("Aid has flowed since 3 July.", "2025-07-25", []),
    ("The envoy arrived on 3 July 2024 with a letter.", "2025-07-25", ["2024-07-03"]),
    ("The envoy arrived on 35 July.", "2025-07-25", []),
    # one date for each month and day the sentence names
    ("On May 2, rebels took the town, and on May 4, they lost it.", "2019-06-01", ["2019-05-02", "2019-05-04"]),
    ("The border closed in January and reopened in April.", "2019-06-01", ["2019-01", "2019-04"]),
    # the future tense dates only the page's own day ("today"); another day may be next year's
    ("The envoys will hold talks in Tashkent today (April 12).", "2022-04-12", ["2022-04-12"]),
    ("The envoys will hold talks in Tashkent on April 20.", "2022-04-12", []),
    ("In April, the envoys held talks and will meet again soon.", "2022-04-12", []),
    # "would" reports a plan: a day or month after it in its clause is what was planned ("would
    # host the talks on May 9"), not what happened; a date before it is the report's own
    ("The ministry said on Sunday it would host the talks on May 9 in the capital.", "2019-05-06", []),
    ("The envoy said that Moscow would send grain to the valley in February.", "2019-05-06", []),
    ("Delegates discussed a summit to be held in June.", "2019-05-06", []),
    ("The ministry said in March that it would host the talks.", "2019-05-06", ["2019-03"]),
    ("The ministry said it would host the talks; on May 2 it sent invitations.", "2019-05-06", ["2019-05-02"]),
    ("The ministry said it would host the talks, and on May 2 it sent invitations.", "2019-05-06", ["2019-05-02"]),
    ("The ministry said it would host the talks today (May 6).", "2019-05-06", ["2019-05-06"]),
    # without the page's date, a future, a weekday or a relative date: none
    ("Russia began its air campaign in September.", None, []),
    ("The talks will resume in September.", "2015-12-23", []),
    ("The court ruled on Thursday.", "2025-04-17", []),
    ("The report came out last month.", "2025-04-17", []),
    # a month counted back from a relative year ("in August last year", "in May of the previous
    # year") is relative too: not the page's year, and left out as "last year" is
    ("The militia seized the valley in August last year.", "2022-09-05", []),
    ("In March of last year the pass was closed.", "2024-06-01", []),
    ("The envoy resigned on 5 May the previous year.", "2019-11-20", []),
    ("The militia seized the valley in August this year.", "2022-09-05", ["2022-08"]),
    # a day in the weeks after the page's date is one to come, not last year's (nor a day the
    # calendar lacks: "February 29" of 2019)
    ("The two sides were ready to sign the accord on February 29.", "2020-02-21", []),
    ("The council votes on January 5 in the old hall.", "2020-12-20", []),
    ("The council voted on January 5 in the old hall.", "2020-11-20", ["2020-01-05"]),
    ("The council voted on February 29 in the old hall.", "2021-03-10", []),
    # years
    ("Contacts have existed since at least 2007.", None, []),
    ("Having courted the militia since their 2019 split, Moscow waited.", None, []),
    ("The court lifted a ban in place since 2003.", None, ["2003"]),
    # a ban, a designation, a listing or sanctions "since" a year was taken that year, named in
    # the clause of "since" or in the clause it opens; a state of affairs since a year is none
    ("The movement, banned as extremist in Kazakhstan since 2005, opened an office.", None, ["2005"]),
    ("Since 1999, the group has been designated a terrorist organisation by the council.", None, ["1999"]),
    ("The firm has been under sanctions since 2014 and trades through proxies.", None, ["2014"]),
    ("The two armies have been fighting since 2011 in the north.", None, []),
    ("Since 2001, the alliance has fought the militia, which the council later banned.", None, []),
    ("The minister cited the Afghan Poppy Survey 2023 in his speech.", None, []),
    ("Talks were held in April 2013, in November 2013 and in December 2016.", None, ["2013-04", "2013-11", "2016-12"]),
    # a range is one event, dated by its start; a year after "after" opens a period
    ("From 2004 to 2011, the port handled most of the grain.", None, ["2004"]),
    ("The port handled the grain from March 2004 until June 2011.", None, ["2004-03"]),
    ("Between 2004 and 2011 the port handled the grain.", None, ["2004"]),
    ("The 2004–2011 grain deal ended quietly.", None, ["2004"]),
    # two years joined by a hyphen, the later second, are a range too; a date in figures is not
    ("The herders fought in the long feud (1962-1971) over the wells.", None, ["1962"]),
    ("During its 2008-2013 term the council built two dams.", None, ["2008"]),
    ("The office closed on 2022-04-04 for good.", None, []),
    ("Prices in 2016-2015 were misprinted in the table.", None, []),
    ("The port handled the grain from 2004.", None, []),
    ("The militia kept its arms after 1998, the report said.", None, []),
    ("Imports collapsed after the 2019 embargo.", None, ["2019"]),
    # a month and year, or a full date, opens a period as a year does
    ("The militia kept its arms after March 1998, the report said.", None, []),
    ("Aid convoys have crossed the river since June 2017.", None, []),
    ("Aid convoys have crossed the river since 4 June 2017.", None, []),
    ("Herders in the Valley After October 2020", None, []),
    ("The sect has been banned since May 2009 and meets in secret.", None, ["2009-05"]),
    ("The pass has stayed open after the March 1998 truce.", None, ["1998-03"]),
    ("The mine opened in 2004, and closed in 2011.", None, ["2004", "2011"]),
    # a date set off by a comma at the sentence's end is a photo caption's or a cited source's
    # dateline, not an event; after a weekday, or with a preposition, it dates what happened
    ("Two herders lead their flock past a checkpoint near Jalalabad, March 3, 2019.", None, []),
    ("A delegate speaks with reporters at the ministry in Tashkent, Uzbekistan, Oct. 14, 2020.", None, []),
    ("Grain prices doubled that winter (The Valley Courier, 4 May 2018).", None, []),
    ("(Northern Review, 12 January 2016).", None, []),
    ("A market in the old city of Herat, 2017.", None, []),
    ("Dana Holt, “Grain and Power,” Policy Brief No. 12, March 2019, Hill Institute.", None, []),
    ("The militia took the pass, Aug. 15, 2021, the ministry said.", None, ["2021-08-15"]),
    ("The militia took the pass on Sunday, Aug. 15, 2021.", None, ["2021-08-15"]),
    ("The fair was held in the valley in 2016, 2017, 2019.", None, ["2016", "2017", "2019"]),
    ("The envoys signed the accord in Tashkent on March 3, 2019.", None, ["2019-03-03"]),
    ("The council met on March 3, 2019, to vote on the levy.", None, ["2019-03-03"]),
    ("The council met, March 3, 2019, to vote on the levy.", None, ["2019-03-03"]),
    ("The talks opened in the capital (November 2018).", None, ["2018-11"]),
    # a year joined to a word by a hyphen qualifies a noun or ends a name; a time of the year dates
    ("The herders recalled the pre-2009 fairs along the river.", None, []),
    ("Planners drew up post-2030 budgets for the valley's dams.", None, []),
    ("The drill, named “Concord-2016”, drew two battalions.", None, []),
    ("The council shut the mine in mid-2019.", None, ["2019"]),
    ("The port reopened in early-2012 after the floods.", None, ["2012"]),
    ("The post-2009 levy was repealed in 2012.", None, ["2012"]),
])
def test_dates(text, page, dates):
    assert [iso for iso, _ in find_dates(text, page)] == dates


def test_a_cut_off_last_sentence_dates_nothing():
    texts = ["The office opened in 2019.", "It moved in 2021 to a new building and"]
    sents, pos = [], 0
    for k, t in enumerate(texts, 1):
        sents.append(Sentence(f"p1-s{k}", 1, pos, pos + len(t), t))
        pos += len(t) + 1
    assert [e.date for e in find_events(sents)] == ["2019"]


@pytest.mark.parametrize("text,figures", [
    # thousands grouped by a space, a thin space or a no-break space
    ("The deal covers 400 000 tons of rice and 75\u2009000 tons of oil.", [("400 000", "tons of rice"), ("75 000", "tons of oil")]),
    ("Some 12\u00a0500 families fled the valley.", [("Some 12 500", "families fled the valley")]),
    ("In 2012 400 families fled the valley.", [("400", "families fled the valley")]),
    # a range written with a dash is one figure; a number joined to a noun counts that noun
    ("Some 3-4 million people live off the crop.", [("Some 3-4 million", "people live off the crop")]),
    ("It ended a 12-year mission.", [("12", "year mission")]),
    # days, ordinals, dates and times are no counts
    ("The fair will run on October 3-6 in the capital.", []),
    ("The blast on April 17 killed 9 guards.", [("9", "guards")]),
    ("On 17 April 9 guards died.", [("9", "guards")]),
    ("BERLIN, Oct. 9th. The minister arrived.", []),
    ("The 3rd brigade left the 5th district.", []),
    ("The talks open at 9:45am local time (11:45pm in Tokyo).", []),
    ("The office closed on 03-11-2020 for good.", []),
    ("The 2010-12 drought cost 40 villages their wells.", [("40", "villages")]),
    # a number alone on its line (a page widget's counter) counts nothing on the next line
    ("Share\n  \u2022 512\nANALYSIS", []),
    ("Nearly 6,200\nsoldiers stayed behind.", [("Nearly 6,200", "soldiers stayed behind")]),
])
def test_figures(text, figures):
    sentence = Sentence("p1-s1", 1, 0, len(text), text)
    assert [(f.value, f.counts) for f in find_figures([sentence])] == figures


# ---- the cheap tests that spare a sentence the patterns (extract/dates.py) -------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from generator.extract import dates as D  # noqa: E402

_WORDS = [*D.MAGNITUDE_WORDS, "of", "Of", "OF", "TENS", "Hundreds", "mİllions", "mıllions", "tenſ",
          "scoreſ", "Sept.", "June", "May", "in", "on", "early", "3", "14th", "2015", "9"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet="aosİıſ Ss,-", max_size=6)), max_size=8),
       st.sampled_from([" ", "  ", "\n", "\u00a0"]))
def test_the_cheap_tests_never_pass_over_a_sentence_the_patterns_match(words, space):
    """``may_count`` and ``_may_name_month`` only spare the patterns where they cannot match,
    whatever the case, including letters that case-insensitive matching folds (İ, ı, ſ)."""
    text = space.join(words)
    if D.DIGIT.search(text) or D.MAGNITUDE_WORD.search(text):
        assert D.may_count(text)
    if D.PARTIAL.search(text) or D.DAY_FIRST.search(text):
        assert D._may_name_month(text)


def test_the_cheap_tests_say_no_to_a_sentence_without_a_figure_or_a_month():
    assert not D.may_count("Moscow wants leverage over Washington in the region.")
    assert not D._may_name_month("Moscow wants leverage over Washington in the region.")
    assert D.may_count("Hundreds  of fighters") and D.may_count("tenſ of thousands")
    assert D._may_name_month("in Sept. last year")


# ---- session 12: a page's stamp left in its text; a weekday dated in figures ----------------

@pytest.mark.parametrize("text,dates", [
    ("Courier     14th June, 2019 07:41:09 print", []),                   # a stamp: the clock after the date
    ("By Jan Novak | Oct. 3, 2017, 9:30 AM ET", []),
    ("Valdora, Tue Oct 3, 2017 09:30 PM", []),
    ("Filed 3 October 2017 at 21:05 GMT", []),
    ("Envoys met on October 3, 2017 at 9:30 a.m. in the capital.", ["2017-10-03"]),   # prose: "on" before it
    ("The border closed in 2017, at 10:00 each night.", ["2017"]),
])
def test_a_date_with_its_clock_time_and_no_preposition_is_a_stamp_not_an_event(text, dates):
    assert [d for d, _ in find_dates(text)] == dates


@pytest.mark.parametrize("text,page,dates", [
    ("The minister said on Tuesday (14/3) that the crossing would reopen.", "2023-03-16", ["2023-03-14"]),
    ("Talks opened on Sunday (31/12) in the capital.", "2024-01-03", ["2023-12-31"]),   # the year before
    ("The minister said on Wednesday (14/3) that it would reopen.", "2023-03-16", []),  # not that day's weekday
    ("The minister will speak on Tuesday (21/3) in the capital.", "2023-03-16", []),    # to come
])
def test_a_weekday_with_its_day_and_month_in_figures_is_dated_by_the_page(text, page, dates):
    assert [d for d, _ in find_dates(text, page)] == dates


def _events(*texts):
    sentences = [Sentence(f"p1-s{k}", 1, 100 * k, 100 * k + len(t), t) for k, t in enumerate(texts)]
    return [e.date for e in find_events([*sentences, Sentence("p2-s1", 2, 9000, 9008, "The end.")], "2023-06-01")]


@pytest.mark.parametrize("line", [
    "Jan Novak | Port Kessel | May 3, 2019 | 06:45 PM IST",     # a stamp among the page's labels
    "May 3, 2019 · 6 min read · 12 comments",
    "Posted by Jan Novak · 3 May 2019 · 2 comments",
    "3 May 2019  |  Views: 1 204",
    "May 3, 2019 - 14:22",
    "Posted on 3 May 2019 by Jan N.",                             # the stamp's label opens it
    "Thursday, 3 May 2019 - 18:05   |   Valdora Daily",
    "Envoys meet in the capital\nPosted by Jan Novak on 3 May 2019 · 4 comments",   # under a headline
    "Published 3 May 2019 | Updated 5 May 2019",
    "Policy Note No. 12/2019 | 3 May 2019",                       # a number's year after a slash
    "Jan Novak 4 minutes ago Thu 3rd May 2019",                    # the page's age between fields
    "3 May 2019 Views: 1 204",                                     # a counter after the date
])
def test_a_stamps_line_of_fields_dates_no_event(line):
    assert _events(line) == []


@pytest.mark.parametrize("line,dates", [
    ("The envoys met in the capital on May 3, 2019.", ["2019-05-03"]),
    ("Talks opened – after a long wait – in May 2019", ["2019-05"]),      # a dash in a clause, no field
    ("From 2009 – 2015 the route carried supplies", ["2009"]),            # a range with a spaced dash
    ("3 May 2019 – The envoys met in the capital.", ["2019-05-03"]),      # a timeline's entry
    ("Envoys who met 3 May 2019 left four days ago in a convoy", ["2019-05-03"]),
    ("Envoys meet in the capital\nThe envoys met on 3 May 2019.", ["2019-05-03"]),
])
def test_a_sentence_or_a_heading_with_a_date_still_dates_it(line, dates):
    assert _events(line) == dates
