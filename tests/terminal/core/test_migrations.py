"""Migrations: a store holding data at the first revision upgrades to head intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from terminal.paths import DataPaths
from terminal.store import migrate
from terminal.store.engine import make_engine
from terminal.store.models import Base
from terminal.store.startup import open_store


def _store_at_first_revision(paths: DataPaths) -> None:
    paths.ensure()
    engine = make_engine(paths.store_file, writer=True)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    conn = sqlite3.connect(paths.store_file)
    conn.execute(
        "INSERT INTO submissions(id, receipt_no, local_day, sequence, kind, code, channel, "
        "catalog_version, created_at, sealed_alg, sealed_kid, sealed_enc, sealed_ct, "
        "display_json, outbox_state, outbox_attempts, print_state) VALUES "
        "('s1', '0042-261127-0001-8', '261127', 1, 'appeal', 'urban.road', 'kiosk', 'v1', "
        "'2026-11-27T02:00:00Z', 'alg', 'kid', x'0102', x'0304', '{}', 'pending', 0, 'printed')"
    )
    conn.execute(
        "INSERT INTO attachments(submission_id, sha256, size, uploaded) VALUES ('s1', 'ab', 5, 0)"
    )
    conn.execute("INSERT INTO receipt_sequences(day, last) VALUES ('261127', 1)")
    conn.commit()
    conn.close()


def test_upgrade_from_first_revision_keeps_data_and_makes_a_backup(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    _store_at_first_revision(paths)
    store = open_store(paths)
    try:
        assert migrate.current_revision(store.reader) == migrate.head_revision()
        with store.reader.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT receipt_no, sealed_enc, print_state, central_status FROM submissions"
            ).one()
            seq = conn.exec_driver_sql("SELECT last FROM receipt_sequences").scalar()
            att = conn.exec_driver_sql("SELECT sha256 FROM attachments").scalar()
        assert tuple(row) == ("0042-261127-0001-8", b"\x01\x02", "printed", None)
        assert (seq, att) == (1, "ab")
        [event] = [e for e in store.events if e.kind == "migrated"]
        [backup] = list(paths.backups_dir.glob("store-rev0001-*.sqlite3"))
        assert str(backup) in event.detail
        old = sqlite3.connect(backup)
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT count(*) FROM submissions").fetchone() == (1,)
        old.close()
    finally:
        store.close()


def test_head_schema_matches_the_models(tmp_path: Path) -> None:
    store = open_store(DataPaths(tmp_path))
    try:
        with store.reader.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        store.close()
    assert diff == []


def test_the_fast_revision_checks_agree_with_alembic(tmp_path: Path) -> None:
    """open_store decides "migration pending?" without importing Alembic."""
    from terminal.store import migrate
    from terminal.store.engine import make_engine

    assert migrate.script_head() == migrate.head_revision()
    path = tmp_path / "store.sqlite3"
    engine = make_engine(path, writer=True)
    try:
        with engine.connect():  # an empty file, not yet stamped
            pass
        assert migrate.stored_revision(path) is None
        migrate.upgrade(engine, "0002")
        assert migrate.stored_revision(path) == "0002" == migrate.current_revision(engine)
        migrate.upgrade(engine)
        assert migrate.stored_revision(path) == migrate.script_head()
    finally:
        engine.dispose()
