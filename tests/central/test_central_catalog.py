"""The catalog: ETag, If-None-Match → 304, platform keys included, reload on change."""

from __future__ import annotations

import json

from centralkit.catalog import SMALL_CATALOG, write_catalog

CATALOG = "/api/v1/catalog"


def test_etag_and_304(terminal):
    first = terminal.client.get(CATALOG)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    body = first.json()
    for section in ("version", "themes", "items", "forms", "appeal_categories", "regions"):
        assert body[section] == SMALL_CATALOG[section]
    assert body["platform_keys"] == terminal.enrolment["platform_keys"]
    again = terminal.client.get(CATALOG, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag
    weak = terminal.client.get(CATALOG, headers={"If-None-Match": f'"zzz", W/{etag}'})
    assert weak.status_code == 304
    stale = terminal.client.get(CATALOG, headers={"If-None-Match": '"not-it"'})
    assert stale.status_code == 200 and stale.headers["ETag"] == etag


def test_a_changed_catalog_file_gets_a_new_etag(central, terminal):
    etag = terminal.client.get(CATALOG).headers["ETag"]
    changed = json.loads(json.dumps(SMALL_CATALOG))
    changed["version"] = "2026.12.1"
    path = write_catalog(central.config.catalog_path, changed)
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    response = terminal.client.get(CATALOG, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["version"] == "2026.12.1"
    assert response.headers["ETag"] != etag
