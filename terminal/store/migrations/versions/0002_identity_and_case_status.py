"""Terminal identity, platform keys, small durable values, and central case status.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("central_status", sa.String(32)))
        batch.add_column(sa.Column("central_status_text", sa.Text))
        batch.add_column(sa.Column("central_updated_at", sa.String(32)))
    op.create_table(
        "terminal_identity",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("terminal_code", sa.String(8), nullable=False),
        sa.Column("secret_wrapped", sa.LargeBinary, nullable=False),
        sa.Column("server_url", sa.Text, nullable=False),
        sa.Column("enrolled_at", sa.String(32), nullable=False),
        sa.Column("demo", sa.Integer, nullable=False),
    )
    op.create_table(
        "platform_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("alg", sa.String(64), nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "kv",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kv")
    op.drop_table("platform_keys")
    op.drop_table("terminal_identity")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("central_updated_at")
        batch.drop_column("central_status_text")
        batch.drop_column("central_status")
