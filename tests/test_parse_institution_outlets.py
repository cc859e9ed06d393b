"""How a site that names itself nowhere as a paper does is named: an institution's name signing
its <title>, a banner's picture naming the portal, a copyright line "© 2019 thuộc về X", a quote
mark left from the statement a name was cut from."""

import pytest
from _parse_support import HEADLINE, MORE, TEXT, parse_page

from vnextract.pipeline.parse.sites import names_institution, reader_name

BODY = f"<article><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p></article>"


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        ("Cục Cảnh sát giao thông", True),
        ("Ngân hàng TMCP Á Châu", True),
        ("Tổng cục Phòng, chống thiên tai", True),
        ("Trường Giang", False),  # a person's name: no lowercase word
        ("Trường Đại Học", False),
        ("Tin tức", False),
    ],
)
def test_an_institutions_name(text: str, institution: bool) -> None:
    assert names_institution(text) is institution


def test_an_institution_signing_its_title_names_the_site() -> None:
    assert parse_page(f"<title>{HEADLINE} | Cục Cảnh sát giao thông</title>", BODY).outlet == "Cục Cảnh sát giao thông"


def test_a_banners_picture_names_the_portal() -> None:
    banner = ("<div class='banner'><img src='/PublishingImages/banner-tinhuy.png' "
              "alt='Trang thông tin điện tử Đảng bộ tỉnh Gia Lai'></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", banner + BODY).outlet == "Trang thông tin điện tử Đảng bộ tỉnh Gia Lai"


def test_a_copyright_line_with_its_year_before_the_holder() -> None:
    logo = "<div class='logo'><img src='/logo/acb-logo.svg' alt='Ngân hàng TMCP Á Châu'></div>"
    footer = "<footer><p>Bản quyền © 2019 thuộc về Ngân hàng TMCP Á Châu</p></footer>"
    assert parse_page(f"<title>{HEADLINE}</title>", logo + BODY + footer).outlet == "Ngân hàng TMCP Á Châu"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('Trang thông tin điện tử Đảng bộ tỉnh Ninh Thuận"', "Trang thông tin điện tử Đảng bộ tỉnh Ninh Thuận"),
        ("Đài phát thanh “Tiếng nói nước Nga”", "Đài phát thanh “Tiếng nói nước Nga”"),
        ('Đài "Tiếng nói nước Nga"', 'Đài "Tiếng nói nước Nga"'),
    ],
)
def test_a_quote_mark_left_from_a_statement_goes(text: str, name: str) -> None:
    assert reader_name(text) == name
