"""A citizen never gets a receipt for something central refuses by shape (issue 12,
point 5): each bad payload is refused at confirm, with plain words, no receipt printed,
no row, no file left; the same payloads are refused by central's own rules."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from checkskit.procs import leftovers, loadgen, printed_receipts, store_rows

from terminal.catalog import demo_catalog_path, load_catalog
from terminal.loadgen import Choices, synthetic_appeal

CHOICES = Choices.from_catalog(load_catalog(demo_catalog_path()))


def good_appeal() -> dict[str, Any]:
    return dict(synthetic_appeal(random.Random(7), CHOICES).payload)


def _with(**changes: Any) -> dict[str, Any]:
    payload = good_appeal()
    for key, value in changes.items():
        if value is None:
            payload.pop(key)
        else:
            payload[key] = value
    return {"kind": "appeal", "payload": payload}


def rating(target: str, score: Any) -> dict[str, Any]:
    return {"kind": "rating", "payload": {"target_receipt_no": target, "score": score}}


BAD = {
    "missing description": (_with(description=None), "Something required is not filled in"),
    "unknown category": (_with(category="no.such.category"), "no longer offered"),
    "100,000 characters": (_with(description="路" * 100_000), "too long"),
    "a NUL": (_with(description="路灯\x00坏了"), "characters that cannot be accepted"),
    "30 MB description": (_with(description="路" * 10_000_000), "too long"),
    "named without contact": (_with(contact=None), "Something required is not filled in"),
}


def _template(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / f"{name.replace(' ', '-').replace(',', '')}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _attachment_files(data_dir: Path) -> set[str]:
    return {p.name for p in (data_dir / "attachments").iterdir()}


@pytest.fixture
def issued(data_dir: Path) -> list[str]:
    """Two good appeals (with photos) already in the store."""
    done = loadgen(data_dir, None, "--count", "2", "--attachments", "1")
    assert done.returncode == 0, done.stderr
    return printed_receipts(done)


def _assert_refused(done: Any, words: str, data_dir: Path, before: set[str], files: set[str]):
    assert done.returncode == 1, done.stdout + done.stderr
    assert printed_receipts(done) == []  # no receipt
    assert words in done.stderr and "no receipt was issued" in done.stderr
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
    assert set(store_rows(data_dir)) == before  # no row
    assert _attachment_files(data_dir) == files  # no photo left of the refused one
    assert leftovers(data_dir) == []


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_payload_is_refused_at_confirm(
    case: str, data_dir: Path, tmp_path: Path, issued: list[str]
) -> None:
    document, words = BAD[case]
    before, files = set(store_rows(data_dir)), _attachment_files(data_dir)
    template = _template(tmp_path, case, document)
    done = loadgen(data_dir, None, "--count", "1", "--from", str(template), "--attachments", "2")
    _assert_refused(done, words, data_dir, before, files)


def test_rating_score_9_is_refused_and_5_is_taken(
    data_dir: Path, tmp_path: Path, issued: list[str]
) -> None:
    before, files = set(store_rows(data_dir)), _attachment_files(data_dir)
    bad = _template(tmp_path, "score9", rating(issued[0], 9))
    done = loadgen(data_dir, None, "--count", "1", "--from", str(bad))
    _assert_refused(done, "cannot be accepted", data_dir, before, files)
    good = _template(tmp_path, "score5", rating(issued[0], 5))
    taken = loadgen(data_dir, None, "--count", "1", "--from", str(good))
    assert taken.returncode == 0, taken.stderr
    assert set(store_rows(data_dir)) == before | set(printed_receipts(taken))
