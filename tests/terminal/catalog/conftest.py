"""Fixtures for catalog tests: the demo catalog as bytes and as a fresh document."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from terminal.catalog import demo_catalog_path


@pytest.fixture(scope="session")
def demo_raw() -> bytes:
    """The bundled demo catalog's exact bytes."""
    return demo_catalog_path().read_bytes()


@pytest.fixture
def demo_doc(demo_raw: bytes) -> dict[str, Any]:
    """A fresh, editable copy of the demo catalog document."""
    return json.loads(demo_raw)


@pytest.fixture
def encode() -> Callable[[dict[str, Any]], bytes]:
    """Turns a document back into catalog bytes."""
    return lambda doc: json.dumps(doc, ensure_ascii=False).encode("utf-8")
