"""The materials checklist of an item: as text lines for the screen, and as a printout.

The printer only knows receipts, so the checklist goes out as a receipt-shaped page
titled 办事材料清单 with no receipt number or QR code.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from terminal.catalog import Catalog, Item
from terminal.receipts.model import Receipt


def material_lines(item: Item, locale: str) -> list[str]:
    """``1. 居民身份证 — 原件 × 1`` per material; optional ones say so."""
    lines = []
    for n, material in enumerate(item.materials, 1):
        kind = material.kind.label.get(locale)
        line = f"{n}. {material.names.get(locale)} — {kind} × {material.count}"
        if not material.required:
            line += " " + QCoreApplication.translate("Checklist", "(only in some cases)")
        if material.notes:
            line += "\n    " + material.notes.get(locale)
        lines.append(line)
    return lines or [QCoreApplication.translate("Checklist", "No documents needed.")]


def checklist_page(item: Item, catalog: Catalog, hall_name: str) -> Receipt:
    """The printable checklist, always in Chinese (the printer's language)."""
    department = catalog.departments.get(item.department_code)
    lines = [line.replace("\n    ", " ") for line in material_lines(item, "zh_CN")]
    if department and department.address:
        lines.append("办理地点：" + department.address.get("zh_CN"))
    if department and department.phone:
        lines.append("咨询电话：" + department.phone)
    return Receipt(
        hall_name=hall_name,
        title="办事材料清单",
        receipt_no="",
        issued_at=datetime.now().astimezone(),
        kind="checklist",
        kind_label="材料清单",
        subject_label=item.names.get("zh_CN"),
        masked_contact=None,
        notice_lines=tuple(lines),
    )
