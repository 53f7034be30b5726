"""Citizen data encrypted at rest: ``data_keys``, ``submissions.payload_sealed`` in
place of the clear ``payload``, attachment files re-written as ``<sha256>.enc``.

Every stored payload and attachment gets its own data key, wrapped by the current
key-encryption key; central.store.migrate hands the data keys and the attachments
directory over in ``config.attributes``. Afterwards central.store.migrate compacts the
database (the clear rows' old pages) and central.app removes the clear files.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

from central.at_rest import RecordKey
from central.attachment_files import write_durably
from central.data_keys import KIND_ATTACHMENT, KIND_PAYLOAD, DataKeys

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime()  # central.store.base.UTCDateTime stores naive UTC
DATA_KEYS = sa.table(
    "data_keys",
    sa.column("kind", sa.String),
    sa.column("record_id", sa.String),
    sa.column("alg", sa.String),
    sa.column("kek_id", sa.String),
    sa.column("wrapped_key", sa.LargeBinary),
    sa.column("created_at", UTC_TIME),
)


def _key_row(
    keys: DataKeys, kind: str, record_id: str, now: datetime
) -> tuple[dict[str, object], RecordKey]:
    row, key = keys.make(kind, record_id, now)
    values = {c: getattr(row, c) for c in ("kind", "record_id", "alg", "kek_id", "wrapped_key")}
    return {**values, "created_at": now.replace(tzinfo=None)}, key


def upgrade() -> None:
    op.create_table(
        "data_keys",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("alg", sa.String(32), nullable=False),
        sa.Column("kek_id", sa.String(64), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("kind", "record_id", name=op.f("pk_data_keys")),
    )
    op.create_index("ix_data_keys_kek_id", "data_keys", ["kek_id"])
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("payload_sealed", sa.LargeBinary(), nullable=True))

    bind = op.get_bind()
    keys: DataKeys | None = context.config.attributes.get("data_keys")
    attachments_dir: Path | None = context.config.attributes.get("attachments_dir")
    rows = bind.execute(sa.text("SELECT submission_id, payload FROM submissions")).all()
    attachments = bind.execute(sa.text("SELECT sha256 FROM attachments")).scalars().all()
    if (rows or attachments) and (keys is None or attachments_dir is None):
        raise RuntimeError("encrypting stored citizen data needs central's data keys")
    now = datetime.now(UTC)
    submissions = sa.table(
        "submissions", sa.column("submission_id"), sa.column("payload_sealed", sa.LargeBinary)
    )
    for submission_id, payload in rows:
        assert keys is not None
        values, key = _key_row(keys, KIND_PAYLOAD, submission_id, now)
        bind.execute(DATA_KEYS.insert().values(**values))
        bind.execute(
            submissions.update()
            .where(submissions.c.submission_id == submission_id)
            .values(payload_sealed=key.encrypt(payload.encode("utf-8")))
        )
    for sha256 in attachments:
        assert keys is not None and attachments_dir is not None
        clear = attachments_dir / sha256[:2] / sha256
        if not clear.is_file():
            continue  # never stored whole: the terminal uploads it again
        values, key = _key_row(keys, KIND_ATTACHMENT, sha256, now)
        bind.execute(DATA_KEYS.insert().values(**values))
        sealed = key.encrypt(clear.read_bytes())
        write_durably(clear.with_name(f"{sha256}.enc"), sealed)

    with op.batch_alter_table("submissions") as batch:
        batch.alter_column("payload_sealed", existing_type=sa.LargeBinary(), nullable=False)
        batch.drop_column("payload")
    # central.store.migrate scrubs the older backups once clear data was encrypted.
    context.config.attributes["encrypted_records"] = len(rows) + len(attachments)


def downgrade() -> None:
    """Only an empty store goes back: citizen data is never put back in clear."""
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM data_keys")).scalar_one():
        raise RuntimeError("not reversible: it would store citizen data in clear again")
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("payload", sa.Text(), nullable=False))
        batch.drop_column("payload_sealed")
    op.drop_index("ix_data_keys_kek_id", "data_keys")
    op.drop_table("data_keys")
