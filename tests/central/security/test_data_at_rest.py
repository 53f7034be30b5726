"""Citizen data at rest, tried as an attacker who can read central's files (or a dump
of its PostgreSQL database) but holds no key-encryption key.

A real terminal core enrols with a real ``mashangban-central serve`` on loopback and
sends an appeal (with a photo) through its sync service over HTTP. Then every byte
central keeps (database, WAL, SHM, attachments, logs: the whole data directory, and a
``pg_dump``) is searched for the citizen's name, ID number, phone and address, in
UTF-8 and JSON-escaped: nothing. The authorised reader (``case show``, ``case
attachment``) still opens them, after a KEK rotation too, with the old KEK deleted.
Tampering with a ciphertext, moving it to another record or swapping wrapped keys
fails plainly, shows nothing and writes a security-log line.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from centralkit.postgres import SUPERUSER, PostgresServer
from sqlalchemy.engine import make_url
from synckit.central_process import CentralProcess
from synckit.terminals import catalog_appeals, enrol_core, service_for, sync_config

from terminal.loadgen import synthetic_id_number
from terminal.masking import masked_contact
from terminal.submissions.draft import AttachmentDraft, Draft

NAME = "欧阳明远"
PHONE = "13912345678"
ADDRESS = "幸福路88号"
ID_NUMBER = synthetic_id_number(random.Random(2026))
PHOTO = b"\xff\xd8\xff\xe0 JFIF id-card photo " + ID_NUMBER.encode() + bytes(range(256)) * 40


def needles() -> dict[str, bytes]:
    """Each value as UTF-8 and as JSON writes it with ensure_ascii (\\uXXXX)."""
    found: dict[str, bytes] = {}
    for value in (NAME, PHONE, ADDRESS, ID_NUMBER):
        found[f"{value} utf-8"] = value.encode("utf-8")
        escaped = json.dumps(value)[1:-1]
        found[f"{value} json-escaped"] = escaped.encode("ascii")
        found[f"{value} JSON-ESCAPED"] = (
            escaped.replace("\\u", "\\U").upper().replace("\\U", "\\u").encode("ascii")
        )
    return found


def hits(blob: bytes) -> list[str]:
    return [label for label, needle in needles().items() if needle in blob]


def test_the_needles_find_what_they_look_for():  # the search itself can fail
    clear = json.dumps({"contact": {"name": NAME, "phone": PHONE}}).encode()
    assert any("json-escaped" in label for label in hits(clear))
    assert any("utf-8" in label for label in hits(NAME.encode() + PHONE.encode()))


def citizen_draft() -> Draft:
    draft = catalog_appeals(random.Random(31))
    payload = dict(draft.payload)
    payload["contact"] = {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE}
    payload["location"] = {**payload["location"], "address": ADDRESS}
    return replace(
        draft,
        payload=payload,
        attachments=(AttachmentDraft(PHOTO, "image/jpeg", "photo-1.jpg"),),
        masked_contact=masked_contact(NAME, PHONE),
    )


@dataclass
class Backend:
    name: str
    server: PostgresServer | None = None
    db_url: str | None = None

    def dump(self) -> bytes:
        """What an insider with database access gets: a plain pg_dump (empty for SQLite,
        whose file is in the data directory)."""
        if self.server is None or self.db_url is None:
            return b""
        database = str(make_url(self.db_url).database)
        done = subprocess.run(
            [str(self.server.bin_dir / "pg_dump"), "-h", str(self.server.root),
             "-p", str(self.server.port), "-U", SUPERUSER, "--format=plain", database],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        assert b"COPY public.submissions" in done.stdout  # the dump has the table
        return done.stdout


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Backend:
    if request.param == "sqlite":
        monkeypatch.delenv("MASHANGBAN_CENTRAL_DB", raising=False)
        return Backend("sqlite")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    monkeypatch.setenv("MASHANGBAN_CENTRAL_DB", url)  # serve and every admin command
    return Backend("postgres", server, url)


@pytest.fixture
def central(tmp_path: Path, backend: Backend) -> Iterator[CentralProcess]:
    with CentralProcess(tmp_path / "central") as server:
        yield server


def submit(tmp_path: Path, central: CentralProcess) -> tuple[str, str]:
    """The citizen's appeal, sent by a real terminal; its receipt and photo sha256."""
    kiosk = tmp_path / "kiosk"
    kiosk.mkdir()
    core = enrol_core(sync_config(kiosk, central.url), central)
    try:
        receipt = core.confirm(citizen_draft()).receipt_no
        service = service_for(core, central)
        service.run_cycle()
        service.close()
    finally:
        core.close()
    shown = json.loads(central.admin("case", "show", receipt, "--json"))
    assert len(shown["attachments"]) == 1
    return receipt, shown["attachments"][0]


def admin_fails(central: CentralProcess, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*central.command, "--data-dir", str(central.data_dir), "--log-level", "warning", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    return done


def every_file(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def assert_no_clear_text(central: CentralProcess, backend: Backend) -> int:
    """No value in any file under the data dir, nor in the dump; the bytes searched."""
    files = every_file(central.data_dir)
    if backend.name == "sqlite":  # the running server has its WAL and SHM open
        assert {"central.sqlite3", "central.sqlite3-wal", "central.sqlite3-shm"} <= set(files)
    assert any(name.startswith("attachments/") and name.endswith(".enc") for name in files)
    found = {name: hits(blob) for name, blob in files.items() if hits(blob)}
    assert not found, found
    dump = backend.dump()
    assert not hits(dump), hits(dump)
    return sum(len(blob) for blob in files.values()) + len(dump)


def assert_readable(central: CentralProcess, receipt: str, sha: str, out: Path) -> None:
    shown = json.loads(central.admin("case", "show", receipt, "--json"))
    assert shown["payload"]["contact"] == {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE}
    assert shown["payload"]["location"]["address"] == ADDRESS
    central.admin("case", "attachment", receipt, sha, "--out", str(out))
    assert out.read_bytes() == PHOTO
    assert out.stat().st_mode & 0o777 == 0o600
    out.unlink()


def security_events(central: CentralProcess) -> list[dict[str, object]]:
    text = (central.data_dir / "security.log").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_central_keeps_no_citizen_data_in_clear_and_rotates_its_kek(
    tmp_path: Path, central: CentralProcess, backend: Backend
) -> None:
    receipt, sha = submit(tmp_path, central)
    searched = assert_no_clear_text(central, backend)
    assert searched > 10_000  # the database and the photo were really there
    assert_readable(central, receipt, sha, tmp_path / "photo.jpg")

    before = json.loads(central.admin("keys", "kek-list", "--json"))
    assert [row["data_keys"] for row in before] == [2]  # the payload and the photo
    old = before[0]["kek_id"]
    rotated = central.admin("keys", "rotate-kek").splitlines()
    new = rotated[0]
    assert new != old and "re-wrapped 2 data keys" in rotated
    after = {row["kek_id"]: row for row in json.loads(central.admin("keys", "kek-list", "--json"))}
    assert after[new]["current"] and after[new]["data_keys"] == 2
    assert after[old]["data_keys"] == 0
    central.admin("keys", "retire-kek", old)
    assert not (central.data_dir / "keys" / "kek" / f"{old}.kek").exists()
    assert_readable(central, receipt, sha, tmp_path / "photo.jpg")
    assert_no_clear_text(central, backend)

    # The server noticed the new KEK: what arrives now is wrapped by it.
    kiosk2 = tmp_path / "kiosk2"
    kiosk2.mkdir()
    core = enrol_core(sync_config(kiosk2, central.url), central)
    try:
        core.confirm(catalog_appeals(random.Random(5)))
        service = service_for(core, central)
        service.run_cycle()
        service.close()
    finally:
        core.close()
    final = {row["kek_id"]: row for row in json.loads(central.admin("keys", "kek-list", "--json"))}
    assert set(final) == {new} and final[new]["data_keys"] == 3


def _submissions(db: Path) -> list[tuple[str, bytes]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT receipt_no, payload_sealed FROM submissions ORDER BY receipt_no"
        ).fetchall()


def _write(db: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db, timeout=30)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_tampering_fails_loudly_and_shows_nothing(
    tmp_path: Path, central: CentralProcess, backend: Backend
) -> None:
    receipt, sha = submit(tmp_path, central)
    kiosk = tmp_path / "kiosk2"
    kiosk.mkdir()
    core = enrol_core(sync_config(kiosk, central.url), central)
    try:
        other = core.confirm(catalog_appeals(random.Random(8))).receipt_no
        service = service_for(core, central)
        service.run_cycle()
        service.close()
    finally:
        core.close()
    db = central.data_dir / "central.sqlite3"
    sealed = dict(_submissions(db))
    original = sealed[receipt]

    def refused(*args: str) -> str:
        done = admin_fails(central, *args)
        assert not hits(done.stdout.encode() + done.stderr.encode())
        assert "Traceback" not in done.stderr and "does not" in done.stderr
        return done.stderr

    # 1. One flipped bit of the ciphertext.
    flipped = original[:-1] + bytes([original[-1] ^ 0x01])
    _write(db, "UPDATE submissions SET payload_sealed = ? WHERE receipt_no = ?", flipped, receipt)
    refused("case", "show", receipt)
    # 2. A valid ciphertext of another record (wrong associated data).
    _write(db, "UPDATE submissions SET payload_sealed = ? WHERE receipt_no = ?",
           sealed[other], receipt)  # fmt: skip
    refused("case", "show", receipt, "--json")
    # 3. The right ciphertext, the other record's wrapped data key.
    _write(db, "UPDATE submissions SET payload_sealed = ? WHERE receipt_no = ?", original, receipt)
    with sqlite3.connect(db) as conn:
        ids = dict(conn.execute("SELECT receipt_no, submission_id FROM submissions").fetchall())
        wrapped = conn.execute(
            "SELECT wrapped_key FROM data_keys WHERE kind = 'payload' AND record_id = ?",
            (ids[other],),
        ).fetchone()[0]
    _write(db, "UPDATE data_keys SET wrapped_key = ? WHERE kind = 'payload' AND record_id = ?",
           wrapped, ids[receipt])  # fmt: skip
    refused("case", "show", receipt)
    # 4. The photo file altered on disk.
    photo = next((central.data_dir / "attachments").rglob(f"{sha}.enc"))
    blob = photo.read_bytes()
    photo.write_bytes(blob[:40] + bytes([blob[40] ^ 0x80]) + blob[41:])
    refused("case", "attachment", receipt, sha, "--out", str(tmp_path / "x.jpg"))
    assert not (tmp_path / "x.jpg").exists()

    failures = [e for e in security_events(central) if e["event"] == "at-rest-decrypt-failed"]
    assert [e["kind"] for e in failures] == ["payload", "payload", "payload", "attachment"]
    assert all(e["outcome"] == "refused" and e["source"] == "local" for e in failures)
    log = (central.data_dir / "security.log").read_bytes()
    assert not hits(log)
    # The other case was never touched and still opens.
    assert json.loads(central.admin("case", "show", other, "--json"))["receipt_no"] == other
