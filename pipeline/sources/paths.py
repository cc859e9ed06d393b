"""Local paths: a printable name for any file name, and reading regular files only."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegular(OSError):
    """The path is a FIFO, device or socket: opening or reading it could block forever."""


def display_name(path: str | os.PathLike[str]) -> str:
    """The path as valid text: bytes that are not UTF-8 become `\\xff` escapes.

    POSIX names are bytes; Python hands undecodable ones over as lone surrogates, which no
    JSON encoder, database or terminal accepts. Names are shown and stored in this form; the
    file itself is always opened through the original path.
    """
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


def file_kind(mode: int) -> str:
    """What a stat mode describes, for messages: 'FIFO', 'socket', 'device', 'folder', 'file'."""
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; raise NotRegular for anything else, without blocking.

    O_NONBLOCK makes opening a FIFO return at once (a plain open waits for a writer), and the
    check is made on the opened descriptor, so a file swapped for a FIFO after a stat is caught.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"{display_name(path)} is a {file_kind(mode)}, not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
