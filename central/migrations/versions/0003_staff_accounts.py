"""Staff accounts provisioned to terminals, and the terminals each is for.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime()  # central.store.base.UTCDateTime stores naive UTC


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("staff_id", sa.String(32), nullable=False),
        sa.Column("display_name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(256), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("all_terminals", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_accounts")),
    )
    op.create_table(
        "staff_account_terminals",
        sa.Column("staff_id", sa.String(32), nullable=False),
        sa.Column("terminal", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_accounts.staff_id"],
            name=op.f("fk_staff_account_terminals_staff_id_staff_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_id", "terminal", name=op.f("pk_staff_account_terminals")),
    )
    op.create_index("ix_staff_account_terminals_terminal", "staff_account_terminals", ["terminal"])


def downgrade() -> None:
    op.drop_index("ix_staff_account_terminals_terminal", "staff_account_terminals")
    op.drop_table("staff_account_terminals")
    op.drop_table("staff_accounts")
