"""Online progress lookup of any receipt (sync-protocol.md §3): ``GET /cases/by-receipt``.

For a receipt issued at another terminal, which this one has no row for. None
when central does not know the number; network failures raise as usual so the
screen can say "try again later" rather than "not found".
"""

from __future__ import annotations

from urllib.parse import quote

from sync.client import SyncClient, parse
from sync.protocol.receipt_numbers import receipt_no_problem
from sync.protocol.schemas import CaseStatusResponse


def lookup_receipt(client: SyncClient, receipt_no: str) -> CaseStatusResponse | None:
    """Central's current status of a case by receipt number, or None when unknown."""
    if receipt_no_problem(receipt_no) is not None:
        return None
    response = client.request(
        "GET",
        f"/cases/by-receipt/{quote(receipt_no, safe='')}",
        headers={"Accept": "application/json"},
        expect=(200, 404),
        attempts=2,  # a citizen is waiting at the screen
    )
    if response.status_code == 404:
        return None
    return parse(response, CaseStatusResponse)
