"""Building valid submissions (envelope + sealed payload) the way a terminal would."""

from __future__ import annotations

import hashlib
import itertools
import uuid
from datetime import datetime
from typing import Any

from central.services.cases import CHINA_TIME
from centralkit.catalog import SMALL_CATALOG
from centralkit.sealing import seal_payload
from sync.protocol.receipt_numbers import make_receipt_no

CONTACT = {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"}


def appeal_payload(category: str = "urban.road", anonymous: bool = False) -> dict[str, Any]:
    """A complete appeal payload."""
    return {
        "category": category,
        "description": "路灯不亮已经一周",
        "title": "路灯",
        "location": {"region_code": "530102", "address": "华山南路 1 号"},
        "anonymous": anonymous,
        "contact": None if anonymous else dict(CONTACT),
        "wants_reply": not anonymous,
        "consent_version": "2026-01",
        "attachments": [],
    }


def application_payload(item_code: str = "hk.birth") -> dict[str, Any]:
    """A complete application payload."""
    return {
        "item_code": item_code,
        "form_version": "1",
        "fields": {"child_name": "李四"},
        "applicant": dict(CONTACT),
        "appointment": {"date": "2026-12-01", "slot": "09:00", "hall_code": "H1"},
        "attachments": [],
    }


def rating_payload(target_receipt_no: str, score: int = 5) -> dict[str, Any]:
    """A complete rating payload."""
    return {
        "target_receipt_no": target_receipt_no,
        "score": score,
        "reasons": ["fast"],
        "comment": "很快",
        "attachments": [],
    }


class SubmissionFactory:
    """Numbers receipts like terminal ``terminal_code`` and seals to ``platform_keys``."""

    def __init__(
        self, terminal_code: str, platform_keys: list[dict[str, str]], day: str | None = None
    ) -> None:
        self.terminal_code = terminal_code
        self.platform_keys = platform_keys
        # Central refuses receipts dated before the terminal's enrolment or after
        # tomorrow, so a test terminal numbers them with today's date (China time).
        self.day = day or datetime.now(CHINA_TIME).strftime("%y%m%d")
        self._sequence = itertools.count(1)

    def created_at(self) -> str:
        """A time on the receipt's day (10:11 China time): central refuses a receipt
        dated more than a day from when it says it was made."""
        return f"20{self.day[:2]}-{self.day[2:4]}-{self.day[4:]}T02:11:09Z"

    def receipt_no(self) -> str:
        """The next receipt number of this terminal."""
        return make_receipt_no(self.terminal_code, self.day, next(self._sequence))

    def item(
        self,
        kind: str = "appeal",
        payload: dict[str, Any] | None = None,
        attachments: list[bytes] | None = None,
        kid: str | None = None,
        submission_id: str | None = None,
    ) -> dict[str, Any]:
        """A batch item; ``attachments`` are sealed files the payload names."""
        payload = dict(
            payload or {"appeal": appeal_payload, "application": application_payload}[kind]()
        )
        sealed_files = attachments or []
        refs = [{"sha256": hashlib.sha256(f).hexdigest(), "size": len(f)} for f in sealed_files]
        payload["attachments"] = [
            {"sha256": ref["sha256"], "media_type": "image/jpeg", "name": f"photo{i}.jpg"}
            for i, ref in enumerate(refs)
        ]
        key = next(k for k in self.platform_keys if kid is None or k["kid"] == kid)
        code = payload.get("category") or payload.get("item_code")
        return {
            "submission_id": submission_id or str(uuid.uuid4()),
            "receipt_no": self.receipt_no(),
            "kind": kind,
            "created_at": self.created_at(),
            "channel": "kiosk",
            "staff_id": None,
            "catalog_version": SMALL_CATALOG["version"],
            "code": code,
            "sealed": seal_payload(key["kid"], key["public_key"], payload),
            "attachments": refs,
        }
