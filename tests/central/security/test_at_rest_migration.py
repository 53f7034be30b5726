"""Migration 0004 on a store an older central wrote in clear: a payload row (in the
database and its backups) and an attachment file. After ``open_core`` (what every
command and the server run first) nothing in the data directory holds the citizen's
values; the case opens through the authorised reader."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from centralkit.postgres import SUPERUSER, PostgresServer
from sqlalchemy import text
from sqlalchemy.engine import make_url

from central.app import open_core
from central.config import CentralConfig
from central.services.opened_payloads import open_case
from central.store.engine import Store
from central.store.migrate import alembic_config, current_revision, head_revision

TERMINAL_ID = "6f1c2a3e-0d4b-4c5e-8f90-123456789abc"
SUBMISSION_ID = "0c45a3ce-8459-42bf-b958-20a4862c0d24"
NAME, PHONE, ID_NUMBER = "司马清风", "13700001111", "530111195009085145"
PAYLOAD = {"category": "urban.road", "contact": {"name": NAME, "phone": PHONE,
                                                 "id_number": ID_NUMBER}}  # fmt: skip
CLEAR_FILE = b"sealed-photo " + ID_NUMBER.encode() + b" " + PHONE.encode()
SHA = "ab" * 32


def _old_store(config: CentralConfig) -> None:
    """Schema 0003 with a terminal, a clear payload and a clear attachment file."""
    config.data_dir.mkdir(mode=0o700)
    store = Store(config.db_url)
    try:
        alembic = alembic_config()
        with store.engine.begin() as connection:
            alembic.attributes["connection"] = connection
            command.upgrade(alembic, "0003")
        now = datetime.now(UTC).replace(tzinfo=None)
        payload = json.dumps(PAYLOAD, ensure_ascii=False)
        values = {"tid": TERMINAL_ID, "sid": SUBMISSION_ID, "now": now, "sha": SHA,
                  "secret": b"sealed", "payload": payload}  # fmt: skip
        statements = [
            "INSERT INTO terminals (id, code, site_branch_code, site_name, hardware_id,"
            " secret_sealed, app_version, enrolled_at, revoked, change_seq) VALUES"
            " (:tid, '0042', 'b', 's', 'h', :secret, '1.0', :now, false, 1)",
            "INSERT INTO submissions (submission_id, terminal_id, receipt_no, kind, code,"
            " channel, staff_id, catalog_version, created_at, received_at, content_digest,"
            " kid, sealed, payload) VALUES (:sid, :tid, 'R004226120300001', 'appeal',"
            " 'urban.road', 'kiosk', NULL, 'v1', :now, :now, 'd', 'k1', '{}', :payload)",
            "INSERT INTO cases (case_id, submission_id, terminal_id, receipt_no, kind, status,"
            " department, created_at, updated_at) VALUES ('C2026120300000001', :sid, :tid,"
            " 'R004226120300001', 'appeal', 'received', NULL, :now, :now)",
            "INSERT INTO attachments (sha256, size, stored_at, terminal_id) VALUES"
            " (:sha, 40, :now, :tid)",
            "INSERT INTO submission_attachments (submission_id, sha256) VALUES (:sid, :sha)",
        ]
        with store.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement), values)
    finally:
        store.dispose()
    clear = config.attachments_dir / SHA[:2] / SHA
    clear.parent.mkdir(parents=True, mode=0o700)
    clear.write_bytes(CLEAR_FILE)


def _found(root: Path) -> dict[str, list[str]]:
    needles = [v.encode() for v in (NAME, PHONE, ID_NUMBER)] + [json.dumps(NAME)[1:-1].encode()]
    return {
        str(p.relative_to(root)): [n.decode() for n in needles if n in p.read_bytes()]
        for p in root.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    }


def _dump(server: PostgresServer, db_url: str) -> bytes:
    done = subprocess.run(
        [str(server.bin_dir / "pg_dump"), "-h", str(server.root), "-p", str(server.port),
         "-U", SUPERUSER, "--format=plain", str(make_url(db_url).database)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_migration_encrypts_what_an_older_central_stored_in_clear(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    server: PostgresServer | None = None
    db_url = None
    if backend == "postgres":
        server = request.getfixturevalue("postgres_server")
        db_url = server.create_database()
    config = CentralConfig.build(data_dir=tmp_path / "data", db_url=db_url)
    _old_store(config)
    clear_files = {f"attachments/ab/{SHA}"} | ({"central.sqlite3"} if server is None else set())
    assert set(_found(config.data_dir)) >= clear_files
    if server is not None and db_url is not None:
        assert NAME.encode() in _dump(server, db_url)

    core = open_core(config)
    try:
        assert current_revision(core.store) == head_revision()
        opened = open_case(core.store, core.data_keys, "R004226120300001")
        assert opened.payload == PAYLOAD and opened.attachments == [SHA]
        assert core.attachments.read(SHA) == CLEAR_FILE
    finally:
        core.store.dispose()
    assert _found(config.data_dir) == {}  # database, WAL, backups, files: all sealed
    assert not (config.attachments_dir / SHA[:2] / SHA).exists()
    assert not list(config.data_dir.glob("central.sqlite3.bak-0003-*"))
    if server is not None and db_url is not None:
        dump = _dump(server, db_url)
        assert b"COPY public.submissions" in dump
        assert NAME.encode() not in dump and PHONE.encode() not in dump
        assert ID_NUMBER.encode() not in dump
