"""What every subcommand does besides its own work: output files (missing folders are made),
lists of inputs (-i), one-line reports of failures, and notes on stderr saying where output went.

Exit statuses shared by the subcommands: 0 done, 1 some inputs failed (or, for diff, differences),
2 the command could not do its job (usage, an output it cannot write, a database it cannot use),
130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

from vnextract.pipeline.errors import Errors, VnextractError

DONE, SOME_FAILED, CANNOT = 0, 1, 2
MAX_LIST_LINE = 8192  # characters: a line of an input list longer than this is not a path or URL


class OutputError(VnextractError):
    """An output file that cannot be written (a folder in its place, no permission, disk full)."""

    def __init__(self, path: str | Path, cause: str) -> None:
        super().__init__(Errors.E050, f"{path} ({cause})")


class DatabaseError(VnextractError):
    """A database that cannot be opened, read or written; the cause in one line."""

    def __init__(self, cause: BaseException | str) -> None:
        super().__init__(Errors.E051, cause if isinstance(cause, str) else database_cause(cause))


def database_cause(error: BaseException) -> str:
    """The driver's own message (first line), without SQLAlchemy's statement and link dump."""
    detail = str(getattr(error, "orig", None) or error).strip()
    first = detail.splitlines()[0].strip() if detail else ""
    return first or type(error).__name__


def output_path(path: str | Path) -> Path:
    """`path` ready to be written: its missing folders made (as `fetch --warc` does)."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(target, "it is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(target, error.strerror or str(error)) from error
    return target


@contextmanager
def open_output(path: str | Path | None, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file to write (folders made), or stdout when `path` is None or '-'."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    target = output_path(path)
    with ExitStack() as stack:
        try:
            handle = stack.enter_context(open(target, "w", encoding="utf-8", newline=newline))
        except OSError as error:
            raise OutputError(target, error.strerror or str(error)) from error
        yield handle


def read_input_list(path: str) -> list[str]:
    """The inputs named in a list file (-i): one path or URL per line; blank lines and lines
    starting with '#' are skipped. '-' reads the list from stdin."""
    try:
        if path == "-":
            lines = sys.stdin.read().splitlines()
        else:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise VnextractError(Errors.E054, f"{path}: {getattr(error, 'strerror', None) or error}") from error
    inputs = []
    for number, line in enumerate(lines, 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if len(entry) > MAX_LIST_LINE or "\x00" in entry:
            raise VnextractError(Errors.E054, f"{path} line {number} is not a path or URL")
        inputs.append(entry)
    return inputs


def gather_inputs(args: argparse.Namespace, positional: str = "inputs") -> list[str]:
    """The positional inputs followed by those of every -i list, in order."""
    inputs = list(getattr(args, positional) or [])
    for list_file in getattr(args, "input_list", None) or []:
        inputs += read_input_list(list_file)
    return inputs


def report(command: str, error: VnextractError, name: str | None = None) -> None:
    """One line on stderr for a failure: `vnextract COMMAND: [NAME: ][E0xx] reason`."""
    prefix = f"vnextract {command}" if command else "vnextract"
    where = f"{name}: " if name else ""
    print(f"{prefix}: {where}[{error.code}] {error.reason}", file=sys.stderr)


def note(args: argparse.Namespace, command: str, message: str) -> None:
    """A success note on stderr (where the output went), unless -q was given."""
    if getattr(args, "verbosity", 0) >= 0:
        print(f"vnextract {command}: {message}", file=sys.stderr)


def plural(count: int, word: str) -> str:
    """'1 record', '3 records'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
