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

from central.store.engine import Store

log = logging.getLogger(__name__)
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


def upgrade(store: Store) -> None:
    """Migrate to head; an SQLite file with an older schema is backed up first."""
    current, head = current_revision(store), head_revision()
    if current == head:
        return
    if current is not None and store.dialect == "sqlite":
        backup = _backup_sqlite(store, current)
        log.info("backed up the database before migrating to %s: %s", head, backup)
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("database schema at %s", head)
