"""`vnextract retry DEAD.jsonl`: the dead letters that `run --dead-letter` wrote are extracted again,
from the bytes they kept or from their file, and end as records or as dead letters again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _run_inputs import count, sqlite_url

from vnextract.pipeline.cli import main
from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.sinks.rejections import rejected
from vnextract.pipeline.types import RawDocument

ARTICLE = (
    "Sáng 12/7, ông Trần Văn Hải, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị tổng kết.\n"
    "Năm 2024, tỉnh có 4.872 hộ nghèo, giảm 1,2% so với năm 2023.\n"
)


def _letters(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


def test_cli_retry_after_the_limit_is_raised(tmp_path: Path, capsys) -> None:
    """The E004 hint's own workflow: rejected as too large, retried with a higher --max-bytes."""
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    db, dead = sqlite_url(tmp_path / "r.db"), tmp_path / "dead.jsonl"
    code, err = _run(["run", str(article.parent), "--db", db, "--dead-letter", str(dead),
                      "--max-bytes", "50"], capsys)
    assert code == 1 and "[E004]" not in err  # counted in the summary, kept in the dead letter
    assert [letter["code"] for letter in _letters(dead)] == ["E004"]
    assert f"vnextract retry {dead}" in err  # the summary says how to retry

    code, err = _run(["retry", str(dead), "--db", db], capsys)
    assert code == 0, err
    assert "1 processed" in err
    assert count(db, "articles") == 1


@pytest.mark.parametrize(
    "letter, code, outcome",
    [
        pytest.param(
            rejected(VnextractError("E099", "a bug since fixed"),
                     RawDocument(content=ARTICLE.encode(), archive="lost/a.txt", published="2024-07-15")
                     ).to_json(),
            0, "2024-07-15", id="bytes-kept-with-their-date"),
        pytest.param(
            rejected(VnextractError("E002", "PNG"),
                     RawDocument(content=b"\x89PNG\r\n\x1a\n\x00\x00" * 50, archive="img.html")).to_json(),
            1, "E002", id="binary-kept-as-base64-fails-again"),
        pytest.param({"input": "gone/a.txt", "input_key": "0" * 64, "code": "E004", "reason": "too large",
                      "payload": {"truncated": True, "size": 10**9}},
                     1, "E052", id="no-bytes-and-no-file"),
        pytest.param({"url": "https://example.invalid/a", "text": ARTICLE}, 1, "E053", id="an-input-line-not-a-letter"),
        pytest.param("{not json", 1, "E053", id="not-json"),
    ],
)
def test_cli_retry_each_kind_of_letter(letter, code: int, outcome: str, tmp_path: Path, capsys) -> None:
    dead = tmp_path / "dead.jsonl"
    dead.write_text((letter if isinstance(letter, str) else json.dumps(letter)) + "\n", encoding="utf-8")
    db, again = sqlite_url(tmp_path / "r.db"), tmp_path / "again.jsonl"
    status, err = _run(["retry", str(dead), "--db", db, "--dead-letter", str(again)], capsys)
    assert status == code, err
    if code == 0:
        assert count(db, "articles") == 1
        from sqlalchemy import create_engine, text

        engine = create_engine(db)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT published_at FROM articles")).scalar() == outcome
        engine.dispose()
    else:
        assert [letter["code"] for letter in _letters(again)] == [outcome]


def test_cli_retry_into_its_own_file_neither_loops_nor_doubles(tmp_path: Path, capsys) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 20)
    db, dead = sqlite_url(tmp_path / "r.db"), tmp_path / "dead.jsonl"
    assert _run(["run", str(inputs), "--db", db, "--dead-letter", str(dead)], capsys)[0] == 1
    before = _letters(dead)
    assert sorted(letter["code"] for letter in before) == ["E001", "E002"]
    code, err = _run(["retry", str(dead), "--db", db, "--dead-letter", str(dead)], capsys)
    assert code == 1 and "2 inputs" in err
    assert _letters(dead) == before
    assert count(db, "rejections") == 2


def test_cli_retry_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, err = _run(["retry", str(tmp_path / "nope.jsonl"), "--db", sqlite_url(tmp_path / "r.db")], capsys)
    assert code == 2 and "no such dead-letter file" in err
