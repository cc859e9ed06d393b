"""`vnextract extract URL` end to end against a loopback server: fetch, parse, extract."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _sources_server import App, connections, server  # noqa: F401  (fixtures)
from vnextract.pipeline.cli import main

PAGE = Path(__file__).parent / "fixtures" / "pages" / "vnexpress.html"


def test_cli_extract_url_fetches_parses_and_extracts(server: App, capsys) -> None:
    server.page("/bai-viet.html", PAGE.read_bytes(), "text/html; charset=utf-8")
    code = main(["extract", server.url("/bai-viet.html"), "--allow-private"])
    out, err = capsys.readouterr()
    assert code == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    expected = json.loads(PAGE.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert record["title"] == expected["title"]
    assert record["author"] == expected["author"]
    assert record["published_at"] == expected["published_at"]
    assert record["source"]["url"] == expected["url"]  # the page's canonical URL
    assert record["source"]["outlet"] == expected["outlet"]
    assert record["text"].startswith(expected["sapo"])


@pytest.mark.parametrize(
    "path, code",
    [pytest.param("/private/x.html", "E011", id="robots-disallow"), pytest.param("/missing.html", "E010", id="404")],
)
def test_cli_extract_url_failures_are_reported(server: App, capsys, path: str, code: str) -> None:
    server.page("/private/x.html", PAGE.read_bytes(), "text/html; charset=utf-8")
    exit_code = main(["extract", server.url(path), "--allow-private"])
    out, err = capsys.readouterr()
    assert exit_code == 1 and out == ""
    assert f"[{code}]" in err and "Traceback" not in err


def test_cli_extract_url_refuses_loopback_without_allow_private(server: App, capsys) -> None:
    server.page("/bai-viet.html", PAGE.read_bytes(), "text/html; charset=utf-8")
    exit_code = main(["extract", server.url("/bai-viet.html")])
    assert exit_code == 1 and "[E012]" in capsys.readouterr().err
