"""Building the printable Receipt for a confirmed (or stored) submission.

Uses only what the terminal keeps in clear: receipt number, kind, times and
the masked display values. The QR holds the signed receipt URL (§7); the query code
(查询码, §3) is derived from the same secret, number and issue second, so a reprint
shows the same code and central can check it without being asked beforehand.
"""

from __future__ import annotations

import json
from datetime import datetime

from sync.protocol.receipt_numbers import issue_ts, query_code
from sync.protocol.sealing_names import MAC_HMAC_SHA256
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


NEXT_STEPS = {
    "appeal": (
        "诉求将转交相关部门办理，办理进展可随时查询。",
        "Your appeal goes to the department in charge; you can check its progress at any time.",
    ),
    "application": (
        "申请将转交办理部门审核，如需补充材料，工作人员会与您联系。",
        "Your application goes to the department for review; staff will contact you "
        "if anything more is needed.",
    ),
    "rating": (
        "感谢您的评价，我们将据此改进服务。",
        "Thank you for your rating; it helps us improve the service.",
    ),
}


# A receipt of the embedded demo (terminal/demo.py) says so in its title and first line.
DEMO_MARK = ("【演示】", "[DEMO] ")
DEMO_NOTICE = (
    "演示模式：本回执仅供演示，提交内容不会转交任何部门。",
    "Demo mode: this receipt is for demonstration only; nothing is forwarded to any department.",
)


def notice_lines(kind: str, locale: str = "zh_CN") -> tuple[str, ...]:
    """What happens next for this kind. The renderers add the offline notice
    (from `queued_offline`) and how to look up progress themselves."""
    zh, en = NEXT_STEPS.get(kind, NEXT_STEPS["appeal"])
    return (en if locale.startswith("en") else zh,)


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
    demo: bool = False,
    mac: str = MAC_HMAC_SHA256,
) -> Receipt:
    """The receipt for one submission; `display_json` is the stored masked values.
    ``mac`` signs the QR: the MAC of the suite of the platform key sealed to.
    ``demo``: issued by the embedded demo, so title and first line say 演示."""
    display = json.loads(display_json) if display_json else {}
    pick = 1 if locale.startswith("en") else 0
    title = TITLES.get(kind, TITLES["appeal"])[pick]
    notices = notice_lines(kind, locale)
    if demo:
        title = DEMO_MARK[pick] + title
        notices = (DEMO_NOTICE[pick], *notices)
    return Receipt(
        hall_name=hall_name,
        title=title,
        receipt_no=receipt_no,
        issued_at=issued_at,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, KIND_LABELS["appeal"])[pick],
        subject_label=str(display.get("subject") or ""),
        masked_contact=display.get("contact"),
        notice_lines=notices,
        qr_payload=receipt_url(public_base, receipt_no, secret, issue_ts(issued_at), mac),
        query_code=query_code(secret, receipt_no, issue_ts(issued_at)),
        queued_offline=queued_offline,
        demo=demo,
    )
