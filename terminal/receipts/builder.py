"""Building the printable Receipt for a confirmed (or stored) submission.

Uses only what the terminal keeps in clear: receipt number, kind, times and
the masked display values. The QR holds the signed receipt URL (§7).
"""

from __future__ import annotations

import json
from datetime import datetime

from terminal.receipts.model import Receipt
from terminal.receipts.qr import receipt_url

TITLES = {
    "appeal": ("诉求受理回执", "Appeal receipt"),
    "application": ("事项申请回执", "Application receipt"),
    "rating": ("服务评价回执", "Rating receipt"),
}
KIND_LABELS = {
    "appeal": ("诉求", "Appeal"),
    "application": ("事项申请", "Application"),
    "rating": ("好差评", "Rating"),
}


def notice_lines(kind: str, queued_offline: bool, locale: str = "zh_CN") -> tuple[str, ...]:
    """What happens next, and how to look up progress, in plain words."""
    en = locale.startswith("en")
    if queued_offline:
        first = (
            "Saved on this terminal; it will be forwarded automatically when the network is back."
            if en
            else "已在本机保存，网络恢复后将自动转交办理部门。"
        )
    else:
        first = "Forwarded to the department in charge." if en else "已转交办理部门。"
    lookup = (
        "Check progress: scan the QR code, or enter the receipt number at any terminal."
        if en
        else "查询进度：扫描二维码，或在任一自助终端输入回执编号。"
    )
    lines = [first, lookup]
    if kind == "appeal":
        lines.append("Please keep this receipt." if en else "请妥善保管本回执。")
    return tuple(lines)


def build_receipt(
    *,
    receipt_no: str,
    kind: str,
    issued_at: datetime,
    display_json: str,
    hall_name: str,
    public_base: str,
    secret: bytes,
    queued_offline: bool,
    locale: str = "zh_CN",
) -> Receipt:
    """The receipt for one submission; `display_json` is the stored masked values."""
    display = json.loads(display_json) if display_json else {}
    pick = 1 if locale.startswith("en") else 0
    return Receipt(
        hall_name=hall_name,
        title=TITLES.get(kind, TITLES["appeal"])[pick],
        receipt_no=receipt_no,
        issued_at=issued_at,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, KIND_LABELS["appeal"])[pick],
        subject_label=str(display.get("subject") or ""),
        masked_contact=display.get("contact"),
        notice_lines=notice_lines(kind, queued_offline, locale),
        qr_payload=receipt_url(public_base, receipt_no, secret, int(issued_at.timestamp())),
        queued_offline=queued_offline,
    )
