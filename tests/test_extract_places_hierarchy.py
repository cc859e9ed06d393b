"""The administrative hierarchy tables: provinces of the 63 and the 34, districts, and look-ups."""

from __future__ import annotations

import re
import unicodedata

import pytest

from vnextract.pipeline.extract import admin_units as A
from vnextract.pipeline.extract.lexicons import LEXICONS, load_tsv
from vnextract.pipeline.nlp.normalize import normalize_text

TABLES = ["admin_districts.tsv", "admin_provinces.tsv", "provinces.tsv"]
LEVELS = {"quận", "huyện", "thị xã", "thành phố"}


def provinces_of_era(*eras: str) -> set[str]:
    return {row[0] for row in load_tsv("provinces.tsv") if row[2] in eras}


@pytest.mark.parametrize("name", TABLES)
def test_extract_places_hierarchy_table_names_source_and_licence(name: str) -> None:
    first = (LEXICONS / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "Source:" in first and "licence:" in first


@pytest.mark.parametrize("name", TABLES)
def test_extract_places_hierarchy_cells_are_normalised(name: str) -> None:
    """NFC with tone marks where the text normaliser puts them, so every cell can match the text."""
    for row in load_tsv(name):
        for cell in row:
            assert unicodedata.normalize("NFC", cell) == cell == normalize_text(cell), cell


def test_extract_places_hierarchy_63_provinces_into_34() -> None:
    assert set(A.successors()) == provinces_of_era("old", "both")
    assert len(A.successors()) == 63
    assert set(A.successors().values()) == provinces_of_era("new", "both")
    assert len(set(A.successors().values())) == 34


def test_extract_places_hierarchy_gso_codes_unique() -> None:
    codes = list(A.gso_codes().values())
    assert all(re.fullmatch(r"\d\d", code) for code in codes)
    assert len(set(codes)) == len(codes) == 63


def test_extract_places_hierarchy_every_district_in_a_province_of_the_63() -> None:
    provinces = set(A.successors())
    assert {d.province for d in A.districts()} == provinces  # none missing, none unknown
    for district in A.districts():
        assert district.level in LEVELS, district
        assert district.until is None or 2012 <= district.until <= 2025, district


def test_extract_places_hierarchy_no_duplicated_rows() -> None:
    keys = [(d.province, d.name.casefold(), d.level) for d in A.districts()]
    assert len(keys) == len(set(keys))
    for district in A.districts():  # an alias is another spelling, not the name again
        assert len({A._key(s) for s in (district.name, *district.aliases)}) == 1 + len(district.aliases), district


def test_extract_places_hierarchy_size() -> None:
    """Around 700 district-level units stood at any time of the era; merged ones are kept."""
    current = [d for d in A.districts() if d.until is None]
    assert 690 <= len(current) <= 720
    assert len(A.districts()) > len(current)


@pytest.mark.parametrize(
    ("district", "provinces"),
    [
        pytest.param("Đức Trọng", ("Lâm Đồng",), id="duc-trong"),
        pytest.param("Thủ Đức", ("Hồ Chí Minh",), id="thu-duc"),
        pytest.param("Phú Quốc", ("Kiên Giang",), id="phu-quoc"),
        pytest.param("Gia Nghĩa", ("Đắk Nông",), id="gia-nghia"),
        pytest.param("Buôn Ma Thuột", ("Đắk Lắk",), id="buon-ma-thuot"),
        pytest.param("Từ Liêm", ("Hà Nội",), id="merged-away-2013"),
        pytest.param("Quận 1", ("Hồ Chí Minh",), id="numbered"),
        pytest.param("Q.9", ("Hồ Chí Minh",), id="numbered-abbreviated-former"),
        pytest.param("quận 01", ("Hồ Chí Minh",), id="numbered-zero"),
        pytest.param("Đak Đoa", ("Gia Lai",), id="dak-spelling"),
        pytest.param("Cư M’gar", ("Đắk Lắk",), id="curly-apostrophe"),
        pytest.param("Phan Rang", ("Ninh Thuận",), id="alias"),
        pytest.param("Tân Phú", ("Hồ Chí Minh", "Đồng Nai"), id="two-provinces"),
        pytest.param("Sơn Tây", ("Hà Nội", "Quảng Ngãi"), id="town-and-district"),
        pytest.param("Quảng Ninh", ("Quảng Bình",), id="district-named-as-a-province"),
        pytest.param("Hà Lan", (), id="not-a-district"),
    ],
)
def test_extract_places_hierarchy_provinces_of_district(district: str, provinces: tuple[str, ...]) -> None:
    assert A.provinces_of_district(district) == tuple(sorted(provinces))


def test_extract_places_hierarchy_chau_thanh_is_ambiguous() -> None:
    assert len(A.provinces_of_district("Châu Thành")) >= 8


@pytest.mark.parametrize(
    ("name", "province"),
    [
        pytest.param("Lâm Đồng", "Lâm Đồng", id="as-written"),
        pytest.param("TP.HCM", "Hồ Chí Minh", id="spelling"),
        pytest.param("Đắc Lắc", "Đắk Lắk", id="old-spelling"),
        pytest.param("Huế", "Thừa Thiên Huế", id="name-of-the-34-only"),
        pytest.param("Thừa Thiên - Huế", "Thừa Thiên Huế", id="name-of-the-63"),
        pytest.param("Nhật Bản", None, id="country"),
        pytest.param("London", None, id="foreign-city"),
        pytest.param("Tây Nguyên", None, id="region"),
    ],
)
def test_extract_places_hierarchy_province_named(name: str, province: str | None) -> None:
    assert A.province_named(name) == province


@pytest.mark.parametrize(
    ("province", "published", "expected"),
    [
        pytest.param("Đắk Nông", "2025-06-30", "Đắk Nông", id="day-before-the-merger"),
        pytest.param("Đắk Nông", "2025-07-01", "Lâm Đồng", id="merger-day"),
        pytest.param("Bình Dương", "2026-02-01T08:00:00+07:00", "Hồ Chí Minh", id="datetime"),
        pytest.param("Thừa Thiên Huế", "2025-09-01", "Huế", id="renamed"),
        pytest.param("Hà Nội", "2026-01-01", "Hà Nội", id="kept"),
        pytest.param("Hà Giang", None, "Hà Giang", id="no-date"),
        pytest.param("Hà Giang", "2012-04-01", "Hà Giang", id="old-archive"),
    ],
)
def test_extract_places_hierarchy_province_as_of(province: str, published: str | None, expected: str) -> None:
    assert A.province_as_of(province, published) == expected
