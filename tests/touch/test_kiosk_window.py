"""`mashangban run` fills the screen without a window manager, in both orientations,
and a SIGTERM ends it in order within 5 s."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.touch.conftest import LANDSCAPE, PORTRAIT
from tests.touch.flows import dark_fraction
from tests.touch.kiosk import Kiosk, wait_for


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_the_window_fills_the_screen(start_kiosk: Callable[..., Kiosk], size: str) -> None:
    kiosk = start_kiosk(size)
    width, height = (int(n) for n in size.split("x"))
    found = wait_for(
        "the window over the whole screen",
        lambda: (m := kiosk.screen_map())["window"]["rect"] == [0, 0, width, height] and m,
    )
    assert found["screen"] == [0, 0, width, height]
    assert found["window"]["full_screen"]
    image = kiosk.screenshot()
    assert image.size == (width, height)
    # No black border of the bare X root: the right and bottom strips are the kiosk's.
    assert dark_fraction(image, [width - 40, 200, 40, height // 2]) < 0.5
    assert (
        dark_fraction(image, [0, height - 30, width, 30]) < 0.9
    )  # the status strip: dark-ish but drawn


@pytest.mark.parametrize("when", ["at_home", "synced"])
def test_sigterm_ends_the_kiosk_within_5_s_and_keeps_the_store(kiosk: Kiosk, when: str) -> None:
    """At Home's first paint (the embedded central and sync still starting) and once
    sync runs."""
    log_file = kiosk.data_dir / "logs" / "mashangban.log"
    if when == "synced":
        wait_for("sync started", lambda: "sync attached" in log_file.read_text())
    code, seconds = kiosk.terminate()
    assert code == 0, kiosk.log_tail()
    text = log_file.read_text()
    stopping = text[text.rfind("\n", 0, text.find("shutting down")) :]
    sent = time.strftime("%H:%M:%S", time.localtime(kiosk.terminated_at))
    assert seconds < 5.0, (
        f"took {seconds:.1f} s; sent at {sent}; the log from the signal on:{stopping}"
    )
    log = log_file.read_text()
    assert "window close refused" not in log
    rows = kiosk.store_rows("PRAGMA integrity_check")
    assert rows[0][0] == "ok"
