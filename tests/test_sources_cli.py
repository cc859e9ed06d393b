"""`vnextract fetch`: registered on argparse, reports one JSON line per URL, archives to a WARC."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from _sources_server import App, connections, server  # noqa: F401  (fixtures)
from warcio.archiveiterator import ArchiveIterator

from vnextract.pipeline.sources import cli
from vnextract.pipeline.sources.warc import iter_warc

PAGE = "<html><body><p>Lâm Đồng</p></body></html>".encode()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    parser = argparse.ArgumentParser(prog="vnextract")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, lines


def test_cli_fetch_urls_into_warc(server: App, tmp_path: Path, capsys):
    server.page("/a.html", PAGE)
    server.redirect("/old", "/a.html")
    server.page("/b.pdf", b"%PDF", "application/pdf")
    warc = tmp_path / "pages.warc.gz"
    code, lines = run(
        [
            "fetch",
            server.url("/a.html"),
            server.url("/private/x"),
            server.url("/b.pdf"),
            server.url("/missing"),
            "--warc",
            str(warc),
            "--allow-private",
            "--delay",
            "0",
            "--user-agent",
            "vnextract-cli-test/1",
        ],
        capsys,
    )
    assert code == 1  # any failure or refusal among successes: 1 (see --help)
    assert [(line.get("url"), line.get("status"), line.get("code")) for line in lines[:-1]] == [
        (server.url("/a.html"), "fetched", None),
        (server.url("/private/x"), "refused", "E011"),
        (server.url("/b.pdf"), "refused", "E014"),
        (server.url("/missing"), "failed", "E010"),
    ]
    assert lines[-1]["summary"] == {"fetched": 1, "refused": 2, "failed": 1}
    assert all("reason" in line for line in lines[:-1])
    assert [d.url for d in iter_warc(warc, 10**6)] == [server.url("/a.html")]
    assert {r.headers.get("User-Agent") for r in server.requests} == {"vnextract-cli-test/1"}


def test_cli_all_failed_exits_1_and_leaves_no_warc(server: App, tmp_path: Path, capsys):
    code, lines = run(
        [
            "fetch",
            server.url("/missing"),
            server.url("/private/x"),
            "--warc",
            str(tmp_path / "p.warc.gz"),
            "--allow-private",
            "--delay",
            "0",
        ],
        capsys,
    )
    assert code == 1
    assert lines[-1]["summary"] == {"failed": 1, "refused": 1}
    assert lines[-1]["warc"] is None and not (tmp_path / "p.warc.gz").exists()


def test_cli_refuses_private_without_flag(server: App, tmp_path: Path, capsys):
    server.page("/a.html", PAGE)
    code, lines = run(["fetch", server.url("/a.html"), "--warc", str(tmp_path / "p.warc")], capsys)
    assert code == 1
    assert lines[0]["code"] == "E012"
    assert server.requests == []


def test_cli_feed_and_sitemap_with_limit_and_cache(server: App, tmp_path: Path, capsys):
    base = server.base
    rss = (
        f"<rss><channel><item><link>{base}/a.html?utm_source=rss</link>"
        "<pubDate>Thu, 04 Jan 2024 08:00:00 +0700</pubDate></item>"
        f"<item><link>{base}/old.html</link><pubDate>Mon, 01 Jan 2018 08:00:00 +0700</pubDate></item>"
        "</channel></rss>"
    ).encode()
    sitemap = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/a.html</loc></url><url><loc>{base}/b.html</loc></url>"
        f"<url><loc>{base}/c.html</loc></url></urlset>"
    ).encode()
    server.page("/rss", rss, "application/rss+xml")
    server.page("/sitemap.xml", sitemap, "application/xml")
    for name in ("a", "b", "c", "old"):
        server.cached_page(f"/{name}.html", PAGE, etag=f'"{name}"')
    warc = tmp_path / "p.warc.gz"
    argv = [
        "fetch",
        "--feed",
        f"{base}/rss",
        "--sitemap",
        f"{base}/sitemap.xml",
        "--since",
        "2024-01-01",
        "--limit",
        "2",
        "--warc",
        str(warc),
        "--allow-private",
        "--delay",
        "0",
        "--cache-dir",
        str(tmp_path / "cache"),
    ]
    code, lines = run(argv, capsys)
    assert code == 0
    assert [(line["url"], line["status"]) for line in lines[:-1]] == [
        (f"{base}/a.html", "fetched"),
        (f"{base}/b.html", "fetched"),
    ]
    assert server.count("/old.html") == 0 and server.count("/c.html") == 0
    # A re-run revalidates with If-None-Match and reuses the cached body.
    code, lines = run(argv, capsys)
    assert code == 0
    assert [line["status"] for line in lines[:-1]] == ["cached", "cached"]
    assert [r.headers.get("If-None-Match") for r in server.requests if r.path == "/a.html"] == [
        None,
        '"a"',
    ]
    # The unchanged pages are revisits of the records already there: read once each.
    assert [line["archived"] for line in lines[:-1]] == ["revisit", "revisit"]
    assert [d.url for d in iter_warc(warc, 10**6)] == [f"{base}/a.html", f"{base}/b.html"]
    types = [r.rec_type for r in ArchiveIterator(warc.open("rb"))]
    assert types.count("revisit") == 2 and types.count("response") == 2


def test_cli_feed_failure_is_reported(server: App, tmp_path: Path, capsys):
    code, lines = run(
        [
            "fetch",
            "--feed",
            server.url("/nofeed"),
            "--warc",
            str(tmp_path / "p.warc"),
            "--allow-private",
            "--delay",
            "0",
        ],
        capsys,
    )
    assert code == 1
    assert lines[0]["source"] == "discovery" and lines[0]["code"] == "E010"


def test_cli_nothing_to_fetch_exits_2(tmp_path: Path, capsys):
    code, lines = run(["fetch", "--warc", str(tmp_path / "p.warc")], capsys)
    assert code == 2
    assert "nothing to fetch" in lines[0]["error"]


@pytest.mark.parametrize(
    "argv",
    [
        ["fetch", "http://x.vn/", "--warc", "w", "--since", "4/1/2024"],
        ["fetch", "http://x.vn/", "--warc", "w", "--limit", "0"],
        ["fetch", "http://x.vn/"],
    ],
)
def test_cli_bad_arguments_are_argparse_errors(argv: list[str], capsys):
    with pytest.raises(SystemExit) as info:
        run(argv, capsys)
    assert info.value.code == 2


def test_cli_settings_from_args_keeps_callers_settings():
    from vnextract.pipeline.settings import FetchSettings, Settings

    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["fetch", "http://x.vn/", "--warc", "w", "--delay", "0.25"])
    args.settings = Settings(fetch=FetchSettings(read_timeout=3.0))
    settings = cli.settings_from_args(args)
    assert (settings.fetch.per_host_delay, settings.fetch.read_timeout) == (0.25, 3.0)
    assert settings.fetch.allow_private is False


@pytest.mark.parametrize(
    "paths,expected",
    [
        pytest.param(["/a.html"], 0, id="all-fetched"),
        pytest.param(["/a.html", "/missing"], 1, id="one-404"),
        pytest.param(["/a.html", "/private/x"], 1, id="one-refused"),
        pytest.param(["/a.html", "/missing", "/private/x"], 1, id="404-and-refusal"),
    ],
)
def test_cli_exit_status_table(server: App, tmp_path: Path, capsys, paths: list[str], expected: int):
    server.page("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    server.page("/a.html", PAGE)
    argv = ["fetch", *[server.url(p) for p in paths], "--warc", str(tmp_path / "p.warc.gz")]
    code, _lines = run([*argv, "--allow-private", "--delay", "0"], capsys)
    assert code == expected


@pytest.mark.parametrize(
    "argv,env,agent_has",
    [
        pytest.param(["--contact", "ops@news.test"], None, "contact: ops@news.test", id="flag"),
        pytest.param([], "https://lab.test/crawler", "contact: https://lab.test/crawler", id="env"),
        pytest.param(["--user-agent", "mine/1"], "x@y.test", "mine/1", id="explicit-wins"),
    ],
)
def test_cli_user_agent_names_project_and_contact(
    server: App, tmp_path: Path, capsys, monkeypatch, argv: list[str], env: str | None, agent_has: str
):
    if env:
        monkeypatch.setenv("VNEXTRACT_CONTACT", env)
    else:
        monkeypatch.delenv("VNEXTRACT_CONTACT", raising=False)
    server.page("/a.html", PAGE)
    run(["fetch", server.url("/a.html"), "--warc", str(tmp_path / "p.warc"), "--allow-private",
         "--delay", "0", *argv], capsys)
    agents = {r.headers.get("User-Agent") or "" for r in server.requests}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent_has in agent and "example.invalid" not in agent
    assert agent.startswith("vnextract/") or "--user-agent" in argv


def test_cli_progress_bar_on_request_keeps_json_lines(server: App, tmp_path: Path, capsys):
    server.page("/a.html", PAGE)
    parser = argparse.ArgumentParser(prog="vnextract")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["fetch", server.url("/a.html"), "--warc", str(tmp_path / "p.warc"),
                              "--allow-private", "--delay", "0", "--progress"])
    assert args.func(args) == 0
    err = capsys.readouterr().err
    assert "vnextract fetch" in err and "1/1" in err
    lines = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert [line.get("status") for line in lines[:-1]] == ["fetched"]


@pytest.mark.parametrize("flag", ["-j", "--jobs", "--concurrency"])
def test_cli_jobs_sets_requests_in_flight(flag: str):
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["fetch", "http://x.vn/", "--warc", "w", flag, "3"])
    assert cli.settings_from_args(args).fetch.max_concurrency == 3


def test_cli_help_documents_exit_statuses_and_hides_old_name(capsys):
    parser = argparse.ArgumentParser(prog="vnextract")
    cli.register(parser.add_subparsers())
    with pytest.raises(SystemExit):
        parser.parse_args(["fetch", "--help"])
    text = capsys.readouterr().out
    assert "exit status:" in text and "-j JOBS, --jobs JOBS" in text
    assert "--concurrency" not in text
