"""Where every subcommand writes: missing folders are made, an output that cannot be written is one
line with E050 and exit 2 (never a traceback), a note on stderr says where output went, and
`show` and `diff` share one output convention (--format/-o, or --html FILE)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _sinks_support import example_records

from vnextract.pipeline.cli import main

ARTICLE = (
    "Sáng 12/7, ông Trần Văn Hải, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị tổng kết.\n"
    "Năm 2024, tỉnh có 4.872 hộ nghèo, giảm 1,2% so với năm 2023.\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An article, two record files that differ, and a database holding records."""
    from vnextract.pipeline.sinks.database import DatabaseSink

    root = tmp_path_factory.mktemp("outputs")
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    records = example_records()
    old, new = root / "old.jsonl", root / "new.jsonl"
    old.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    changed = [records[0].model_copy(update={"title": "Một tiêu đề khác"}), *records[1:]]
    new.write_text("".join(r.model_dump_json() + "\n" for r in changed), encoding="utf-8")
    with DatabaseSink(f"sqlite:///{root / 'records.db'}") as sink:
        sink.write_batch(records)
    return {"article": str(root / "article.txt"), "old": str(old), "new": str(new),
            "db": f"sqlite:///{root / 'records.db'}"}


# (argv with {out} for the output file, exit status when it works, what the file must hold)
COMMANDS = [
    pytest.param(["extract", "{article}", "-o", "{out}"], 0, '"schema_version"', id="extract-o"),
    pytest.param(["export", "--db", "{db}", "-o", "{out}"], 0, '"schema_version"', id="export-jsonl-o"),
    pytest.param(["export", "--db", "{db}", "--format", "csv", "--table", "persons", "-o", "{out}"], 0,
                 "article_id", id="export-csv-o"),
    pytest.param(["export", "--db", "{db}", "--format", "parquet", "--table", "dates", "-o", "{out}"], 0,
                 None, id="export-parquet-o"),
    pytest.param(["diff", "{old}", "{new}", "-o", "{out}"], 1, "Một tiêu đề khác", id="diff-o"),
    pytest.param(["diff", "{old}", "{new}", "--html", "{out}"], 1, "<html", id="diff-html"),
    pytest.param(["diff", "{old}", "{new}", "--format", "html", "-o", "{out}"], 1, "<html",
                 id="diff-format-html"),
    pytest.param(["show", "{article}", "--html", "{out}"], 0, "<html", id="show-html"),
    pytest.param(["show", "{article}", "--format", "html", "-o", "{out}"], 0, "<html",
                 id="show-format-html"),
    pytest.param(["show", "{article}", "-o", "{out}"], 0, "Trần Văn Hải", id="show-text-o"),
]


def _argv(argv: list[str], files: dict[str, str], out: Path) -> list[str]:
    return [a.format(out=out, **files) for a in argv]


@pytest.mark.parametrize("argv, status, content", COMMANDS)
def test_cli_output_folders_are_made(argv, status, content, files, tmp_path: Path, capsys) -> None:
    out = tmp_path / "new" / "deeper" / "result.out"
    code = main(_argv(argv, files, out))
    err = capsys.readouterr().err
    assert code == status, err
    assert out.is_file()
    if content is not None:
        assert content in out.read_text(encoding="utf-8")
    assert str(out) in err  # the note says where the output went


@pytest.mark.parametrize("argv, status, content", COMMANDS)
def test_cli_output_that_cannot_be_written_is_one_line(argv, status, content, files, tmp_path: Path,
                                                       capsys) -> None:
    in_the_way = tmp_path / "taken"
    in_the_way.mkdir()
    blocked = tmp_path / "file.txt"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    for out in (in_the_way, blocked / "x.out"):
        code = main(_argv(argv, files, out))
        err = capsys.readouterr().err
        assert code == 2
        assert "[E050]" in err and str(out) in err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["extract", "{article}", "-q", "-o", "{out}"], id="extract-q-after"),
        pytest.param(["-q", "extract", "{article}", "-o", "{out}"], id="extract-q-before"),
        pytest.param(["show", "{article}", "--html", "{out}", "--quiet"], id="show-quiet"),
    ],
)
def test_cli_quiet_drops_the_notes(argv, files, tmp_path: Path, capsys) -> None:
    out = tmp_path / "o" / "x.out"
    assert main(_argv(argv, files, out)) == 0
    assert capsys.readouterr().err == ""
    assert out.is_file()


def test_cli_diff_json_format_to_a_file(files, tmp_path: Path, capsys) -> None:
    out = tmp_path / "d" / "diff.json"
    assert main(["diff", files["old"], files["new"], "--format", "json", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))
    capsys.readouterr()


@pytest.mark.parametrize("page", ["vnexpress.html", "dantri.html"])
def test_cli_url_wins_over_the_canonical_link(page: str, tmp_path: Path, capsys) -> None:
    from _run_inputs import PAGES

    given = "https://mirror.example.invalid/saved-page.html"
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(PAGES / page), "--url", given, "--published", "2023-11-02",
                 "-o", str(out)]) == 0
    capsys.readouterr()
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["source"]["url"] == given  # as --published wins over the page's date
    assert record["published_at"] == "2023-11-02"
