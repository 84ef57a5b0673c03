"""What a page displays beside the article, on invented pages: a pull quote set between the
paragraphs, a video player's title and running time above the article, a caption dated in
brackets, a date stamp in figures, a wire's dateline under the page's summary or lead, a dateline
with its date after a dash or its agency after the date, a caption's first copy above its credited
repeat."""
import pytest

from analysis_util import sentences as read   # a page as ingest reads it, and its sentences

from generator.ingest.furniture import dated_caption, numeric_iso, pull_quote, running_time


# ---- a pull quote: one quotation, alone between paragraphs, with no end mark inside its close ----

@pytest.mark.parametrize("line", [
    "“The valley will decide its own future, whatever the capital says”",
    "\"Grain is the only currency the border still trusts\"",
    "‘The council’s vote changes nothing for the herders’",
])
def test_a_pull_quote_between_paragraphs_is_furniture(tmp_path, line):
    article, body = read(tmp_path, f"Herders Return To The Valley\n\nThe herders came back in spring. They found the "
                                   f"wells dry.\n\n{line}\n\nThe council met on Monday.\n")
    assert body == ["The herders came back in spring.", "They found the wells dry.", "The council met on Monday."]
    assert line in [article.text[r.start:r.end] for r in article.removed]


@pytest.mark.parametrize("line", [
    "“The valley will decide its own future.”",             # a quotation that ends its sentence
    "“We will stay,” the elder said.",                      # a speaker named
    "“Grain” and “water” were the words of the day",        # two quotations: prose
    "“Grain,” he said, “is all we have left”",
])
def test_a_quoted_paragraph_of_the_article_stays(tmp_path, line):
    _, body = read(tmp_path, f"Herders Return To The Valley\n\nThe herders came back in spring.\n\n{line}\n\n"
                             f"The council met on Monday.\n")
    assert len(body) >= 3 and body[0] == "The herders came back in spring." and body[-1] == "The council met on Monday."
    assert any(s.startswith(line[:12]) for s in body)


def test_a_headline_in_quotation_marks_is_still_the_title(tmp_path):
    article, body = read(tmp_path, "“The valley will decide its own future”\n\nThe herders came back in spring.\n")
    assert article.meta.title == "“The valley will decide its own future”"
    assert body == ["The herders came back in spring."]


def test_pull_quote_shapes():
    assert pull_quote("“Nobody in the valley asked for this road”")
    assert not pull_quote("“Road”")                                  # a word in marks
    assert not pull_quote("“Nobody asked for this road,” she said")
    assert not pull_quote("Nobody in the valley asked for this road")


# ---- a video player: its title, then its running time, above the article ----

@pytest.mark.parametrize("duration", ["02:01 - Source: Ruritania TV", "Video: 3:45", "Duration 1:02:10"])
def test_a_video_title_above_its_running_time_is_no_title(tmp_path, duration):
    text = ("Delegates arrive at the hall in the capital, Monday, May 3, 2021, in Tashkent.\n"
            "'We will not leave the valley': the elder on the new road\n"
            f"{duration}\n\n"
            "The herders came back in spring. They found the wells dry.\n")
    article, body = read(tmp_path, text)
    assert article.meta.title is None and article.meta.subtitle is None
    assert body == ["The herders came back in spring.", "They found the wells dry."]
    removed = {article.text[r.start:r.end]: r.reason for r in article.removed}
    assert removed["'We will not leave the valley': the elder on the new road"] == "video title"


def test_a_clock_time_under_the_title_leaves_the_title(tmp_path):
    article, _ = read(tmp_path, "Herders Return To The Valley\n10:30\n\nThe herders came back in spring.\n")
    assert article.meta.title == "Herders Return To The Valley"


@pytest.mark.parametrize("line, is_time", [
    ("02:01 - Source: CNN", True), ("Watch: 12:07", True), ("Video 0:45", True),
    ("10:30", False), ("14:32 GMT", False), ("Talks resumed at 10:30 - officials said", False),
])
def test_running_time_shapes(line, is_time):
    assert running_time(line) is is_time


# ---- a caption dated in brackets after its place ----

def test_a_caption_dated_in_brackets_after_its_place_is_furniture(tmp_path):
    caption = "Herders rest beside the well near Taloqan, Takhar Province (3 May 2019)."
    article, body = read(tmp_path, f"Herders Return To The Valley\n\n{caption}\n\nThe herders came back in spring.\n")
    assert body == ["The herders came back in spring."]
    assert dated_caption("Guards keep watch at the gate of the depot in Termez, Uzbekistan (October 4, 2016).")
    assert not dated_caption("The council banned the militia (October 4, 2016).")   # prose, no place
    assert not dated_caption("Officials said the well was dug near Taloqan, Takhar (3 May 2019).")


# ---- a date stamp in figures: the page's date when one reading only is a day ----

@pytest.mark.parametrize("stamp, iso", [("07/17/2025", "2025-07-17"), ("24.12.2015", "2015-12-24"),
                                        ("12.12.2019", "2019-12-12"), ("04.05.2019", None), ("31-04-2020", None)])
def test_a_date_in_figures_dates_the_page_when_one_reading_only_is_a_day(tmp_path, stamp, iso):
    assert numeric_iso(stamp) == iso
    article, body = read(tmp_path, f"Herders Return To The Valley\n{stamp}\n\nThe herders came back in spring.\n")
    assert article.meta.date == iso and body == ["The herders came back in spring."]


# ---- a wire's dateline opening the paragraph under the page's summary (no end mark) ----

def test_a_dateline_under_a_summary_is_cut_off(tmp_path):
    text = ("Herders Return To The Valley\n\n"
            "The herders came back to the valley on Monday, the district governor said\n\n"
            "TALOQAN (Valley Wire / Agency - 3rd May, 2019) The herders came back to the valley on Monday, "
            "the district governor said.\n\nThey found the wells dry.\n")
    article, body = read(tmp_path, text)
    assert "The herders came back to the valley on Monday, the district governor said." in body
    assert not any("TALOQAN" in s for s in body) and article.meta.date == "2019-05-03"


def test_a_dateline_shape_inside_a_wrapped_first_paragraph_stays(tmp_path):
    text = ("Herders Return To The Valley\n\n"
            "The herders came back to the valley on Monday, and\n"
            "NATO (the alliance) said it would watch the road. They left.\n")
    _, body = read(tmp_path, text)
    assert any(s.startswith("NATO (the alliance)") or "NATO (the alliance)" in s for s in body)



# ---- a dateline in the case of prose that credits its agency or site (session 18) ----

@pytest.mark.parametrize("dateline", [
    "Taloqan (Valley Wire) - ",          # a place in the case of prose, the agency in brackets
    "Taloqan (Valley Wire) — ",
    "ValleyNews.com - ",                 # the outlet's site name
    "Valley-Herald.Net -- ",
])
def test_a_credited_dateline_in_the_case_of_prose_is_cut_off(tmp_path, dateline):
    _, body = read(tmp_path, f"Herders Return To The Valley\n\n{dateline}The herders came back in spring. "
                             f"They found the wells dry.\n")
    assert body == ["The herders came back in spring.", "They found the wells dry."]


@pytest.mark.parametrize("dateline", ["TALOQAN (Valley Wire) — ", "Taloqan (Valley Wire) - ", "ValleyNews.com - "])
def test_a_credited_dateline_under_a_lead_that_ends_its_sentence_is_cut_off(tmp_path, dateline):
    text = ("Herders Return To The Valley\n\nThe herders came back to the valley on Monday.\n\n"
            f"{dateline}The district governor said the wells were dry.\n\nThey left.\n")
    _, body = read(tmp_path, text)
    assert body == ["The herders came back to the valley on Monday.",
                    "The district governor said the wells were dry.", "They left."]


@pytest.mark.parametrize("line", [
    "TALOQAN — The district governor said the wells were dry.",     # a bare place: prose opens so too
    "Taloqan - The district governor said the wells were dry.",
    "Taloqan (the district's seat) - the governor said the wells were dry.",
])
def test_an_uncredited_place_and_a_dash_under_the_lead_stays(tmp_path, line):
    text = f"Herders Return To The Valley\n\nThe herders came back to the valley on Monday.\n\n{line}\n"
    _, body = read(tmp_path, text)
    assert body[-1] == line

# ---- captions: a file photo's label, and where each person stands ----

@pytest.mark.parametrize("caption", [
    "File photo: Herders lead their flock past the old depot near the border. Photograph:( Valley Wire )",
    "ARCHIVE IMAGE: Herders at the well",
    "Elders of the valley council, including its head Jan Novak (second from left) and Ana Lim (center), "
    "meet the district governor in Taloqan on May 3.",
    "District governor Ana Lim (R) greets elder Jan Novak at the well",
])
def test_a_caption_by_its_label_or_its_positions_is_furniture(tmp_path, caption):
    article, body = read(tmp_path, f"Herders Return To The Valley\n\n{caption}\n\nThe herders came back in spring.\n")
    assert body == ["The herders came back in spring."]


@pytest.mark.parametrize("line", [
    "The governor (left in the picture) said the wells were dry.",    # reported speech
    "The council (R) voted twice. The herders left.",                 # two sentences: prose
    "The vote (left to the council) failed in May.",
])
def test_prose_with_brackets_stays(tmp_path, line):
    _, body = read(tmp_path, f"Herders Return To The Valley\n\nThe herders came back in spring.\n\n{line}\n\nThey left.\n")
    assert body[0] == "The herders came back in spring." and body[-1] == "They left." and len(body) >= 3


# ---- an article's toolbar is no title ----

@pytest.mark.parametrize("bar", ["Listen 4 min Comment on this story Comment Gift Article Share",
                                 "Listen | Save | Share", "6 min read"])
def test_an_articles_toolbar_is_no_title(tmp_path, bar):
    article, body = read(tmp_path, f"{bar}\n\nKABUL — The herders came back in spring. They found the wells dry.\n")
    assert article.meta.title is None and body == ["The herders came back in spring.", "They found the wells dry."]


# ---- a dateline that sets its date after a dash, or its agency after the date (session 19) ----

@pytest.mark.parametrize("dateline, iso", [
    ("VALLEYWIRE – May 3, 2019: ", "2019-05-03"),        # the outlet, a dash, the date and a colon
    ("TALOQAN — 3 May 2019: ", "2019-05-03"),
    ("Taloqan, May 3 (Valley Wire) ", None),              # the place in the case of prose, the date, the agency
    ("Taloqan, 3rd May, 2019 (VW) ", "2019-05-03"),
])
def test_a_dateline_with_its_date_is_cut_off_and_dates_the_page(tmp_path, dateline, iso):
    article, body = read(tmp_path, f"Herders Return To The Valley\n\n{dateline}The herders came back in spring. "
                                   f"They found the wells dry.\n")
    assert body == ["The herders came back in spring.", "They found the wells dry."]
    assert article.meta.date == iso


@pytest.mark.parametrize("line", [
    "Taloqan, May 3 (the day of the fair) saw the herders return.",   # prose after the brackets
    "TALOQAN – May 3 saw the herders return to the wells.",           # no mark closes the date
])
def test_a_date_after_a_place_that_goes_on_as_prose_stays(tmp_path, line):
    _, body = read(tmp_path, f"Herders Return To The Valley\n\n{line} They found the wells dry.\n")
    assert "May 3" in body[0]


# ---- a caption's first copy, right above the same caption with its credit (session 19) ----

@pytest.mark.parametrize("repeat", [
    " (AFP)",
    " The wells of the valley ran dry in April. Photograph: Jan Novak/AFP/Getty Images",
])
def test_a_captions_first_copy_above_its_credited_repeat_is_furniture(tmp_path, repeat):
    caption = "Herders lead their flock past the old depot in Taloqan on May 3, 2019."
    article, body = read(tmp_path, f"Herders Return To The Valley\n\nThe valley waits for rain\n\n{caption}\n"
                                   f"{caption}{repeat}\n\nThe herders came back in spring. They found the wells dry.\n")
    assert not any("old depot" in s for s in body)
    assert body[-2:] == ["The herders came back in spring.", "They found the wells dry."]


def test_a_paragraph_above_a_longer_paragraph_that_opens_with_it_stays(tmp_path):
    first = "The herders came back to the valley in May 2019."
    _, body = read(tmp_path, f"Herders Return To The Valley\n\n{first}\n{first} They found the wells dry.\n\n"
                             f"The council met on Monday.\n")
    assert body.count(first) == 2   # no caption below it: the page's own text, twice
