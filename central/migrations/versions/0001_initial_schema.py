"""Initial schema: terminals, enrolment codes, nonces, platform keys, attachments,
submissions, cases, case changes and counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime()  # central.store.base.UTCDateTime stores naive UTC


def _fk(column: str, target: str, table: str) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{table}_{column}_{referred}"))


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "nonces",
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("nonce", sa.String(128), nullable=False),
        sa.Column("seen_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "nonce", name=op.f("pk_nonces")),
    )
    op.create_index("ix_nonces_seen_at", "nonces", ["seen_at"])
    op.create_table(
        "platform_keys",
        sa.Column("kid", sa.String(64), nullable=False),
        sa.Column("alg", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(200), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("registered_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("kid", name=op.f("pk_platform_keys")),
    )
    op.create_table(
        "terminals",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("site_branch_code", sa.String(64), nullable=False),
        sa.Column("site_name", sa.String(200), nullable=False),
        sa.Column("hardware_id", sa.String(200), nullable=False),
        sa.Column("secret_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("app_version", sa.String(64), nullable=False),
        sa.Column("enrolled_at", UTC_TIME, nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("revoked_at", UTC_TIME, nullable=True),
        sa.Column("last_heartbeat_at", UTC_TIME, nullable=True),
        sa.Column("last_heartbeat", sa.Text(), nullable=True),
        sa.Column("last_sync_at", UTC_TIME, nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terminals")),
    )
    op.create_index(op.f("ix_terminals_code"), "terminals", ["code"])
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", UTC_TIME, nullable=False),
        sa.Column("terminal_id", sa.String(36), nullable=False),
        _fk("terminal_id", "terminals.id", "attachments"),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_table(
        "enrollment_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.Column("used_at", UTC_TIME, nullable=True),
        sa.Column("terminal_id", sa.String(36), nullable=True),
        _fk("terminal_id", "terminals.id", "enrollment_codes"),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrollment_codes")),
    )
    op.create_table(
        "submissions",
        sa.Column("submission_id", sa.String(36), nullable=False),
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(64), nullable=True),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=True),
        sa.Column("catalog_version", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("received_at", UTC_TIME, nullable=False),
        sa.Column("content_digest", sa.String(64), nullable=False),
        sa.Column("kid", sa.String(64), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _fk("terminal_id", "terminals.id", "submissions"),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_submissions")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_submissions_receipt_no")),
    )
    op.create_index(op.f("ix_submissions_terminal_id"), "submissions", ["terminal_id"])
    op.create_table(
        "cases",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("submission_id", sa.String(36), nullable=False),
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        _fk("submission_id", "submissions.submission_id", "cases"),
        _fk("terminal_id", "terminals.id", "cases"),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_cases")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_cases_receipt_no")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_cases_submission_id")),
    )
    op.create_index(op.f("ix_cases_status"), "cases", ["status"])
    op.create_index(op.f("ix_cases_terminal_id"), "cases", ["terminal_id"])
    op.create_index(op.f("ix_cases_updated_at"), "cases", ["updated_at"])
    op.create_table(
        "submission_attachments",
        sa.Column("submission_id", sa.String(36), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        _fk("sha256", "attachments.sha256", "submission_attachments"),
        _fk("submission_id", "submissions.submission_id", "submission_attachments"),
        sa.PrimaryKeyConstraint("submission_id", "sha256", name=op.f("pk_submission_attachments")),
    )
    op.create_table(
        "case_changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("changed_at", UTC_TIME, nullable=False),
        _fk("case_id", "cases.case_id", "case_changes"),
        _fk("terminal_id", "terminals.id", "case_changes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_changes")),
        sa.UniqueConstraint("terminal_id", "cursor", name="uq_case_changes_terminal_cursor"),
    )
    op.create_index("ix_case_changes_case_id", "case_changes", ["case_id"])


def downgrade() -> None:
    for table in (
        "case_changes",
        "submission_attachments",
        "cases",
        "submissions",
        "enrollment_codes",
        "attachments",
        "terminals",
        "platform_keys",
        "nonces",
        "counters",
    ):
        op.drop_table(table)
