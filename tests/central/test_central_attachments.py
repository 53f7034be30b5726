"""Attachments: HEAD/PUT life cycle, digest check, the 20 MiB limit, opening them."""

from __future__ import annotations

import hashlib
import os

from centralkit.asserts import assert_problem
from centralkit.sealing import seal_bytes

from central.sealing import open_attachment
from central.store.models import Attachment

MIB = 1024 * 1024


def _path(data: bytes) -> str:
    return f"/api/v1/attachments/{hashlib.sha256(data).hexdigest()}"


def test_head_put_head_put(central, terminal):
    key = terminal.enrolment["platform_keys"][0]
    sealed = seal_bytes(key["public_key"], b"\xff\xd8 a photo " * 1000)
    client, path = terminal.client, _path(sealed)
    assert client.send("HEAD", path).status_code == 404
    created = client.send("PUT", path, sealed)
    assert created.status_code == 201, created.text
    assert created.json()["size"] == len(sealed)
    assert client.send("HEAD", path).status_code == 200
    assert client.send("PUT", path, sealed).status_code == 200
    sha = hashlib.sha256(sealed).hexdigest()
    stored = central.services.attachments.read(sha)
    assert stored == sealed
    with central.services.core.store.transaction() as session:
        row = session.get(Attachment, sha)
        assert row is not None and row.size == len(sealed)
        assert row.terminal_id == terminal.terminal_id
    opened = open_attachment(stored, central.services.core.keyring, kid_hint=key["kid"])
    assert opened == b"\xff\xd8 a photo " * 1000


def test_digest_mismatch_is_422_and_nothing_is_stored(central, terminal):
    data = b"sealed bytes"
    wrong = "/api/v1/attachments/" + hashlib.sha256(b"other").hexdigest()
    assert_problem(terminal.client.send("PUT", wrong, data), 422, "digest-mismatch")
    assert terminal.client.send("HEAD", wrong).status_code == 404
    assert not central.services.attachments.exists(hashlib.sha256(b"other").hexdigest())


def test_twenty_mib_is_accepted_and_one_byte_more_is_413(terminal):
    exactly = os.urandom(20 * MIB)
    assert terminal.client.send("PUT", _path(exactly), exactly).status_code == 201
    over = exactly + b"x"
    response = terminal.client.send("PUT", _path(over), over)
    assert_problem(response, 413, "payload-too-large")
    assert terminal.client.send("HEAD", _path(over)).status_code == 404


def test_a_malformed_name_is_400(terminal):
    response = terminal.client.send("HEAD", "/api/v1/attachments/" + "A" * 64)
    assert response.status_code == 400
    response = terminal.client.send("PUT", "/api/v1/attachments/xyz", b"data")
    assert_problem(response, 400, "invalid-request")


def test_attachments_need_a_signature(central):
    import requests

    response = requests.put(central.url + _path(b"x"), data=b"x", timeout=30)
    assert_problem(response, 401, "bad-signature")
