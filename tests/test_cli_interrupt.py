"""Ctrl-C during `vnextract run -j 2`: exit 130 with one line, and no traceback from the run, its
fork server or its workers, whether it comes while they start or while they work. The test sends
SIGINT to the whole process group, as a terminal does."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from _run_inputs import ROOT, corpus_texts

DEADLINE = 60.0  # seconds for a run to reach the moment of the interrupt


def _group(pgid: int) -> list[str]:
    """Command lines of the live processes of a group."""
    lines = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            lines.append(command)
    return lines


def _fork_server_started(proc: subprocess.Popen[bytes], _db: Path) -> bool:
    return any("forkserver" in command for command in _group(proc.pid))


def _rows_written(_proc: subprocess.Popen[bytes], db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    except sqlite3.Error:
        return False


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough articles that a two-worker run is still busy when it is interrupted."""
    path = tmp_path_factory.mktemp("interrupt") / "many.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in corpus_texts(20)]
    with path.open("w", encoding="utf-8") as out:
        for number in range(400):
            item = {"url": f"https://example.invalid/{number}", "text": texts[number % len(texts)]}
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and /proc")
@pytest.mark.parametrize(
    "ready",
    [
        pytest.param(_fork_server_started, id="while-workers-start"),
        pytest.param(_rows_written, id="while-workers-work"),
    ],
)
def test_cli_ctrl_c_during_a_parallel_run(ready: Callable[..., bool], many: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "vnextract", "run", str(many), "--db", f"sqlite:///{db}", "-j", "2",
         "--batch-size", "1", "--no-progress"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + DEADLINE
        while not ready(proc, db):
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the run never reached the moment of the interrupt"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        err = proc.communicate(timeout=60)[1].decode()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip().splitlines() == ["vnextract: interrupted"]
    deadline = time.monotonic() + 10
    while _group(proc.pid) and time.monotonic() < deadline:  # the workers go with the run
        time.sleep(0.1)
    assert not _group(proc.pid)
