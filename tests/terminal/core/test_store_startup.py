"""Start-up: pragmas in force, damaged stores moved aside (never lost), events reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from terminal.paths import DataPaths
from terminal.store.engine import REQUIRED_PRAGMAS, StorePragmaError, assert_pragmas, read_pragmas
from terminal.store.startup import open_store, quick_check


def test_every_connection_has_the_required_pragmas(tmp_path: Path) -> None:
    store = open_store(DataPaths(tmp_path))
    try:
        writer_values = store.writer.run(read_pragmas)
        with store.reader.connect() as conn:
            reader_values = read_pragmas(conn.connection.dbapi_connection)  # type: ignore[arg-type]
    finally:
        store.close()
    expected = {k: str(v).lower() for k, v in REQUIRED_PRAGMAS.items()}
    assert {k: str(v).lower() for k, v in writer_values.items()} == expected
    assert {k: str(v).lower() for k, v in reader_values.items()} == expected


def test_assert_pragmas_refuses_a_plain_connection(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "plain.db")
    with pytest.raises(StorePragmaError, match="journal_mode"):
        assert_pragmas(conn)
    conn.close()


def _corrupt_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # keep the header page, wreck the rest
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["garbage", "pages"])
def test_a_damaged_store_is_moved_aside_and_a_fresh_one_created(
    tmp_path: Path, damage: str
) -> None:
    paths = DataPaths(tmp_path)
    store = open_store(paths)
    store.writer.run(
        lambda c: c.executemany(
            "INSERT INTO store_events(at, kind, detail) VALUES ('t', 'filler', ?)",
            [("x" * 500,) for _ in range(200)],
        )
    )
    store.close()
    if damage == "garbage":
        paths.store_file.write_bytes(b"this is not sqlite" * 1000)
    else:
        _corrupt_pages(paths.store_file)
    before = paths.store_file.read_bytes()
    assert quick_check(paths.store_file) != "ok"

    store = open_store(paths)
    try:
        [event] = [e for e in store.events if e.kind == "damaged_moved_aside"]
        moved = sorted(paths.damaged_dir.glob("store-*.sqlite3"))
        assert len(moved) == 1 and moved[0].read_bytes() == before  # every byte kept
        assert str(moved[0]) in event.detail
        assert quick_check(paths.store_file) == "ok"
        with store.reader.connect() as conn:
            kinds = [r[0] for r in conn.exec_driver_sql("SELECT kind FROM store_events")]
        assert "damaged_moved_aside" in kinds
    finally:
        store.close()


def test_reopening_a_healthy_store_changes_nothing(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    open_store(paths).close()
    store = open_store(paths)
    store.close()
    assert store.events == []
    assert not paths.damaged_dir.exists()
    assert list(paths.backups_dir.iterdir()) == []
