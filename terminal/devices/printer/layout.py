"""What a printed receipt says, in order: the one layout every renderer draws.

The page renderer (QPainter) and the ESC/POS renderer both walk the blocks
from `receipt_blocks`, so a receipt looks the same on paper whichever printer
prints it. Renderers decide sizes and line breaks; this module decides content,
order, emphasis and alignment.

Receipts are printed in Simplified Chinese whatever language the screen is in:
the paper is an official record of the hall.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from terminal.receipts.model import Receipt

# Printable width in dots at 203 dpi for each supported paper roll (mm).
PAPER_WIDTH_DOTS = {80: 576, 58: 384}
DOTS_PER_INCH = 203

OFFLINE_NOTICE = "网络暂未连通：本件已在本机登记，网络恢复后将自动转送，无需再次提交。"
LOOKUP_NOTICE = (
    "扫描下方二维码，或在任一自助终端“进度查询”中输入回执编号和查询码，即可查询办理进度。"
)
KEEP_NOTICE = "请妥善保管本回执。"

# Heading of the category / item line, by receipt kind.
_SUBJECT_HEADINGS = {"appeal": "诉求类别", "application": "办理事项", "rating": "评价事项"}


class TextStyle(Enum):
    """How prominent a line of text is; each renderer maps it to a size."""

    HALL = "hall"  # the hall / branch name, bold
    TITLE = "title"  # the receipt's title, large and bold
    NUMBER_LABEL = "number_label"  # the small caption above the number
    NUMBER = "number"  # the receipt number: the largest thing on the paper
    HEADING = "heading"  # a section heading, bold
    BODY = "body"
    SMALL = "small"


class Align(Enum):
    LEFT = "left"
    CENTER = "center"


@dataclass(frozen=True)
class TextBlock:
    """A paragraph; renderers wrap it to the paper width and never clip it."""

    text: str
    style: TextStyle
    align: Align = Align.LEFT


@dataclass(frozen=True)
class RuleBlock:
    """A thin horizontal separator."""


@dataclass(frozen=True)
class QrBlock:
    """The receipt's QR code, centred, with its quiet zone."""

    payload: str


Block = TextBlock | RuleBlock | QrBlock


def format_issued_at(moment: datetime) -> str:
    """The receipt time as printed, e.g. ``2026年11月27日 10:11``.

    ``moment`` is already the terminal's local time (see `Receipt.issued_at`);
    its own wall-clock fields are printed, not converted again.
    """
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour:02d}:{moment.minute:02d}"


def subject_heading(kind: str) -> str:
    """The caption before the category or service item, by receipt kind."""
    return _SUBJECT_HEADINGS.get(kind, "事项")


def receipt_blocks(receipt: Receipt) -> tuple[Block, ...]:
    """The receipt's content, top to bottom."""
    blocks: list[Block] = [
        TextBlock(receipt.hall_name, TextStyle.HALL, Align.CENTER),
        TextBlock(receipt.title, TextStyle.TITLE, Align.CENTER),
        RuleBlock(),
        TextBlock("回执编号", TextStyle.NUMBER_LABEL, Align.CENTER),
        TextBlock(receipt.grouped_number, TextStyle.NUMBER, Align.CENTER),
    ]
    if receipt.query_code:
        blocks.append(
            TextBlock(f"查询码  {receipt.grouped_query_code}", TextStyle.HEADING, Align.CENTER)
        )
    blocks += [
        RuleBlock(),
        TextBlock(f"办理时间：{format_issued_at(receipt.issued_at)}", TextStyle.BODY),
        TextBlock(f"业务类型：{receipt.kind_label}", TextStyle.BODY),
        TextBlock(f"{subject_heading(receipt.kind)}：{receipt.subject_label}", TextStyle.BODY),
    ]
    if receipt.masked_contact:
        blocks.append(TextBlock(f"联系人：{receipt.masked_contact}", TextStyle.BODY))
    notices = list(receipt.notice_lines)
    if receipt.queued_offline:
        notices.insert(0, OFFLINE_NOTICE)
    if notices:
        blocks.append(RuleBlock())
        blocks.append(TextBlock("后续办理", TextStyle.HEADING))
        blocks.extend(TextBlock(f"· {line}", TextStyle.BODY) for line in notices)
    blocks.append(RuleBlock())
    blocks.append(TextBlock("查询进度", TextStyle.HEADING))
    blocks.append(TextBlock(LOOKUP_NOTICE, TextStyle.BODY))
    if receipt.qr_payload:
        blocks.append(QrBlock(receipt.qr_payload))
        blocks.append(TextBlock(receipt.grouped_number, TextStyle.SMALL, Align.CENTER))
    blocks.append(TextBlock(KEEP_NOTICE, TextStyle.SMALL, Align.CENTER))
    return tuple(blocks)


def paper_width_dots(paper_width_mm: int) -> int:
    """Printable dots across a supported paper roll; ValueError for others."""
    try:
        return PAPER_WIDTH_DOTS[paper_width_mm]
    except KeyError:
        raise ValueError(f"paper width must be 80 or 58 mm, got {paper_width_mm!r}") from None
