"""A writer's professional title before the name ("Luật gia", "Dược sĩ Đại học"), a CMS's
"Được viết bởi" label, a club's media desk and an office's initials signing, a contact line
labelled in the body, a view counter, and a meta line giving the name in an element of its own
(the 104th to 111th held-out rounds)."""

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


@pytest.mark.parametrize("line", ["Phòng CTXH", "by Phòng CTXH", "Phòng TCHC", "Phòng PV11"])
def test_an_office_signing_by_its_initials_names_no_author(line: str) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == ()


def test_a_court_clerk_signs_with_her_title_before_her_name() -> None:
    credit = read_credit("Thư ký Tòa án Võ Thị Mỹ Linh")
    assert credit is not None and credit.authors == ("Võ Thị Mỹ Linh",)


def test_a_view_counter_in_the_body_is_no_text() -> None:
    body = f"<article><h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p><p>Số lần xem: 2415</p></div></article>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)


@pytest.mark.parametrize(
    ("meta", "author"),
    [
        ("<font><i>Lê Thị Ngọc Diệp</i></font> &nbsp; <font color='#999'>Cập nhật ngày: 12/10/2012</font>",
         "Lê Thị Ngọc Diệp"),
        ("Thứ Sáu, 30/06/2017, 16:45 [GMT+7] &nbsp; <span class='view'>In bài</span>", None),  # a print link
        ("<span class='date'>14/06/2012</span><span class='cat'>Tin Nông nghiệp</span>", None),  # a category
    ],
)
def test_a_name_in_an_element_of_its_own_beside_the_date(meta: str, author: str | None) -> None:
    body = (f"<table><tr><td><b>{HEADLINE}</b></td></tr><tr><td>{meta}</td></tr>"
            f"<tr><td><p>{TEXT}</p><p>{MORE}</p></td></tr></table>")
    assert parse_page(HEAD, body).author == author
