"""The Alembic migration builds exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from central.store.engine import Store
from central.store.migrate import current_revision, head_revision, upgrade
from central.store.models import Base


def test_migrated_schema_matches_models_and_upgrade_is_idempotent(db_url):
    store = Store(db_url)
    try:
        assert current_revision(store) is None
        upgrade(store)
        upgrade(store)
        assert current_revision(store) == head_revision() == "0006"
        with store.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        store.dispose()
