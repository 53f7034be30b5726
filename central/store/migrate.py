"""Bring the database schema to the newest Alembic revision, with a backup first.

The migrations live in ``central/migrations``; there is no alembic.ini: the
configuration is built here so that the installed package migrates itself.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from central.attachment_files import scrub
from central.data_keys import DataKeys
from central.store.engine import Store

log = logging.getLogger(__name__)
AT_REST_REVISION = "0004"  # from here on no citizen data is stored in clear
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at central's migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(store: Store) -> str | None:
    """The revision the database is at (None when empty)."""
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _backup_sqlite(store: Store, revision: str) -> Path | None:
    database = make_url(store.url).database
    if not database or database == ":memory:" or not Path(database).exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(f"{database}.bak-{revision}-{stamp}")
    source, copy = sqlite3.connect(database), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def upgrade(
    store: Store, data_keys: DataKeys | None = None, attachments_dir: Path | None = None
) -> None:
    """Migrate to head; an SQLite file with an older schema is backed up first.

    ``data_keys`` and ``attachments_dir`` let 0004 encrypt citizen data stored in clear
    by an older central; once it has, the clear copies are removed (compaction of the
    database, the backups taken before 0004)."""
    current, head = current_revision(store), head_revision()
    if current == head:
        return
    if current is not None and store.dialect == "sqlite":
        backup = _backup_sqlite(store, current)
        log.info("backed up the database before migrating to %s: %s", head, backup)
    config = alembic_config()
    config.attributes["data_keys"] = data_keys
    config.attributes["attachments_dir"] = attachments_dir
    with store.engine.connect() as connection:
        sqlite_fks = store.dialect == "sqlite"
        raw = connection.connection.driver_connection
        if sqlite_fks and raw is not None:
            # A batch migration re-creates a table others refer to; SQLite can switch
            # foreign keys off only outside a transaction (the DBAPI is in autocommit).
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite_fks and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left a dangling reference")
        finally:
            if sqlite_fks and raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
    log.info("database schema at %s", head)
    if config.attributes.get("encrypted_records"):
        _forget_clear_copies(store)


def _forget_clear_copies(store: Store) -> None:
    """After 0004: compact the database so the clear rows' freed pages are gone (and
    the WAL with them), and scrub the SQLite backups that still hold them."""
    if store.dialect == "sqlite":
        raw = store.engine.raw_connection()  # in autocommit: VACUUM refuses a transaction
        try:
            cursor = raw.cursor()
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
        finally:
            raw.close()
    else:
        with store.engine.connect() as connection:
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            autocommit.exec_driver_sql("VACUUM FULL submissions")
    database = make_url(store.url).database
    if store.dialect != "sqlite" or not database:
        return
    for backup in Path(database).parent.glob(f"{Path(database).name}.bak-*"):
        revision = backup.name.split(".bak-", 1)[1].split("-", 1)[0]
        if revision < AT_REST_REVISION:
            scrub(backup)
            log.info("removed %s: it held payloads in clear", backup.name)
