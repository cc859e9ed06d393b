"""The Python API: vnextract.extract for one article, Extractor.extract/.pipe for many."""

from __future__ import annotations

import pytest

import vnextract
from vnextract.api import raw_document

TEXT = ("Ngày 5/3, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Lâm Đồng, chủ trì hội nghị. "
        "Năm 2023, toàn tỉnh có 4.872 đảng viên.")
PAGE = f"""<!doctype html><html><head><title>Hội nghị - Báo X</title>
<link rel="canonical" href="https://example.vn/hoi-nghi.html">
<meta property="article:published_time" content="2024-03-06T08:00:00+07:00"></head>
<body><header><a href="/">Báo X</a></header><article><h1>Hội nghị tổng kết</h1><p>{TEXT}</p>
<p>Hội nghị kéo dài một ngày, với sự tham dự của lãnh đạo các sở, ngành và địa phương trong tỉnh.</p>
<p>Các đại biểu đã thảo luận về những khó khăn trong công tác phát triển đảng viên ở vùng sâu, vùng xa
và đề xuất nhiều giải pháp cho năm tới.</p></article></body></html>"""


@pytest.fixture(scope="module")
def extractor() -> vnextract.Extractor:
    return vnextract.Extractor()


def test_api_extract_text_anchors_dates_on_published() -> None:
    record = vnextract.extract(TEXT, published="2024-03-06")
    assert isinstance(record, vnextract.Record)
    assert [o.name for o in record.officials] == ["Nguyễn Văn An"]
    assert "2024-03-05" in [d.value for d in record.dates]
    assert 4872 in [s.value for s in record.statistics]


@pytest.mark.parametrize(
    "kwargs, url, published",
    [
        pytest.param({}, "https://example.vn/hoi-nghi.html", "2024-03-06T08:00:00+07:00", id="page-metadata"),
        pytest.param({"url": "https://mirror.example/a"}, "https://mirror.example/a",
                     "2024-03-06T08:00:00+07:00", id="url-wins-over-canonical"),
        pytest.param({"published": "2024-03-10"}, "https://example.vn/hoi-nghi.html", "2024-03-10",
                     id="published-wins-over-meta"),
    ],
)
def test_api_extract_html_caller_wins(extractor, kwargs: dict, url: str, published: str) -> None:
    record = extractor.extract(PAGE, **kwargs)
    assert record.source.url == url
    assert record.published_at == published


def test_api_extract_bad_input_raises_with_code(extractor) -> None:
    with pytest.raises(vnextract.VnextractError) as error:
        extractor.extract("   ")
    assert error.value.code == "E001"


@pytest.mark.parametrize(
    "item, content_type, url, published",
    [
        pytest.param("văn bản", None, None, None, id="str"),
        pytest.param(b"<html>", None, None, None, id="bytes"),
        pytest.param({"text": "x", "url": "u", "published": "2024-01-02"}, "text/plain; charset=utf-8", "u", "2024-01-02",
                     id="input-jsonl-line"),
        pytest.param({"html": "<p>x</p>", "source": {"url": "s"}, "published_at": "2024-01-02"}, "text/html; charset=utf-8", "s",
                     "2024-01-02", id="record-shaped"),
    ],
)
def test_api_items_become_raw_documents(item, content_type, url, published) -> None:
    raw = raw_document(item)
    assert (raw.content_type, raw.url, raw.published) == (content_type, url, published)


@pytest.mark.parametrize("item", [pytest.param({"title": "x"}, id="mapping-without-text"),
                                  pytest.param(5, id="number")])
def test_api_items_of_the_wrong_shape_are_refused(item) -> None:
    with pytest.raises((vnextract.VnextractError, TypeError)):
        raw_document(item)


@pytest.mark.parametrize("n_process", [1, 2])
def test_api_pipe_keeps_order_and_yields_failures(extractor, n_process: int) -> None:
    items = [f"Năm 2023, xã {i} có {100 + i} hộ nghèo." for i in range(20)]
    items[7] = ""
    outcomes = list(extractor.pipe(items, n_process=n_process, on_error="yield"))
    assert len(outcomes) == 20
    assert isinstance(outcomes[7], vnextract.VnextractError) and outcomes[7].code == "E001"
    values = [o.statistics[0].value for i, o in enumerate(outcomes) if i != 7]
    assert values == [100 + i for i in range(20) if i != 7]


def test_api_pipe_raises_by_default(extractor) -> None:
    with pytest.raises(vnextract.VnextractError):
        list(extractor.pipe(["Năm 2023, xã có 5 hộ nghèo.", ""]))


@pytest.mark.parametrize("kwargs", [{"n_process": 0}, {"on_error": "ignore"}])
def test_api_pipe_refuses_bad_options(extractor, kwargs) -> None:
    with pytest.raises(ValueError):
        list(extractor.pipe(["x"], **kwargs))
