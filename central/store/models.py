"""Every table, imported in one place so that the metadata is complete."""

from central.store.base import Base
from central.store.models_at_rest import DataKey
from central.store.models_cases import (
    Attachment,
    Case,
    CaseChange,
    Counter,
    Submission,
    SubmissionAttachment,
)
from central.store.models_identity import (
    EnrollmentCode,
    Nonce,
    PlatformKeyRecord,
    Terminal,
    TerminalAuditRecord,
    TerminalAuditWatch,
    TerminalHelpCall,
)
from central.store.models_staff import StaffAccount, StaffAccountTerminal

__all__ = [
    "Attachment",
    "Base",
    "Case",
    "CaseChange",
    "Counter",
    "DataKey",
    "EnrollmentCode",
    "Nonce",
    "PlatformKeyRecord",
    "StaffAccount",
    "StaffAccountTerminal",
    "Submission",
    "SubmissionAttachment",
    "Terminal",
    "TerminalAuditRecord",
    "TerminalAuditWatch",
    "TerminalHelpCall",
]
