"""Names holding a dash of their own: a province or town written "Bà Rịa - Vũng Tàu" is not cut
at its dash when a <title> or an owner statement is read, and a headline keeps its dash as written."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse.metadata import _segments
from vnextract.pipeline.parse.sites import reader_name, statement_names

HEADLINE = "Mưa lớn kéo dài, nhiều tuyến đường ở Bà Rịa-Vũng Tàu ngập sâu"
PARAGRAPHS = [
    "Từ chiều 12/8, mưa lớn kéo dài hơn ba giờ khiến nhiều tuyến đường trung tâm ngập từ 30 đến 50 cm.",
    "Lực lượng chức năng đã cắm biển cảnh báo và hướng dẫn người dân đi đường khác.",
]


@pytest.mark.parametrize(
    ("title", "pieces"),
    [
        ("Tin nóng - Báo Bà Rịa - Vũng Tàu", ["Tin nóng", "Báo Bà Rịa - Vũng Tàu"]),
        ("Khai mạc hội chợ | TP Phan Rang - Tháp Chàm", ["Khai mạc hội chợ", "TP Phan Rang - Tháp Chàm"]),
        (f"{HEADLINE} - Báo Bà Rịa – Vũng Tàu", [HEADLINE, "Báo Bà Rịa – Vũng Tàu"]),
    ],
)
def test_a_title_is_not_cut_inside_a_place_name(title: str, pieces: list[str]) -> None:
    assert _segments(title) == pieces


def test_an_owner_statement_names_a_province_paper_whole() -> None:
    assert statement_names("Bản quyền thuộc về Báo Bà Rịa - Vũng Tàu - Cơ quan của Tỉnh ủy") == [
        "Báo Bà Rịa - Vũng Tàu"
    ]


def test_a_compound_name_is_written_with_one_dash() -> None:
    assert reader_name("Đài Phát thanh – Truyền hình Gia Lai") == "Đài Phát thanh - Truyền hình Gia Lai"


def test_a_province_paper_keeps_its_whole_name_and_the_headline_its_own_dash() -> None:
    paper = "Báo Bà Rịa - Vũng Tàu"
    body = (f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in PARAGRAPHS) + "</article>"
            f"<footer><p>{paper} - Cơ quan của Đảng bộ tỉnh</p></footer>")
    article = parse_page(f"<title>{HEADLINE} - {paper}</title>", body)
    assert (article.title, article.outlet) == (HEADLINE, paper)
