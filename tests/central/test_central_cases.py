"""Case status: the per-terminal change feed with cursors, advancing, lookup by receipt, demo."""

from __future__ import annotations

from datetime import datetime

from centralkit.asserts import assert_problem
from centralkit.batches import send_batch
from centralkit.factory import rating_payload
from centralkit.terminals import enroll_terminal

from central.services.cases import advance_case
from central.services.demo import DemoAdvancer
from sync.protocol.receipt_numbers import issue_ts, make_receipt_no, query_code

FEED = "/api/v1/cases/changes"
LOOKUP = "/api/v1/cases/lookup"


def test_feed_cursors_and_advance(central, terminal, clock):
    items = [terminal.factory.item() for _ in range(3)]
    send_batch(terminal, items)
    feed = terminal.client.get(f"{FEED}?after=0&limit=500").json()
    assert [c["cursor"] for c in feed["changes"]] == [1, 2, 3]
    assert [c["receipt_no"] for c in feed["changes"]] == [i["receipt_no"] for i in items]
    assert feed["next_cursor"] == 3
    first = feed["changes"][0]
    assert first["status"] == "received" and first["status_text"]["zh_CN"] == "已接收"
    assert first["submission_id"] == items[0]["submission_id"]
    assert first["department"] == "市城市管理局"

    clock.advance(60)
    advance_case(central.services.core.store, items[1]["receipt_no"], "in_progress", clock.now(),
                 note="staff only")  # fmt: skip
    later = terminal.client.get(f"{FEED}?after=3").json()
    assert [(c["cursor"], c["status"]) for c in later["changes"]] == [(4, "in_progress")]
    assert later["changes"][0]["status_text"] == {"zh_CN": "办理中", "en": "In progress"}
    assert "note" not in later["changes"][0]
    assert later["next_cursor"] == 4
    empty = terminal.client.get(f"{FEED}?after=4").json()
    assert empty == {"changes": [], "next_cursor": 4}
    paged = terminal.client.get(f"{FEED}?after=1&limit=2").json()
    assert [c["cursor"] for c in paged["changes"]] == [2, 3] and paged["next_cursor"] == 3


def test_feed_shows_only_this_terminals_cases(central, terminal, clock):
    other = enroll_terminal(central, clock, "0043")
    send_batch(other, [other.factory.item()])
    send_batch(terminal, [terminal.factory.item()])
    mine = terminal.client.get(FEED).json()["changes"]
    theirs = other.client.get(FEED).json()["changes"]
    assert [c["cursor"] for c in mine] == [1] and [c["cursor"] for c in theirs] == [1]
    assert mine[0]["receipt_no"].startswith("0042-")
    assert theirs[0]["receipt_no"].startswith("0043-")
    other.client.close()


def lookup(terminal, item):
    """Ask about a receipt with its printed query code, as a kiosk's lookup does."""
    ts = issue_ts(datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")))
    secret = terminal.client.secret  # the issuing terminal's: the code is on its receipt
    code = query_code(secret, item["receipt_no"], ts)
    return terminal.client.post_json(LOOKUP, {"receipt_no": item["receipt_no"], "query_code": code})


def test_lookup_from_any_terminal_with_the_code_and_404(central, terminal, clock):
    other = enroll_terminal(central, clock, "0043")
    item = other.factory.item()
    send_batch(other, [item])
    clock.advance(5)
    advance_case(central.services.core.store, item["receipt_no"], "accepted", clock.now())
    ts = issue_ts(datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")))
    code = query_code(other.client.secret, item["receipt_no"], ts)
    asked = {"receipt_no": item["receipt_no"], "query_code": code}
    body = terminal.client.post_json(LOOKUP, asked).json()
    assert body["status"] == "accepted" and "kind" not in body
    assert [h["status"] for h in body["history"]] == ["received", "accepted"]
    unknown = {"receipt_no": make_receipt_no("0042", "261127", 7777), "query_code": code}
    assert_problem(terminal.client.post_json(LOOKUP, unknown), 404, "lookup-not-matched")
    other.client.close()


def test_bad_feed_parameters_are_400(terminal):
    assert_problem(terminal.client.get(f"{FEED}?after=-1"), 400, "invalid-request")
    assert_problem(terminal.client.get(f"{FEED}?limit=100000"), 400, "invalid-request")
    assert_problem(terminal.client.get(f"{FEED}?after=abc"), 400, "invalid-request")


def test_demo_advance_moves_cases_along(central, terminal, clock):
    appeal = terminal.factory.item()
    send_batch(terminal, [appeal])
    rating = terminal.factory.item("rating", payload=rating_payload(appeal["receipt_no"]))
    send_batch(terminal, [rating])
    demo = DemoAdvancer(central.services.core.store, clock, interval_s=10)
    assert demo.step() == 0  # not yet due
    statuses = []
    for _ in range(4):
        clock.advance(10)
        demo.step()
        body = lookup(terminal, appeal).json()
        statuses.append(body["status"])
    assert statuses == ["accepted", "in_progress", "resolved", "resolved"]
    feed = terminal.client.get(FEED).json()["changes"]
    assert [c["status"] for c in feed if c["receipt_no"] == appeal["receipt_no"]] == [
        "received", "accepted", "in_progress", "resolved",
    ]  # fmt: skip
    rated = lookup(terminal, rating).json()
    assert rated["status"] == "received"  # ratings are not worked on
