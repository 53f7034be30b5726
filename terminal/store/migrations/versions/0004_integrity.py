"""Integrity of sealed data: the payload's digest, and why a submission is held back.

`sealed_sha256` is the SHA-256 of the sealed payload written at confirm
(terminal/store/integrity.py); rows confirmed before this revision have none and
are accepted as they are. `integrity_error` names what a check found wrong with
a submission that is not sent (payload-damaged, attachment-damaged,
attachment-missing, attachments-lost); NULL when nothing is.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("sealed_sha256", sa.String(64)))
        batch.add_column(sa.Column("integrity_error", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("integrity_error")
        batch.drop_column("sealed_sha256")
