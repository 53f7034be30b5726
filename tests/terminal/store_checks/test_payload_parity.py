"""The terminal's checks before a receipt and central's intake judge payloads alike.

Both run one judge (sync/protocol/payload_rules.py), so this holds by construction;
a few real cases keep the wiring honest: the terminal's adapter
(terminal/submissions/payload_checks.py, with the codes of the catalog it holds)
and central's intake rules (central/services/payload_rules.py, with the index of
the catalog it serves) take and refuse the same payloads, for the same reasons.
The terminal is stricter only by its margin (control characters, nesting, size).
The rules themselves are tested in tests/sync/protocol/test_payload_rules.py.
"""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest

from central.catalog import index_of
from central.services.payload_rules import check_payload as central_check
from sync.protocol.payload_rules import PayloadRejected
from sync.protocol.receipt_numbers import make_receipt_no
from sync.protocol.schemas import BatchItem
from terminal.catalog import demo_catalog_path, load_catalog
from terminal.submissions.catalog_codes import catalog_codes
from terminal.submissions.payload_checks import check_payload as terminal_check

DOCUMENT = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
INDEX = index_of(DOCUMENT)
CODES = catalog_codes(load_catalog(demo_catalog_path()))
CATEGORY = next(c for c, e in sorted(INDEX.categories.items()) if not e.get("children"))
REGION = sorted(INDEX.regions)[0]
ITEM = sorted(INDEX.items)[0]
TARGET = make_receipt_no("0042", "261127", 1)

APPEAL = {
    "category": CATEGORY,
    "description": "路灯坏了",
    "title": "路灯",
    "location": {"region_code": REGION, "address": "幸福路1号"},
    "anonymous": False,
    "contact": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
    "wants_reply": True,
    "consent_version": "2026-11",
}
APPLICATION = {
    "item_code": ITEM,
    "form_version": "1",
    "fields": {"name": "李四"},
    "applicant": {"name": "李四"},
}
RATING = {"target_receipt_no": TARGET, "score": 4, "reasons": ["fast"], "comment": "好"}
BASE = {"appeal": APPEAL, "application": APPLICATION, "rating": RATING}


def variant(kind: str, path: str, value: Any) -> tuple[str, dict[str, Any]]:
    payload = copy.deepcopy(BASE[kind])
    *parents, last = path.split(".")
    node = payload
    for part in parents:
        node = node[part]
    if value is KeyError:
        node.pop(last)
    else:
        node[last] = value
    return kind, payload


# (kind, payload, None when taken, else the reason a citizen's words are picked by)
CASES = [
    ("appeal", APPEAL, None),
    ("application", APPLICATION, None),
    ("rating", RATING, None),
    (*variant("appeal", "description", KeyError), "missing"),
    (*variant("appeal", "category", "no.such.category"), "category"),
    (*variant("appeal", "location.region_code", "000000"), "category"),
    (*variant("appeal", "description", "路" * 20_001), "too_long"),
    (*variant("appeal", "description", "a\x00b"), "characters"),
    (*variant("appeal", "contact", None), "missing"),
    (*variant("application", "item_code", "no.such.item"), "category"),
    (*variant("rating", "score", 9), "invalid"),
    (*variant("rating", "target_receipt_no", "0042-261127-0001-0"), "invalid"),
]


def _terminal_verdict(kind: str, payload: dict[str, Any]) -> str | None:
    code = payload.get("category") or payload.get("item_code") or "rating"
    try:
        terminal_check(kind, str(code), dict(payload, attachments=[]), CODES)
    except PayloadRejected as exc:
        return exc.reason
    return None


def _central_verdict(kind: str, payload: dict[str, Any]) -> str | None:
    code = payload.get("category") or payload.get("item_code")
    item = BatchItem.model_validate(
        {
            "submission_id": str(uuid.uuid4()),
            "receipt_no": make_receipt_no("0042", "261127", 2),
            "kind": kind,
            "created_at": "2026-11-27T02:11:09Z",
            "catalog_version": INDEX.version,
            "code": code if isinstance(code, str) and len(code) <= 64 else None,
            "sealed": {"alg": "x", "kid": "k", "enc": "", "ct": ""},
            "attachments": [],
        }
    )
    plaintext = json.dumps(dict(payload, attachments=[]), ensure_ascii=False).encode()
    try:
        central_check(item, plaintext, INDEX, lambda _receipt: True)
    except PayloadRejected as exc:
        return exc.reason
    return None


@pytest.mark.parametrize("case", range(len(CASES)), ids=lambda i: f"{CASES[i][0]}-{i}")
def test_terminal_and_central_agree(case: int) -> None:
    kind, payload, expected = CASES[case]
    assert _terminal_verdict(kind, payload) == expected
    assert _central_verdict(kind, payload) == expected


def test_where_the_terminal_is_stricter_central_would_take_it() -> None:
    kind, bell = variant("appeal", "description", "a\x07b")  # BEL: central stores it
    assert _terminal_verdict(kind, bell) == "characters"
    assert _central_verdict(kind, bell) is None
