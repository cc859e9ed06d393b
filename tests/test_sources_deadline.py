"""Deadline: one wall-clock limit over an exchange, enforced by shutting its sockets down."""

from __future__ import annotations

import socket
import time

import pytest

from vnextract.pipeline.sources.deadline import Deadline, watch_socket


@pytest.mark.parametrize("seconds", [0.2, 0.4])
def test_deadline_unblocks_a_read_that_waits(seconds: float):
    ours, theirs = socket.socketpair()  # the other end never writes: recv would wait forever
    try:
        started = time.monotonic()
        with Deadline(seconds) as deadline:
            watch_socket(ours)
            data = ours.recv(10)
        elapsed = time.monotonic() - started
        assert data == b"" and deadline.expired
        assert seconds <= elapsed < seconds + 0.5
    finally:
        ours.close()
        theirs.close()


def test_deadline_leaves_a_finished_exchange_alone():
    ours, theirs = socket.socketpair()
    try:
        with Deadline(0.1) as deadline:
            watch_socket(ours)
        time.sleep(0.3)  # well past the deadline: the socket must still work
        theirs.sendall(b"ok")
        assert ours.recv(2) == b"ok" and not deadline.expired
    finally:
        ours.close()
        theirs.close()


def test_deadline_socket_registered_late_is_shut_at_once():
    ours, theirs = socket.socketpair()
    try:
        with Deadline(0.05) as deadline:
            time.sleep(0.3)
            watch_socket(ours)
            assert ours.recv(10) == b"" and deadline.passed()
    finally:
        ours.close()
        theirs.close()


def test_watch_socket_without_deadline_does_nothing():
    ours, theirs = socket.socketpair()
    try:
        watch_socket(ours)
        theirs.sendall(b"x")
        assert ours.recv(1) == b"x"
    finally:
        ours.close()
        theirs.close()
