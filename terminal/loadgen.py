"""Synthetic citizens for `mashangban loadgen`: the same confirm path the UI uses.

Names, ID numbers and phones are fictional but valid in form (check digits),
so that the privacy test can search for them everywhere on disk.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from terminal.catalog import Catalog
from terminal.checkdigits import gb11643_check_digit
from terminal.masking import masked_contact
from terminal.submissions.draft import AttachmentDraft, Draft

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
]
ID_REGIONS = ["530102", "530103", "530111", "532301", "532322"]  # birthplaces in ID numbers
STORIES = [
    "小区门口的路灯坏了一个多月，晚上老人出行很不方便。",
    "附近工地夜间施工，噪声很大，影响休息。",
    "在某工地打工三个月，工资一直没有结清。",
    "这几天家里自来水时有时无，水压很低。",
    "窗口排队时间太长，希望增加办理窗口。",
    "路边井盖破损，行人和车辆经过很危险。",
]


@dataclass(frozen=True)
class Choices:
    """What synthetic citizens may pick: codes that exist in the active catalog."""

    version: str
    categories: tuple[tuple[str, str], ...]  # (code, name) of leaf categories
    regions: tuple[str, ...]  # deepest-level region codes

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Choices:
        leaves = [(c.code, c.names.zh_CN) for c in catalog.categories.values() if not c.child_codes]
        regions = [r.code for r in catalog.regions.values() if not r.child_codes]
        return cls(catalog.version, tuple(sorted(leaves)), tuple(sorted(regions)))


def synthetic_id_number(rng: random.Random) -> str:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
    first17 = f"{rng.choice(ID_REGIONS)}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + gb11643_check_digit(first17)


def synthetic_appeal(rng: random.Random, choices: Choices, attachments: int = 0) -> Draft:
    """A fictional citizen's appeal, valid against the catalog `choices` came from."""
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    phone = f"1{rng.choice('3456789')}{rng.randrange(0, 10**9):09d}"
    code, label = rng.choice(choices.categories)
    text = rng.choice(STORIES)
    payload: dict[str, Any] = {
        "category": code,
        "title": label,
        "description": text,
        "location": {
            "region_code": rng.choice(choices.regions),
            "address": f"幸福路{rng.randrange(1, 300)}号",
        },
        "anonymous": False,
        "contact": {"name": name, "id_number": synthetic_id_number(rng), "phone": phone},
        "wants_reply": True,
        "consent_version": "2026-11",
    }
    files = tuple(
        AttachmentDraft(
            rng.randbytes(rng.randrange(20_000, 200_000)), "image/jpeg", f"photo-{i + 1}.jpg"
        )
        for i in range(attachments)
    )
    return Draft(
        kind="appeal",
        code=code,
        payload=payload,
        catalog_version=choices.version,
        attachments=files,
        subject_label=label,
        masked_contact=masked_contact(name, phone),
    )


def draft_from_template(
    doc: dict[str, Any], rng: random.Random, version: str, attachments: int = 0
) -> Draft:
    """A draft from a file holding {"kind": ..., "payload": {...}} (sync-protocol.md §2)."""
    if not isinstance(doc, dict):
        raise ValueError('the file must hold {"kind": "appeal|application|rating", ...}')
    kind = doc.get("kind")
    payload = doc.get("payload")
    if kind not in ("appeal", "application", "rating") or not isinstance(payload, dict):
        raise ValueError(
            'the file must hold {"kind": "appeal|application|rating", "payload": {...}}'
        )
    code = {"appeal": "category", "application": "item_code", "rating": "target_receipt_no"}[kind]
    if not payload.get(code):
        raise ValueError(f"a {kind} payload needs {code!r}")
    contact = payload.get("contact") or payload.get("applicant") or {}
    files = tuple(
        AttachmentDraft(rng.randbytes(50_000), "image/jpeg", f"photo-{i + 1}.jpg")
        for i in range(attachments)
    )
    return Draft(
        kind=kind,
        code=str(payload[code]) if kind != "rating" else "rating",
        payload=payload,
        catalog_version=str(doc.get("catalog_version", version)),
        attachments=files,
        subject_label=str(payload.get("title") or payload[code]),
        masked_contact=masked_contact(contact.get("name") or "", contact.get("phone") or ""),
    )
