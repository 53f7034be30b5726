"""Platform keys: the shared file format, opening HPKE seals, rotation keeps old kids."""

from __future__ import annotations

import base64
import json
import stat
from datetime import UTC, datetime

import pytest
from centralkit.batches import outcomes, send_batch
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from central.keys import KeyRing, load_key_file, next_kid, write_key_file
from central.sealing import UnsealError, open_attachment, open_envelope
from sync.protocol.schemas import SealedEnvelope
from sync.protocol.sealing_names import SEAL_ALG_HPKE_X25519, SEAL_INFO


def test_key_file_format_is_the_agreed_one(tmp_path):
    path = write_key_file(tmp_path, "k2026a", datetime(2026, 11, 27, tzinfo=UTC), demo=False)
    assert path.name == "k2026a.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    document = json.loads(path.read_text())
    assert set(document) == {"kid", "alg", "private_key", "public_key", "created_at", "demo"}
    assert document["alg"] == SEAL_ALG_HPKE_X25519
    assert document["created_at"] == "2026-11-27T00:00:00.000000Z"
    assert len(base64.b64decode(document["private_key"])) == 32
    with pytest.raises(FileExistsError):
        write_key_file(tmp_path, "k2026a", datetime.now(UTC), demo=False)


def test_a_key_written_by_someone_else_is_used_and_newest_is_current(tmp_path):
    private = X25519PrivateKey.generate()
    raw = private.private_bytes_raw()
    public = private.public_key().public_bytes_raw()
    (tmp_path / "demo-2026a.json").write_text(json.dumps({
        "kid": "demo-2026a", "alg": SEAL_ALG_HPKE_X25519,
        "private_key": base64.b64encode(raw).decode(),
        "public_key": base64.b64encode(public).decode(),
        "created_at": "2026-01-01T00:00:00Z", "demo": True,
    }))  # fmt: skip
    (tmp_path / "broken.json").write_text("{}")
    ring = KeyRing(tmp_path)
    ring.ensure_key(datetime.now(UTC))
    assert [pair.kid for pair in ring.all()] == ["demo-2026a"]  # nothing generated
    assert ring.all()[0].demo
    write_key_file(tmp_path, "k2026b", datetime(2026, 6, 1, tzinfo=UTC), demo=False)
    assert ring.get("k2026b") is not None  # a miss re-reads the directory
    assert [key.kid for key in ring.published()] == ["k2026b", "demo-2026a"]


def test_opening_what_suite_encrypt_produced(tmp_path):
    write_key_file(tmp_path, "k1", datetime.now(UTC), demo=False)
    ring = KeyRing(tmp_path)
    ring.refresh()
    pair = ring.all()[0]
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
    sealed = suite.encrypt("诉求 payload".encode(), pair.private_key.public_key(), info=SEAL_INFO)
    envelope = SealedEnvelope(
        alg=SEAL_ALG_HPKE_X25519,
        kid="k1",
        enc=base64.b64encode(sealed[:32]).decode(),
        ct=base64.b64encode(sealed[32:]).decode(),
    )
    assert open_envelope(envelope, ring) == "诉求 payload".encode()
    assert open_attachment(sealed, ring) == "诉求 payload".encode()
    wrong_info = suite.encrypt(b"x", pair.private_key.public_key(), info=b"other")
    with pytest.raises(UnsealError):
        open_attachment(wrong_info, ring)
    with pytest.raises(UnsealError):
        open_envelope(envelope.model_copy(update={"enc": "AAAA"}), ring)


def test_next_kid_skips_taken_names():
    assert next_kid(set(), 2026) == "k2026a"
    assert next_kid({"k2026a", "k2026b"}, 2026) == "k2026c"
    taken = {f"k2026{chr(c)}" for c in range(ord("a"), ord("z") + 1)}
    assert next_kid(taken, 2026) == "k2026aa"


def test_rotation_keeps_old_kids_opening(central, terminal, clock):
    old_kid = terminal.enrolment["platform_keys"][0]["kid"]
    before = terminal.client.get("/api/v1/catalog")
    write_key_file(central.config.keys_dir, "k2099z", clock.now(), demo=False)  # = keys rotate
    after = terminal.client.get(
        "/api/v1/catalog", headers={"If-None-Match": before.headers["ETag"]}
    )
    assert after.status_code == 200  # the keys changed, so the catalog did
    kids = [key["kid"] for key in after.json()["platform_keys"]]
    assert kids == ["k2099z", old_kid]
    terminal.factory.platform_keys = after.json()["platform_keys"]
    items = [terminal.factory.item(kid=old_kid), terminal.factory.item(kid="k2099z")]
    assert outcomes(send_batch(terminal, items)) == ["accepted", "accepted"]
    assert load_key_file(central.config.keys_dir / f"{old_kid}.json").kid == old_kid
