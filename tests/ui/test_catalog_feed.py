"""The search index is built after start; a failed build is tried again, never stuck."""

from __future__ import annotations

from typing import Any

import pytest

import ui.catalog_view as catalog_view
from terminal.catalog import Catalog
from ui.catalog_view import CatalogFeed, view_of
from ui.operations import Operations


def test_a_failed_index_build_is_tried_again(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from conftest import demo_catalog

    real = catalog_view.build_index
    attempts: list[int] = []

    def flaky(catalog: Catalog) -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            raise MemoryError("simulated")
        return real(catalog)

    monkeypatch.setattr(catalog_view, "build_index", flaky)
    ops = Operations(synchronous=True)
    feed = CatalogFeed(view_of(demo_catalog()), ops)
    ready: list[bool] = []
    feed.indexed.connect(lambda: ready.append(True))
    feed.start_indexing()
    assert feed.view.index is None and ready == []
    assert "search index not built: MemoryError" in caplog.text
    feed.start_indexing()  # e.g. the search screen opening
    assert feed.view.index is not None and ready == [True]
    feed.start_indexing()  # built: nothing more
    assert len(attempts) == 2
    ops.shutdown()
