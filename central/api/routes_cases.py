"""Case status for terminals (§3): the change feed and the lookup by receipt number."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from central.api.deps import SIGNED_PROBLEMS, Signed, problem_responses, services_of
from central.services.case_feed import changes_after
from central.services.cases import case_by_receipt
from sync.protocol.schemas import (
    API_PREFIX,
    DEFAULT_CHANGES_LIMIT,
    MAX_CHANGES_LIMIT,
    CaseChangesResponse,
    CaseStatusResponse,
)

router = APIRouter(prefix=API_PREFIX, tags=["cases"])


@router.get(
    "/cases/changes",
    response_model=CaseChangesResponse,
    responses=problem_responses(*SIGNED_PROBLEMS),
)
def case_changes(
    request: Request,
    auth: Signed,
    after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_LIMIT)] = DEFAULT_CHANGES_LIMIT,
) -> CaseChangesResponse:
    """This terminal's status changes after the cursor, oldest first."""
    return changes_after(services_of(request).core.store, auth.terminal_id, after, limit)


@router.get(
    "/cases/by-receipt/{receipt_no}",
    response_model=CaseStatusResponse,
    responses=problem_responses(404, *SIGNED_PROBLEMS),
)
def case_for_receipt(request: Request, receipt_no: str, auth: Signed) -> CaseStatusResponse:
    """One case's current status and history, for a receipt issued anywhere."""
    return case_by_receipt(services_of(request).core.store, receipt_no)
