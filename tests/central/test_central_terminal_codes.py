"""One active terminal per code; the same kiosk enrolling again supersedes itself and
hears the receipt sequences central already holds under its code."""

from __future__ import annotations

from datetime import datetime, timedelta

import requests
from centralkit.asserts import assert_problem
from centralkit.batches import outcomes, send_batch
from centralkit.client import SignedClient
from sqlalchemy import select

from central.services.enrollment import issue_code
from central.services.terminals import revoke_terminal
from central.store.models import EnrollmentCode, Terminal
from sync.protocol.receipt_numbers import make_receipt_no


def _enrol(central, clock, terminal_code: str, hardware_id: str) -> requests.Response:
    code = issue_code(
        central.services.core.store, clock.now(), hasher=central.services.core.code_hasher
    )
    return requests.post(
        central.url + "/api/v1/terminals/enroll",
        json={
            "enrollment_code": code,
            "terminal_code": terminal_code,
            "site": {"branch_code": "530102-001", "name": "五华区政务服务中心"},
            "app_version": "1.0.0",
            "hardware_id": hardware_id,
        },
        timeout=30,
    )


def _active(central, terminal_code: str) -> list[str]:
    with central.services.core.store.transaction() as session:
        rows = session.scalars(
            select(Terminal.id).where(Terminal.code == terminal_code, Terminal.revoked.is_(False))
        )
        return list(rows)


def test_a_second_kiosk_with_an_active_code_is_refused_and_keeps_its_enrolment_code(central, clock):
    first = _enrol(central, clock, "0077", "hw-a")
    assert first.status_code == 201, first.text
    second = _enrol(central, clock, "0077", "hw-b")
    body = assert_problem(second, 409, "terminal-code-in-use")
    assert "revoke" in body["detail"]
    assert _active(central, "0077") == [first.json()["terminal_id"]]
    with central.services.core.store.transaction() as session:
        unused = session.scalars(
            select(EnrollmentCode).where(EnrollmentCode.used_at.is_(None))
        ).all()
    assert len(unused) == 1  # the refused attempt consumed nothing
    other_code = _enrol(central, clock, "0078", "hw-b")
    assert other_code.status_code == 201, other_code.text


def test_after_revoking_the_old_terminal_another_kiosk_may_take_the_code(central, clock):
    first = _enrol(central, clock, "0077", "hw-a").json()
    assert revoke_terminal(central.services.core.store, "0077", clock.now()) == [
        first["terminal_id"]
    ]
    second = _enrol(central, clock, "0077", "hw-b")
    assert second.status_code == 201, second.text
    assert _active(central, "0077") == [second.json()["terminal_id"]]


def test_the_same_kiosk_enrolling_again_supersedes_itself_and_learns_its_sequences(
    central, clock, terminal
):
    day = terminal.factory.day  # today: receipts are bound to their terminal's dates
    items = [terminal.factory.item() for _ in range(3)]  # 0042-<day>-0001..0003
    assert outcomes(send_batch(terminal, items)) == ["accepted"] * 3
    with central.services.core.store.transaction() as session:
        hardware_id = session.get(Terminal, terminal.terminal_id).hardware_id
    again = _enrol(central, clock, "0042", hardware_id)
    assert again.status_code == 201, again.text
    body = again.json()
    assert body["receipt_sequences"] == [{"day": day, "last": 3}]
    assert _active(central, "0042") == [body["terminal_id"]]
    old = terminal.client.get("/api/v1/cases/changes")
    assert_problem(old, 403, "terminal-revoked")
    # The new registration continues above what central holds: no receipt-conflict.
    new_client = SignedClient(
        central.url, body["terminal_id"], body["secret"], lambda: clock.now().timestamp()
    )
    try:
        next_item = terminal.factory.item()
        next_item["receipt_no"] = make_receipt_no("0042", day, 4)
        assert outcomes(send_batch(new_client, [next_item])) == ["accepted"]
        repeat = terminal.factory.item()
        repeat["receipt_no"] = make_receipt_no("0042", day, 2)
        assert outcomes(send_batch(new_client, [repeat])) == ["rejected"]
    finally:
        new_client.close()


def _shift(day: str, days: int) -> str:
    moment = datetime.strptime(day, "%y%m%d") + timedelta(days=days)
    return moment.strftime("%y%m%d")


def test_sequences_count_every_day_and_longer_sequences(central, clock, terminal):
    today = terminal.factory.day  # the binding takes the day before enrolment to tomorrow
    before, after = _shift(today, -1), _shift(today, 1)
    items = []
    for day, seq in ((today, 9), (today, 12345), (after, 1), (before, 40)):
        item = terminal.factory.item()
        item["receipt_no"] = make_receipt_no("0042", day, seq)
        items.append(item)
    assert outcomes(send_batch(terminal, items)) == ["accepted"] * 4
    with central.services.core.store.transaction() as session:
        hardware_id = session.get(Terminal, terminal.terminal_id).hardware_id
    body = _enrol(central, clock, "0042", hardware_id).json()
    assert body["receipt_sequences"] == [
        {"day": after, "last": 1},
        {"day": today, "last": 12345},
        {"day": before, "last": 40},
    ]
