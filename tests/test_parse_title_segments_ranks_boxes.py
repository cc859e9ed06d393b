"""A <title> of several segments confirms only its longest (the headline); a rank before a
byline name; an office signing a credit; a box drawn by inline style inside the body; a
description that repeats the headline; a lead classed "desc"."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.bylines import read_credit, without_degrees

HEADLINE = "Xã Tân Lập khánh thành cây cầu mới nối hai thôn bên suối"
LEAD = "Cây cầu dài 40 m nối thôn 3 với thôn 5 giúp hơn 300 hộ dân không còn phải lội suối mỗi mùa mưa."
PARAGRAPHS = (
    ("Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông bắc qua suối Đá, sau bốn "
    "tháng thi công bằng vốn ngân sách và đóng góp của người dân trong xã."),
    ("Trước đây, mỗi mùa mưa lũ người dân hai thôn phải đi vòng hơn 7 km để đến trường học "
    "và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền."),
)
PROSE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


@pytest.mark.parametrize(
    "title",
    [
        pytest.param(f"Công an huyện Tân Lập | Tin hoạt động | {HEADLINE}", id="site-section-headline"),
        pytest.param(f"{HEADLINE} - Tin hoạt động - Công an huyện Tân Lập", id="headline-section-site"),
    ],
)
def test_title_segments_confirm_only_the_headline(title: str) -> None:
    body = ("<div class='portal-header'><h1>CÔNG AN HUYỆN TÂN LẬP</h1></div>"
            "<div class='portlet'><h1>Tin hoạt động</h1></div>"
            f"<div class='news-title'>{HEADLINE}</div><div class='news-content'>{PROSE}</div>")
    assert parse_page(f"<title>{title}</title>", body).title == HEADLINE


@pytest.mark.parametrize(
    "line, authors",
    [
        pytest.param("Thượng úy Phạm Hoàng Duy", ("Phạm Hoàng Duy",), id="rank-before-name"),
        pytest.param("ĐẠI TÁ NGUYỄN VĂN AN", ("NGUYỄN VĂN AN",), id="rank-in-capitals"),
        pytest.param("Trung tá Lê Hòa - Thiếu úy Vũ Minh", ("Lê Hòa", "Vũ Minh"), id="rank-before-each-name"),
        pytest.param("Tin, ảnh: Phòng Truyền thông", (), id="office-signs-the-credit"),
        pytest.param("Bài: Ban Tuyên giáo Huyện ủy", (), id="party-board-signs"),
        pytest.param("Bài: Đoàn Minh Tuấn", ("Đoàn Minh Tuấn",), id="surname-like-an-office-word"),
    ],
)
def test_credit_names(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None
    assert credit.authors == authors


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Đại úy công an xã", "Đại úy công an xã", id="rank-before-lowercase-stays"),
        pytest.param("Thiếu tướng Trần Hùng", "Trần Hùng", id="general"),
    ],
)
def test_ranks_dropped_only_before_names(text: str, expected: str) -> None:
    assert without_degrees(text) == expected


@pytest.mark.parametrize(
    "name, style, boxed",
    [
        pytest.param("div", "border:1px solid #ccc", True, id="bordered-div"),
        pytest.param("table", "background:#eef5ff; width:90%", True, id="filled-table"),
        pytest.param("div", "background-color:#fff", False, id="white-background"),
        pytest.param("div", "border:0; width:100%", False, id="no-border"),
        pytest.param("p", "border:1px dashed #999", True, id="a-framed-paragraph"),
        pytest.param("p", "background:#fffbe6", False, id="a-highlighted-paragraph-is-text"),
        pytest.param("table", "border-collapse:collapse", False, id="collapse-is-no-border"),
    ],
)
def test_boxed_style(name: str, style: str, boxed: bool) -> None:
    assert furniture.is_boxed(name, {"style": style}) is boxed


def test_box_in_body_dropped_and_lead_by_desc_class() -> None:
    head = (f"<title>{HEADLINE} | Kinh tế | Báo Tân Lập</title>"
            f"<meta property='og:description' content='{HEADLINE}'>")
    body = (f"<h1 class='title'>{HEADLINE}</h1><div class='desc'>{LEAD}</div><div class='detail'>{PROSE}"
            "<div class='note' style='border:1px solid #ccc'><b>Thông tin cần biết:</b> Đường dây nóng: 1900 1234</div>"
            "</div>")
    article = parse_page(head, body)
    assert article.sapo == LEAD
    assert article.paragraphs == PARAGRAPHS


def test_description_repeating_the_headline_is_no_lead() -> None:
    head = f"<title>{HEADLINE}</title><meta name='description' content='{HEADLINE}'>"
    article = parse_page(head, f"<h1>{HEADLINE}</h1><div class='content'>{PROSE}</div>")
    assert article.sapo != HEADLINE
