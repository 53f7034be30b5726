"""The active catalog is swapped atomically; a broken or interrupted install changes nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from terminal.catalog import CatalogError, CatalogSource, CatalogStore
from terminal.catalog.resources import schema_digest
from terminal.catalog.store import (
    ACTIVE_NAME,
    CHECKED_NAME,
    META_NAME,
    TEMP_PREFIX,
    TEMP_SUFFIX,
)

REPO = Path(__file__).resolve().parents[3]
Encode = Callable[[dict[str, Any]], bytes]


@pytest.fixture
def store(tmp_path: Path) -> CatalogStore:
    """A store in its own directory, falling back to the real bundled catalog."""
    return CatalogStore(tmp_path / "catalog")


@pytest.fixture
def newer(demo_doc: dict[str, Any], encode: Encode) -> bytes:
    """A valid catalog that differs from the bundled one."""
    demo_doc["version"] = "2026.12.1"
    demo_doc["items"][0]["promised_days"] = 0
    return encode(demo_doc)


@pytest.fixture
def broken(demo_doc: dict[str, Any], encode: Encode) -> bytes:
    """A catalog that parses but names an item that does not exist."""
    demo_doc["version"] = "2026.12.2"
    demo_doc["themes"][0]["items"].append("med.gone")
    return encode(demo_doc)


def temp_files(store: CatalogStore) -> list[Path]:
    """Leftover temporary files in the store's directory."""
    return sorted(store.directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))


def test_first_start_uses_the_bundled_catalog(store: CatalogStore) -> None:
    catalog = store.load()
    assert catalog.version == "2026.11.3"
    assert store.source is CatalogSource.BUNDLED
    assert not store.active_path.exists()
    assert store.etag is None


def test_install_makes_the_new_catalog_active(store: CatalogStore, newer: bytes) -> None:
    store.load()
    catalog = store.install(newer, etag='"abc123"')
    assert catalog.version == "2026.12.1"
    assert store.active_path.read_bytes() == newer
    assert store.source is CatalogSource.INSTALLED
    assert store.etag == '"abc123"'
    meta = json.loads((store.directory / META_NAME).read_text("utf-8"))
    assert meta["sha256"] == catalog.sha256 and meta["version"] == "2026.12.1"
    again = CatalogStore(store.directory)  # the next start
    assert again.load().version == "2026.12.1"
    assert again.source is CatalogSource.INSTALLED
    assert temp_files(store) == []


def test_broken_install_leaves_the_old_catalog(
    store: CatalogStore, newer: bytes, broken: bytes
) -> None:
    store.install(newer, etag='"v1"')
    with pytest.raises(CatalogError) as caught:
        store.install(broken, etag='"v2"')
    assert 'unknown item "med.gone"' in str(caught.value)
    assert caught.value.source == "catalog from central"
    assert store.active_path.read_bytes() == newer
    assert store.etag == '"v1"'
    assert CatalogStore(store.directory).load().version == "2026.12.1"
    assert temp_files(store) == []


@pytest.mark.parametrize("raw", [b"", b"{", b'{"version": "2026.12.3"}', b"\x00" * 64])
def test_garbage_is_never_written(store: CatalogStore, raw: bytes) -> None:
    with pytest.raises(CatalogError):
        store.install(raw)
    assert not store.active_path.exists()
    assert store.load().version == "2026.11.3"


def test_crash_between_write_and_replace_keeps_the_old_one(
    store: CatalogStore, newer: bytes, demo_raw: bytes
) -> None:
    store.install(demo_raw, etag='"old"')
    # What a crash after the write and before os.replace leaves behind:
    leftover = store.directory / f"{TEMP_PREFIX}k2x9{TEMP_SUFFIX}"
    leftover.write_bytes(newer)
    fresh = CatalogStore(store.directory)
    assert fresh.load().version == "2026.11.3"
    assert fresh.etag == '"old"'
    assert not leftover.exists()  # cleaned up at load


def test_a_killed_install_leaves_the_old_one(
    store: CatalogStore, newer: bytes, demo_raw: bytes, tmp_path: Path
) -> None:
    store.install(demo_raw, etag='"old"')
    incoming = tmp_path / "incoming.json"
    incoming.write_bytes(newer)
    # A real process dies at the moment it would swap the file in.
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from terminal.catalog import CatalogStore\n"
        "os.replace = lambda src, dst: os._exit(17)\n"
        "CatalogStore(Path(sys.argv[1])).install(Path(sys.argv[2]).read_bytes(), 'new')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(store.directory), str(incoming)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 17, result.stderr.decode()
    [leftover] = temp_files(store)
    assert leftover.read_bytes() == newer  # written and fsynced, never swapped in
    assert store.active_path.read_bytes() == demo_raw
    fresh = CatalogStore(store.directory)
    assert fresh.load().version == "2026.11.3"
    assert fresh.etag == '"old"'
    assert temp_files(store) == []


def test_disk_failure_during_write_keeps_the_old_one(
    store: CatalogStore, newer: bytes, demo_raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.install(demo_raw)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        store.install(newer)
    monkeypatch.undo()
    assert store.active_path.read_bytes() == demo_raw
    assert temp_files(store) == []


def test_a_damaged_active_file_is_moved_aside(
    store: CatalogStore, newer: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    store.install(newer)
    store.active_path.write_bytes(newer[: len(newer) // 3])  # the disk lost the tail
    with caplog.at_level(logging.ERROR, logger="terminal.catalog.store"):
        catalog = store.load()
    assert catalog.version == "2026.11.3"
    assert store.source is CatalogSource.BUNDLED
    [aside] = store.directory.glob("catalog.damaged-*.json")
    assert aside.read_bytes() == newer[: len(newer) // 3]
    assert not store.active_path.exists()
    assert "installed catalog is damaged" in caplog.text
    assert store.etag is None


def test_etag_is_dropped_when_it_does_not_describe_the_file(
    store: CatalogStore, newer: bytes, demo_raw: bytes
) -> None:
    store.install(newer, etag='"e1"')
    # A crash between the two swaps leaves the new file with the old meta.
    (store.directory / ACTIVE_NAME).write_bytes(demo_raw)
    assert store.etag is None
    store.install(demo_raw, etag=None)
    assert store.etag is None


# -- the schema gate is skipped for bytes that passed it before ---------------------


@pytest.fixture
def schema_only_invalid(demo_doc: dict[str, Any], encode: Encode) -> bytes:
    """A catalog the JSON Schema refuses (its version breaks the pattern) but whose
    forms and references are all sound: only the schema gate can catch it."""
    demo_doc["version"] = "v2026-12"
    return encode(demo_doc)


def write_checked(store: CatalogStore, raw: bytes, schema: str | None = None) -> None:
    record = {"schema": schema or schema_digest(), "catalogs": [hashlib.sha256(raw).hexdigest()]}
    (store.directory / CHECKED_NAME).write_text(json.dumps(record))


def test_a_loaded_catalog_is_remembered_as_checked(store: CatalogStore, demo_raw: bytes) -> None:
    store.load()
    record = json.loads((store.directory / CHECKED_NAME).read_text())
    assert record == {
        "schema": schema_digest(),
        "catalogs": [hashlib.sha256(demo_raw).hexdigest()],
    }


def test_known_bytes_skip_the_schema_gate(store: CatalogStore, schema_only_invalid: bytes) -> None:
    store.directory.mkdir(parents=True)
    store.active_path.write_bytes(schema_only_invalid)
    write_checked(store, schema_only_invalid)
    assert store.load().version == "v2026-12"  # trusted by digest: proof the gate was skipped
    assert store.source is CatalogSource.INSTALLED


@pytest.mark.parametrize("schema", ["another-schema", None])
def test_unknown_bytes_or_another_schema_get_the_full_check(
    store: CatalogStore, schema_only_invalid: bytes, demo_raw: bytes, schema: str | None
) -> None:
    store.directory.mkdir(parents=True)
    store.active_path.write_bytes(schema_only_invalid)
    if schema:  # recorded under another application's schema
        write_checked(store, schema_only_invalid, schema=schema)
    else:  # a record naming other bytes (one byte changed since)
        write_checked(store, schema_only_invalid + b" ")
    catalog = store.load()
    assert catalog.version == "2026.11.3"  # the bundled demo: the file was refused
    assert store.source is CatalogSource.BUNDLED
    assert list(store.directory.glob("catalog.damaged-*.json"))


def test_known_bytes_still_get_the_semantic_checks(store: CatalogStore, broken: bytes) -> None:
    store.directory.mkdir(parents=True)
    store.active_path.write_bytes(broken)
    write_checked(store, broken)
    assert store.load().version == "2026.11.3"
    assert list(store.directory.glob("catalog.damaged-*.json"))


def test_an_unreadable_record_means_checking_again(store: CatalogStore, newer: bytes) -> None:
    store.load()
    store.install(newer)
    (store.directory / CHECKED_NAME).write_text("{not json")
    assert store.load().version == "2026.12.1"
    record = json.loads((store.directory / CHECKED_NAME).read_text())
    assert record["catalogs"] == [hashlib.sha256(newer).hexdigest()]


def test_an_unreadable_record_trusts_nothing(
    store: CatalogStore, schema_only_invalid: bytes
) -> None:
    store.directory.mkdir(parents=True)
    store.active_path.write_bytes(schema_only_invalid)
    (store.directory / CHECKED_NAME).write_text("{not json")
    assert store.load().version == "2026.11.3"  # the schema gate ran and refused it
    assert list(store.directory.glob("catalog.damaged-*.json"))
