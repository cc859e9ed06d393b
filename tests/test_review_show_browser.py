"""The review page of a hostile article in a real headless browser (Debian's chromium).

Every payload of the hostile record tries to change document.title to PWNED or to add an element.
The browser loads the page from a file:// URL, runs whatever it would run, and dumps its DOM: the
title must be the article's title (as text), no injected element may exist, and the highlights
must be there. A canary page with the same kind of payload unescaped shows that the browser does
run scripts in this mode, so a pass means something.

Skips when /usr/bin/chromium is missing, unless VNEXTRACT_REQUIRE_BROWSER=1 (CI), where it fails.
`.ci/setup.d/20-chromium.sh` installs it.
"""

from __future__ import annotations

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _review_support import HOSTILE_TITLE, PAYLOADS, hostile_record

from vnextract.pipeline.review.show import FIELD_STYLES, render_page

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--virtual-time-budget=3000",
]


@pytest.fixture(scope="module")
def chromium() -> Path:
    """The browser, or a skip (a failure when VNEXTRACT_REQUIRE_BROWSER=1)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not installed (run .ci/setup.d/20-chromium.sh)"
        if os.environ.get("VNEXTRACT_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and VNEXTRACT_REQUIRE_BROWSER=1")
        pytest.skip(message)
    return CHROMIUM


def browse(chromium: Path, page: Path, profile: Path, *extra: str) -> str:
    """Load a page and return chromium's stdout (the DOM after scripts ran, with --dump-dom)."""
    done = subprocess.run(
        [str(chromium), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Dom(HTMLParser):
    """Elements, attributes and the <title> text of a dumped DOM."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.fixture(scope="module")
def hostile_dom(chromium: Path, tmp_path_factory) -> Dom:
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "review.html"
    page.write_text(render_page([hostile_record()]), encoding="utf-8")
    return Dom(browse(chromium, page, folder / "profile", "--dump-dom"))


def test_review_show_browser_runs_scripts_in_an_unsafe_page(chromium: Path, tmp_path: Path) -> None:
    # the canary: the same payloads, unescaped and without a CSP, do change the page
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>canary</title></head><body><p>{PAYLOADS[1]}</p>"
                    "<script>document.body.dataset.ran = 'yes'</script></body></html>", encoding="utf-8")
    dom = Dom(browse(chromium, page, tmp_path / "profile", "--dump-dom"))
    assert dom.title == "PWNED"
    assert ("body", {"data-ran": "yes"}) in dom.elements


def test_review_show_browser_title_is_unchanged(hostile_dom: Dom) -> None:
    assert hostile_dom.title == HOSTILE_TITLE


@pytest.mark.parametrize("tag", ["script", "img", "svg", "iframe", "a", "object", "embed", "form", "base"])
def test_review_show_browser_has_no_injected_element(hostile_dom: Dom, tag: str) -> None:
    assert not [attrs for name, attrs in hostile_dom.elements if name == tag]


def test_review_show_browser_has_no_event_handler_or_refresh(hostile_dom: Dom) -> None:
    for tag, attrs in hostile_dom.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert (attrs.get("http-equiv") or "").lower() != "refresh"
    assert [tag for tag, _ in hostile_dom.elements].count("style") == 1  # the page's own


@pytest.mark.parametrize("field", ["persons", "organizations", "dates", "statistics", "documents"])
def test_review_show_browser_shows_the_highlights(hostile_dom: Dom, field: str) -> None:
    marks = [attrs for tag, attrs in hostile_dom.elements if tag == "mark" and f"f-{field}" in attrs["class"]]
    assert marks, field
    label = FIELD_STYLES[field][0]
    assert all(m["title"].startswith(f"{label}: ") for m in marks)


def test_review_show_browser_screenshot(chromium: Path, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(render_page([hostile_record()]), encoding="utf-8")
    shot = tmp_path / "review.png"
    browse(chromium, page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1000,800")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
