"""Opened payloads and attachments are read in one place: nothing in central/ but the
accessor reads ``payload_sealed``, and nothing but the at-rest modules decrypts.

Writers are listed too (intake stores the ciphertext the accessor made; migration
0004 encrypts what an older central stored in clear)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CENTRAL = ROOT / "central"

ALLOWED = {
    # who may name the ciphertext column
    r"payload_sealed": {
        "central/store/models_cases.py",  # the column
        "central/services/opened_payloads.py",  # THE accessor (seal and open)
        "central/services/intake_batch.py",  # stores what seal_payload returned
        "central/migrations/versions/0004_at_rest_encryption.py",
    },
    # who may decrypt a record or unwrap a data key
    r"\.decrypt\(|\.unwrap\(|_keys\.open\(|keys\.open\(": {
        "central/at_rest.py",
        "central/kek.py",
        "central/data_keys.py",
        "central/attachment_files.py",  # opens attachment files, nothing else
        "central/services/opened_payloads.py",
        "central/secretbox.py",  # terminal secrets, not citizen data
        "central/sealing.py",  # the wire envelope (intake, and the accessor)
    },
}


def _users(pattern: str) -> set[str]:
    found = set()
    for path in CENTRAL.rglob("*.py"):
        if re.search(pattern, path.read_text(encoding="utf-8")):
            found.add(str(path.relative_to(ROOT)))
    return found


def test_only_the_accessor_reads_opened_payloads() -> None:
    for pattern, allowed in ALLOWED.items():
        users = _users(pattern)
        assert users <= allowed, (pattern, sorted(users - allowed))
        assert "central/services/opened_payloads.py" in users or pattern != "payload_sealed"


def test_the_open_of_a_wire_envelope_is_only_at_intake_and_the_accessor() -> None:
    users = _users(r"open_envelope\(|open_attachment\(") - {"central/sealing.py"}
    assert users == {"central/services/intake.py", "central/services/opened_payloads.py"}
