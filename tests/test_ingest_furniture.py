"""Page furniture of invented pages: what a saved page adds around an article, and the page's
own date."""
import pytest

from generator.ingest.articles import clean, read_article
from generator.ingest.furniture import date_line, date_widget
from generator.ingest.segment import segment

PAGE = """Facebook Twitter WhatsApp Email
World / Asia & Pacific
Close icon It closes this dialog window or menu.

Daily Courier Gazette

Envoys Meet In Doha As Talks Resume

By Lena Ortiz and Karim Haddou, The Daily Courier
Published: March 4, 2019, 9:12am

a convoy crossing the border
The Ministry of Interior of Ruritania

DOHA — Envoys met on Monday to resume the talks, officials said.

Delegates arrive at the venue on Monday. / AFP PHOTO / JANE ROE

The talks were brief. Both sides agreed to meet again.

Refugees wait at a camp near the border © Jan Novak/Getty Images

Access all our reporting by becoming a Courier Premium Member.

Loading...
"""


def body_of(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    return article, [s.text for s in segment(article).sentences()]


def test_page_furniture_is_not_article_text(tmp_path):
    article, body = body_of(tmp_path, PAGE)
    assert body == ["Envoys met on Monday to resume the talks, officials said.",
                    "The talks were brief.", "Both sides agreed to meet again."]
    meta = article.meta
    assert (meta.title, meta.author, meta.date) == ("Envoys Meet In Doha As Talks Resume", "Lena Ortiz and Karim Haddou",
                                                    "2019-03-04")


def test_a_date_widget_opening_the_first_line_is_cut_off_it(tmp_path):
    article, body = body_of(tmp_path, " date 2020-05-06 (Last Updated On: May 6, 2020) KABUL (AP): Talks began. "
                                      "They ended.\n")
    assert body == ["Talks began.", "They ended."]   # the dateline after it is cut too
    assert article.meta.date == "2020-05-06"
    assert article.text[article.blocks[0].start:].startswith("Talks")


def test_lines_that_end_sentences_are_paragraphs(tmp_path):
    text = "First line ends here.\nSecond line ends too.\n\nThis one is wrapped\nover two lines.\n"
    article, _ = body_of(tmp_path, text)
    doc = segment(article)
    assert [[s.text for s in p.sentences] for p in doc.paragraphs] == [
        ["First line ends here."], ["Second line ends too."], ["This one is wrapped\nover two lines."]]


def test_a_page_cut_off_mid_sentence_keeps_its_last_line(tmp_path):
    _, body = body_of(tmp_path, "The envoy spoke first.\n\n“The talks are not over. Within the group there are")
    assert body[-1] == "Within the group there are"
    _, body = body_of(tmp_path, "The envoy spoke first.\n\nRelated Articles\n\nSign Up Log In\n")
    assert body == ["The envoy spoke first."]


def test_an_author_box_inside_the_article(tmp_path):
    text = "Lede paragraph of the piece is here.\n\nNadia Farouk\nNadia Farouk is a researcher at a Cairo institute.\n\nMore text follows here.\n"
    _, body = body_of(tmp_path, text)
    assert "Nadia Farouk is a researcher at a Cairo institute." not in body


@pytest.mark.parametrize("line,date", [
    ("Published: December 3, 2018, 5:14pm", ("2018-12-03", 0)),
    ("Updated 12 Mar 2020 10:00 GMT", ("2020-03-12", 2)),
    ("25 July 2025", ("2025-07-25", 1)),
    ("Saturday,  September 21 , 2024", ("2024-09-21", 3)),
    ("04 October 2023", ("2023-10-04", 1)),
    ("25 September 2021. MK.RU", ("2021-09-25", 1)),
    ("The talks were held on 25 July 2025 in Doha.", None),
])
def test_date_stamps(line, date):
    assert date_line(line) == date


def test_the_page_date_prefers_a_labelled_stamp_over_the_day_the_page_was_saved():
    _, _, found = clean("Saturday, September 21, 2024\n\nA Title For It\n\nPublished: Dec. 23, 2015\n\nBody text here.\n")
    assert found["date"] == "2015-12-23"
    assert date_widget("date 2021-10-26 MOSCOW: text") == ("2021-10-26", 16)


@pytest.mark.parametrize("first,date,rest", [
    ("KABUL (Valley News / Agency - 12th March, 2019) Officials met in the city.", "2019-03-12", "Officials met"),
    ("MOSCOW, August 15. /TASS/. Officials met in the city.", None, "Officials met"),
    ("NEW DELHI — Officials met in the city.", None, "Officials met"),
    ("Lahore, July 2: Officials met in the city.", None, "Officials met"),
    ("ISIS-K, also known as the Khorasan branch, grew in the city.", None, "ISIS-K, also"),
])
def test_a_dateline_opening_the_article(tmp_path, first, date, rest):
    article, body = body_of(tmp_path, f"A Title For The Page\n\n{first} They left.\n")
    assert body[0].startswith(rest) and article.meta.date == date


# ---- concepts, not sentences (session 6): each shape on lines no page of gold/ holds ----

@pytest.mark.parametrize("line,date", [
    ("Updated 09:15 GMT, 2 May 2023", ("2023-05-02", 2)),    # the clock before the date
    ("Posted 7:40 pm | June 5, 2021", ("2021-06-05", 0)),
    ("Last updated: 23.10 BST 11 November 2019", ("2019-11-11", 2)),
    ("18:05, 30 January 2017", ("2017-01-30", 1)),
    ("09:40 GMT +2 14 March 2018", ("2018-03-14", 1)),       # the zone's offset after a space
    ("March 14, 2018, 09:40 · Analysis", ("2018-03-14", 1)),  # the time, then a section's label
    ("At 10:30 the envoys met on 5 June 2021.", None),
])
def test_date_stamps_with_the_time_first(line, date):
    assert date_line(line) == date


@pytest.mark.parametrize("first,date", [
    ("ALMATY, Oct. 2, 2020 /Kazinform/.", "2020-10-02"),              # an agency in slashes, any name
    ("KABUL, 4 June 2019 /Bakhtar News Agency/.", "2019-06-04"),
    ("TASHKENT, March 9, 2018 /UzA-News/", "2018-03-09"),
])
def test_a_dateline_alone_on_its_line_is_furniture(tmp_path, first, date):
    article, body = body_of(tmp_path, f"A Title For The Page\n\n{first}\n\nOfficials met in the city. They left.\n")
    assert body == ["Officials met in the city.", "They left."]
    assert article.meta.date == date


@pytest.mark.parametrize("last", [
    "Olga Sidorova reports from Bishkek.",
    "Tom Reyes covers Central Asia for the paper.",
    "Ana Lima writes about energy and security.",
    "Peter Novak contributed reporting.",
])
def test_an_author_line_closing_the_article(tmp_path, last):
    _, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met in the city. They left.\n\n{last}\n")
    assert body == ["Officials met in the city.", "They left."]


def test_a_last_paragraph_of_reporting_is_article_text(tmp_path):
    _, body = body_of(tmp_path, "A Title For The Page\n\nOfficials met in the city.\n\n"
                                "Russian media reports from the border were confused.\n")
    assert body[-1] == "Russian media reports from the border were confused."


@pytest.mark.parametrize("label", ["Latest stories", "More analysis", "Popular videos", "Editor's picks",
                                   "Other news from the region", "Stories from our correspondents",
                                   "Columns by our guest authors", "Recent features"])
def test_section_labels_over_other_pieces(tmp_path, label):
    _, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met. They talked.\n\n{label}\n\nThey left the city.\n")
    assert body == ["Officials met.", "They talked.", "They left the city."]


def test_a_short_line_of_the_article_stays(tmp_path):
    _, body = body_of(tmp_path, "A Title For The Page\n\nOfficials met. They talked.\n\nMore talks are planned.\n\nThey left.\n")
    assert "More talks are planned." in body


# ---- the fresh sets' classes (session 7): invented lines of each shape ----

@pytest.mark.parametrize("credit", ["(AFP)", "(Reuters)", "(ANI)", "[IANS]", "(TASS)."])
def test_an_agency_sign_off_closing_a_paragraph_is_cut_the_paragraph_stays(tmp_path, credit):
    article, body = body_of(tmp_path, "A Title For The Page\n\nOfficials met in the city.\n\n"
                                      f"\"The border is calm,\" the governor said. Nobody else spoke. {credit}\n")
    assert body == ["Officials met in the city.", "\"The border is calm,\" the governor said.",
                    "Nobody else spoke."]
    assert [article.text[r.start:r.end] for r in article.removed] == [credit]


def test_a_quoted_paragraph_of_one_sentence_keeps_its_text_before_the_sign_off(tmp_path):
    _, body = body_of(tmp_path, "A Title For The Page\n\nOfficials met.\n\n"
                                "\"We will return,\" the envoy told reporters on Friday. (AFP)\n")
    assert body[-1] == "\"We will return,\" the envoy told reporters on Friday."


def test_a_photo_caption_of_one_sentence_with_its_credit_is_furniture_whole(tmp_path):
    _, body = body_of(tmp_path, "A Title For The Page\n\nOfficials met in the city. They talked.\n\n"
                                "Farmers walk past a field near the river, May 3, 2019. (AFP)\n\nThey left.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left."]


ONE_A_LINE = ("A Title For The Page\n\nOfficials met in the city on Monday.\nThe envoy spoke of trade and roads.\n"
              "{line}\nThe talks ended late in the evening.\nBoth sides will meet again in spring.\n")


@pytest.mark.parametrize("line", [
    "READ ALSO Border trade doubles as new road opens",       # a related story, its label in capitals
    "Ministers split over grain deal: what comes next",         # a related story's headline
    "cheap watches replica shop-online.example free delivery",  # a spam line in lower case
    "IN DEPTH",                                                 # a section label
])
def test_a_line_between_paragraphs_of_a_page_saved_one_a_line_is_furniture(tmp_path, line):
    article, body = body_of(tmp_path, ONE_A_LINE.format(line=line))
    assert body == ["Officials met in the city on Monday.", "The envoy spoke of trade and roads.",
                    "The talks ended late in the evening.", "Both sides will meet again in spring."]
    assert line in [article.text[r.start:r.end] for r in article.removed]


def test_hard_wrapped_prose_keeps_its_lines(tmp_path):
    text = ("A Title For The Page\n\nOfficials met in the city on Monday and spoke\nof trade. The envoy said "
            "that roads\nwould open soon.\nThe talks ended late in the\nevening, and both sides left.\n")
    _, body = body_of(tmp_path, text)
    assert body == ["Officials met in the city on Monday and spoke\nof trade.",
                    "The envoy said that roads\nwould open soon.",
                    "The talks ended late in the\nevening, and both sides left."]


def test_a_line_that_opens_what_follows_stays(tmp_path):
    _, body = body_of(tmp_path, ONE_A_LINE.format(line="The envoy listed three demands:"))
    assert "The envoy listed three demands:" in body


def test_a_place_in_capitals_alone_above_the_first_paragraph_is_a_dateline(tmp_path):
    _, body = body_of(tmp_path, "A Title For The Page\nBy Lena Ortiz\nBISHKEK\nOfficials met in the city. "
                                "They left.\nThe talks ended.\n")
    assert body[0] == "Officials met in the city."


def test_labels_and_a_menu_above_the_article(tmp_path):
    text = ("NEWS\nBUSINESS\nSPORT\n  • EUR1.08\nWORLD\n\nEnvoys Meet In The City As Talks Resume\n\n"
            "Officials met in the city. They left.\n")
    article, body = body_of(tmp_path, text)
    assert article.meta.title == "Envoys Meet In The City As Talks Resume"
    assert body == ["Officials met in the city.", "They left."]
    _, body = body_of(tmp_path, "Region\nProfile\nOfficials met in the city. They left.\n")
    assert body == ["Officials met in the city.", "They left."]
    _, body = body_of(tmp_path, "/\n\nEnvoys Meet In The City\n\nby\n\nOfficials met in the city. They left.\n")
    assert body == ["Officials met in the city.", "They left."]


def test_a_caption_repeated_and_cut_off_by_the_pages_end(tmp_path):
    caption = "Farmers walk past a field near the river in the north, May 3, 2019."
    text = f"A Title For The Page\n\nOfficials met in the city. They left.\n\n{caption}\n\n{caption[:40].strip()}"
    article, body = body_of(tmp_path, text)
    assert body == ["Officials met in the city.", "They left."]
    text = "A Title For The Page\n\nOfficials met in the city. They left.\n\nOfficials met in the city. They"
    _, body = body_of(tmp_path, text)   # a paragraph repeated: its first copy stays
    assert body == ["Officials met in the city.", "They left."]


def test_an_outlets_channel_and_a_comment_form_are_widgets(tmp_path):
    text = ("Envoys Meet In The City\n\n>> Follow The Daily Courier on Telegram! <<\n\n"
            "Officials met in the city. They left.\n\nLeave a Reply\n\nPlease enter your comment!\n"
            "Please enter your name here\n")
    article, body = body_of(tmp_path, text)
    assert body == ["Officials met in the city.", "They left."] and article.meta.subtitle is None


def test_a_title_with_an_empty_site_name_after_its_separator(tmp_path):
    text = "Envoys meet in the city as talks resume – .\n\nEnvoys meet in the city as talks resume – .\n\nThey left.\n"
    article, body = body_of(tmp_path, text)
    assert article.meta.title == "Envoys meet in the city as talks resume"
    assert body == ["They left."]


def test_a_date_in_figures_and_a_tag_between_paragraphs(tmp_path):
    text = ("Envoys Meet In The City\n\nOfficials met in the city. They left.\n\n04-11-2021\n  • Region\n\n"
            "The talks ended.\n\nTRADE\n\nBoth sides will meet again.\n")
    _, body = body_of(tmp_path, text)
    assert body == ["Officials met in the city.", "They left.", "The talks ended.", "Both sides will meet again."]


def test_a_dateline_with_its_agency_in_lower_case(tmp_path):
    _, body = body_of(tmp_path, "A Title For The Page\n\nBISHKEK, June 3rd. /kabar/. Officials met in the city.\n")
    assert body == ["Officials met in the city."]


def test_a_byline_with_the_pages_date_after_it(tmp_path):
    article, body = body_of(tmp_path, "A Title For The Page\nStory by Lena Ortiz and Karim Haddou March 4, 2019\n"
                                      "Officials met in the city. They left.\n")
    assert (article.meta.author, article.meta.date) == ("Lena Ortiz and Karim Haddou", "2019-03-04")
    assert body == ["Officials met in the city.", "They left."]


# ---- the locked sets' classes (session 8): invented lines of each shape ----

@pytest.mark.parametrize("caption", [
    "Farmers walk past a field near the river, May 3, 2019. Source: Jan Novak / Kabar",
    "The envoy speaks with reporters at the U.N. in New York, U.S., May 3, 2019. Reuters/Jane Roe",
    "Lt. Gen. A. B. Doe Jr., the U.S. commander, briefs reporters in Kabul, Dec. 2, 2016. Navy photo by "
    "Petty Officer 2nd Class Jan Roe",
    "The Ruritanian president. Credit; Jan Novak via Daily Courier.",
    "Delegates arrive at the venue. Photo: Jan Novak",
    "Guards stand at the gate in Kunduz, Afghanistan May 3, 2019. REUTERS/Jan Novak/File Photo",
    "Delegates arrive at the venue. (Photo by Jan Novak/AFP via Getty Images)",
    # an agency's caption of three sentences with a quotation: its credit is never prose's
    "Envoys talk in the city, Wednesday, May 3, 2019. Ruritania hosted the talks, a round of diplomacy. "
    "The minister said that \"a stable peace is needed\" and left. (AP Photo/Jan Novak, Pool) POOL PHOTO",
])
def test_a_caption_closed_by_its_credit_after_its_end_mark_is_furniture(tmp_path, caption):
    article, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met in the city. They talked.\n\n"
                                      f"{caption}\n\nThey left.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left."]
    assert caption in [article.text[r.start:r.end] for r in article.removed]


@pytest.mark.parametrize("line", [
    "Officials met in the city. They talked for an hour. Then they left. Source: Jan Novak",  # three sentences
    "Trade rose in May, officials said. Source: the ministry's figures",   # no name after the label
    "The photo by Jan Novak was shown in Kabul.",                          # no end mark before the credit
    "Talks resume in May, the ministry said. Source: Kabar",              # a wire paragraph: reported speech
    "“We are ready,” the envoy told reporters. Photo: Jan Novak",
    "Most voters back the plan. Reuters/Ipsos polls show the same.",      # a poll, not a credit
])
def test_prose_that_ends_like_a_credit_stays(tmp_path, line):
    _, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met in the city.\n\n{line}\n\nThey left.\n")
    assert len(body) > 2 and body[-1] == "They left." and body[1] != "They left."


@pytest.mark.parametrize("line, date", [
    ("Published Date: January 2, 2016", ("2016-01-02", 0)),
    ("Publication date: 3 May 2019", ("2019-05-03", 0)),
    ("Date published: May 3, 2019", ("2019-05-03", 0)),
    ("Posted at 10:05 am, May 3, 2019", ("2019-05-03", 0)),
    ("Policy PapersPublished on Mar 04, 2019 PDF Download", ("2019-03-04", 0)),   # a section's name run into it
    ("Analysis | Updated May 3, 2019 | 5 min", ("2019-05-03", 2)),
])
def test_date_stamps_with_their_labels(line, date):
    assert date_line(line) == date


@pytest.mark.parametrize("line", [
    "The report was published on May 3, 2019.",                      # a sentence
    "Study Published on May 3, 2019 Warns Of Drought In The North",  # a headline goes on after the date
    "Officials from many ministries and agencies across the region Published on May 3, 2019",
])
def test_a_date_with_a_label_in_prose_or_a_headline_is_no_stamp(line):
    assert date_line(line) is None


def test_a_stamp_among_labels_gives_the_pages_date_and_its_events_none(tmp_path):
    article, body = body_of(tmp_path, "Author : Jan Novak\n\nPolicy PapersPublished on Mar 04, 2019 PDF Download\n"
                                      "drones,Defense,Oil,North Korea,Trade Routes\n\nEnvoys Meet In The City\n\n"
                                      "Officials met in the city. They left.\n")
    meta = article.meta
    assert (meta.title, meta.author, meta.date) == ("Envoys Meet In The City", "Jan Novak", "2019-03-04")
    assert body == ["Officials met in the city.", "They left."]


@pytest.mark.parametrize("line", [
    "View Comments ()", "Show 12 comments", "3 Comments",
    "drones,Defense,Oil,North Korea,Trade Routes",
])
def test_comment_counters_and_tags_are_widgets(tmp_path, line):
    article, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They left.\n\n{line}\n\n"
                                      "The talks ended.\n")
    assert body == ["Officials met in the city.", "They left.", "The talks ended."]


@pytest.mark.parametrize("line", ["Kabul,Herat and Balkh are calm, officials said,", "1,200,300,400 people voted"])
def test_lines_with_commas_that_are_no_tags_stay(tmp_path, line):
    _, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city.\n\n{line}\n\nThey left.\n")
    assert len(body) == 3


@pytest.mark.parametrize("pointer", ["Read more at Daily Courier.", "Read the full story on Courier News",
                                     "Continue reading at The Courier."])
def test_a_pointer_to_the_full_story_closing_a_paragraph_is_cut_the_paragraph_stays(tmp_path, pointer):
    article, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They talked. {pointer}\n"
                                      "\nThey left.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left."]
    assert pointer in [article.text[r.start:r.end] for r in article.removed]


def test_a_sentence_about_reading_stays(tmp_path):
    _, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met. Read more at home, the minister urged.\n")
    assert body == ["Officials met.", "Read more at home, the minister urged."]


@pytest.mark.parametrize("label", ["Attribution:", "Cite this article:", "Suggested citation:", "How to cite this brief:"])
def test_the_pages_suggested_citation_of_itself_is_furniture(tmp_path, label):
    citation = "Jan Novak, “Envoys Meet in the City: Talks After May 2019,” Courier Brief No. 12, June 2019, Courier Institute."
    article, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They left.\n\n{label}\n\n"
                                      f"{citation}\n\nThe talks ended.\n")
    assert body == ["Officials met in the city.", "They left.", "The talks ended."]


def test_a_paragraph_under_a_label_that_is_no_citation_label_stays(tmp_path):
    _, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met in the city.\n\nBackground:\n\n"
                                "The talks began in May 2019. They stalled.\n")
    assert body[-2:] == ["The talks began in May 2019.", "They stalled."]


def test_a_long_caption_with_an_agencys_credit_is_furniture(tmp_path):
    caption = ("Envoys talk in the city, Wednesday, May 3, 2019. " + "Ruritania hosted the talks, a round of diplomacy "
               "that underlines its clout in the region and beyond, officials said. " * 4 + "(AP Photo/Jan Novak)")
    assert len(caption.split()) > 60
    _, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met in the city. They talked.\n\n{caption}\n\n"
                                "They left.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left."]


TEASERS = ("Envoys Meet In The City\n\nOfficials met in the city. They left.\n\n{label}\n\n"
           "Floods cut the northern road: officials\n\nThe ministry said on Monday that the road would close for…\n\n"
           "Grain prices rise for a third month\n\nMore than 300 traders met in the capital, where they agreed...\n")


@pytest.mark.parametrize("label", ["You May Also Like", "Related stories", "More from the Courier", "Most read"])
def test_teasers_under_a_label_over_other_pieces_are_furniture(tmp_path, label):
    _, body = body_of(tmp_path, TEASERS.format(label=label))
    assert body == ["Officials met in the city.", "They left."]


def test_the_article_after_a_label_over_other_pieces_stays(tmp_path):
    text = ("Envoys Meet In The City\n\nOfficials met in the city. They left.\n\nRead more\n\n"
            "Talks In The North\n\nThe talks ended late. Both sides will meet again.\n")
    _, body = body_of(tmp_path, text)
    assert body[-2:] == ["The talks ended late.", "Both sides will meet again."]


def test_a_comment_forms_fine_print_is_furniture(tmp_path):
    text = ("Envoys Meet In The City\n\nOfficials met in the city. They left.\n\nLeave a Reply\n\n"
            "Your email address will not be published. Required fields are marked *\n\n"
            "Save my name, email, and website in this browser for the next time I comment.\n")
    _, body = body_of(tmp_path, text)
    assert body == ["Officials met in the city.", "They left."]


LISTED = ("• 4 minutes Grain prices rise for a third month\n  • 2 hours Floods cut the northern road\n"
          "  • 3 days Why the Courier's readers moved south.\n  • 1 day Ports reopen after the storm\n\n"
          "Envoys Meet In The City As Talks Resume\n\nOfficials met in the city on Monday. They left.\n")


def test_a_bulleted_list_above_the_title_is_furniture(tmp_path):
    """Other pieces' headlines with their ages, a ticker: a list of three or more bulleted lines
    above the article's title is the page's; the title under it is found."""
    article, body = body_of(tmp_path, LISTED)
    assert body == ["Officials met in the city on Monday.", "They left."]
    assert article.meta.title == "Envoys Meet In The City As Talks Resume"
    assert {r.reason for r in article.removed} == {"list above the article"}


def test_a_bulleted_list_under_the_title_or_of_two_lines_stays(tmp_path):
    points = ("Envoys Meet In The City As Talks Resume\n\n• The envoys agreed on a second round.\n"
              "• The ministry will host it.\n• Both sides will send ministers.\n\nOfficials met in the city. They left.\n")
    _, body = body_of(tmp_path, points)
    assert [s.lstrip("• ") for s in body[:3]] == ["The envoys agreed on a second round.", "The ministry will host it.",
                        "Both sides will send ministers."]
    two = "• Grain prices rise for a third month\n• Floods cut the northern road\n\nOfficials met in the city.\n"
    article, _ = body_of(tmp_path, two, "two.txt")
    assert "list above the article" not in {r.reason for r in article.removed}


@pytest.mark.parametrize("caption", [
    "Children play beside a wrecked tank in Herat, Afghanistan, June 14, 2015.",
    "The minister speaks in the Great Hall, Monday, May 3, 2021, in Beijing, China.",
    "Delegates arrive at the venue, Aug. 2, 2019."])
def test_a_caption_dated_at_its_end_is_furniture(tmp_path, caption):
    article, body = body_of(tmp_path, f"{caption}\n\nEnvoys Meet In The City\n\nOfficials met in the city. They left.\n")
    assert body == ["Officials met in the city.", "They left."]
    assert article.meta.title == "Envoys Meet In The City"


@pytest.mark.parametrize("line", [
    "The envoys met in Herat on June 14, 2015.",                                   # prose dates with "on"
    "The talks will resume, the ministry said, June 14, 2015.",                   # words reported
    "The envoys met twice. The second round ended in Herat, June 14, 2015."])    # two sentences
def test_prose_closed_by_a_date_stays(tmp_path, line):
    _, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city.\n\n{line}\n\nThey left.\n")
    assert " ".join(body) == f"Officials met in the city. {line} They left."


def test_a_byline_is_never_the_title(tmp_path):
    """"By NAME" or "Written by NAME" with no title above it is the byline; a second byline
    ("Translated by NAME") is one too, and the first names the author."""
    article, body = body_of(tmp_path, "By Lena Ortiz\n\nOfficials met in the city. They left.\n")
    assert (article.meta.title, article.meta.author) == (None, "Lena Ortiz")
    assert body == ["Officials met in the city.", "They left."]
    article, body = body_of(tmp_path, "Written by Lena Ortiz\nTranslated by Karim Haddou\n\n"
                                      "Officials met in the city.\n", "second.txt")
    assert (article.meta.title, article.meta.author) == (None, "Lena Ortiz")
    assert body == ["Officials met in the city."]


@pytest.mark.parametrize("label", ["World news", "Regional security", "Code 48213", "Opinion pieces"])
def test_a_sections_label_above_a_longer_headline_is_no_title(tmp_path, label):
    """A label of three words at most over a headline at least three times as long (and of eight
    words or more): the page's section, not the article's title."""
    text = f"{label}\n\nEnvoys meet in the city as talks on the border resume\n\nOfficials met in the city.\n"
    article, body = body_of(tmp_path, text)
    assert article.meta.title == "Envoys meet in the city as talks on the border resume"
    assert body == ["Officials met in the city."]


def test_a_short_title_above_a_byline_or_a_short_deck_stays(tmp_path):
    article, _ = body_of(tmp_path, "The envoys' return\n\nBy Lena Ortiz and Karim Haddou\n\nOfficials met.\n")
    assert article.meta.title == "The envoys' return"
    article, _ = body_of(tmp_path, "Envoys meet again\n\nA second round in the city\n\nOfficials met.\n", "deck.txt")
    assert article.meta.title == "Envoys meet again"


def test_a_headline_that_asks_is_the_title(tmp_path):
    article, body = body_of(tmp_path, "Is the northern bloc here to stay?\n\nOfficials met in the city. They left.\n")
    assert article.meta.title == "Is the northern bloc here to stay?"
    assert body == ["Officials met in the city.", "They left."]
    article, _ = body_of(tmp_path, "Are the talks growing? Can they last?\n\nOfficials met.\n", "two.txt")
    assert article.meta.title == "Are the talks growing? Can they last?"


def test_a_question_with_a_statement_before_it_or_after_the_title_is_no_title(tmp_path):
    article, body = body_of(tmp_path, "The envoys met twice. Will they meet again?\n\nOfficials met.\n")
    assert article.meta.title is None and body[0] == "The envoys met twice."
    article, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met.\n\nWill they meet again?\n\n"
                                      "Nobody knows.\n", "later.txt")
    assert article.meta.title == "Envoys Meet In The City" and "Will they meet again?" in body


@pytest.mark.parametrize("line, iso", [("PublishDate: Wednesday, August 22, 2018 11:54", "2018-08-22"),
                                       ("Publish Date: May 3, 2019", "2019-05-03"),
                                       ("Published date: 4 March 2024", "2024-03-04")])
def test_a_publish_date_label_opens_a_date_stamp(line, iso):
    assert date_line(line) == (iso, 0)


@pytest.mark.parametrize("ad", ["Sponsor: Brightway: Plan your next trip with us! Fares from the capital to the coast.",
                                "Sponsored by Brightway Travel", "Paid content: Ten ways to plan a trip"])
def test_an_advertisers_label_opens_an_advertisement(tmp_path, ad):
    _, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n{ad}\n\n"
                                "They left.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left."]


def test_a_label_alone_between_a_masthead_and_the_headline_is_skipped(tmp_path):
    """A masthead in capitals is known by the headline under it, past a lone label ("Home")."""
    article, _ = body_of(tmp_path, "THE DAILY COURIER\n\nHome\n\nEnvoys Meet In The City As Talks Resume\n\n"
                                   "Officials met in the city.\n")
    assert article.meta.title == "Envoys Meet In The City As Talks Resume"


@pytest.mark.parametrize("credit", ["Jan Novak/TASS", "Jan Novak / Xinhua", "Jan Novak/Anadolu Agency"])
def test_a_caption_closed_by_any_agencys_credit_is_furniture(tmp_path, credit):
    """The credit after a slash names any wire or photo agency the sign-off rule knows, not only
    the five Western ones."""
    text = (f"Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n"
            f"Deputy Foreign Minister Karim Haddou {credit}\n\nThey left.\n")
    _, body = body_of(tmp_path, text)
    assert body == ["Officials met in the city.", "They talked.", "They left."]


# ---- session 9's lead: a caption with its credit in brackets, on its own line ----

@pytest.mark.parametrize("caption", [
    "A street in the old city (Image courtesy of Jan Novak)",
    "Delegates outside the hall (Photo: Ruritania News)",
    "The river crossing at dawn (photo by Ana Lim).",
    "The embassy gate (Courtesy of the ministry)",
])
def test_a_caption_closed_by_a_credit_in_brackets_is_furniture(tmp_path, caption):
    article, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met in the city. They talked.\n\n"
                                      f"{caption}\nBackground: the talks began in May.\n")
    assert body == ["Officials met in the city.", "They talked.", "Background: the talks began in May."]
    assert caption in [article.text[r.start:r.end] for r in article.removed]


@pytest.mark.parametrize("line", [
    "The figures (courtesy of the ministry) show a rise in output, the report said.",
    "Moscow hosted the talks (see the photo)",
    "The envoy (pictured) met the delegation",
])
def test_prose_with_a_bracketed_credit_inside_stays(tmp_path, line):
    _, body = body_of(tmp_path, f"A Title For The Page\n\nOfficials met in the city. They talked.\n\n{line}\n\n"
                                f"They left.\n")
    assert body[-1] == "They left." and len(body) == 4
