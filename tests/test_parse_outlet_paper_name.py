"""A paper is named with its "Báo" (the records' convention: "Báo Lâm Đồng"), whether the name comes
from the outlets table, the page's <title>, its logo or its footer's owner statement."""

import pytest
from _parse_support import parse_page

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


BODY = ("<h1>Đêm thơ Nguyên tiêu bên dòng sông lớn của tỉnh</h1><div class='content'><p>Tối 15 tháng Giêng, "
        "hàng trăm người yêu thơ đã về công viên ven sông dự đêm thơ Nguyên tiêu do hội văn học nghệ thuật tỉnh "
        "tổ chức.</p><p>Chương trình có hơn 30 tiết mục ngâm thơ, đọc thơ và hát thơ của các tác giả trong và "
        "ngoài tỉnh, thu hút đông đảo khán giả.</p></div>")


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        pytest.param("Tạp chí Văn nghệ Sông Xanh - Cơ quan của Hội Văn học Nghệ thuật tỉnh",
                     "Tạp chí Văn nghệ Sông Xanh", id="a-magazine-its-footer-calls-so"),
        pytest.param("Báo Văn nghệ Sông Xanh - Cơ quan của Hội Văn học Nghệ thuật tỉnh",
                     "Báo Văn nghệ Sông Xanh", id="a-paper-its-footer-calls-so"),
        pytest.param("Cơ quan chủ quản: Hội Văn học Nghệ thuật tỉnh", "Văn nghệ Sông Xanh", id="no-opener-anywhere"),
    ],
)
def test_a_magazine_or_paper_is_named_with_its_opener(footer: str, outlet: str) -> None:
    head = ("<title>Đêm thơ Nguyên tiêu bên dòng sông lớn của tỉnh - Văn nghệ Sông Xanh</title>"
            "<meta property='og:site_name' content='Văn nghệ Sông Xanh'>")
    assert parse_page(head, BODY + f"<div class='footer'><p>{footer}</p></div>").outlet == outlet
