"""The printer-independent receipt: what every renderer draws.

Built only from what the terminal keeps in clear after confirm: the receipt
number, kind, category or item, times and masked display values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Receipt:
    hall_name: str  # the service hall / branch name from configuration
    title: str  # e.g. "诉求受理回执"
    receipt_no: str  # canonical form, e.g. "0042-261127-0123-X"
    issued_at: datetime  # timezone-aware local time of confirm
    kind: str  # "appeal" | "application" | "rating"
    kind_label: str  # e.g. "诉求"
    subject_label: str  # category or service item name
    masked_contact: str | None  # e.g. "张* 138****5678", None when anonymous
    notice_lines: tuple[str, ...] = field(default_factory=tuple)  # what happens next, lookup
    qr_payload: str = ""  # the signed receipt URL (sync-protocol.md §7)
    query_code: str = ""  # 查询码: six digits typed with the number to look it up (§3)
    queued_offline: bool = False
    demo: bool = False  # issued by the embedded demo: marked 演示, never forwarded

    @property
    def grouped_number(self) -> str:
        """The receipt number as printed large: groups separated by spaces."""
        return self.receipt_no.replace("-", " ")

    @property
    def grouped_query_code(self) -> str:
        """The query code as printed: two groups of three digits ("123 456")."""
        code = self.query_code
        return f"{code[:3]} {code[3:]}" if len(code) == 6 else code
