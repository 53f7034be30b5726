"""The public receipt page ``/r/``: impossible times (``ts=1``, 2030, a 12-digit year)
are refused with a plain page, never a 500 or "issued in 2030"; a revoked terminal's
QRs no longer verify; every response carries the security headers."""

from __future__ import annotations

from datetime import datetime

import pytest
import requests
from centralkit.asserts import assert_problem
from centralkit.batches import send_batch

from central.services.terminals import revoke_terminal
from sync.protocol.receipt_numbers import issue_ts, receipt_url

HTML = {"Accept": "text/html,application/xhtml+xml"}


@pytest.fixture
def item(central, terminal):
    item = terminal.factory.item()
    send_batch(terminal, [item])
    return item


@pytest.fixture
def receipt(item):
    return item["receipt_no"]


@pytest.mark.parametrize(
    "ts", [1, 946684800, 1893456000, 2 * 10**9, 999_999_999_999], ids=str
)  # 1970, 2000, 2030, 2033, the year 33658
def test_an_impossible_time_is_refused_with_a_plain_page(central, terminal, receipt, ts):
    url = receipt_url(central.url, receipt, ts, terminal.client.secret)  # genuinely signed
    page = requests.get(url, headers=HTML, timeout=30)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Receipt not verified" in page.text and receipt not in page.text
    assert_problem(requests.get(url + "&format=json", timeout=30), 404, "receipt-not-verified")


def test_a_qr_verifies_until_its_terminal_is_revoked(central, terminal, item, receipt, clock):
    issued = issue_ts(datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")))
    url = receipt_url(central.url, receipt, issued, terminal.client.secret)
    good = requests.get(url + "&format=json", timeout=30)
    assert good.status_code == 200 and good.json()["verified"] is True
    revoke_terminal(central.services.core.store, terminal.terminal_id, clock.now())
    assert_problem(requests.get(url + "&format=json", timeout=30), 404, "receipt-not-verified")
    assert requests.get(url, headers=HTML, timeout=30).status_code == 404


@pytest.mark.parametrize(
    "path", ["/healthz", "/r/0042-261127-0001-8?ts=1&sig=A", "/api/v1/catalog", "/nowhere",
             "/metrics", "/openapi.json"],
)  # fmt: skip
def test_every_response_carries_the_security_headers(central, path):
    response = requests.get(central.url + path, headers=HTML, timeout=30)
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Strict-Transport-Security" not in headers  # plain http: HSTS means nothing


def test_no_swagger_ui_from_a_public_cdn(central):
    for path in ("/docs", "/redoc"):
        response = requests.get(central.url + path, timeout=30)
        assert response.status_code == 404 and "cdn" not in response.text.lower()
    assert (
        requests.get(central.url + "/openapi.json", timeout=30).json()["openapi"].startswith("3.")
    )
