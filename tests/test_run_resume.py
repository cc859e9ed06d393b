"""A run killed with SIGKILL at several moments, then resumed, ends with the rows of an unbroken run."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from _run_inputs import PAGES, ROOT, Inputs, count, dump, make_inputs, reference_run, run_into, sqlite_url

DEADLINE = 60.0  # seconds for one killed run to reach its kill point


def _start(inputs: Inputs, url: str, dead: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "vnextract.pipeline.run_cli", str(inputs.root), "--db", url,
         "--dead-letter", str(dead), "--batch-size", "1", *extra],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: cleaned up whole at the end
    )


def _kill_when(proc: subprocess.Popen[bytes], ready, what: str) -> None:
    """SIGKILL the run's main process (not its workers) as soon as `ready()` holds."""
    deadline = time.monotonic() + DEADLINE
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"run ended before {what}: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"run never reached {what}")
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def _live_in_group(pgid: int) -> list[int]:
    """Processes of a group that are still running (zombies left unreaped by init do not count)."""
    live = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state ppid pgrp …
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            live.append(int(entry.name))
    return live


def _group_gone(pgid: int, timeout: float = 10.0) -> bool:
    """True once no process of the group is left (workers stop when their run is gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _live_in_group(pgid):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    return make_inputs(tmp_path_factory.mktemp("resume") / "inputs", good=30)


@pytest.fixture(scope="module")
def unbroken(inputs: Inputs, tmp_path_factory: pytest.TempPathFactory, nlp, settings):
    url, summary, dead = reference_run(inputs, tmp_path_factory.mktemp("unbroken"), settings)
    assert summary.processed == inputs.articles
    return url, dead


def test_run_resume_after_kill_gives_the_rows_of_an_unbroken_run(inputs: Inputs, unbroken,
                                                                  tmp_path: Path, settings) -> None:
    url = sqlite_url(tmp_path / "killed.db")
    dead = tmp_path / "dead.jsonl"
    groups = []

    # 1. Killed while starting up (schema being created, workers forking, nothing extracted).
    proc = _start(inputs, url, dead, "--workers", "2")
    groups.append(proc.pid)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)

    # 2. Killed in the middle of the work, with two worker processes busy.
    proc = _start(inputs, url, dead, "--workers", "2", "--resume")
    groups.append(proc.pid)
    _kill_when(proc, lambda: count(url, "articles") >= 4, "4 articles")
    first_kill = count(url, "articles")
    assert 4 <= first_kill < inputs.articles, "the kill should land mid-run"

    # 3. Killed again further on, one worker in process, dead letters being written.
    proc = _start(inputs, url, dead, "--resume")
    groups.append(proc.pid)
    _kill_when(proc, lambda: count(url, "articles") >= first_kill + 6, "6 more articles")
    assert count(url, "articles") < inputs.articles

    try:
        for pgid in groups:  # no orphaned worker survives its killed run
            assert _group_gone(pgid), f"processes of killed run {pgid} still running"
    finally:
        for pgid in groups:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    # 4. Resumed to the end.
    summary = run_into(url, inputs, settings, resume=True, dead_letter=dead)
    assert summary.skipped >= first_kill + 6
    assert summary.processed + summary.skipped + summary.duplicates == inputs.articles + inputs.duplicates

    reference_url, reference_dead = unbroken
    assert dump(url) == dump(reference_url)

    def letters(path: Path) -> list[tuple[str, str]]:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return sorted((row["input_key"], row["code"]) for row in rows)

    assert letters(dead) == letters(reference_dead)  # none lost, none written twice


# A saved page's link to itself, in each place the parser reads one: without them the record id
# is taken from the text, and that text begins with the sapo.
_OWN_URL = re.compile(
    r'<link[^>]*rel="canonical"[^>]*>|<meta[^>]*property="og:url"[^>]*>'
    r'|"(?:url|@id|mainEntityOfPage)"\s*:\s*"[^"]*",?',
    re.IGNORECASE,
)


@pytest.mark.parametrize("page", ["dantri.html", "nhandan.html", "vnexpress.html", "opengraph.html"])
def test_run_resume_skips_a_page_with_a_sapo_and_no_canonical_url(page: str, tmp_path: Path, nlp,
                                                                  settings) -> None:
    from vnextract.pipeline.parse import parse
    from vnextract.pipeline.process import extract_article
    from vnextract.pipeline.run import article_key
    from vnextract.pipeline.types import RawDocument

    html = _OWN_URL.sub("", (PAGES / page).read_text(encoding="utf-8"))
    article = parse(RawDocument(content=html.encode("utf-8"), content_type="text/html"), settings)
    assert article.sapo and article.url is None  # the case of the bug
    assert article_key(article) == extract_article(article, nlp, settings).id

    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / page).write_text(html, encoding="utf-8")
    pages = Inputs(root=folder, articles=1, rejected={}, duplicates=0)
    url = sqlite_url(tmp_path / "r.db")
    first = run_into(url, pages, settings)
    again = run_into(url, pages, settings, resume=True)
    assert (first.processed, again.processed, again.skipped) == (1, 0, 1)
