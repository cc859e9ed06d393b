"""A writer's professional title before the name ("Luật gia", "Dược sĩ Đại học"), a CMS's
"Được viết bởi" label, a club's media desk signing, and a contact line labelled in the body
(the 104th to 107th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, MORE, TEXT, parse_page

from vnextract.pipeline.parse.bylines import read_credit

HEAD = f"<title>{HEADLINE}</title>"


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Luật gia Trương Thị Ngọc Hân", ("Trương Thị Ngọc Hân",)),
        ("Dược sĩ Đại học Nguyễn Thị Mai Anh", ("Nguyễn Thị Mai Anh",)),
        ("Được viết bởi Nguyễn Văn An", ("Nguyễn Văn An",)),
        ("Media NĐFC", ()),  # a club's media desk: no person
    ],
)
def test_titles_labels_and_desks_of_a_byline(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors


def test_an_author_card_under_the_headline_names_the_pharmacist() -> None:
    card = ("<div class='lc-author-card'><img src='/a.jpg' alt=''><span>Được viết bởi</span> "
            "<a href='/duoc-si/a'>Dược sĩ Đại học Nguyễn Thị Mai Anh</a></div>")
    body = f"<article><h1>{HEADLINE}</h1>{card}<div class='lc-article__content'><p>{TEXT}</p><p>{MORE}</p></div></article>"
    assert parse_page(HEAD, body).author == "Nguyễn Thị Mai Anh"


def test_a_labelled_contact_line_leaves_the_body() -> None:
    contact = ("<p><strong>Thông tin liên hệ:</strong> Phòng Công tác sinh viên, phòng 003, cơ sở 97 Võ Văn Tần. "
               "Điện thoại: (08) 3930 0072.</p>")
    body = f"<article><h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{contact}<p>{MORE}</p></div></article>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)
