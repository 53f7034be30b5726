"""The 国密 suite end to end: a real central on loopback over real HTTP adds an SM key
(`keys new --suite sm`) while a terminal on the standard suite has work queued.

A terminal enrolled after it learns the suite, seals appeals (and a photo) with
SM2 + SM4-GCM, signs with HMAC-SM3, and central opens them; its receipt QR carries an
HMAC-SM3 sig that `/r/` verifies. The standard terminal keeps delivering what it
sealed with HPKE, its QRs keep verifying, and after a restart it follows the new
suite (rotation). A terminal whose machine has no SM2 skips the SM key and stays on
the standard suite (a mixed fleet).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, enrol_core, rows, sync_config

from central.attachment_files import SUFFIX, AttachmentFiles
from central.data_keys import DataKeys
from central.kek import FileKekProvider
from central.keys import KeyRing
from central.sealing import open_attachment, open_envelope
from central.store.engine import Store
from sync.protocol import signing, sm2_libcrypto, sm_envelope
from sync.protocol.schemas import SealedEnvelope
from sync.protocol.sealing_names import (
    MAC_HMAC_SHA256,
    MAC_HMAC_SM3,
    SEAL_ALG_HPKE_X25519,
    SEAL_ALG_SM2_SM4GCM,
)
from sync.protocol.sm2_libcrypto import Sm2PrivateKey
from sync.service import SyncService
from terminal.config import Config
from terminal.identity import load_platform_keys
from terminal.runtime import TerminalCore, receipt_for, start_core

pytestmark = pytest.mark.skipif(not sm2_libcrypto.available(), reason="no libcrypto SM2")


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    with CentralProcess(tmp_path_factory.mktemp("central-sm")) as server:
        yield server


def _config(data_dir: Path, central: CentralProcess) -> Config:
    return sync_config(data_dir, central.url, receipt__public_base=central.url)


def _sync(core: TerminalCore, central: CentralProcess) -> SyncService:
    service = SyncService(core, central.url)
    try:
        service.run_cycle(heartbeat=False)
    finally:
        service.close()
    return service


def _central_rows(central: CentralProcess, receipts: list[str]) -> dict[str, tuple[str, str]]:
    """receipt_no -> (sealed envelope JSON, submission id) as central stored them."""
    with sqlite3.connect(central.data_dir / "central.sqlite3") as db:
        marks = ",".join("?" * len(receipts))
        found = db.execute(
            f"SELECT receipt_no, sealed, submission_id FROM submissions "
            f"WHERE receipt_no IN ({marks})",
            receipts,
        ).fetchall()
    return {no: (sealed, sid) for no, sealed, sid in found}


def _central_attachments(central: CentralProcess) -> list[bytes]:
    """Every attachment central holds, as the terminal sealed it: central's own
    encryption at rest taken off first (central/attachment_files.py)."""
    root = central.data_dir / "attachments"
    store = Store(f"sqlite:///{central.data_dir / 'central.sqlite3'}")
    try:
        files = AttachmentFiles(
            root, store, DataKeys(FileKekProvider(central.data_dir / "keys" / "kek"))
        )
        return [files.read(path.name.removesuffix(SUFFIX)) for path in root.rglob(f"*{SUFFIX}")]
    finally:
        store.dispose()


def _verify_qr(central: CentralProcess, qr: str) -> requests.Response:
    parts = urlsplit(qr)
    return requests.get(f"{central.url}{parts.path}?{parts.query}&format=json", timeout=30)


def _keys_new_sm(central: CentralProcess) -> str:
    kid = central.admin("keys", "new", "--suite", "sm").strip()
    listing = json.loads(central.admin("keys", "list", "--json"))
    assert listing[0]["kid"] == kid and listing[0]["current"]
    assert (listing[0]["suite"], listing[0]["alg"]) == ("sm", SEAL_ALG_SM2_SM4GCM)
    assert [k["suite"] for k in listing[1:]] == ["standard"] * (len(listing) - 1)
    return kid


def test_sm_key_added_beside_a_standard_fleet(central: CentralProcess, tmp_path: Path) -> None:
    # A terminal on the standard suite, with two appeals queued before central moves.
    old_cfg = _config(tmp_path / "old", central)
    (tmp_path / "old").mkdir()
    old = enrol_core(old_cfg, central)
    try:
        assert [k.alg for k in load_platform_keys(old.store)] == [SEAL_ALG_HPKE_X25519]
        old_receipts = confirm_appeals(old, 2, seed=1)
        old_qr = receipt_for(old, old_receipts[0], online=True).qr_payload
    finally:
        old.close()
    assert len(old_qr.rsplit("sig=", 1)[1]) == 16  # HMAC-SHA256

    sm_kid = _keys_new_sm(central)

    # A new terminal learns the SM suite at enrolment and works in it.
    new_cfg = _config(tmp_path / "new", central)
    (tmp_path / "new").mkdir()
    new = enrol_core(new_cfg, central)
    try:
        keys = load_platform_keys(new.store)
        assert (keys[0].kid, keys[0].alg, keys[0].mac) == (
            sm_kid,
            SEAL_ALG_SM2_SM4GCM,
            MAC_HMAC_SM3,
        )
        new_receipts = confirm_appeals(new, 3, seed=2, every_nth_photo=2)
        service = _sync(new, central)
        assert service.client.credentials is not None
        assert service.client.credentials.mac == MAC_HMAC_SM3
        assert {rows(new)[r].outbox_state for r in new_receipts} == {"synced"}
        qr = receipt_for(new, new_receipts[0], online=True).qr_payload
        secret, terminal_id = new.identity.secret, new.identity.terminal_id  # type: ignore[union-attr]
    finally:
        new.close()

    # Central holds them sealed in the SM suite to the SM key, and they open with it.
    ring = KeyRing(central.data_dir / "keys")
    ring.refresh()
    stored = _central_rows(central, new_receipts)
    assert set(stored) == set(new_receipts)
    for sealed_json, _ in stored.values():
        envelope = SealedEnvelope.model_validate_json(sealed_json)
        assert (envelope.alg, envelope.kid) == (SEAL_ALG_SM2_SM4GCM, sm_kid)
        payload = json.loads(open_envelope(envelope, ring))
        assert payload["description"]
    photos = _central_attachments(central)
    assert photos, "the photo was uploaded"
    sm_pair = ring.get(sm_kid)
    assert sm_pair is not None and isinstance(sm_pair.private_key, Sm2PrivateKey)
    for sealed in photos:  # the SM file form, opened by the SM key alone
        assert sm_envelope.open_file(sm_pair.private_key, sealed)
        assert open_attachment(sealed, ring, sm_kid)

    # Its QR is HMAC-SM3 (24 characters) and verifies on /r/; one altered character not.
    sig = qr.rsplit("sig=", 1)[1]
    assert len(sig) == 24
    answer = _verify_qr(central, qr)
    assert answer.status_code == 200 and answer.json()["verified"] is True
    altered = qr[:-1] + ("A" if qr[-1] != "A" else "B")
    assert _verify_qr(central, altered).status_code == 404

    # Central takes an HMAC-SM3 signature and refuses a wrong one (real HTTP, raw).
    path = "/api/v1/cases/changes?after=0"
    for mac, good in ((MAC_HMAC_SM3, True), (MAC_HMAC_SHA256, True)):
        headers = signing.signed_headers(
            terminal_id, secret, "GET", path, b"", int(_server_now(central)), mac
        )
        assert requests.get(central.url + path, headers=headers, timeout=30).ok is good
    headers = signing.signed_headers(
        terminal_id, b"not the secret", "GET", path, b"", int(_server_now(central)), MAC_HMAC_SM3
    )
    assert requests.get(central.url + path, headers=headers, timeout=30).status_code == 401

    # The standard terminal, still running on its old key, delivers its HPKE work.
    old = start_core(old_cfg, configure_logging=False)
    try:
        service = _sync(old, central)
        assert service.client.credentials is not None
        assert service.client.credentials.mac == MAC_HMAC_SHA256
        assert {rows(old)[r].outbox_state for r in old_receipts} == {"synced"}
    finally:
        old.close()
    for sealed_json, _ in _central_rows(central, old_receipts).values():
        assert SealedEnvelope.model_validate_json(sealed_json).alg == SEAL_ALG_HPKE_X25519
    assert _verify_qr(central, old_qr).json()["verified"] is True

    # Rotation: it learnt the SM key from the catalog; after a restart it seals to it,
    # and the receipt it printed before still verifies.
    old = start_core(old_cfg, configure_logging=False)
    try:
        assert load_platform_keys(old.store)[0].kid == sm_kid
        rotated = confirm_appeals(old, 1, seed=3)
        service = _sync(old, central)
        assert service.client.credentials is not None
        assert service.client.credentials.mac == MAC_HMAC_SM3
        assert rows(old)[rotated[0]].outbox_state == "synced"
        rotated_qr = receipt_for(old, rotated[0], online=True).qr_payload
    finally:
        old.close()
    ((sealed_json, _),) = _central_rows(central, rotated).values()
    assert SealedEnvelope.model_validate_json(sealed_json).alg == SEAL_ALG_SM2_SM4GCM
    assert _verify_qr(central, rotated_qr).json()["verified"] is True
    assert _verify_qr(central, old_qr).json()["verified"] is True


def test_a_terminal_without_sm2_stays_on_the_standard_suite(
    central: CentralProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A machine whose libcrypto has no SM2 (a bundle without it): the SM key is
    skipped with a log line, the terminal seals and signs in the standard suite."""
    if not any(k["suite"] == "sm" for k in json.loads(central.admin("keys", "list", "--json"))):
        _keys_new_sm(central)
    monkeypatch.setattr(sm2_libcrypto, "_lib", None)
    monkeypatch.setattr(sm2_libcrypto, "_load_error", "no libcrypto SM2 (test machine)")
    cfg = _config(tmp_path / "plain", central)
    (tmp_path / "plain").mkdir()
    core = enrol_core(cfg, central)
    try:
        assert {k.alg for k in load_platform_keys(core.store)} == {SEAL_ALG_HPKE_X25519}
        receipts = confirm_appeals(core, 2, seed=4)
        service = _sync(core, central)
        assert service.client.credentials is not None
        assert service.client.credentials.mac == MAC_HMAC_SHA256
        assert {rows(core)[r].outbox_state for r in receipts} == {"synced"}
        qr = receipt_for(core, receipts[0], online=True).qr_payload
    finally:
        core.close()
    assert len(qr.rsplit("sig=", 1)[1]) == 16
    monkeypatch.undo()
    for sealed_json, _ in _central_rows(central, receipts).values():
        assert SealedEnvelope.model_validate_json(sealed_json).alg == SEAL_ALG_HPKE_X25519
    assert _verify_qr(central, qr).json()["verified"] is True


def _server_now(central: CentralProcess) -> float:
    """Central's clock, from its Date header (the test machine shares it anyway)."""
    from email.utils import parsedate_to_datetime

    answer = requests.get(central.url + "/healthz", timeout=30)
    return parsedate_to_datetime(answer.headers["Date"]).timestamp()
