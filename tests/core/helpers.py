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
