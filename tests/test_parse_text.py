from __future__ import annotations

import pytest

from vnextract.pipeline.parse.text import split_body


@pytest.mark.parametrize(
    "lines, paragraphs, captions",
    [
        pytest.param(["(LĐ online) - Ngày 4/1, hội nghị."], ["Ngày 4/1, hội nghị."], [], id="wire-prefix"),
        pytest.param(["TTO - Sáng 5/3, mưa."], ["Sáng 5/3, mưa."], [], id="tto-prefix"),
        pytest.param(["Đoạn một.", "Quang cảnh hội nghị |", "Đoạn hai."],
                     ["Đoạn một.", "Đoạn hai."], ["Quang cảnh hội nghị"], id="caption"),
        pytest.param(["Đoạn.", "Thông tin bạn đọc", "Đóng Lưu thông tin", "Tin khác."],
                     ["Đoạn."], [], id="reader-form-ends-article"),
        pytest.param(["Đoạn.", "Chia sẻ", "", "  ", "Hết."], ["Đoạn.", "Hết."], [], id="furniture-and-blanks"),
        pytest.param(["Một   dòng\tcó  khoảng trắng."], ["Một dòng có khoảng trắng."], [], id="spaces"),
        pytest.param(["Ngày 4/1 - hội nghị."], ["Ngày 4/1 - hội nghị."], [], id="dash-is-not-prefix"),
    ],
)
def test_split_body_separates_body_captions_and_furniture(lines, paragraphs, captions) -> None:
    assert split_body(lines) == (paragraphs, captions)


def test_split_body_on_the_seed_article(shared_seed) -> None:
    paragraphs, captions = split_body(shared_seed.read_text(encoding="utf-8").splitlines())
    assert paragraphs[0].startswith("Ngày 4/1, Huyện ủy Đức Trọng")
    assert len(captions) == 3
    assert not any("Thông tin bạn đọc" in p or p.endswith("|") for p in paragraphs)
