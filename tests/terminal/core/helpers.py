"""Helpers for core tests: open the demo platform key, make drafts."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from terminal.crypto.sealing import open_sealed
from terminal.submissions.draft import AttachmentDraft, Draft


def demo_private_key(data_dir: Path) -> bytes:
    [key_file] = list((data_dir / "demo-central" / "keys").glob("*.json"))
    return base64.b64decode(json.loads(key_file.read_text())["private_key"])


def open_payload(data_dir: Path, enc: bytes, ct: bytes) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(open_sealed(demo_private_key(data_dir), enc, ct))
    return result


def appeal(
    description: str = "路灯坏了", attachments: tuple[bytes, ...] = (), **contact: str
) -> Draft:
    payload = {
        "category": "urban.road",
        "description": description,
        "location": {"region_code": "530102001001", "address": "幸福路1号"},
        "anonymous": not contact,
        "contact": contact or None,
        "wants_reply": True,
        "consent_version": "2026-11",
    }
    return Draft(
        kind="appeal",
        code="urban.road",
        payload=payload,
        catalog_version="test",
        attachments=tuple(
            AttachmentDraft(a, "image/jpeg", f"p{i}.jpg") for i, a in enumerate(attachments)
        ),
        subject_label="道路设施",
        masked_contact="张*" if contact else None,
    )


def fill_the_disk_under(core: Any) -> Path:
    """A real full disk under ``core``'s store: the WAL is checkpointed and truncated to
    nothing, then every free byte of the filesystem is taken, so the next write to the
    store (its WAL must grow) meets ENOSPC and SQLite answers SQLITE_FULL. The data
    directory must be on a filesystem of the test's own (tests/small_disk.py)."""
    import sqlite3

    from tests.small_disk import fill

    side = sqlite3.connect(core.paths.store_file)
    try:
        busy, _, _ = side.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "the WAL could not be truncated"
    finally:
        side.close()
    return fill(core.paths.root)
