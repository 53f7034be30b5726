"""The first store: submissions, attachments, receipt sequences, store events.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("receipt_no", sa.String(32), nullable=False, unique=True),
        sa.Column("local_day", sa.String(6), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("staff_id", sa.String(64)),
        sa.Column("catalog_version", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("sealed_alg", sa.String(64), nullable=False),
        sa.Column("sealed_kid", sa.String(64), nullable=False),
        sa.Column("sealed_enc", sa.LargeBinary),
        sa.Column("sealed_ct", sa.LargeBinary),
        sa.Column("display_json", sa.Text, nullable=False),
        sa.Column("outbox_state", sa.String(16), nullable=False),
        sa.Column("outbox_attempts", sa.Integer, nullable=False),
        sa.Column("outbox_error_code", sa.String(64)),
        sa.Column("outbox_error_detail", sa.Text),
        sa.Column("case_id", sa.String(64)),
        sa.Column("synced_at", sa.String(32)),
        sa.Column("print_state", sa.String(16), nullable=False),
        sa.Column("printed_at", sa.String(32)),
        sa.Column("purged_at", sa.String(32)),
    )
    op.create_index("ix_submissions_outbox", "submissions", ["outbox_state", "created_at"])
    op.create_index("ix_submissions_day_seq", "submissions", ["local_day", "sequence"], unique=True)
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "submission_id",
            sa.String(36),
            sa.ForeignKey("submissions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("uploaded", sa.Integer, nullable=False),
        sa.Column("purged_at", sa.String(32)),
    )
    op.create_index("ix_attachments_submission", "attachments", ["submission_id"])
    op.create_table(
        "receipt_sequences",
        sa.Column("day", sa.String(6), primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "store_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("store_events", "receipt_sequences", "attachments", "submissions"):
        op.drop_table(table)
