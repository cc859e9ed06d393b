"""The conventions users expect of every subcommand: -v/-q after it, a description and defaults in
--help, -j/--jobs for parallelism, -i FILE lists of inputs, --max-bytes where E004 says so, JSON
integers, one line form for records, and database errors in one line."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from vnextract.pipeline.cli import build_parser, main
from vnextract.pipeline.cli import verbosity as cli_verbosity
from vnextract.pipeline.errors import MESSAGES, VnextractError

ARTICLE = (
    "Sáng 12/7, ông Trần Văn Hải, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị tổng kết.\n"
    "Năm 2024, tỉnh có 4.872 hộ nghèo, giảm 1,2% so với năm 2023.\n"
)
SECOND = "Ngày 3/5/2024, Sở Y tế tỉnh Lâm Đồng cho biết toàn tỉnh có 63 trạm y tế xã đạt chuẩn.\n"


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


SUBCOMMANDS = sorted(_subparsers())
READERS = ("extract", "run", "retry", "show")  # the subcommands that read articles


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for action in parser._actions for s in action.option_strings}


def test_cli_has_the_subcommands_it_documents() -> None:
    assert set(SUBCOMMANDS) >= {"extract", "schema", "fetch", "run", "retry", "export", "query",
                                "diff", "show"}


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_cli_subcommand_takes_v_and_q_after_it(name: str) -> None:
    assert {"-v", "--verbose", "-q", "--quiet"} <= _options(_subparsers()[name])


@pytest.mark.parametrize(
    "argv, verbosity",
    [
        pytest.param(["schema"], 0, id="none"),
        pytest.param(["schema", "-v"], 1, id="v-after"),
        pytest.param(["-v", "schema", "-v"], 2, id="v-both-sides"),
        pytest.param(["schema", "-q"], -1, id="q-after"),
        pytest.param(["-q", "schema"], -1, id="q-before"),
    ],
)
def test_cli_verbosity_counts_both_sides(argv: list[str], verbosity: int) -> None:
    assert cli_verbosity(build_parser().parse_args(argv)) == verbosity


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_cli_help_has_a_description_and_the_defaults(name: str) -> None:
    parser = _subparsers()[name]
    assert parser.description and len(parser.description) > 40
    text = " ".join(parser.format_help().split())
    for action in parser._actions:
        default = action.default
        if action.option_strings and action.help != argparse.SUPPRESS and default not in (
                None, False, [], argparse.SUPPRESS, 0):
            assert f"default: {default}" in text or f"default {default}" in text, action.option_strings


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_cli_help_gives_the_date_format(name: str) -> None:
    from vnextract.pipeline.cli_types import calendar_date, iso_date

    parser = _subparsers()[name]
    dates = [a for a in parser._actions if a.type in (calendar_date, iso_date)]
    assert bool(dates) == (name in READERS or name == "fetch")
    assert parser.format_help().count("YYYY-MM-DD") >= len(dates)


@pytest.mark.parametrize(
    "argv, jobs",
    [
        pytest.param(["run", "x", "-j", "2"], 2, id="j"),
        pytest.param(["run", "x", "--jobs", "3"], 3, id="jobs"),
        pytest.param(["run", "x", "--workers", "4"], 4, id="workers-alias"),
        pytest.param(["retry", "d.jsonl", "-j", "2"], 2, id="retry-j"),
        pytest.param(["run", "x"], None, id="default"),
    ],
)
def test_cli_jobs_is_the_one_name_for_parallelism(argv: list[str], jobs: int | None) -> None:
    assert build_parser().parse_args(argv).jobs == jobs
    assert "--workers" not in _subparsers()["run"].format_help()  # kept, but hidden


def test_cli_e004_hint_names_an_option_the_readers_accept() -> None:
    hinted = set(re.findall(r"--[a-z][a-z-]+", MESSAGES["E004"]))
    assert hinted
    for name in READERS:
        assert hinted <= _options(_subparsers()[name]), name


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    paths[0].write_text(ARTICLE, encoding="utf-8")
    paths[1].write_text(SECOND, encoding="utf-8")
    return paths


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "extra, code, records",
    [
        pytest.param(0, 1, 1, id="over-the-limit-E004"),
        pytest.param(1000, 0, 2, id="raised-limit"),
    ],
)
def test_cli_extract_max_bytes(articles: list[Path], extra: int, code: int, records: int, capsys) -> None:
    limit = len(SECOND.encode()) + extra  # the first article is larger than the second
    status = main(["extract", *map(str, articles), "--max-bytes", str(limit)])
    out, err = capsys.readouterr()
    assert status == code
    assert len(_records(out)) == records
    assert ("[E004]" in err) == (code == 1)


def test_cli_input_list(articles: list[Path], tmp_path: Path, capsys) -> None:
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# the two articles\n{articles[0]}\n\n  {articles[1]}  \n", encoding="utf-8")
    assert main(["extract", "-i", str(listing)]) == 0
    from_list = capsys.readouterr().out
    assert main(["extract", *map(str, articles)]) == 0
    assert capsys.readouterr().out == from_list and len(_records(from_list)) == 2
    db = tmp_path / "r.db"
    assert main(["run", "-i", str(listing), "--db", f"sqlite:///{db}"]) == 0
    assert "2 processed" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(None, id="missing-list"),
        pytest.param(b"\xff\xfe\x00binary", id="binary-list"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "run"])
def test_cli_input_list_that_cannot_be_read(command: str, content: bytes | None, tmp_path: Path,
                                            capsys) -> None:
    listing = tmp_path / "inputs.txt"
    if content is not None:
        listing.write_bytes(content)
    assert main([command, "-i", str(listing), "--db", f"sqlite:///{tmp_path / 'r.db'}"]
                if command == "run" else [command, "-i", str(listing)]) == 2
    err = capsys.readouterr().err
    assert "[E054]" in err and "Traceback" not in err


def test_cli_run_points_a_dead_letter_file_to_retry(tmp_path: Path, capsys) -> None:
    from vnextract.pipeline.sinks.rejections import rejected
    from vnextract.pipeline.types import RawDocument

    dead = tmp_path / "dead.jsonl"
    letter = rejected(VnextractError("E001"), RawDocument(content=b"", archive="empty.txt"))
    dead.write_text(json.dumps(letter.to_json()) + "\n", encoding="utf-8")
    assert main(["run", str(dead), "--db", f"sqlite:///{tmp_path / 'r.db'}"]) == 2
    assert f"vnextract retry {dead}" in capsys.readouterr().err


def test_cli_no_input_at_all_is_a_usage_error(capsys) -> None:
    for command in ("extract", "run", "show"):
        assert main([command]) == 2
        assert "-i FILE" in capsys.readouterr().err


def test_cli_integral_statistics_are_json_integers(articles: list[Path], capsys) -> None:
    assert main(["extract", str(articles[0])]) == 0
    line = capsys.readouterr().out
    values = [s["value"] for s in json.loads(line)["statistics"]]
    assert 4872 in values and -1.2 in values
    assert '"value":4872,' in line and '"value":4872.0' not in line
    assert '"value":-1.2' in line


def test_cli_extract_and_export_jsonl_write_the_same_bytes(articles: list[Path], tmp_path: Path,
                                                          capsys) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert main(["extract", *map(str, articles), "--published", "2024-07-15"]) == 0
    extracted = capsys.readouterr().out
    assert main(["run", *map(str, articles), "--published", "2024-07-15", "--db", db]) == 0
    assert main(["export", "--db", db]) == 0
    exported = capsys.readouterr().out
    by_id = sorted(extracted.splitlines(), key=lambda line: json.loads(line)["id"])
    assert exported.splitlines() == by_id


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["run", "{article}", "--db", "{pg}"], id="run-server-down"),
        pytest.param(["run", "{article}", "--db", "sqlite:///{blocked}/r.db"], id="run-sqlite-file-in-the-way"),
        pytest.param(["export", "--db", "{pg}"], id="export-server-down"),
        pytest.param(["query", "--db", "{pg}", "SELECT 1"], id="query-server-down"),
        pytest.param(["diff", "{pg}", "{pg}"], id="diff-server-down"),
        pytest.param(["retry", "{dead}", "--db", "{pg}"], id="retry-server-down"),
    ],
)
def test_cli_database_errors_are_one_line(argv: list[str], articles: list[Path], tmp_path: Path,
                                          capsys) -> None:
    dead = tmp_path / "dead.jsonl"
    dead.write_text("", encoding="utf-8")
    values = {"article": articles[0], "pg": "postgresql://nobody@127.0.0.1:1/none",
              "blocked": dead, "dead": dead}
    assert main([a.format(**values) for a in argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    for internal in ("Traceback", "sqlalche.me", "[SQL:", "(Background", "psycopg.", "sqlalchemy."):
        assert internal not in err
    assert "[E051]" in err, err


def test_cli_run_says_where_the_records_are(articles: list[Path], tmp_path: Path, capsys,
                                            monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(articles[0])]) == 0
    err = capsys.readouterr().err
    assert "records are in sqlite:///records.db (the file records.db)" in err
    assert (tmp_path / "records.db").is_file()


def _disk_full(*_args, **_kwargs):
    from sqlalchemy.exc import OperationalError

    raise OperationalError("INSERT INTO articles (id) VALUES (?)", {}, Exception("database or disk is full"))


def _batch_refused(*_args, **_kwargs):
    from vnextract.pipeline.sinks.database import BatchWriteError

    raise BatchWriteError(1, Exception("disk I/O error\nDETAIL: more lines the driver adds"))


@pytest.mark.parametrize("failure", [pytest.param(_disk_full, id="sqlalchemy-error"),
                                     pytest.param(_batch_refused, id="batch-refused")])
@pytest.mark.parametrize("command", ["run", "retry"])
def test_cli_database_failing_mid_run_is_one_line(command: str, failure, articles: list[Path],
                                                  tmp_path: Path, monkeypatch, capsys) -> None:
    from vnextract.pipeline.sinks.database import DatabaseSink
    from vnextract.pipeline.sinks.rejections import rejected
    from vnextract.pipeline.types import RawDocument

    monkeypatch.setattr(DatabaseSink, "write_batch", failure)
    dead = tmp_path / "dead.jsonl"
    letter = rejected(VnextractError("E099", "x"), RawDocument(content=ARTICLE.encode(), archive="a.txt"))
    dead.write_text(json.dumps(letter.to_json()) + "\n", encoding="utf-8")
    source = [str(articles[0])] if command == "run" else [str(dead)]
    assert main([command, *source, "--db", f"sqlite:///{tmp_path / 'r.db'}"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "[E051]" in err, err
    assert "disk" in err and "INSERT" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "extra, input_bytes, text_chars",
    [
        pytest.param([], None, None, id="defaults-untouched"),
        pytest.param(["--max-bytes", "1000"], 1000, None, id="lower-input-limit-keeps-text-limit"),
        pytest.param(["--max-bytes", "50000000"], 50_000_000, 50_000_000, id="higher-raises-both"),
    ],
)
@pytest.mark.parametrize("command", READERS)
def test_cli_max_bytes_settings(command: str, extra: list[str], input_bytes: int | None,
                                text_chars: int | None) -> None:
    from vnextract.pipeline.cli import input_settings
    from vnextract.pipeline.settings import Settings

    source = "dead.jsonl" if command == "retry" else "a.txt"
    settings, default = input_settings(build_parser().parse_args([command, source, *extra])), Settings()
    assert settings.extract.max_input_bytes == settings.fetch.max_input_bytes == (
        input_bytes or default.extract.max_input_bytes)
    assert settings.extract.max_text_chars == (text_chars or default.extract.max_text_chars)
