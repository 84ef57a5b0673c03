"""Wire credits and staff bylines of invented pages: a credit line is furniture; prose that
cites a wire is article text; a desk's byline (and the city in it) is never text."""
import pytest

from generator.ingest.articles import clean


def _texts(page: str, role: str) -> list[str]:
    blocks, _, _ = clean(page)
    return [page[b.start:b.end].strip() for b in blocks if b.role == role]


def _between_paragraphs(line: str, last: str = "The talks ended late.") -> str:
    """An invented page with ``line`` standing between two paragraphs of its body."""
    return f"Ministers Meet Over Border Trade\n\nThe talks opened on Monday, officials said.\n\n{line}\n\n{last}\n"


@pytest.mark.parametrize("para", [
    "Reuters says that the minister met the envoy in Valdora on Tuesday.",
    "AFP reported on Monday that Maria Lenz had resigned from the council.",
    "AP quoted a spokesman as saying the border would stay shut.",
    "Reuters' correspondent wrote that the road to the port was closed.",
])
def test_prose_that_cites_a_wire_is_article_text(para):
    page = _between_paragraphs(para)
    assert para in _texts(page, "body")


@pytest.mark.parametrize("credit", ["Reuters Jane Doe", "AP Photo/Jane Roe", "AFP/Getty Images"])
def test_a_wire_credit_line_stays_furniture(credit):
    page = _between_paragraphs(credit)
    assert credit not in " ".join(_texts(page, "body"))


@pytest.mark.parametrize("line", [
    "Gazette Web Team Springfield Jun 29, 2020, 01.09 PM(IST)",
    "Daily Courier Web Desk Port Avel",
    "Staff Reporter",
])
def test_a_desk_byline_above_the_article_is_a_byline(line):
    page = f"Ministers Meet Over Border Trade In Valdora\n\n{line}\n\nThe minister met the envoy on Monday, officials said.\n\nThe talks went on.\n"
    assert _texts(page, "byline") == [line]
    assert line not in " ".join(_texts(page, "subtitle") + _texts(page, "body"))


def test_a_sentence_about_a_desk_stays_text():
    para = "The Bureau said on Monday that the case against Tom Hale was closed."
    page = f"Ministers Meet Over Border Trade In Valdora\n\n{para}\n\nThe talks went on.\n"
    assert para in _texts(page, "body")


@pytest.mark.parametrize("line", [
    "Credit, Jan Novak Photo caption, Envoys arrive at the venue in the capital",   # a label, then a comma
    "Image source, AGENCY",
    "Image caption, The minister (left) meets the envoy in the northern city",
])
def test_a_pictures_labels_with_a_comma_are_a_caption(line):
    page = f"Ministers Meet Over Border Trade\n\n{line}\n\nThe talks opened on Monday, officials said.\n"
    assert _texts(page, "body") == ["The talks opened on Monday, officials said."]
    assert _texts(page, "subtitle") == []


def test_a_sentence_opening_with_a_source_is_no_caption():
    page = "Ministers Meet Over Border Trade\n\nThe talks opened on Monday.\n\nSources say the envoy left.\n"
    assert _texts(page, "body") == ["The talks opened on Monday.", "Sources say the envoy left."]


def test_a_caption_closed_by_its_credit_after_a_bar_in_brackets():
    page = ("Ministers Meet Over Border Trade\n\nThe minister attends the summit in the northern city. (Photo | AGENCY)\n\n"
            "The talks opened on Monday, officials said.\n")
    assert _texts(page, "body") == ["The talks opened on Monday, officials said."]
    assert _texts(page, "subtitle") == []


@pytest.mark.parametrize("line", ["Reuters, VALDORA", "AFP | Port Kessel", "VALDORA (Xinhua)", "Port Kessel, AP"])
def test_a_wires_credit_and_its_city_alone_on_a_line_is_no_title(line):
    page = f"{line}\n\nThe talks opened on Monday, officials said. They ended late.\n"
    blocks, removed, found = clean(page)
    assert found["title"] is None and [(r.start, r.end) for r in removed] == [(0, len(line))]


@pytest.mark.parametrize("credit", ["(AGENCY File Photo)", "(Staff photo/The Courier)", "(Jan Novak for the Courier)",
                                    "(AP Photo)"])
def test_a_caption_closed_by_its_credit_in_brackets(credit):
    page = (f"Ministers Meet Over Border Trade\n\nBy Lena Ortiz\n\nIn this Monday, May 3, 2021 file photo, envoys arrive "
            f"at the venue in the capital. {credit}\n\nThe talks opened on Monday, officials said.\n")
    assert _texts(page, "body") == ["The talks opened on Monday, officials said."]


@pytest.mark.parametrize("credit", ["(Jan Novak/The Valley Courier)", "(Lena Ortiz/Associated Press)",
                                    "(Source: Port Avel Council, https://pics.example.org/a/b7))",
                                    "(Credit: Northern Guard archive)"])
def test_a_caption_closed_by_its_photographer_and_outlet_or_its_source_in_brackets(credit):
    caption = f"A guard walks along the fence of the ministry in the capital on May 3, 2021. {credit}"
    page = _between_paragraphs(caption)
    assert caption not in _texts(page, "body") and "The talks ended late." in _texts(page, "body")


@pytest.mark.parametrize("para", [
    "The envoys met for the third time (a first for the Council).",
    "The minister spoke for an hour. (Jan Novak said he agreed.)",
    "The talks were held in the capital (photo archive).",
    "The treaty was signed in 1921. (See Annex 2/Table 3.)",
    "Grain prices fell by a third that winter, the council said. (Source: Valley Grain Board)",
    "Envoys met twice. Both sides called it a start. Nobody signed. (Jan Novak/The Courier)",
])
def test_prose_closed_by_brackets_is_no_caption(para):
    page = _between_paragraphs(para)
    assert para in _texts(page, "body")


@pytest.mark.parametrize("caption", [
    "Envoys arrive at the venue in the northern city. Port Avel Council / Flickr",
    "A convoy waits at the crossing. Jan Novak / Wikimedia Commons",
    "Delegates gather in the hall before the vote. (File)",
    "(archive photo)",
    "The border post near the river (representational image)",
    # a caption that opens by naming its picture
    "In this March 3, 2019 file photo, envoys arrive at the venue in the northern city.",
    "In this Monday, May 3, 2021 photo, a guard stands at the gate of the ministry.",
    "In this photo released by the council, delegates sign the accord in the hall.",
    "In this image made from video, a convoy crosses the bridge at dawn.",
])
def test_a_caption_closed_by_a_picture_library_or_its_own_label_or_opened_by_naming_its_picture(caption):
    page = (f"Ministers Meet Over Border Trade\n\nThe talks opened on Monday. Officials said little.\n\n{caption}\n\n"
            "They ended late.\n")
    assert _texts(page, "body") == ["The talks opened on Monday. Officials said little.", "They ended late."]


@pytest.mark.parametrize("para", [
    "In this view of the region, the council is the only broker left.",
    "In this picture the minister drew, the border runs further south.",
    "The envoy kept an album of the talks (file and photo archive).",
    "The council posted its minutes online / on paper.",
])
def test_prose_about_a_view_or_an_archive_is_no_caption(para):
    page = _between_paragraphs(para, "They ended late.")
    assert para in _texts(page, "body")
