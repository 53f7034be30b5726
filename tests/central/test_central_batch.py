"""Batch upload: outcomes, permanent de-duplication, attachments, gzip and limits."""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
from concurrent.futures import ThreadPoolExecutor

from centralkit.asserts import assert_problem
from centralkit.batches import BATCH, counts, outcomes, send_batch
from centralkit.factory import appeal_payload, application_payload, rating_payload
from centralkit.sealing import seal_bytes

from central.services.intake_batch import Known
from central.services.opened_payloads import open_case
from central.store.models import Submission
from sync.protocol.receipt_numbers import make_receipt_no


def test_accepted_with_case_and_payload_opened(central, terminal):
    items = [terminal.factory.item("appeal"), terminal.factory.item("application")]
    response = send_batch(terminal, items)
    results = response.json()["results"]
    assert [r["submission_id"] for r in results] == [i["submission_id"] for i in items]
    assert outcomes(response) == ["accepted", "accepted"]
    assert all(r["case_id"].startswith("C") and r["status"] == "received" for r in results)
    assert results[0]["case_id"] != results[1]["case_id"]
    feed = terminal.client.get("/api/v1/cases/changes").json()["changes"]
    assert [c["department"] for c in feed] == ["市城市管理局", "五华区公安分局"]
    core = central.services.core
    with core.store.transaction() as session:
        stored = session.get(Submission, items[0]["submission_id"])
        assert stored is not None
        assert b"urban.road" not in stored.payload_sealed  # encrypted at rest
        assert stored.receipt_no == items[0]["receipt_no"]
    opened = open_case(core.store, core.data_keys, items[0]["receipt_no"])
    assert opened.payload["category"] == "urban.road"


def test_the_same_batch_ten_times_makes_one_case_each(central, terminal):
    items = [terminal.factory.item() for _ in range(5)]
    first = send_batch(terminal, items).json()["results"]
    for _ in range(9):
        again = send_batch(terminal, items)
        assert outcomes(again) == ["duplicate"] * 5
        assert [r["case_id"] for r in again.json()["results"]] == [r["case_id"] for r in first]
    assert counts(central) == (5, 5)


def test_concurrent_resends_still_make_one_case_each(central, terminal):
    items = [terminal.factory.item() for _ in range(3)]
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: send_batch(terminal, items), range(8)))
    case_ids = {tuple(r["case_id"] for r in resp.json()["results"]) for resp in responses}
    assert len(case_ids) == 1
    assert sorted(o for resp in responses for o in outcomes(resp)).count("accepted") == 3
    assert counts(central) == (3, 3)


def test_same_id_other_content_is_id_conflict(central, terminal):
    item = terminal.factory.item()
    assert outcomes(send_batch(terminal, [item])) == ["accepted"]
    other = copy.deepcopy(item)
    other["catalog_version"] = "2026.12.1"
    result = send_batch(terminal, [other]).json()["results"][0]
    assert result["outcome"] == "rejected" and result["error"]["code"] == "id-conflict"
    clash = terminal.factory.item()
    clash["receipt_no"] = item["receipt_no"]
    result = send_batch(terminal, [clash]).json()["results"][0]
    assert result["error"]["code"] == "receipt-conflict"
    assert counts(central) == (1, 1)


def test_missing_attachment_then_upload_then_accepted(central, terminal):
    key = terminal.enrolment["platform_keys"][0]
    photo = seal_bytes(key["public_key"], b"photo bytes")
    item = terminal.factory.item(attachments=[photo])
    result = send_batch(terminal, [item]).json()["results"][0]
    assert result["outcome"] == "missing-attachments"
    assert result["error"]["missing"] == [hashlib.sha256(photo).hexdigest()]
    assert counts(central) == (0, 0)
    put = terminal.client.send("PUT", f"/api/v1/attachments/{hashlib.sha256(photo).hexdigest()}",
                               photo)  # fmt: skip
    assert put.status_code == 201
    assert outcomes(send_batch(terminal, [item])) == ["accepted"]


def test_gzip_body_is_accepted(terminal):
    items = [terminal.factory.item() for _ in range(3)]
    assert outcomes(send_batch(terminal, items, gzipped=True)) == ["accepted"] * 3


def test_limits_are_413(terminal):
    items = [terminal.factory.item() for _ in range(101)]
    assert_problem(send_batch(terminal, items), 413, "too-many-submissions")
    assert outcomes(send_batch(terminal, items[:100])) == ["accepted"] * 100
    big = {"submissions": [], "padding": "x" * (2 * 1024 * 1024)}
    body = json.dumps(big).encode()
    assert_problem(terminal.client.send("POST", BATCH, body), 413, "payload-too-large")
    bomb = gzip.compress(b" " * (3 * 1024 * 1024))  # 3 MiB of blanks inflate past 2 MiB
    response = terminal.client.send("POST", BATCH, bomb, headers={"Content-Encoding": "gzip"})
    assert_problem(response, 413, "payload-too-large")


def test_undecryptable_seals_are_rejected(terminal):
    tampered = terminal.factory.item()
    ct = bytearray(tampered["sealed"]["ct"].encode())
    ct[10] = ord("A") if ct[10] != ord("A") else ord("B")
    tampered["sealed"]["ct"] = ct.decode()
    unknown_kid = terminal.factory.item()
    unknown_kid["sealed"]["kid"] = "nosuchkid"
    bad_alg = terminal.factory.item()
    bad_alg["sealed"]["alg"] = "SM2-SM4-GCM"
    results = send_batch(terminal, [tampered, unknown_kid, bad_alg]).json()["results"]
    assert [r["outcome"] for r in results] == ["rejected"] * 3
    assert {r["error"]["code"] for r in results} == {"undecryptable"}


def test_invalid_payloads_are_rejected(terminal):
    factory = terminal.factory
    target = factory.item()
    assert outcomes(send_batch(terminal, [target])) == ["accepted"]
    unknown_item = {**application_payload(), "item_code": "no.such"}
    bad = [
        factory.item(payload=appeal_payload(category="no.such")),
        factory.item("application", payload=unknown_item),
        factory.item("rating", payload=rating_payload(target["receipt_no"], score=6)),
        factory.item("rating", payload=rating_payload(make_receipt_no("0042", "261127", 9999))),
        factory.item(payload={**appeal_payload(), "contact": None}),  # named but no contact
        factory.item(payload={**appeal_payload(), "location": {"region_code": "999999"}}),
        factory.item(payload={"category": "urban.road"}),  # required fields missing
    ]
    results = send_batch(terminal, bad).json()["results"]
    assert [r["outcome"] for r in results] == ["rejected"] * len(bad), results
    assert {r["error"]["code"] for r in results} == {"invalid-payload"}
    assert "张三" not in json.dumps(results)  # details never echo personal data
    good = factory.item("rating", payload=rating_payload(target["receipt_no"], score=5))
    assert outcomes(send_batch(terminal, [good])) == ["accepted"]


def test_a_malformed_item_refuses_the_whole_batch_with_400(central, terminal):
    good, broken = terminal.factory.item(), terminal.factory.item()
    del broken["sealed"]
    body = assert_problem(send_batch(terminal, [good, broken]), 400, "invalid-request")
    assert body["errors"][0]["loc"][:2] == ["submissions", 1]
    assert counts(central) == (0, 0)
    response = terminal.client.send("POST", BATCH, b"{}", headers={"Content-Encoding": "br"})
    assert_problem(response, 415, "unsupported-encoding")


def test_repeats_inside_one_batch_and_a_rating_of_an_earlier_item(central, terminal):
    """The batch is stored in one transaction: later items see earlier ones."""
    appeal = terminal.factory.item("appeal")
    clash = terminal.factory.item()
    clash["receipt_no"] = appeal["receipt_no"]
    other = copy.deepcopy(appeal)
    other["catalog_version"] = "2026.12.1"
    rating = terminal.factory.item("rating", payload=rating_payload(appeal["receipt_no"]))
    response = send_batch(terminal, [appeal, copy.deepcopy(appeal), clash, other, rating])
    results = response.json()["results"]
    assert outcomes(response) == ["accepted", "duplicate", "rejected", "rejected", "accepted"]
    assert results[1]["case_id"] == results[0]["case_id"]
    assert [r["error"]["code"] for r in results[2:4]] == ["receipt-conflict", "id-conflict"]
    assert counts(central) == (2, 2)
    feed = terminal.client.get("/api/v1/cases/changes").json()["changes"]
    assert [c["cursor"] for c in feed] == [1, 2]  # gap-free, one per accepted item


def test_a_batch_that_raced_a_resend_is_redone_item_by_item(central, terminal, monkeypatch):
    """The batch's look-up ran before a resend of `first` committed (made stale here):
    storing the batch then hits the unique id, and each item is decided and stored
    again alone, by the same validator and writer."""
    first = terminal.factory.item()
    case_id = send_batch(terminal, [first]).json()["results"][0]["case_id"]
    real_fetch = Known.fetch.__func__
    batch_lookups = []

    def stale_once(cls, session, items):
        if len(items) > 1:
            batch_lookups.append(len(items))
            if len(batch_lookups) == 1:
                return cls()  # as if read before the resend committed
        return real_fetch(cls, session, items)

    monkeypatch.setattr(Known, "fetch", classmethod(stale_once))
    other = copy.deepcopy(first)
    other["catalog_version"] = "2026.12.1"
    new = terminal.factory.item()
    clash = terminal.factory.item()
    clash["receipt_no"] = first["receipt_no"]
    response = send_batch(terminal, [copy.deepcopy(first), other, new, clash])
    results = response.json()["results"]
    assert batch_lookups == [4]
    assert outcomes(response) == ["duplicate", "rejected", "accepted", "rejected"]
    assert results[0]["case_id"] == case_id and results[2]["case_id"] != case_id
    assert [results[i]["error"]["code"] for i in (1, 3)] == ["id-conflict", "receipt-conflict"]
    assert counts(central) == (2, 2)
    feed = terminal.client.get("/api/v1/cases/changes").json()["changes"]
    assert [c["cursor"] for c in feed] == [1, 2]
