"""The `vnextract` command as a user runs it: good inputs, bad inputs, stdin, -o, schema."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from vnextract.pipeline.cli import main

ARTICLE = (
    "(Dân trí) - Sáng 12/7, ông Trần Văn Hải, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị.\n"
    "Năm 2024, tỉnh có 4.872 hộ nghèo, giảm 1,2% so với năm 2023.\n"
)


def run(args: list[str], capsys, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, list[dict], str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_extract_one_text_file(article: Path, capsys) -> None:
    code, records, err = run(["extract", str(article), "--published", "2024-07-15"], capsys)
    assert code == 0, err
    assert len(records) == 1
    record = records[0]
    assert record["published_at"] == "2024-07-15"
    assert record["text"].startswith("Sáng 12/7")
    assert any(d["value"] == "2024-07-12" for d in record["dates"])
    for mention in record["dates"] + record["statistics"]:
        assert record["text"][mention["start"] : mention["end"]] == mention["text"]


def test_cli_extract_stdin(capsys, monkeypatch) -> None:
    code, records, _ = run(["extract", "-", "--published", "2024-07-15"], capsys, ARTICLE.encode(), monkeypatch)
    assert code == 0 and len(records) == 1


def test_cli_extract_writes_output_file(article: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "records.jsonl"
    code, records, _ = run(["extract", str(article), str(article), "-o", str(out)], capsys)
    assert code == 0 and records == []
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, code",
    [
        pytest.param("empty.txt", b"", "E001", id="empty"),
        pytest.param("blank.txt", b"  \n\t\n ", "E001", id="whitespace-only"),
        pytest.param("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "E002", id="binary"),
        pytest.param("furniture.txt", "Thông tin bạn đọc\nĐóng Lưu thông tin\n".encode(), "E007",
                     id="only-page-furniture"),
    ],
)
def test_cli_extract_bad_input_is_reported_and_others_go_on(tmp_path, article, capsys, name, data, code) -> None:
    bad = _write(tmp_path, name, data)
    exit_code, records, err = run(["extract", str(bad), str(article)], capsys)
    assert exit_code == 1
    assert len(records) == 1 and records[0]["text"].startswith("Sáng 12/7")
    assert f"[{code}]" in err and "Traceback" not in err


def test_cli_extract_missing_file(tmp_path, capsys) -> None:
    exit_code, records, err = run(["extract", str(tmp_path / "nope.txt")], capsys)
    assert exit_code == 1 and records == [] and "[E005]" in err


def test_cli_extract_huge_file_is_refused(tmp_path, capsys) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(("Ngày 4/1 có 63 xã. " * 1000 + "\n").encode() * 2700)  # about 50 MB
    exit_code, records, err = run(["extract", str(huge)], capsys)
    assert exit_code == 1 and records == [] and "[E004]" in err


@pytest.mark.parametrize(
    "name, data",
    [
        pytest.param("latin1.txt", "Café crème brûlée à la française, déjà vu.".encode("latin-1"), id="not-utf8"),
        pytest.param("english.txt", ("The committee met on Monday and approved the budget. " * 10).encode(),
                     id="other-language"),
        pytest.param("plain.txt", "Trời hôm ấy đẹp, gió nhẹ và nắng vàng trên những cánh đồng.".encode(),
                     id="no-entities"),
    ],
)
def test_cli_extract_odd_text_gives_a_valid_record_or_a_reason(tmp_path, capsys, name, data) -> None:
    path = _write(tmp_path, name, data)
    exit_code, records, err = run(["extract", str(path)], capsys)
    assert "Traceback" not in err
    if exit_code == 0:
        assert len(records) == 1 and records[0]["officials"] == []
    else:
        assert records == [] and "[E0" in err


def test_cli_extract_warns_on_other_language(tmp_path, capsys) -> None:
    path = _write(tmp_path, "en.txt", ("The committee met on Monday and approved the budget. " * 10).encode())
    _, records, _ = run(["extract", str(path)], capsys)
    assert any("Vietnamese" in w for w in records[0]["warnings"])


def test_cli_extract_rejects_bad_published(article, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["extract", str(article), "--published", "2024-02-30"])
    assert caught.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cli_schema_prints_the_record_schema(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"officials", "dates", "statistics", "documents", "text"} <= set(schema["properties"])
