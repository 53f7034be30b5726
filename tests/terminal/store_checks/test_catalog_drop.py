"""An appeal confirmed offline under catalog 2026.11.3 is accepted after central's
catalog drops its category (issue 12, point 5): central keeps every version it served
and judges a submission by the one it names. Central and the terminal are real
processes; the catalog is a file central re-reads when it changes."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from checkskit.procs import Central, enrol, loadgen, printed_receipts, store_rows, sync_once

from terminal.catalog import demo_catalog_path, load_catalog
from terminal.loadgen import Choices, synthetic_appeal

DROPPED = "urban.sanitation"


def _drop(node: Any, code: str) -> Any:
    if isinstance(node, list):
        return [_drop(n, code) for n in node if not (isinstance(n, dict) and n.get("code") == code)]
    if isinstance(node, dict):
        return {k: _drop(v, code) for k, v in node.items()}
    return node


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    stat = path.stat()  # a later mtime even on a coarse clock: central re-reads it
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.json"
    path.write_bytes(demo_catalog_path().read_bytes())
    return path


@pytest.fixture
def own_central(tmp_path: Path, catalog_file: Path) -> Iterator[Central]:
    with Central(tmp_path / "central", "--catalog", str(catalog_file)) as server:
        yield server


def _appeal_in(category: str, tmp_path: Path) -> Path:
    choices = Choices.from_catalog(load_catalog(demo_catalog_path()))
    payload = dict(synthetic_appeal(random.Random(3), choices).payload, category=category)
    path = tmp_path / f"{category}.json"
    path.write_text(json.dumps({"kind": "appeal", "payload": payload}, ensure_ascii=False))
    return path


def test_an_offline_appeal_survives_the_category_being_dropped(
    own_central: Central, catalog_file: Path, data_dir: Path, tmp_path: Path
) -> None:
    old = json.loads(catalog_file.read_text(encoding="utf-8"))
    assert old["version"] == "2026.11.3"
    assert enrol(data_dir, own_central).returncode == 0
    assert sync_once(data_dir, own_central).returncode == 0  # the terminal has 2026.11.3

    template = _appeal_in(DROPPED, tmp_path)
    offline = loadgen(data_dir, own_central, "--count", "1", "--from", str(template))
    assert offline.returncode == 0, offline.stderr
    [receipt] = printed_receipts(offline)

    new = _drop(old, DROPPED)
    new["version"] = "2026.12.1"
    _write(catalog_file, new)

    done = sync_once(data_dir, own_central)
    assert done.returncode == 0, done.stdout + done.stderr
    row = store_rows(data_dir)[receipt]
    assert (row["outbox_state"], row["outbox_error_code"]) == ("synced", None)
    assert receipt in {case["receipt_no"] for case in own_central.cases()}

    # The terminal now holds 2026.12.1: a new appeal in the dropped category gets no receipt.
    after = loadgen(data_dir, own_central, "--count", "1", "--from", str(template))
    assert after.returncode == 1 and printed_receipts(after) == []
    assert "no longer offered" in after.stderr
