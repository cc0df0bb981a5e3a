"""External DTDs and entities are never fetched: a local server sees no connection."""

from __future__ import annotations

import contextlib
import socket
import threading
import warnings
from collections.abc import Iterator

import pytest

from scmpfeeds import ParseError, iter_rss, parse_rss


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP server on 127.0.0.1 that records every request sent to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(4096))
                except OSError:
                    seen.append(b"")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(timeout=2)
    server.close()


def _run_all(data: bytes) -> None:
    for strict in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with contextlib.suppress(ParseError):
                parse_rss(data, strict=strict)
            with contextlib.suppress(ParseError):
                list(iter_rss(data, strict=strict))


def test_the_listener_does_record_connections(listener: tuple[int, list[bytes]]) -> None:
    """Control: the fixture notices a real connection, so silence below means something."""
    port, seen = listener
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"GET /probe HTTP/1.0\r\n\r\n")
    for _ in range(50):
        if seen:
            break
        threading.Event().wait(0.02)
    assert seen == [b"GET /probe HTTP/1.0\r\n\r\n"]


def test_external_dtd_is_not_fetched(listener: tuple[int, list[bytes]]) -> None:
    port, seen = listener
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:{port}/rss.dtd">\n'
        "<rss><channel><item><title>t</title><link>x</link></item></channel></rss>\n"
    ).encode()
    assert parse_rss(data).articles[0].title == "t"  # a DOCTYPE alone is harmless
    _run_all(data)
    threading.Event().wait(0.3)
    assert seen == []


def test_external_entity_url_is_not_fetched(listener: tuple[int, list[bytes]]) -> None:
    port, seen = listener
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY e SYSTEM "http://127.0.0.1:{port}/e">'
        f'<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p"> %p;]>\n'
        "<rss><channel><item><title>&e;</title><link>x</link></item></channel></rss>\n"
    ).encode()
    _run_all(data)
    threading.Event().wait(0.3)
    assert seen == []
