"""Property: whatever arrives at the batch endpoint, central never answers 5xx."""

from __future__ import annotations

import copy
import gzip
import json

from centralkit.batches import BATCH
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=5),
    max_leaves=25,
)  # fmt: skip
ITEM_KEYS = ["submission_id", "receipt_no", "kind", "created_at", "channel", "staff_id",
             "catalog_version", "code", "sealed", "attachments"]  # fmt: skip
NASTY = st.sampled_from([
    b'{"submissions": [{"submission_id": "\\ud800"}]}',
    b'{"submissions": "\\u0000"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"submissions": [' + b"1" * 5000 + b"]}",
    b'{"submissions": [{"created_at": "9999-12-31T23:59:59-12:00"}]}',
    b"\xff\xfe{}",
    b"",
])  # fmt: skip


@st.composite
def mutated_batch(draw, valid_item):
    item = copy.deepcopy(valid_item)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(ITEM_KEYS))
        if draw(st.booleans()):
            item.pop(key, None)
        else:
            item[key] = draw(JSON)
    if draw(st.booleans()):
        sealed_key = draw(st.sampled_from(["alg", "kid", "enc", "ct"]))
        if isinstance(item.get("sealed"), dict):
            item["sealed"][sealed_key] = draw(JSON)
    return json.dumps({"submissions": [item]}).encode()


def test_batch_endpoint_never_fails_with_5xx(terminal):
    valid = terminal.factory.item()
    seen: set[int] = set()
    bodies = st.one_of(
        JSON.map(lambda value: json.dumps(value).encode()),
        JSON.map(lambda value: json.dumps({"submissions": [value]}).encode()),
        mutated_batch(valid),
        st.binary(max_size=200),
        NASTY,
    )

    valid_body = json.dumps({"submissions": [valid]}).encode()

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=bodies, gzipped=st.booleans())
    @example(body=valid_body, gzipped=False)
    @example(body=valid_body, gzipped=True)
    def check(body: bytes, gzipped: bool) -> None:
        headers = {"Content-Type": "application/json"}
        if gzipped:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        response = terminal.client.send("POST", BATCH, body, headers=headers)
        assert response.status_code < 500, response.text
        seen.add(response.status_code)
        if response.status_code == 200:
            assert len(response.json()["results"]) >= 1
        else:
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["code"]

    check()
    assert {200, 400} <= seen, seen  # both item processing and refusals were reached
