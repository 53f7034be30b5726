"""Personal data never reaches a file under the data directory in clear."""

from __future__ import annotations

import json
import logging
import os

from terminal.config import Config
from terminal.runtime import start_core
from terminal.submissions.draft import AttachmentDraft, Draft

NAME = "欧阳秀兰"
ID_NUMBER = "53010219580317202X"
PHONE = "13987654321"
ADDRESS = "昆明市五华区幸福巷十七号"
PHOTO = b"\xff\xd8\xff\xe0" + os.urandom(4096) + b"UNIQUE-PHOTO-MARKER-0xC0FFEE" + os.urandom(4096)


def needles() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for label, text in (("name", NAME), ("id", ID_NUMBER), ("phone", PHONE), ("address", ADDRESS)):
        found[f"{label}/utf8"] = text.encode()
        found[f"{label}/json-escaped"] = json.dumps(text).strip('"').encode()
        found[f"{label}/utf16"] = text.encode("utf-16-le")
        if not text.isascii():
            found[f"{label}/gb18030"] = text.encode("gb18030")
    found["phone/middle"] = PHONE[3:7].encode() + PHONE[7:].encode()
    for i in range(0, len(PHOTO) - 64, 1024):
        found[f"photo@{i}"] = PHOTO[i : i + 64]
    return found


def test_no_personal_data_in_any_file(config: Config, caplog: object) -> None:
    core = start_core(config)  # real logging to the data directory
    try:
        draft = Draft(
            kind="appeal",
            code="urban.road",
            payload={
                "category": "urban.road",
                "description": f"我是{NAME}，电话{PHONE}，身份证{ID_NUMBER}，住在{ADDRESS}",
                "location": {"region_code": "530102001001", "address": ADDRESS},
                "anonymous": False,
                "contact": {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE},
                "wants_reply": True,
                "consent_version": "2026-11",
            },
            catalog_version="test",
            attachments=(AttachmentDraft(PHOTO, "image/jpeg", "photo-1.jpg"),),
            subject_label="道路设施",
            masked_contact="欧*** 139****4321",
        )
        for _ in range(3):
            core.confirm(draft)
        # Even a careless log line is redacted by the logging filter.
        logging.getLogger("careless").warning("citizen id %s phone %s", ID_NUMBER, PHONE)
    finally:
        core.close()
        for handler in logging.getLogger().handlers:
            handler.flush()

    files = [p for p in config.data_dir.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".sealed") for p in files)
    assert any(p.suffix == ".log" for p in files)
    hits = []
    for path in files:
        data = path.read_bytes()
        hits += [
            f"{label} in {path.relative_to(config.data_dir)}"
            for label, n in needles().items()
            if n in data
        ]
    assert hits == []
