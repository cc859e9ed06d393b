"""The province of each location: from the hierarchy, from the article's other places, by date."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from vnextract.pipeline.extract import components
from vnextract.pipeline.extract.place_provinces import with_provinces
from vnextract.pipeline.extract.places import Located
from vnextract.pipeline.extract.values import LOCATIONS, EntityValue
from vnextract.pipeline.nlp import build_nlp
from vnextract.pipeline.nlp.normalize import normalize_text


@pytest.fixture(scope="module")
def nlp():
    """Sentences and entities only."""
    return build_nlp(components("vnx_sentences", "vnx_entities"))


def provinces(nlp, text: str, published: str | None) -> dict[str, str | None]:
    """Location name -> its province, as the entities component sets them."""
    doc = nlp.make_doc(normalize_text(text))
    doc._.published = published
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return {span._.entity.name: span._.entity.province for span in doc.spans[LOCATIONS]}


class Example(NamedTuple):
    text: str
    published: str | None
    expected: dict[str, str | None]


EXAMPLES = [
    pytest.param(Example("Ngày 4/1, Huyện ủy Đức Trọng tổ chức tổng kết năm 2023.", "2024-01-04",
                         {"Đức Trọng": "Lâm Đồng"}), id="district-inside-an-organisation"),
    pytest.param(Example("Đảng bộ huyện Đức Trọng có 4.872 đảng viên. Đức Trọng đặt ra chỉ tiêu.", "2024-01-04",
                         {"Đức Trọng": "Lâm Đồng"}), id="district-then-bare"),
    pytest.param(Example("Lãnh đạo TP.HCM và Hà Nội ký kết hợp tác.", "2024-05-01",
                         {"TP.HCM": "Hồ Chí Minh", "Hà Nội": "Hà Nội"}), id="provinces-are-their-own"),
    pytest.param(Example("Du khách đến TP Phú Quốc và TP Thủ Đức tăng mạnh.", "2024-05-01",
                         {"Phú Quốc": "Kiên Giang", "Thủ Đức": "Hồ Chí Minh"}), id="district-level-cities"),
    pytest.param(Example("Tại huyện Châu Thành, tỉnh Tiền Giang, nông dân thu hoạch lúa.", "2024-03-01",
                         {"Châu Thành": "Tiền Giang", "Tiền Giang": "Tiền Giang"}), id="shared-name-by-its-province"),
    pytest.param(Example("Nông dân huyện Châu Thành và huyện Chợ Gạo thu hoạch lúa sớm.", "2024-03-01",
                         {"Châu Thành": "Tiền Giang", "Chợ Gạo": "Tiền Giang"}), id="shared-name-by-a-neighbour"),
    pytest.param(Example("Nông dân huyện Châu Thành thu hoạch lúa sớm hơn mọi năm.", "2024-03-01",
                         {"Châu Thành": None}), id="shared-name-alone-unknown"),
    pytest.param(Example("Huyện Châu Thành của Bến Tre và huyện Châu Thành của Trà Vinh cùng thu hoạch.",
                         "2024-03-01", {"Châu Thành": None, "Bến Tre": "Bến Tre", "Trà Vinh": "Trà Vinh"}),
                 id="shared-name-tie-unknown"),
    pytest.param(Example("Tai nạn xảy ra tại huyện Quảng Ninh, tỉnh Quảng Bình.", "2024-01-10",
                         {"Quảng Ninh": "Quảng Bình", "Quảng Bình": "Quảng Bình"}), id="district-named-as-a-province"),
    pytest.param(Example("Người dân xã Hiệp Thạnh, huyện Đức Trọng nhận tiền bồi thường.", "2024-03-01",
                         {"Hiệp Thạnh": "Lâm Đồng", "Đức Trọng": "Lâm Đồng"}), id="commune-before-its-district"),
    pytest.param(Example("Ông A sống ở thôn Hòa Bình, xã Tân Hà, huyện Lâm Hà.", "2024-03-01",
                         {"Hòa Bình": "Lâm Đồng", "Tân Hà": "Lâm Đồng", "Lâm Hà": "Lâm Đồng"}),
                 id="village-named-like-a-province"),
    pytest.param(Example("Hà Nội cử đoàn công tác. Thiệt hại nặng nhất ở xã Tân Hà.", "2024-03-01",
                         {"Hà Nội": "Hà Nội", "Tân Hà": "Hà Nội"}), id="commune-in-the-one-province-named"),
    pytest.param(Example("Đoàn của Nhật Bản đến Hà Nội rồi thăm xã Tân Hà.", "2024-03-01",
                         {"Nhật Bản": None, "Hà Nội": "Hà Nội", "Tân Hà": None}), id="commune-with-a-foreign-country"),
    pytest.param(Example("Thủ tướng Nhật Bản thăm Tokyo và Osaka.", "2024-01-10",
                         {"Nhật Bản": None, "Tokyo": None, "Osaka": None}), id="abroad"),
    pytest.param(Example("Quận ủy Từ Liêm tổ chức hội nghị tổng kết.", "2012-05-10",
                         {"Từ Liêm": "Hà Nội"}), id="archive-of-2012"),
    pytest.param(Example("Người dân TP Gia Nghĩa đón Tết sớm.", "2024-01-10",
                         {"Gia Nghĩa": "Đắk Nông"}), id="before-the-merger"),
    pytest.param(Example("Người dân TP Gia Nghĩa đón Tết sớm.", "2026-01-10",
                         {"Gia Nghĩa": "Lâm Đồng"}), id="after-the-merger"),
    pytest.param(Example("Lãnh đạo tỉnh Bình Dương (cũ) và TP Thủ Đức cho biết dự án đã xong.", "2026-01-10",
                         {"Bình Dương": "Hồ Chí Minh", "Thủ Đức": "Hồ Chí Minh"}), id="old-province-after-the-merger"),
    pytest.param(Example("Quận ủy Từ Liêm tổ chức hội nghị tổng kết.", None,
                         {"Từ Liêm": "Hà Nội"}), id="no-date"),
]


@pytest.mark.parametrize("example", EXAMPLES)
def test_extract_places_provinces_of_locations(nlp, example: Example) -> None:
    assert provinces(nlp, example.text, example.published) == example.expected


def test_extract_places_provinces_chain_needs_adjacency() -> None:
    """A commune takes the province of the place written right after it, not of one further on."""
    text = "xã Tân Hà có mưa lớn, còn Đức Trọng thì không; Hà Nội và TP.HCM cũng vậy."
    located = [
        Located(3, 9, EntityValue("Tân Hà", "commune")),
        Located(26, 35, EntityValue("Đức Trọng", "district")),
        Located(47, 53, EntityValue("Hà Nội", "city")),
        Located(57, 63, EntityValue("TP.HCM", "city")),
    ]
    assert [text[loc.start : loc.end] for loc in located] == ["Tân Hà", "Đức Trọng", "Hà Nội", "TP.HCM"]
    found = [loc.value.province for loc in with_provinces(text, located, "2024-01-01")]
    assert found == [None, "Lâm Đồng", "Hà Nội", "Hồ Chí Minh"]  # three provinces named: no sole one
