"""Alembic, run programmatically: current revision, head, upgrade.

Alembic takes ~90 ms to import, and a kiosk starts far more often than its
schema changes: `stored_revision` and `script_head` answer "is a migration
pending?" with sqlite3 and the migration files' text, and Alembic is imported
only by the functions that need it (an upgrade, doctor, selftest).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from sqlalchemy import Engine

_SCRIPTS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)


def alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def script_head() -> str:
    """The head revision read from the migration files (what `head_revision` says for
    our linear history), without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (_SCRIPTS / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(text))
        parents.update(_DOWN.findall(text))
    heads = revisions - parents
    if len(heads) != 1:  # branches: let Alembic decide
        return head_revision()
    return heads.pop()


def stored_revision(path: Path) -> str | None:
    """The store file's revision from its alembic_version table; None when unstamped."""
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:  # no such table: an empty or new file
        return None
    finally:
        conn.close()
    return ",".join(sorted(str(r[0]) for r in rows)) or None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the store to `target` (a revision id or "head")."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
