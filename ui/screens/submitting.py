"""What every citizen submission shares once its screen has built the draft:
confirm on the store lane, then the receipt screen — or a plain message.

The appeal wizard, the rating, the service application and the appointment all
go through here, so an assisted submission (a clerk signed in) is stamped in one
place and every confirm error a citizen can meet is handled the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject

from terminal.receipts.model import Receipt
from terminal.runtime import receipt_for
from terminal.submissions.confirm import Confirmed
from terminal.submissions.draft import Draft
from terminal.submissions.errors import ConfirmError
from ui.context import KioskContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    """A confirmed submission and its receipt, handed to the receipt screen."""

    confirmed: Confirmed
    receipt: Receipt


def confirm_and_build_receipt(
    ctx: KioskContext, draft: Draft, online: bool, staff_id: str | None = None
) -> Submitted:
    """Store lane: seal and commit the draft, then build its receipt.

    A submission made while a clerk is signed in (staff mode: ``staff_id``) becomes
    an assisted one, with the clerk's id beside it.
    """
    if staff_id:
        draft = replace(draft, channel="assisted", staff_id=staff_id)
    confirmed = ctx.core.confirm(draft)
    receipt = receipt_for(ctx.core, confirmed.receipt_no, online=online, locale=ctx.locale)
    return Submitted(confirmed, receipt)


def show_receipt(ctx: KioskContext, result: Submitted) -> None:
    """GUI thread: ask sync to send it now, and replace the screen with its receipt."""
    from ui.screens.receipt import ReceiptScreen

    ctx.submitted()
    ctx.nav.replace(ReceiptScreen(ctx, result.receipt, result.confirmed))


def confirm_problem(ctx: KioskContext, error: BaseException, what: str) -> str | None:
    """The plain message for a confirm error the citizen can meet (nothing was saved;
    what they entered is kept); None after handing anything else to the operations
    layer's default path (the calm banner for a locked or full store, else a bug's
    crash path)."""
    if not isinstance(error, ConfirmError):
        ctx.ops.fail(error)
        return None
    log.warning("%s not confirmed: %s", what, error.code)
    return error.message(ctx.locale)


def submit_in_background(
    ctx: KioskContext,
    draft: Draft,
    what: str,
    *,
    owner: QObject,
    before_receipt: Callable[[], None],
    failed: Callable[[str | None], None],
) -> None:
    """Confirm ``draft`` on the store lane. Then, on the GUI thread: ``before_receipt()``
    (the screen forgets what was entered) and the receipt screen; or
    ``failed(message)`` with the plain words for the citizen (nothing was saved and
    what they entered is kept), or ``failed(None)`` once the crash path has it."""
    # Read on the GUI thread, where the session changes: the receipt shows this.
    online, staff_id = ctx.session.online, ctx.session.staff_id

    def submitted(result: Submitted) -> None:
        before_receipt()
        show_receipt(ctx, result)

    ctx.ops.run(
        "store",
        lambda: confirm_and_build_receipt(ctx, draft, online, staff_id),
        success=submitted,
        failure=lambda error: failed(confirm_problem(ctx, error, what)),
        owner=owner,
    )
