"""The real `mashangban run` on a bare X display, driven by pointer taps (xdotool).

``running_kiosk(tmp_path, "1920x1080")`` starts Xvfb (no window manager) on a display
it chose, then ``python -m mashangban run`` (fullscreen, the embedded demo defaults)
on it with a temporary data directory, and waits until Home has painted. The
``Kiosk`` it yields taps at screen coordinates with real X pointer events, takes
screenshots (PIL images of the whole X screen) and reads the app's screen map — a
JSON file the app writes on SIGUSR1 when started with ``MASHANGBAN_SCREEN_MAP``
(ui/screen_map.py; off on a real kiosk) — to find where to tap. Nothing here calls
a widget; the test only sees pixels, the map and the store.

Every wait polls a condition against a generous deadline (a busy 2-core machine).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PIL import Image, ImageGrab

from tests.xdisplay import xvfb_display

REPO = Path(__file__).resolve().parents[2]
DEADLINE_S = 60.0  # for anything: a start, a screen change, a paint
T = TypeVar("T")

Rect = tuple[int, int, int, int]


def need_tools() -> None:
    """Skip (with the reason) when the display server or the pointer tool is missing."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"touch suite needs {' and '.join(missing)} (scripts/setup.sh installs them)")


def wait_for(what: str, probe: Callable[[], T | None], timeout_s: float = DEADLINE_S) -> T:
    """``probe()`` until it returns something truthy; fail naming ``what`` after the deadline."""
    deadline = time.monotonic() + timeout_s
    last: Any = None
    while True:
        try:
            last = probe()
        except (OSError, ValueError, KeyError) as exc:  # a file being replaced, a late map
            last = exc
        else:
            if last:
                return last
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s:.0f} s waiting for {what} (last: {last!r})")
        time.sleep(0.1)


def sha256(text: str) -> str:
    """What the screen map gives for a text field holding ``text``."""
    return hashlib.sha256(text.encode()).hexdigest()


def centre(rect: Rect | list[int]) -> tuple[int, int]:
    x, y, w, h = rect
    return x + w // 2, y + h // 2


class Kiosk:
    """One running kiosk: its process, display, data directory and the driver."""

    def __init__(
        self,
        process: subprocess.Popen[str],
        display: str,
        data_dir: Path,
        map_file: Path,
        log: Path,
    ) -> None:
        self.process = process
        self.display = display
        self.data_dir = data_dir
        self.map_file = map_file
        self.log = log
        self._seq = 0
        self.terminated_at = 0.0

    # pointer --------------------------------------------------------------
    def _xdotool(self, *args: str) -> None:
        env = dict(os.environ, DISPLAY=self.display)
        subprocess.run(["xdotool", *args], env=env, check=True, timeout=30, capture_output=True)

    def tap(self, x: int, y: int) -> None:
        """A finger tap at screen coordinates: the pointer moves there, presses, releases."""
        self._xdotool("mousemove", "--sync", str(x), str(y), "click", "1")

    def tap_rect(self, rect: Rect | list[int]) -> None:
        self.tap(*centre(rect))

    # screen ---------------------------------------------------------------
    def screenshot(self) -> Image.Image:
        """The whole X screen as an RGB image."""
        return ImageGrab.grab(xdisplay=self.display).convert("RGB")

    def screen_map(self) -> dict[str, Any]:
        """A fresh map from the app (asks with SIGUSR1; waits for a newer ``seq``)."""
        self.alive()
        wanted = self._seq + 1

        def fresh() -> dict[str, Any] | None:
            data: dict[str, Any] = json.loads(self.map_file.read_text(encoding="utf-8"))
            return data if data.get("seq", 0) >= wanted else None

        def ask() -> dict[str, Any] | None:
            self.process.send_signal(signal.SIGUSR1)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    found = fresh()
                except (OSError, ValueError):
                    found = None
                if found:
                    return found
                time.sleep(0.05)
            return None  # asked again (a signal can arrive while the app is busy)

        data = wait_for("the screen map", ask)
        assert "error" not in data, data["error"]
        self._seq = int(data["seq"])
        return data

    def widgets(self, **match: Any) -> list[dict[str, Any]]:
        """Visible widgets whose map entry has every ``match`` item (``text`` may be a
        substring: ``text_has=``)."""
        has = match.pop("text_has", None)
        found = []
        for entry in self.screen_map()["widgets"]:
            same = all(entry.get(k) == v for k, v in match.items())
            if same and (has is None or has in str(entry.get("text", ""))):
                found.append(entry)
        return found

    def find(
        self, what: str = "widget", timeout_s: float = DEADLINE_S, **match: Any
    ) -> dict[str, Any]:
        """The first visible, enabled widget matching (waits for it to appear)."""

        def one() -> dict[str, Any] | None:
            hits = [e for e in self.widgets(**match) if e.get("enabled", True)]
            return hits[0] if hits else None

        return wait_for(f"{what} {match}", one, timeout_s)

    def tap_widget(self, **match: Any) -> dict[str, Any]:
        """Tap the middle of the visible part of the widget matching ``match``."""
        entry = self.find(**match)
        self.tap_rect(entry["visible_rect"])
        return entry

    def keys(self) -> list[dict[str, Any]]:
        """The on-screen keyboard's keys and word candidates now on screen."""
        return list(self.screen_map()["keys"])

    def key(self, text: str, kind: str = "key", timeout_s: float = DEADLINE_S) -> dict[str, Any]:
        """The keyboard key (or ``kind="candidate"``) labelled ``text`` (waits for it)."""

        seen: list[list[int]] = []

        def one() -> dict[str, Any] | None:
            hits = [k for k in self.keys() if k["kind"] == kind and k["text"] == text]
            if not hits:
                return None
            seen.append(hits[0]["rect"])  # where it is in two maps in a row: not moving
            return hits[0] if len(seen) > 1 and seen[-2] == seen[-1] else None

        return wait_for(f"keyboard {kind} {text!r}, standing still", one, timeout_s)

    def tap_key(self, text: str, kind: str = "key") -> None:
        self.tap_rect(self.key(text, kind)["rect"])

    def wait_screen(self, screen_class: str, timeout_s: float = DEADLINE_S) -> dict[str, Any]:
        """Wait until the window's current screen is ``screen_class`` (e.g. "HomeScreen")."""

        def there() -> dict[str, Any] | None:
            found = self.screen_map()
            return found if found["screen_class"] == screen_class else None

        return wait_for(f"screen {screen_class}", there, timeout_s)

    # process --------------------------------------------------------------
    def alive(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(f"the kiosk exited ({self.process.returncode}):\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def terminate(self, timeout_s: float = 30) -> tuple[int, float]:
        """SIGTERM; returns (exit code, seconds it took to exit)."""
        started = time.monotonic()
        self.terminated_at = time.time()  # wall clock, to compare with the kiosk's log
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout_s)
        return code, time.monotonic() - started

    def store_rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        """Rows from the kiosk's store file, read only (safe beside the running kiosk)."""
        conn = sqlite3.connect(
            f"file:{self.data_dir / 'store.sqlite3'}?mode=ro", uri=True, timeout=30
        )
        try:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


def kiosk_env(data_dir: Path, display: str, map_file: Path, **settings: str) -> dict[str, str]:
    """No user configuration; the data directory, the display and the screen map;
    ``settings`` as MASHANGBAN_<SECTION>__<KEY>."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MASHANGBAN_", "QT_", "WAYLAND"))
    }
    env.update(
        MASHANGBAN_STORE__DATA_DIR=str(data_dir),
        MASHANGBAN_SCREEN_MAP=str(map_file),
        MASHANGBAN_UI__VOICE="false",
        XDG_CONFIG_HOME=str(data_dir.parent / "xdg-config"),
        QT_QPA_PLATFORM="xcb",
        DISPLAY=display,
        PYTHONPATH=str(REPO),
        QT_LOGGING_RULES="qt.multimedia*=false",
    )
    env.update({f"MASHANGBAN_{k.upper()}": v for k, v in settings.items()})
    return env


def home_painted(kiosk: Kiosk) -> bool:
    """Home is the current screen and the screen shows it (not a black or blank frame)."""
    if kiosk.screen_map()["screen_class"] != "HomeScreen":
        return False
    image = kiosk.screenshot()
    colours = image.resize((64, 36)).getcolors(64 * 36) or []
    return len(colours) > 20  # text, buttons and bars: many colours, not one fill


@contextmanager
def kiosk_on(
    display: str, tmp_path: Path, *, extra_env: dict[str, str] | None = None, **settings: str
) -> Iterator[Kiosk]:
    """``python -m mashangban run`` on ``display`` until Home has painted; stopped after."""
    data_dir = tmp_path / "data"
    map_file = tmp_path / "screen-map.json"
    log = tmp_path / "kiosk.log"
    env = kiosk_env(data_dir, display, map_file, **settings)
    env.update(extra_env or {})
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mashangban", "run"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    kiosk = Kiosk(process, display, data_dir, map_file, log)
    try:
        # Until the app has installed its SIGUSR1 handler (it then writes seq 0), the
        # signal would kill it: no map is asked for before the file exists.
        wait_for("the kiosk's window", lambda: kiosk.alive() or map_file.exists(), 90)
        wait_for("Home painted", lambda: home_painted(kiosk), 90)
        yield kiosk
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(30)


@contextmanager
def running_kiosk(
    tmp_path: Path,
    size: str = "1920x1080",
    *,
    extra_env: dict[str, str] | None = None,
    **settings: str,
) -> Iterator[Kiosk]:
    """Xvfb (``size``, 24-bit, no window manager) and the kiosk on it; ``extra_env`` is
    added to the kiosk's environment (e.g. ``{"QT_QUICK_BACKEND": "software"}``)."""
    need_tools()
    with (
        xvfb_display(f"{size}x24") as display,
        kiosk_on(display, tmp_path, extra_env=extra_env, **settings) as kiosk,
    ):
        yield kiosk
