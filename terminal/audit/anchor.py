"""The audit head anchor: the last sequence and MAC, kept outside the store.

``keys/audit.head`` (beside ``audit.key``, mode 0600) holds the newest record's
sequence number and MAC, written durably (terminal/durable.py) after every commit
that appended a record, and a tag (HMAC-SHA256 with the audit key) over both. So
records cut from the end of ``audit_log``, or the whole table wiped, with
``kv["audit.last_seq"]`` rewound to match, no longer verify: the anchor names a
record that is not there. The file is written after the commit, never before, so
it may lag the store by the last record after a power cut (accepted), never run
ahead of it.

Limits: whoever holds ``keys/audit.key`` can write a matching anchor for a chain
they rewrote; central's copy of the head (sent with every heartbeat,
``audit_head``) is what catches that (docs/security.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from terminal.durable import write_durably

FILE_NAME = "audit.head"
_TAG_PREFIX = b"mashangban-audit-head-v1\n"


class AnchorInvalid(ValueError):
    """The anchor file is there but unreadable, or its tag was not made with the key."""


@dataclass(frozen=True)
class AuditHead:
    """The newest record of the chain: its sequence number and MAC (seq 0: none yet)."""

    seq: int
    mac: str


def anchor_path(audit_key_file: Path) -> Path:
    """Where the anchor lives: beside the audit key."""
    return audit_key_file.with_name(FILE_NAME)


def _tag(key: bytes, head: AuditHead) -> str:
    body = _TAG_PREFIX + f"{head.seq}:{head.mac}".encode("ascii")
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def write_anchor(path: Path, key: bytes, head: AuditHead) -> None:
    """Replace the anchor with ``head``, durably (temp file, fsync, rename, dir fsync)."""
    doc = {"v": 1, "seq": head.seq, "mac": head.mac, "tag": _tag(key, head)}
    data = json.dumps(doc, sort_keys=True).encode("ascii")
    write_durably(path, data, path.with_name(f".{FILE_NAME}.tmp"))


def read_anchor(path: Path, key: bytes) -> AuditHead | None:
    """The anchored head; None when there is no file; AnchorInvalid when it is damaged
    or its tag does not match (edited by hand)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AnchorInvalid(f"cannot read {path.name}: {exc.strerror}") from None
    try:
        doc = json.loads(raw)
        head = AuditHead(int(doc["seq"]), str(doc["mac"]))
        tag = str(doc["tag"])
        bytes.fromhex(head.mac)
    except (ValueError, KeyError, TypeError):
        raise AnchorInvalid(f"{path.name} is not an audit head anchor") from None
    if head.seq < 0 or not hmac.compare_digest(_tag(key, head), tag):
        raise AnchorInvalid(f"{path.name} was not written with this terminal's audit key")
    return head
