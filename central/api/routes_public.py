"""Unsigned public routes: the receipt page ``/r/{receipt_no}`` and ``/healthz``."""

from __future__ import annotations

import math
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from central import security_log as events
from central.api.deps import problem_responses, services_of, source_of
from central.problems import ProblemError
from central.services.receipts import verify_receipt
from sync.protocol import problem_codes as codes
from sync.protocol.receipt_numbers import receipt_no_problem
from sync.protocol.schemas import ReceiptVerification
from sync.protocol.times import rfc3339

router = APIRouter(tags=["public"])
KIND_TEXT = {"appeal": "诉求", "application": "事项申请", "rating": "评价"}


def wants_json(request: Request) -> bool:
    """JSON for ``?format=json`` or an Accept that asks for JSON and not HTML."""
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def wants_html(request: Request) -> bool:
    """A browser (it asks for HTML) that did not ask for JSON."""
    return not wants_json(request) and "text/html" in request.headers.get("accept", "")


NOT_VERIFIED_PAGE = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>马上办 回执查验</title></head><body>"
    "<h1>回执无法查验 · Receipt not verified</h1>"
    "<p>此回执未能查验：编号或二维码有误、尚未上传，或已失效。请到窗口咨询。</p>"
    "<p>This receipt could not be verified: the number or QR code is wrong, not yet "
    "uploaded, or no longer valid. Please ask at the counter.</p></body></html>"
)


LOCKED_PAGE = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>马上办 回执查验</title></head><body>"
    "<h1>请稍后再试 · Please try again later</h1>"
    "<p>此回执的查验失败次数过多，请稍后再试，或到窗口咨询。</p>"
    "<p>This receipt has had too many failed checks. Please try again later, or ask at "
    "the counter.</p></body></html>"
)


def render_html(result: ReceiptVerification) -> str:
    """A small page a citizen's phone can show."""
    rows = [
        ("回执编号 Receipt", result.receipt_no),
        ("类型 Kind", KIND_TEXT.get(result.kind, result.kind)),
        ("状态 Status", f"{result.status_text.zh_CN} ({result.status_text.en})"),
        ("承办部门 Department", result.department or "—"),
        ("更新时间 Updated", rfc3339(result.updated_at)),
    ]
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>马上办 回执查验</title></head><body>"
        "<h1>回执真实有效 · Receipt verified</h1>"
        f"<table>{cells}</table></body></html>"
    )


@router.get(
    "/r/{receipt_no}",
    response_model=ReceiptVerification,
    responses={200: {"content": {"text/html": {}}}, **problem_responses(404, 429)},
)
def receipt_page(request: Request, receipt_no: str, ts: str = "", sig: str = "") -> Response:
    """Verify a receipt QR (HTML for browsers, JSON on request); when not genuine, a 404
    problem, or for a browser a plain page saying so."""
    services = services_of(request)
    core = services.core
    # Wrong QRs count against the receipt, as wrong lookup proofs do (lookup_guard.py):
    # with a stolen terminal secret, guessing the issue second would otherwise be cheap.
    receipts = services.lookup_guard.receipts
    counted = receipt_no_problem(receipt_no) is None
    locked_s = receipts.locked_for(receipt_no) if counted else 0.0
    if locked_s:
        services.security.record(
            events.LOOKUP_LOCKED, "refused", source=source_of(request),
            every_s=events.REPEAT_EVERY_S, scope="receipt", path="/r/",
        )  # fmt: skip
        retry = {"Retry-After": str(max(1, math.ceil(locked_s)))}
        if wants_html(request):
            return HTMLResponse(LOCKED_PAGE, status_code=429, headers=retry)
        raise ProblemError(
            429, codes.LOOKUP_LOCKED, "Too many failed checks", "try again later", headers=retry
        )
    try:
        result = verify_receipt(core.store, core.secretbox, receipt_no, ts, sig, core.clock.now())
    except ProblemError:
        lockout_s = receipts.failed(receipt_no) if counted else 0.0
        services.security.record(
            events.RECEIPT_NOT_VERIFIED, "refused", source=source_of(request),
            every_s=events.REPEAT_EVERY_S, path="/r/", lockout_s=int(lockout_s),
        )  # fmt: skip
        if wants_html(request):
            return HTMLResponse(NOT_VERIFIED_PAGE, status_code=404)
        raise
    receipts.succeeded(receipt_no)
    if wants_json(request):
        return JSONResponse(result.model_dump(mode="json"))
    return HTMLResponse(render_html(result))


@router.get("/healthz", responses=problem_responses(429))
def health(request: Request) -> dict[str, str]:
    """Liveness for supervisors and tests (unsigned, not rate-limited)."""
    return {"status": "ok", "server_time": rfc3339(services_of(request).core.clock.now())}
