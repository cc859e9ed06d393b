"""Fault injection on the stores: databases on read-only media, a full disk under `run`, a
dead-letter file that cannot be written. Each ends with the data read, or with one line and exit
status 2, never a traceback; read-only media and full disks are real mounts in a private mount
namespace (`unshare -m`), skipped where the system does not allow one."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnextract.pipeline import cli
from vnextract.pipeline.run import run
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sinks.engine import make_engine

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parent.parent
VNEXTRACT = [sys.executable, "-m", "vnextract"]
ARTICLE = "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Nam Định, cho biết năm 2023 tỉnh có {n} đảng viên mới.\n"


def in_private_mount(script: str, mount_point: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace with a small tmpfs at `mount_point`
    (`$M` in the script); skips the test where such a namespace cannot be made."""
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        pytest.skip("needs unshare (Linux)")
    mount_point.mkdir(exist_ok=True)
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs {mount_point}"],
        capture_output=True, text=True, check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"no private mount namespace here: {probe.stderr.strip()}")
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", f"set -u; M={mount_point}\n{script}"],
        capture_output=True, text=True, check=False, timeout=timeout, cwd=ROOT,
    )


def articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n) * 3, encoding="utf-8")
    return folder


READ_BACK = """
import sys
from vnextract.pipeline import cli
from vnextract.pipeline.run import run
from vnextract.pipeline.settings import Settings
db = "sqlite:///" + sys.argv[1]
for argv in (["query", "--db", db, "--json", "SELECT count(*) AS n FROM articles"],
             ["export", "--db", db, "--format", "csv", "--table", "persons"],
             ["diff", db, db]):
    print("==", argv[0], flush=True)
    print("status", cli.main(argv), flush=True)
"""


def test_faults_stores_read_only_media(tmp_path: Path) -> None:
    source = articles(tmp_path / "in", 3)
    with DatabaseSink(f"sqlite:///{tmp_path / 'r.db'}") as sink:
        summary = run([str(source)], Settings(), sink, progress=False)
    assert summary.processed == 3
    script = f"""
mount -t tmpfs -o size=8m tmpfs $M
cp {tmp_path / 'r.db'} $M/r.db
mount -o remount,ro $M
{sys.executable} -c '{READ_BACK}' $M/r.db
echo "== files"; ls $M
"""
    started = time.monotonic()
    done = in_private_mount(script, tmp_path / "media")
    assert "Traceback" not in done.stderr, done.stderr
    sections = dict(part.split("\n", 1) for part in done.stdout.split("== ")[1:])
    assert sections["query"].startswith('{"n": 3}\nstatus 0'), done.stderr
    assert sections["export"].count("Nguyễn Văn An") == 3 and "status 0" in sections["export"]
    assert "no differences" in sections["diff"] and "status 0" in sections["diff"]
    assert sections["files"].split() == ["r.db"]  # nothing written beside it
    assert time.monotonic() - started < 60


def test_faults_stores_full_disk_ends_run_in_one_line(tmp_path: Path) -> None:
    source = articles(tmp_path / "in", 40)
    script = f"""
mount -t tmpfs -o size=160k tmpfs $M
{" ".join(VNEXTRACT)} run {source} --db sqlite:///$M/r.db --no-progress --batch-size 5
echo "status=$?"
"""
    started = time.monotonic()
    done = in_private_mount(script, tmp_path / "disk")
    assert "Traceback" not in done.stderr, done.stderr
    assert "status=2" in done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("vnextract run:")]
    assert len(errors) == 1 and "[E051]" in errors[0] and "full" in errors[0], done.stderr
    assert time.monotonic() - started < 60


def run_cli(argv: list[str]) -> tuple[int, str]:
    """A vnextract command in this process: (status, stderr)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = cli.main(argv)
    return status, err.getvalue()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_faults_stores_dead_letters_on_a_full_device(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    started = time.monotonic()
    status, err = run_cli(["run", str(bad), "--db", f"sqlite:///{tmp_path / 'r.db'}",
                           "--dead-letter", "/dev/full", "--no-progress"])
    assert status == 2
    assert err.strip().count("\n") == 0 and "[E050]" in err and "No space left" in err, err
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("INSERT INTO meta (key, value) VALUES ('k', 'v')", id="insert"),
        pytest.param("CREATE TABLE x (a)", id="create"),
        pytest.param("DELETE FROM meta", id="delete"),
    ],
)
def test_faults_stores_read_only_engine_cannot_write(tmp_path: Path, statement: str) -> None:
    from sqlalchemy.exc import DBAPIError

    url = f"sqlite:///{tmp_path / 'r.db'}"
    DatabaseSink(url).close()
    engine = make_engine(url, read_only=True)
    try:
        with pytest.raises(DBAPIError, match="readonly|read-only|query_only|not authorized"), engine.connect() as conn:
            conn.exec_driver_sql(statement)
            conn.commit()
    finally:
        engine.dispose()
