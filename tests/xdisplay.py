"""A private Xvfb display for a test that must run on xcb, the kiosk's own platform.

``xvfb-run -a`` picks "a free display" by looking for lock files, so two runs started
together (xdist workers, or two checkouts on one machine) can pick the same number.
Xvfb's own ``-displayfd`` has the server claim a free number itself and report it.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def xvfb_display(screen: str = "1920x1080x24", timeout_s: float = 60) -> Iterator[str]:
    """Start Xvfb on a display it chose; yields ``:N`` for DISPLAY; stops it after."""
    if not shutil.which("Xvfb"):
        pytest.skip("no Xvfb (scripts/setup.sh installs xvfb)")
    # The log is a file, not a pipe: Xvfb's chatter can never fill it and block the server.
    with tempfile.TemporaryFile() as log:
        read_end, write_end = os.pipe()
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        os.close(write_end)
        try:
            ready, _, _ = select.select([read_end], [], [], timeout_s)
            number = os.read(read_end, 32).decode().strip() if ready else ""
            if not number:
                server.kill()
                server.wait(10)
                log.seek(0)
                pytest.fail(f"Xvfb did not start: {log.read().decode(errors='replace')[-2000:]}")
            yield f":{number}"
        finally:
            os.close(read_end)
            _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
