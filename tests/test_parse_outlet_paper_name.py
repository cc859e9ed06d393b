"""A paper is named with its "Báo" (the records' convention: "Báo Lâm Đồng"), whether the name comes
from the outlets table, the page's <title>, its logo or its footer's owner statement."""

import pytest

from vnextract.pipeline.parse.sites import paper_name, statement_names


@pytest.mark.parametrize(
    "domain, name, aliases, expected",
    [
        pytest.param("paper.example", "Tin Sáng", ("Báo Tin Sáng",), "Báo Tin Sáng", id="alias-with-bao"),
        pytest.param("paper.example", "Tin Sáng", ("Tin Sáng Online",), "Tin Sáng", id="no-bao-alias"),
        pytest.param("paper.example", "Tạp chí Gốm", ("Báo Tạp chí Gốm",), "Tạp chí Gốm", id="already-an-outlet-name"),
        pytest.param("tuoitre.vn", "Tuổi Trẻ", ("Báo Tuổi Trẻ",), "Tuổi Trẻ", id="adapter-names-it"),
    ],
)
def test_paper_name_from_the_table(domain: str, name: str, aliases: tuple[str, ...], expected: str) -> None:
    assert paper_name(domain, name, aliases) == expected


@pytest.mark.parametrize(
    "text, names",
    [
        pytest.param("Báo Sông Xanh - Cơ quan của Tỉnh ủy", ["Báo Sông Xanh"], id="owner-statement"),
        pytest.param("Bản quyền thuộc về Báo Núi Cao. Ghi rõ nguồn khi đăng lại", ["Báo Núi Cao"], id="copyright"),
        pytest.param("Tạp chí Kinh tế & Nhà đất | Giấy phép số 12", ["Tạp chí Kinh tế & Nhà đất"], id="magazine-pipe"),
        pytest.param("Độc giả báo tin cho tòa soạn", [], id="lower-case-verb"),
        pytest.param("Báo " + "chữ " * 12, [], id="too-long-to-be-a-name"),
    ],
)
def test_statement_names_in_a_footer(text: str, names: list[str]) -> None:
    assert statement_names(text) == names
