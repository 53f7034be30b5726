"""Salvage cases on real files, in process: a lost enrolment, a lost schema, the audit
break against tampering, and the sweep beside damaged copies."""

from __future__ import annotations

import random
import sqlite3
import uuid
from pathlib import Path

import pytest
from salvagekit import PAGE, table_pages
from synckit.terminals import catalog_appeals

from mashangban.embedded_central import EmbeddedCentralError, central_for
from terminal.audit import actions
from terminal.audit.trail import AuditTrail
from terminal.config import Config
from terminal.crypto.sealing import ALG_HPKE_X25519, PlatformKey, generate_key_pair
from terminal.identity import Identity, save_identity, save_platform_keys
from terminal.runtime import TerminalCore, start_core
from terminal.store.damaged_names import names_file
from terminal.store.health import check_salvage
from terminal.submissions.retention import sweep_attachment_files


def _enrolled_core(config: Config) -> TerminalCore:
    """A core with a real (not demo) enrolment, as `enroll --server` leaves it."""
    core = start_core(config, configure_logging=False)
    _, public = generate_key_pair()
    identity = Identity(str(uuid.uuid4()), "0042", b"s" * 32, "https://central.example", False)
    save_identity(core.store, core.local_key, identity)
    save_platform_keys(core.store, [PlatformKey("k-2026", ALG_HPKE_X25519, public)])
    core.close()
    return start_core(config, configure_logging=False)


def _confirm(core: TerminalCore, count: int, photos: bool = False) -> list[str]:
    rng = random.Random(4)
    return [core.confirm(catalog_appeals(rng, 1 if photos else 0)).receipt_no for _ in range(count)]


def _wreck(store: Path, pages: list[int]) -> None:
    data = bytearray(store.read_bytes())
    for p in pages:
        data[(p - 1) * PAGE : p * PAGE] = bytes(PAGE)
    store.write_bytes(bytes(data))


def test_a_lost_enrolment_never_falls_back_to_the_demo_central(config: Config) -> None:
    core = _enrolled_core(config)
    _confirm(core, 5)
    store = core.paths.store_file
    demo_key_dir = core.paths.demo_central_dir / "keys"  # a real enrolment removed the demo
    demo_keys = sorted(demo_key_dir.iterdir()) if demo_key_dir.exists() else []
    core.close()
    _wreck(store, table_pages(store, "terminal_identity"))

    core = start_core(config, configure_logging=False)
    try:
        assert core.identity is None and core.confirmer is None  # refuses, never demo
        check = check_salvage(core)
        assert check.verdict == "fail" and "enrol" in check.advice.lower()
        with pytest.raises(EmbeddedCentralError, match="enrol"), central_for(core):
            pass
        after = sorted(demo_key_dir.iterdir()) if demo_key_dir.exists() else []
        assert after == demo_keys  # no demo central was started or made
        assert not (core.paths.demo_central_dir / "central.sqlite3").exists()
    finally:
        core.close()


def test_a_store_whose_schema_pages_are_lost_is_read_by_its_pages(config: Config) -> None:
    core = _enrolled_core(config)
    receipts = _confirm(core, 40)
    store = core.paths.store_file
    core.close()
    schema = [p for p in table_pages(store, "sqlite_schema") if p != 1]
    assert schema, "the schema should have grown past page 1"
    _wreck(store, schema)

    core = start_core(config, configure_logging=False)
    try:
        [event] = [e for e in core.store.events if e.kind == "salvaged"]
        assert '"schema_rebuilt": true' in event.detail
        found = core.store.read(
            lambda c: [r[0] for r in c.execute("SELECT receipt_no FROM submissions")]
        )
        assert sorted(found) == sorted(receipts)
        assert core.identity is not None and not core.identity.demo
    finally:
        core.close()


def test_the_salvage_break_verifies_but_tampering_after_it_does_not(config: Config) -> None:
    core = _enrolled_core(config)
    _confirm(core, 30)
    trail = AuditTrail.for_core(core)
    for _ in range(5):
        trail.record(actions.TECHNICIAN_CLI, actions.FORCE_SYNC)
    before = trail.verify().records  # these five and what enrolment recorded (demo_purge)
    store = core.paths.store_file
    core.close()
    _wreck(store, table_pages(store, "submissions")[2:4])

    core = start_core(config, configure_logging=False)
    try:
        trail = AuditTrail.for_core(core)
        trail.record(actions.TECHNICIAN_CLI, actions.EXPORT, "ok", {"count": 1})  # after it
        result = trail.verify()
        assert result.ok and result.breaks == 1 and result.records == before + 2, result
    finally:
        core.close()
    conn = sqlite3.connect(store)  # someone with the file, not the key, edits a kept record
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'technician:x' WHERE seq = 2")
    conn.commit()
    conn.close()
    core = start_core(config, configure_logging=False)
    try:
        result = AuditTrail.for_core(core).verify()
        assert not result.ok and result.problem == "changed"
    finally:
        core.close()


def test_the_sweep_keeps_every_file_a_damaged_copy_names(config: Config) -> None:
    core = start_core(config, configure_logging=False)
    attachments = core.paths.attachments_dir
    damaged = core.paths.damaged_dir
    damaged.mkdir()
    orphan = attachments / f"{'a' * 64}.sealed"
    named = attachments / f"{'b' * 64}.sealed"
    try:
        for f in (orphan, named):
            f.write_bytes(b"sealed")
        unreadable = damaged / "store-20260101T000000000000Z.sqlite3"
        unreadable.write_bytes(random.Random(1).randbytes(8192))  # nothing in it reads
        assert sweep_attachment_files(core.store) == 0
        assert orphan.exists() and named.exists()
        names_file(unreadable).write_text(
            f'{{"complete": true, "names": ["{"b" * 64}"]}}', encoding="utf-8"
        )
        assert sweep_attachment_files(core.store) == 1
        assert not orphan.exists() and named.exists()
    finally:
        core.close()
