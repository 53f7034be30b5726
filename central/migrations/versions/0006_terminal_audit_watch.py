"""What central watches of each terminal's audit chain: the reported head, alerts,
staff lockouts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "terminal_audit_watch",
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.Column("head_mac", sa.String(64), nullable=True),
        sa.Column("alert", sa.String(32), nullable=True),
        sa.Column("alert_seq", sa.BigInteger(), nullable=True),
        sa.Column("alert_at", sa.DateTime(), nullable=True),
        sa.Column("lockouts", sa.BigInteger(), nullable=False),
        sa.Column("lockout_window_at", sa.DateTime(), nullable=True),
        sa.Column("lockout_alert_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminals.id"],
            name=op.f("fk_terminal_audit_watch_terminal_id_terminals"),
        ),
        sa.PrimaryKeyConstraint("terminal_id", name=op.f("pk_terminal_audit_watch")),
    )


def downgrade() -> None:
    op.drop_table("terminal_audit_watch")
