"""Receipt squatting: a second enrolled terminal takes the first one's next receipt
numbers (and its own far-future ones). Central refuses them; the first terminal's
real submissions are then accepted and their QRs verify."""

from __future__ import annotations

from datetime import datetime, timedelta

import requests
from centralkit.batches import outcomes, send_batch

from central.services.cases import CHINA_TIME
from sync.protocol import problem_codes as codes
from sync.protocol.receipt_numbers import issue_ts, make_receipt_no, receipt_url


def _errors(response: requests.Response) -> list[str | None]:
    return [(r.get("error") or {}).get("code") for r in response.json()["results"]]


def test_a_rogue_terminal_cannot_take_another_terminals_receipts(central, terminal, rogue):
    genuine = [terminal.factory.item() for _ in range(3)]
    forged = []
    for item in genuine:  # the same numbers, the rogue's own sealed content
        copy = rogue.factory.item()
        copy["receipt_no"] = item["receipt_no"]
        forged.append(copy)

    squatted = send_batch(rogue, forged)
    assert outcomes(squatted) == ["rejected"] * 3
    assert _errors(squatted) == [codes.RECEIPT_NOT_ISSUER] * 3

    real = send_batch(terminal, genuine)
    assert outcomes(real) == ["accepted"] * 3
    ts = issue_ts(datetime.fromisoformat(genuine[0]["created_at"].replace("Z", "+00:00")))
    url = receipt_url(central.url, genuine[0]["receipt_no"], ts, terminal.client.secret)
    assert requests.get(url + "&format=json", timeout=30).json()["verified"] is True
    rogue_url = receipt_url(central.url, genuine[0]["receipt_no"], ts, rogue.client.secret)
    assert requests.get(rogue_url + "&format=json", timeout=30).status_code == 404


def test_receipts_dated_after_tomorrow_or_before_enrolment_are_refused(central, rogue, clock):
    today = clock.now().astimezone(CHINA_TIME)
    later = (today + timedelta(days=2)).strftime("%y%m%d")
    tomorrow = (today + timedelta(days=1)).strftime("%y%m%d")
    earlier = (today - timedelta(days=2)).strftime("%y%m%d")
    items = [rogue.factory.item() for _ in range(3)]
    for item, day in zip(items, (later, earlier, tomorrow), strict=True):
        item["receipt_no"] = make_receipt_no("0043", day, 77)

    response = send_batch(rogue, items)
    assert outcomes(response) == ["rejected", "rejected", "accepted"]
    assert _errors(response)[:2] == [codes.RECEIPT_DATE_IMPLAUSIBLE] * 2
