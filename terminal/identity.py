"""Who this terminal is: its id, code, enrolment secret and the platform keys.

The secret signs sync requests and receipt QR codes. It is stored wrapped with
the local key (crypto/local_key.py) and never logged or displayed.

Before a terminal is enrolled with a real platform, the embedded default runs
a demo central: at first start a demo platform key pair is generated into the
data directory's demo-central/keys folder (clearly marked DEMO), in the key
file format central reads (docs/sync.md).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sync.protocol.times import rfc3339
from terminal.crypto.local_key import LocalKey
from terminal.crypto.sealing import ALG_HPKE_X25519, PlatformKey, generate_key_pair, usable_alg
from terminal.store.startup import OpenStore

_SECRET_LABEL = b"terminal-secret"
ENROLMENT_LOST_KEY = "store.enrolment_lost"  # kv: written by terminal/store/salvage.py
ENROLMENT_MARKER = "enrolment.json"  # beside local.key: enrolled with a real central
DEMO_README = (
    "DEMO ONLY. This folder belongs to the reference central platform that the\n"
    "terminal starts on loopback when no real server is configured. Its keys are\n"
    "demo keys generated on this machine; never use them for real citizens' data.\n"
)


@dataclass(frozen=True)
class Identity:
    terminal_id: str
    terminal_code: str
    secret: bytes
    server_url: str
    demo: bool

    def __repr__(self) -> str:  # keep the secret out of any log or traceback
        return f"Identity({self.terminal_id!r}, code={self.terminal_code!r}, demo={self.demo})"


def _now() -> str:
    return rfc3339(datetime.now(UTC))


def load_identity(store: OpenStore, key: LocalKey) -> Identity | None:
    row = store.read(
        lambda c: c.execute(
            "SELECT terminal_id, terminal_code, secret_wrapped, server_url, demo "
            "FROM terminal_identity WHERE id = 1"
        ).fetchone()
    )
    if row is None:
        return None
    terminal_id, terminal_code, wrapped, server_url, demo = row
    return Identity(
        terminal_id=terminal_id,
        terminal_code=terminal_code,
        secret=key.unwrap(wrapped, _SECRET_LABEL),
        server_url=server_url,
        demo=bool(demo),
    )


def enrolment_marker(store: OpenStore) -> Path:
    """A small file beside local.key saying the terminal was enrolled with a real
    central (id, code, server; no secret): a damaged store cannot take that knowledge
    with it, so salvage can tell a lost enrolment from a demo terminal."""
    return store.paths.local_key_file.with_name(ENROLMENT_MARKER)


def _write_marker(store: OpenStore, identity: Identity) -> None:
    path = enrolment_marker(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "terminal_id": identity.terminal_id,
        "terminal_code": identity.terminal_code,
        "server_url": identity.server_url,
        "enrolled_at": _now(),
    }
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def save_identity(store: OpenStore, key: LocalKey, identity: Identity) -> None:
    wrapped = key.wrap(identity.secret, _SECRET_LABEL)
    if not identity.demo:
        _write_marker(store, identity)
    store.writer.run(
        lambda c: c.execute(
            "INSERT OR REPLACE INTO terminal_identity"
            "(id, terminal_id, terminal_code, secret_wrapped, server_url, enrolled_at, demo) "
            "VALUES (1, ?, ?, ?, ?, ?, ?)",
            (
                identity.terminal_id,
                identity.terminal_code,
                wrapped,
                identity.server_url,
                _now(),
                int(identity.demo),
            ),
        )
    )


def load_platform_keys(store: OpenStore) -> list[PlatformKey]:
    """Known platform keys, newest first (the first one seals new submissions)."""
    rows = store.read(
        lambda c: c.execute(
            "SELECT kid, alg, public_key FROM platform_keys ORDER BY added_at DESC"
        ).fetchall()
    )
    return [
        PlatformKey(kid=kid, alg=alg, public_key=public_key)
        for kid, alg, public_key in rows
        if usable_alg(alg)  # a key of a suite this machine cannot use is never sealed to
    ]


def save_platform_keys(store: OpenStore, keys: list[PlatformKey]) -> None:
    """Add keys not known yet, in the given order (newest first); existing kids stay."""
    stamp = _now()

    def write(c: sqlite3.Connection) -> None:
        for i, k in enumerate(reversed(keys)):  # oldest first, so newest sorts last
            c.execute(
                "INSERT OR IGNORE INTO platform_keys(kid, alg, public_key, added_at) "
                "VALUES (?, ?, ?, ?)",
                (k.kid, k.alg, k.public_key, f"{stamp}/{i:04d}"),
            )

    store.writer.run(write)


def write_demo_platform_key(central_dir: Path) -> PlatformKey:
    """Generate the demo central's first key pair in central's key file format."""
    keys_dir = central_dir / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    (central_dir / "README-DEMO.txt").write_text(DEMO_README, encoding="utf-8")
    private, public = generate_key_pair()
    kid = f"demo-{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(2)}"
    doc = {
        "kid": kid,
        "alg": ALG_HPKE_X25519,
        "private_key": base64.b64encode(private).decode(),
        "public_key": base64.b64encode(public).decode(),
        "created_at": _now(),
        "demo": True,
    }
    path = keys_dir / f"{kid}.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
        fh.flush()
        os.fsync(fh.fileno())
    return PlatformKey(kid=kid, alg=ALG_HPKE_X25519, public_key=public)


def enrolment_lost(store: OpenStore) -> bool:
    """True when a salvaged store could not keep this terminal's real enrolment
    (terminal/store/salvage.py); the terminal must be enrolled again, never demo."""
    row = store.read(
        lambda c: c.execute("SELECT 1 FROM kv WHERE key = ?", (ENROLMENT_LOST_KEY,)).fetchone()
    )
    return row is not None


def ensure_demo_identity(
    store: OpenStore, key: LocalKey, central_dir: Path, terminal_code: str
) -> Identity | None:
    """The embedded default's identity: created once, marked demo, until real enrolment.

    None when the real enrolment was lost with a damaged store: a terminal that was
    enrolled never falls back to the demo central. A real identity whose platform keys
    were lost is returned as it is (it cannot seal until sync brings the keys again)."""
    existing = load_identity(store, key)
    if existing is not None and (not existing.demo or load_platform_keys(store)):
        return existing
    if existing is None and enrolment_lost(store):
        return None
    platform_key = write_demo_platform_key(central_dir)
    save_platform_keys(store, [platform_key])
    identity = existing or Identity(
        terminal_id=str(uuid.uuid4()),
        terminal_code=terminal_code,
        secret=secrets.token_bytes(32),
        server_url="",
        demo=True,
    )
    if existing is None:
        save_identity(store, key, identity)
    return identity
