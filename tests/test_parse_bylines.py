from __future__ import annotations

from typing import NamedTuple

import pytest

from vnextract.pipeline.parse.bylines import (
    is_syllable,
    read_credit,
    split_glued_byline,
    split_glued_title,
    split_photo_credits,
    take_credits,
)
from vnextract.pipeline.parse.text import parse_text
from vnextract.pipeline.types import RawDocument

BODY = "Chiều 3/4, UBND huyện tổ chức hội nghị sơ kết công tác quý I."


class Example(NamedTuple):
    line: str
    authors: tuple[str, ...]
    photo: tuple[str, ...] = ()


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(Example("Lê Hạnh", ("Lê Hạnh",)), id="name"),
        pytest.param(Example("ĐINH SƠN", ("ĐINH SƠN",)), id="upper-case-name"),
        pytest.param(Example("Tâm.", ("Tâm",)), id="one-syllable-with-stop"),
        pytest.param(Example("T.H (th)", ("T.H",)), id="initials-and-note"),
        pytest.param(Example("B.Ngọc", ("B.Ngọc",)), id="initial-and-syllable"),
        pytest.param(Example("Bảo Châu (Tổng hợp)", ("Bảo Châu",)), id="compiler-note"),
        pytest.param(Example("Q.T ( Tổng hợp )", ("Q.T",)), id="spaced-note"),
        pytest.param(Example("VŨ KHANH - MAI LINH", ("VŨ KHANH", "MAI LINH")), id="two-upper-names"),
        pytest.param(Example("Ngọc Hà, Đức Minh", ("Ngọc Hà", "Đức Minh")), id="two-names-comma"),
        pytest.param(Example("Ngọc Hà và Đức Minh", ("Ngọc Hà", "Đức Minh")), id="two-names-and"),
        pytest.param(Example("Theo Hoài Nam baomoi.vn", ("Hoài Nam",)), id="theo-name-domain"),
        pytest.param(Example("Theo Hoài Nam (Tổng hợp) (Sống khỏe)", ("Hoài Nam",)), id="theo-note-outlet"),
        pytest.param(Example("Theo Hoài Nam/Reuters", ("Hoài Nam",)), id="theo-name-slash-outlet"),
        pytest.param(Example("(Theo Sky News)", ()), id="bracketed-source"),
        pytest.param(Example("Theo AFP", ()), id="source-only"),
        pytest.param(Example("Theo Tuổi trẻ", ()), id="vietnamese-outlet-is-no-author"),
        pytest.param(Example("Quốc Bảo (Theo BBC)", ("Quốc Bảo",)), id="name-and-source"),
        pytest.param(Example("Quốc Bảo Theo BBC", ("Quốc Bảo",)), id="name-then-theo"),
        pytest.param(Example("Theo Kiều AnhBáo Nông thôn", ("Kiều Anh",)), id="glued-outlet"),
        pytest.param(Example("H.Lan tổng hợp từ AFP, Reuters", ("H.Lan",)), id="compiled-from"),
        pytest.param(Example("Gia Huy (t/h) Thảo Vy", ("Gia Huy", "Thảo Vy")), id="note-between-names"),
        pytest.param(Example("Gia Huy (T/h) Bí quyết giảm cân trong 7 ngày", ("Gia Huy",)), id="ad-after-byline"),
        pytest.param(Example("Ảnh: Thế Dũng", (), ("Thế Dũng",)), id="photo-credit"),
        pytest.param(Example("Ảnh: AFP", (), ("AFP",)), id="photo-agency"),
        pytest.param(Example("Ảnh: AP Thu Hà (Theo AP)", ("Thu Hà",), ("AP",)), id="photo-then-byline"),
        pytest.param(Example("Bài và ảnh: Khánh Linh", ("Khánh Linh",)), id="byline-label"),
    ],
)
def test_bylines_read_credit_names(example: Example) -> None:
    credit = read_credit(example.line)
    assert credit is not None
    assert (credit.authors, credit.photo) == (example.authors, example.photo)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Theo đó, giá điện tăng 3%.", id="sentence-opening-with-theo"),
        pytest.param("Theo Sở Y tế, số ca mắc giảm.", id="theo-an-office"),
        pytest.param("Ông Hải cho biết.", id="short-sentence"),
        pytest.param("Xin trân trọng cảm ơn!", id="closing-words"),
        pytest.param("Hết.", id="the-end"),
        pytest.param("TIN LIÊN QUAN", id="related-heading-in-capitals"),
        pytest.param("Tuấn Anh Minh Hà Lan Phương Thu Trang", id="too-many-names"),
        pytest.param("Nguyễn Văn Hải Long Khánh Toàn", id="name-too-long"),
        pytest.param("Năm 2024 (dự kiến)", id="number"),
        pytest.param("UBND TP", id="acronyms-alone"),
        pytest.param("Tuổi trẻ", id="outlet-without-theo"),
        pytest.param("Lúc 10 giờ, Ảnh: X", id="photo-label-inside-a-sentence"),
    ],
)
def test_bylines_read_credit_leaves_text(line: str) -> None:
    assert read_credit(line) is None


@pytest.mark.parametrize(
    "paragraph, body, names",
    [
        pytest.param("Cuộc họp kết thúc lúc 11 giờ. HOÀNG MAI", "Cuộc họp kết thúc lúc 11 giờ.", ["HOÀNG MAI"], id="after-sentence"),
        pytest.param("Ông nói: “Chúng tôi sẽ làm”. LÊ THU", "Ông nói: “Chúng tôi sẽ làm”.", ["LÊ THU"], id="after-quote"),
        pytest.param("trả lời của TAND TP.HCM NGÔ HÀ", "trả lời của TAND TP.HCM", ["NGÔ HÀ"], id="after-acronym"),
        pytest.param("văn bản ngày 3-4-2019 TRẦN AN", "văn bản ngày 3-4-2019", ["TRẦN AN"], id="after-date"),
        pytest.param("đã xong. MAI AN - BẢO NGỌC", "đã xong.", ["MAI AN", "BẢO NGỌC"], id="two-names"),
        pytest.param("danh sách 29A - 1234 .. VÕ HÙNG", "danh sách 29A - 1234 ..", ["VÕ HÙNG"], id="after-dots"),
        pytest.param("quyết định của ông NGUYỄN VĂN AN", None, [], id="name-in-the-sentence"),
        pytest.param("thuộc Công ty TNHH MINH PHÁT", None, [], id="company-name"),
        pytest.param("trụ sở tại TP. HỒ CHÍ MINH", None, [], id="place-after-abbreviation"),
        pytest.param("kiểm tra của UBND HĐND", None, [], id="acronyms-are-no-syllables"),
        pytest.param("quyết định của UBND TỈNH AN GIANG", None, [], id="place-in-capitals"),
        pytest.param("đã xong. AN", None, [], id="one-word"),
        pytest.param("CẢNH BÁO LỪA ĐẢO", None, [], id="whole-line-in-capitals"),
    ],
)
def test_bylines_split_glued_byline(paragraph: str, body: str | None, names: list[str]) -> None:
    assert split_glued_byline(paragraph) == (paragraph if body is None else body, names)


@pytest.mark.parametrize(
    "line, names",
    [
        pytest.param(">> Giá lúa tăng mạnh sau mùa lũ Minh Khôi", ["Minh Khôi"], id="title-case-tail"),
        pytest.param(">> Giá lúa tăng mạnh tại Cần Thơ", [], id="place-after-a-preposition"),
        pytest.param(">> Tiếp xúc cử tri với ông Lê Minh", [], id="person-after-a-title-word"),
        pytest.param(">> Giá lúa tăng mạnh sau mùa lũ THU AN", ["THU AN"], id="upper-case-tail"),
        pytest.param(">> Giá lúa tăng mạnh", [], id="no-name"),
    ],
)
def test_bylines_split_glued_title(line: str, names: list[str]) -> None:
    assert split_glued_title(line)[1] == names


@pytest.mark.parametrize(
    "paragraphs, body, authors, credits",
    [
        pytest.param([BODY, "Lê Hạnh"], [BODY], ["Lê Hạnh"], [], id="last-line-name"),
        pytest.param([BODY, "Tâm.", "(Theo Sky News)"], [BODY], ["Tâm"], [], id="name-then-source"),
        pytest.param([BODY, ">> Giá lúa tăng mạnh sau mùa lũ Minh Khôi"], [BODY], ["Minh Khôi"], [], id="related-link-with-byline"),
        pytest.param([BODY, ">> Giá lúa tăng mạnh", "Đoạn cuối."], [BODY, "Đoạn cuối."], [], [], id="related-link-dropped"),
        pytest.param([BODY, "Ảnh: Thế Dũng", "Đoạn cuối."], [BODY, "Đoạn cuối."], [], ["Ảnh: Thế Dũng"], id="photo-credit-line"),
        pytest.param([BODY + " THU TRANG"], [BODY], ["THU TRANG"], [], id="glued-upper-case"),
        pytest.param([BODY, "Ngọc Hà", "Đức Minh", "Bảo Châu"], [BODY, "Ngọc Hà", "Đức Minh"], ["Bảo Châu"], [],
                     id="a-list-of-names-is-no-byline"),
        pytest.param(["Lê Hạnh"], ["Lê Hạnh"], [], [], id="never-empties-the-body"),
        pytest.param([BODY, "Ông Hải cho biết."], [BODY, "Ông Hải cho biết."], [], [], id="sentence-stays"),
    ],
)
def test_bylines_take_credits(paragraphs, body, authors, credits) -> None:
    tail = take_credits(paragraphs)
    assert (tail.paragraphs, tail.authors, tail.credits) == (body, authors, credits)


@pytest.mark.parametrize(
    "paragraph, pieces, credits",
    [
        pytest.param("Lễ khánh thành cầu mới Ảnh: Minh Khôi Sáng 2/9, người dân đến dự.",
                     ["Lễ khánh thành cầu mới", "Sáng 2/9, người dân đến dự."], ["Ảnh: Minh Khôi"], id="between-caption-and-text"),
        pytest.param("Ảnh: Bảo Ngọc Năm 2023, huyện có 5 xã.", ["Năm 2023, huyện có 5 xã."], ["Ảnh: Bảo Ngọc"], id="opening-a-paragraph"),
        pytest.param("Ảnh: Quốc Tuấn/VNA Với các xã còn lại, ...", ["Với các xã còn lại, ..."], ["Ảnh: Quốc Tuấn/VNA"], id="agency"),
        pytest.param("Ảnh: Reuters Thủ tướng phát biểu.", ["Thủ tướng phát biểu."], ["Ảnh: Reuters"], id="foreign-agency"),
        pytest.param("đập tràn ngày 5.2 Ảnh Tô Văn Kiên Ngày 9.2, nước rút.", ["đập tràn ngày 5.2", "Ngày 9.2, nước rút."],
                     ["Ảnh Tô Văn Kiên"], id="without-colon"),
        pytest.param("Người dân nhận gạo Ảnh minh họa Trong năm, tỉnh hỗ trợ.", ["Người dân nhận gạo", "Trong năm, tỉnh hỗ trợ."],
                     ["Ảnh minh họa"], id="illustration"),
        pytest.param("Ảnh hưởng của bão số 3 kéo dài.", ["Ảnh hưởng của bão số 3 kéo dài."], [], id="a-word-not-a-label"),
        pytest.param("Hình ảnh camera cho thấy xe chạy nhanh.", ["Hình ảnh camera cho thấy xe chạy nhanh."], [], id="label-word-in-text"),
        pytest.param("Ảnh Minh Khôi nói", ["Ảnh Minh Khôi nói"], [], id="one-name-word-without-colon"),
    ],
)
def test_bylines_split_photo_credits(paragraph: str, pieces: list[str], credits: list[str]) -> None:
    assert split_photo_credits(paragraph) == (pieces, credits)


@pytest.mark.parametrize(
    "word, expected",
    [("Nguyễn", True), ("NGHIÊM", True), ("Quỳnh", True), ("khuya", True), ("UBND", False),
     ("HĐND", False), ("CATP", False), ("Mail", False), ("TP.HCM", False), ("2024", False),
     ("Dzũng", True), ("Dzoãn", True), ("DZ", False)],
)
def test_bylines_is_syllable(word: str, expected: bool) -> None:
    assert is_syllable(word) is expected


def test_bylines_author_on_the_article() -> None:
    text = "\n".join(["Tiêu đề bài báo", BODY, "Ông Hải cho biết sẽ làm ngay.", "MAI AN - BẢO NGỌC"])
    article = parse_text(text, RawDocument(content=text.encode()))
    assert article.author == "MAI AN, BẢO NGỌC"
    assert article.paragraphs[-1] == "Ông Hải cho biết sẽ làm ngay."
