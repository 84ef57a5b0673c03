"""Wire credits and staff bylines of invented pages: a credit line is furniture; prose that
cites a wire is article text."""
import pytest

from generator.ingest.articles import clean


def _texts(page: str, role: str) -> list[str]:
    blocks, _, _ = clean(page)
    return [page[b.start:b.end].strip() for b in blocks if b.role == role]


@pytest.mark.parametrize("para", [
    "Reuters says that the minister met the envoy in Valdora on Tuesday.",
    "AFP reported on Monday that Maria Lenz had resigned from the council.",
    "AP quoted a spokesman as saying the border would stay shut.",
    "Reuters' correspondent wrote that the road to the port was closed.",
])
def test_prose_that_cites_a_wire_is_article_text(para):
    page = f"Ministers Meet Over Border Trade\n\nThe talks opened on Monday, officials said.\n\n{para}\n\nThe talks ended late.\n"
    assert para in _texts(page, "body")


@pytest.mark.parametrize("credit", ["Reuters Jane Doe", "AP Photo/Jane Roe", "AFP/Getty Images"])
def test_a_wire_credit_line_stays_furniture(credit):
    page = f"Ministers Meet Over Border Trade\n\nThe talks opened on Monday, officials said.\n\n{credit}\n\nThe talks ended late.\n"
    assert credit not in " ".join(_texts(page, "body"))
