"""Identity, platform keys and sealing: the secret is wrapped, keys are checked."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import stat

import pytest

from terminal.crypto.local_key import LocalKey
from terminal.crypto.sealing import (
    ALG_HPKE_X25519,
    PlatformKey,
    Sealer,
    SealingError,
    generate_key_pair,
    open_sealed,
)
from terminal.identity import load_identity
from terminal.runtime import TerminalCore


def test_the_secret_is_stored_wrapped_and_never_shown(core: TerminalCore) -> None:
    assert core.identity is not None and core.identity.demo
    secret = core.identity.secret
    assert len(secret) == 32
    store_bytes = core.paths.store_file.read_bytes()
    wal = core.paths.store_file.with_name("store.sqlite3-wal")
    everything = store_bytes + (wal.read_bytes() if wal.exists() else b"")
    assert secret not in everything and base64.b64encode(secret) not in everything
    assert secret.hex() not in repr(core.identity) and str(secret) not in repr(core.identity)
    again = load_identity(core.store, LocalKey.load_or_create(core.paths.local_key_file))
    assert again is not None and again.secret == secret


def test_a_copied_database_without_the_local_key_reveals_no_secret(core: TerminalCore) -> None:
    conn = sqlite3.connect(core.paths.store_file)
    [wrapped] = conn.execute("SELECT secret_wrapped FROM terminal_identity").fetchone()
    conn.close()
    other_key = LocalKey(os.urandom(32))
    with pytest.raises(Exception):  # noqa: B017 - the AEAD refuses; any error is right
        other_key.unwrap(wrapped, b"terminal-secret")


def test_demo_key_file_is_central_format_private_and_marked_demo(core: TerminalCore) -> None:
    [key_file] = list((core.paths.demo_central_dir / "keys").glob("*.json"))
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    doc = json.loads(key_file.read_text())
    assert doc["demo"] is True and doc["alg"] == ALG_HPKE_X25519
    assert doc["kid"] == key_file.stem and doc["created_at"].endswith("Z")
    assert len(base64.b64decode(doc["private_key"])) == 32
    assert "DEMO" in (core.paths.demo_central_dir / "README-DEMO.txt").read_text()
    assert stat.S_IMODE(core.paths.local_key_file.stat().st_mode) == 0o600


def test_restart_keeps_the_same_identity_and_key(core: TerminalCore) -> None:
    from terminal.runtime import start_core

    first_id, kid = core.identity, core.confirmer._sealer.key.kid  # type: ignore[union-attr]
    core.close()
    again = start_core(core.config, configure_logging=False)
    try:
        assert again.identity == first_id
        assert again.confirmer is not None and again.confirmer._sealer.key.kid == kid
        assert len(list((again.paths.demo_central_dir / "keys").glob("*.json"))) == 1
    finally:
        again.close()
    core.store = start_core(core.config, configure_logging=False).store  # for the fixture's close


@pytest.mark.parametrize(
    "doc, reason",
    [
        (
            {"kid": "k1", "alg": "SM2-SM4GCM", "public_key": base64.b64encode(b"k" * 32).decode()},
            "unsupported",
        ),
        (
            {
                "kid": "k1",
                "alg": ALG_HPKE_X25519,
                "public_key": base64.b64encode(b"short").decode(),
            },
            "unsupported",
        ),
        ({"kid": "k1", "alg": ALG_HPKE_X25519, "public_key": "not base64!"}, "malformed"),
        ({"alg": ALG_HPKE_X25519, "public_key": base64.b64encode(b"k" * 32).decode()}, "malformed"),
    ],
)
def test_unusable_platform_keys_are_refused(doc: dict[str, str], reason: str) -> None:
    with pytest.raises(SealingError, match=reason):
        PlatformKey.from_json(doc)


def test_sealer_refuses_an_unknown_alg_and_seals_to_the_right_key() -> None:
    private, public = generate_key_pair()
    with pytest.raises(SealingError):
        Sealer(PlatformKey("k9", "RSA-OAEP", public))
    sealed = Sealer(PlatformKey("k1", ALG_HPKE_X25519, public)).seal(b"hello")
    assert (sealed.alg, sealed.kid) == (ALG_HPKE_X25519, "k1")
    assert open_sealed(private, sealed.enc, sealed.ct) == b"hello"
    other_private, _ = generate_key_pair()
    with pytest.raises(Exception):  # noqa: B017 - wrong key: HPKE refuses to open
        open_sealed(other_private, sealed.enc, sealed.ct)
    wire = sealed.as_wire()
    assert set(wire) == {"alg", "kid", "enc", "ct"} and len(base64.b64decode(wire["enc"])) == 32
