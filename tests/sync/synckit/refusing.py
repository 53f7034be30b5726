"""A loopback URL where nothing listens, held for the test so nobody else can take it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def refusing_url() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` whose port is bound but never listened on: every connect
    is refused, and (unlike a port bound and closed again) no other test or xdist worker
    can start listening there meanwhile."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{held.getsockname()[1]}"
