"""Enumerating receipts (issue 13, attack 3): a terminal guessing receipt numbers with
no proof, a wrong query code or a made-up QR finds nothing, is locked out for longer
each time, and every refusal is a line in the security log. The citizen's query code
and QR signature work from any terminal, and the answer tells only what they need.
A thief holding the issuing terminal's own secret still cannot read its receipts: the
code and the QR are bound to the receipt's issue second, which only the receipt shows.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from typing import Any

import pytest
import requests
from centralkit.asserts import assert_problem
from centralkit.batches import outcomes, send_batch
from centralkit.terminals import EnrolledTerminal, enroll_terminal

from central.api.enrolment_guard import BASE_LOCKOUT_S
from central.api.lookup_guard import RECEIPT_MAX_FAILURES, TERMINAL_MAX_FAILURES
from central.services.cases import advance_case
from sync.protocol.receipt_numbers import issue_ts, make_receipt_no, query_code, receipt_signature

LOOKUP = "/api/v1/cases/lookup"
ANSWER_KEYS = {"receipt_no", "status", "status_text", "department", "created_at", "updated_at",
               "history"}  # fmt: skip


def ask(terminal: EnrolledTerminal, receipt_no: str, **proof: Any) -> requests.Response:
    return terminal.client.post_json(LOOKUP, {"receipt_no": receipt_no, **proof})


def logged(central: Any) -> list[dict[str, Any]]:
    path = central.config.security_log_path
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


@pytest.fixture
def receipts(central, terminal) -> list[dict[str, Any]]:
    """Six real submissions of terminal 0042, one of them with a department."""
    items = [terminal.factory.item() for _ in range(6)]
    assert outcomes(send_batch(terminal, items)) == ["accepted"] * 6
    core = central.services.core
    advance_case(core.store, items[0]["receipt_no"], "in_progress", core.clock.now(),
                 department="五华区城市管理局", note="staff only")  # fmt: skip
    for item in items:
        item["ts"] = issue_ts(datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")))
        item["code"] = query_code(terminal.client.secret, item["receipt_no"], item["ts"])
    return items


def test_guessing_receipt_numbers_finds_nothing_and_locks_the_terminal_out(
    central, terminal, rogue, receipts
):
    day = terminal.factory.day
    guesses = [make_receipt_no("0042", day, n) for n in range(1, 60)]
    real = {item["receipt_no"] for item in receipts}
    assert real <= set(guesses)  # the guesses cover every real receipt
    # The old route (number only) is gone; no proof, or two, is not a request.
    assert rogue.client.get(f"/api/v1/cases/by-receipt/{guesses[0]}").status_code in (404, 405)
    assert_problem(ask(rogue, guesses[0]), 400, "invalid-request")
    both = ask(rogue, guesses[0], query_code="123456", qr={"ts": "1", "sig": "A" * 16})
    assert_problem(both, 400, "invalid-request")

    answers = []
    started = time.monotonic()
    for n, number in enumerate(guesses):
        proof: dict[str, Any] = (
            {"query_code": f"{n:06d}"} if n % 2 else {"qr": {"ts": str(int(time.time())),
                                                            "sig": "A" * 16}}
        )  # fmt: skip
        answers.append(ask(rogue, number, **proof))
    elapsed = time.monotonic() - started
    statuses = [r.status_code for r in answers]
    assert 200 not in statuses, "a guess found a receipt"
    assert statuses[:TERMINAL_MAX_FAILURES] == [404] * TERMINAL_MAX_FAILURES
    assert set(statuses[TERMINAL_MAX_FAILURES:]) == {429}
    for response in answers[:TERMINAL_MAX_FAILURES]:  # unknown and real alike: one answer
        assert_problem(response, 404, "lookup-not-matched")
    locked = assert_problem(answers[-1], 429, "lookup-locked")
    assert "terminal" in locked["detail"] and 0 < int(answers[-1].headers["Retry-After"]) <= 60
    for response in answers:
        assert not any(item["receipt_no"] in response.text for item in receipts)
        assert "received" not in response.text and "城市管理" not in response.text
    # Locked means locked: even the right code is refused to this terminal now.
    assert ask(rogue, receipts[0]["receipt_no"], query_code=receipts[0]["code"]).status_code == 429
    # ...but not to another kiosk, where the citizen can still look it up.
    assert ask(terminal, receipts[0]["receipt_no"], query_code=receipts[0]["code"]).ok

    lines = logged(central)
    refused = [line for line in lines if line["event"] == "receipt-lookup-refused"]
    assert len(refused) == TERMINAL_MAX_FAILURES
    assert {line["terminal_id"] for line in refused} == {rogue.terminal_id}
    assert {line["outcome"] for line in refused} == {"refused"}
    assert {line["proof"] for line in refused} == {"query-code", "qr"}
    assert refused[-1]["lockout_s"] == BASE_LOCKOUT_S
    locks = [line for line in lines if line["event"] == "receipt-lookup-locked"]
    assert locks and locks[0]["scope"] == "terminal" and locks[0]["source"] == "127.0.0.1"
    text = central.config.security_log_path.read_text(encoding="utf-8")
    for item in receipts:  # no receipt numbers and no codes in the log
        assert item["receipt_no"] not in text and item["code"] not in text
    metrics = requests.get(central.url + "/metrics", timeout=30).text
    assert 'central_security_events_total{event="receipt-lookup-refused",outcome="refused"}' \
        f" {float(TERMINAL_MAX_FAILURES)}" in metrics  # fmt: skip
    print(f"{len(guesses)} guesses in {elapsed:.1f} s: {statuses.count(200)} receipts found")


def test_the_terminal_lockout_grows_with_each_round(central, rogue, receipts, clock):
    guesses = iter(make_receipt_no("0042", rogue.factory.day, 900 + n) for n in range(99))

    def round_of_failures() -> list[int]:  # a new number each time: the receipt limit stays off
        return [ask(rogue, next(guesses), query_code="000000").status_code
                for _ in range(TERMINAL_MAX_FAILURES)]  # fmt: skip

    assert round_of_failures() == [404] * TERMINAL_MAX_FAILURES
    assert ask(rogue, next(guesses), query_code="000000").status_code == 429
    clock.advance(BASE_LOCKOUT_S + 1)
    assert round_of_failures() == [404] * TERMINAL_MAX_FAILURES
    clock.advance(BASE_LOCKOUT_S + 1)  # the second lockout lasts twice as long
    second = ask(rogue, next(guesses), query_code="000000")
    assert_problem(second, 429, "lookup-locked")
    assert int(second.headers["Retry-After"]) > BASE_LOCKOUT_S / 2
    clock.advance(BASE_LOCKOUT_S)
    # Served: the next guess is checked again (not matched), not refused unheard.
    assert_problem(ask(rogue, next(guesses), query_code="000000"), 404, "lookup-not-matched")
    lockouts = [line["lockout_s"] for line in logged(central)
                if line["event"] == "receipt-lookup-refused" and line["lockout_s"]]  # fmt: skip
    assert lockouts == [BASE_LOCKOUT_S, 2 * BASE_LOCKOUT_S]


def test_the_printed_query_code_works_from_any_terminal_and_tells_only_the_status(
    central, terminal, rogue, receipts
):
    item = receipts[0]
    for asker in (terminal, rogue):  # its own kiosk, and any other
        response = ask(asker, item["receipt_no"], query_code=item["code"])
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == ANSWER_KEYS  # no kind, no case id, nothing about the person
        assert body["status"] == "in_progress" and body["department"] == "五华区城市管理局"
        assert [h["status"] for h in body["history"]] == ["received", "in_progress"]
        assert "staff only" not in response.text and "张" not in response.text
    assert_problem(ask(rogue, item["receipt_no"], query_code=wrong(item["code"])), 404,
                   "lookup-not-matched")  # fmt: skip


def test_the_qr_signature_works_but_only_for_its_issue_second(central, terminal, rogue, receipts):
    item = receipts[1]
    secret = terminal.client.secret
    qr = {"ts": str(item["ts"]), "sig": receipt_signature(secret, item["receipt_no"], item["ts"])}
    found = ask(rogue, item["receipt_no"], qr=qr)
    assert found.status_code == 200 and found.json()["status"] == "received"
    # The terminal's own secret, signing a plausible time that is not the receipt's:
    ts = int(time.time())
    made_up = {"ts": str(ts), "sig": receipt_signature(secret, item["receipt_no"], ts)}
    assert_problem(ask(rogue, item["receipt_no"], qr=made_up), 404, "lookup-not-matched")
    page = requests.get(
        f"{central.url}/r/{item['receipt_no']}?ts={ts}&sig={made_up['sig']}&format=json", timeout=30
    )
    assert_problem(page, 404, "receipt-not-verified")
    genuine = requests.get(
        f"{central.url}/r/{item['receipt_no']}?ts={qr['ts']}&sig={qr['sig']}&format=json",
        timeout=30,
    )
    assert genuine.status_code == 200 and genuine.json()["verified"] is True


def test_a_stolen_secret_does_not_give_the_codes_and_each_receipt_locks(
    central, clock, terminal, receipts
):
    """Many terminals (or a thief with the issuing kiosk's secret) guessing one receipt:
    the receipt itself locks after a few wrong proofs, for every asker."""
    target = receipts[2]
    secret = terminal.client.secret
    helpers = [
        enroll_terminal(central, clock, f"{50 + n:04d}") for n in range(RECEIPT_MAX_FAILURES)
    ]
    try:
        guessed_ts = [target["ts"] + delta for delta in range(1, RECEIPT_MAX_FAILURES + 1)]
        for helper, ts in zip(helpers, guessed_ts, strict=True):  # codes for wrong seconds
            code = query_code(secret, target["receipt_no"], ts)
            assert ask(helper, target["receipt_no"], query_code=code).status_code == 404
        refused = ask(terminal, target["receipt_no"], query_code=target["code"])
        locked = assert_problem(refused, 429, "lookup-locked")
        assert "receipt" in locked["detail"]
        # The public QR page counts against the same receipt.
        qr = receipt_signature(secret, target["receipt_no"], target["ts"])
        page = requests.get(
            f"{central.url}/r/{target['receipt_no']}?ts={target['ts']}&sig={qr}&format=json",
            timeout=30,
        )
        assert_problem(page, 429, "lookup-locked")
        # Other receipts are untouched.
        other = receipts[3]
        assert ask(helpers[0], other["receipt_no"], query_code=other["code"]).ok
        clock.advance(BASE_LOCKOUT_S + 1)
        assert ask(terminal, target["receipt_no"], query_code=target["code"]).ok
    finally:
        for helper in helpers:
            helper.client.close()
    scopes = {line.get("scope") for line in logged(central)
              if line["event"] == "receipt-lookup-locked"}  # fmt: skip
    assert "receipt" in scopes


def test_wrong_qr_guesses_on_the_public_page_lock_the_receipt(central, terminal, receipts):
    item = receipts[4]
    for n in range(RECEIPT_MAX_FAILURES):
        url = f"{central.url}/r/{item['receipt_no']}?ts={item['ts']}&sig={'A' * 15}{'BCDEF'[n]}"
        assert requests.get(url + "&format=json", timeout=30).status_code == 404
    sig = receipt_signature(terminal.client.secret, item["receipt_no"], item["ts"])
    good = f"{central.url}/r/{item['receipt_no']}?ts={item['ts']}&sig={sig}"
    page = requests.get(good, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 429 and "too many failed checks" in page.text
    assert item["receipt_no"] not in page.text
