"""The terminal's checks before a receipt (terminal/submissions/payload_checks.py) and
central's rules (sync/protocol/payloads.py, central/jsonstrict.py, payload_rules.py)
agree: whatever the terminal takes, central takes; what central refuses, the terminal
refuses. The terminal may be stricter (other control characters, total size)."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest

from central.catalog import index_of
from central.services.payload_rules import PayloadRejected
from central.services.payload_rules import check_payload as central_check
from sync.protocol.receipt_numbers import make_receipt_no
from sync.protocol.schemas import BatchItem
from terminal.catalog import demo_catalog_path, load_catalog
from terminal.submissions.catalog_codes import catalog_codes
from terminal.submissions.payload_checks import PayloadProblem
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


CORPUS = [
    ("appeal", APPEAL),
    ("application", APPLICATION),
    ("rating", RATING),
    variant("appeal", "description", KeyError),
    variant("appeal", "category", "no.such.category"),
    variant("appeal", "description", "路" * 20_000),
    variant("appeal", "description", "路" * 20_001),
    variant("appeal", "description", "a\x00b"),
    variant("appeal", "description", 5),
    variant("appeal", "title", "t" * 501),
    variant("appeal", "anonymous", KeyError),
    variant("appeal", "contact", None),
    variant("appeal", "location.region_code", "000000"),
    variant("appeal", "location.lat", 91),
    variant("appeal", "contact.name", KeyError),
    variant("appeal", "consent_version", "c" * 65),
    variant("application", "item_code", "no.such.item"),
    variant("application", "fields", KeyError),
    variant("application", "applicant", KeyError),
    variant("rating", "score", 9),
    variant("rating", "score", 0),
    variant("rating", "score", KeyError),
    variant("rating", "target_receipt_no", "0042-261127-0001-0"),
    variant("rating", "target_receipt_no", KeyError),
    variant("rating", "comment", "c" * 20_001),
    variant("rating", "reasons", ["r" * 65]),
]


def _terminal_takes(kind: str, payload: dict[str, Any]) -> bool:
    code = payload.get("category") or payload.get("item_code") or "rating"
    try:
        terminal_check(kind, str(code), dict(payload, attachments=[]), CODES)
    except PayloadProblem:
        return False
    return True


def _central_takes(kind: str, payload: dict[str, Any]) -> bool:
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
    except PayloadRejected:
        return False
    return True


@pytest.mark.parametrize("case", range(len(CORPUS)))
def test_terminal_and_central_agree(case: int) -> None:
    kind, payload = CORPUS[case]
    assert _terminal_takes(kind, payload) == _central_takes(kind, payload), (kind, payload)


def test_where_the_terminal_is_stricter_central_would_take_it() -> None:
    kind, bell = variant("appeal", "description", "a\x07b")  # BEL: central stores it
    assert not _terminal_takes(kind, bell) and _central_takes(kind, bell)
