"""The public receipt page verifies the QR signature with the issuing terminal's secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime

import requests
from centralkit.asserts import assert_problem
from centralkit.batches import send_batch

from sync.protocol.receipt_numbers import issue_ts, receipt_url


def printed_at(item: dict) -> int:
    """The QR's ts: the submission's created_at as Unix seconds."""
    return issue_ts(datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")))


def _sig(secret: bytes, receipt_no: str, ts: int) -> str:
    mac = hmac.new(secret, f"{receipt_no}|{ts}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:10]).decode().rstrip("=")


def test_a_genuine_qr_shows_the_status(central, terminal):
    item = terminal.factory.item()
    send_batch(terminal, [item])
    secret = terminal.client.secret
    ts = printed_at(item)  # the receipt's issue second, as its QR has it
    url = receipt_url(central.url, item["receipt_no"], ts, secret)
    assert url.endswith(f"sig={_sig(secret, item['receipt_no'], ts)}")
    html = requests.get(url, headers={"Accept": "text/html"}, timeout=30)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert item["receipt_no"] in html.text and "已接收" in html.text
    assert "张三" not in html.text
    data = requests.get(url + "&format=json", timeout=30).json()
    assert data["verified"] and data["status"] == "received" and data["kind"] == "appeal"
    lower = url.replace(url.rsplit("sig=", 1)[1], url.rsplit("sig=", 1)[1].lower())
    assert requests.get(lower + "&format=json", timeout=30).status_code == 200


def test_forged_or_unknown_receipts_are_not_verified(central, terminal):
    item = terminal.factory.item()
    send_batch(terminal, [item])
    ts = printed_at(item)
    forged = _sig(b"\x00" * 32, item["receipt_no"], ts)
    genuine = _sig(terminal.client.secret, item["receipt_no"], ts)
    for target in (
        f"/r/{item['receipt_no']}?ts={ts}&sig={forged}",
        f"/r/{item['receipt_no']}?ts={ts + 1}&sig={genuine}",
        f"/r/0042-261127-9999-5?ts={ts}&sig={forged}",
        f"/r/not-a-receipt?ts={ts}&sig={forged}",
        f"/r/{item['receipt_no']}",
    ):
        assert_problem(requests.get(central.url + target, timeout=30), 404, "receipt-not-verified")
