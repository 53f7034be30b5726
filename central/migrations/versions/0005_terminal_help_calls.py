"""Citizens' calls for staff, as terminals report them in heartbeats.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime()  # central.store.base.UTCDateTime stores naive UTC


def upgrade() -> None:
    op.create_table(
        "terminal_help_calls",
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("screen", sa.String(64), nullable=False),
        sa.Column("received_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminals.id"],
            name=op.f("fk_terminal_help_calls_terminal_id_terminals"),
        ),
        sa.PrimaryKeyConstraint("terminal_id", "seq", name=op.f("pk_terminal_help_calls")),
    )
    op.create_index("ix_terminal_help_calls_at", "terminal_help_calls", ["at"])


def downgrade() -> None:
    op.drop_index("ix_terminal_help_calls_at", "terminal_help_calls")
    op.drop_table("terminal_help_calls")
