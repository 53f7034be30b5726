"""Fixtures of the touch suite: the real kiosk on a bare X display (tests/touch/kiosk.py).

``kiosk``: landscape 1920×1080; ``portrait_kiosk``: 1080×1920; ``start_kiosk(size,
**settings)`` for anything else (settings as MASHANGBAN_<SECTION>__<KEY>, e.g.
``ui__orientation="portrait"``). Every test here is marked ``touch`` and ``slow``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.touch.kiosk import Kiosk, running_kiosk

LANDSCAPE = "1920x1080"
PORTRAIT = "1080x1920"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/touch/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.touch)
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def start_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Starts kiosks (each on its own Xvfb) that are stopped at the test's end."""
    with ExitStack() as stack:
        count = 0

        def start(
            size: str = LANDSCAPE, extra_env: dict[str, str] | None = None, **settings: Any
        ) -> Kiosk:
            nonlocal count
            count += 1
            place = tmp_path / f"kiosk{count}"
            place.mkdir()
            return stack.enter_context(running_kiosk(place, size, extra_env=extra_env, **settings))

        yield start


@pytest.fixture
def kiosk(start_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return start_kiosk(LANDSCAPE)


@pytest.fixture
def portrait_kiosk(start_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return start_kiosk(PORTRAIT)
