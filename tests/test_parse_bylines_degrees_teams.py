"""Bylines with degrees before the names, a workplace after a dash, a desk's signature and a CMS's
default user (bylines.tsv: degree, affiliation, team, not_author)."""

import pytest

from vnextract.pipeline.parse.bylines import is_not_author, read_credit, without_degrees


@pytest.mark.parametrize(
    "line, authors",
    [
        pytest.param("TS. Lê Hoa, ThS. Đỗ Văn Bình", ("Lê Hoa", "Đỗ Văn Bình"), id="degrees-before-each"),
        pytest.param("PGS.TS. Trần Minh Khôi", ("Trần Minh Khôi",), id="chained-degrees"),
        pytest.param("BS.CKII Vũ Thị Lan", ("Vũ Thị Lan",), id="degree-and-speciality"),
        pytest.param("BS. Hồ Thanh - Khoa Cấp cứu", ("Hồ Thanh",), id="workplace-after-dash"),
        pytest.param("Quang Huy - Trung tâm Y tế huyện", ("Quang Huy",), id="centre-after-dash"),
        pytest.param("Ngọc Diệp - Hải Yến", ("Ngọc Diệp", "Hải Yến"), id="two-names-stay-two"),
        pytest.param("Nhóm phóng viên: Hà Linh - Tuấn Kiệt", ("Hà Linh", "Tuấn Kiệt"), id="team-label-with-colon"),
        pytest.param("NHÓM PHÓNG VIÊN THỜI SỰ", (), id="desk-signature"),
        pytest.param("Ban Kinh tế", (), id="desk-by-its-section"),
    ],
)
def test_read_credit_names(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None
    assert credit.authors == authors


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("ThS. Vũ Long", "Vũ Long", id="master"),
        pytest.param("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", id="no-dot-no-degree"),
        pytest.param("Cn. Hà", "Hà", id="bachelor"),
        pytest.param("số 5. Ts", "số 5. Ts", id="degree-must-precede-a-name"),
    ],
)
def test_without_degrees(text: str, expected: str) -> None:
    assert without_degrees(text) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        pytest.param("Super User", True, id="joomla-default-user"),
        pytest.param("Phạm Thu Hà", False, id="a-person"),
    ],
)
def test_cms_default_users_are_no_author(name: str, expected: bool) -> None:
    assert is_not_author(name) is expected
