"""Central over TLS: TLS 1.2 at least, set by central itself (Python 3.10+ defaults to
it too; central states it, so neither a lax system policy nor another runtime lowers
it); HSTS on every https response."""

from __future__ import annotations

import argparse
import socket
import ssl
import sys
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from centralkit.catalog import write_catalog
from centralkit.cli import ServeProcess

from central.cli_serve import server_config

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from test_central_tls import _self_signed  # noqa: E402

LAX_OPENSSL = """openssl_conf = default_conf
[default_conf]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
MinProtocol = TLSv1
CipherString = DEFAULT@SECLEVEL=0
"""


def old_tls_client() -> ssl.SSLContext:
    """A client that offers TLS 1.0 and 1.1 only."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # that is the point
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
        context.minimum_version = ssl.TLSVersion.TLSv1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
    return context


def test_tls_below_1_2_is_refused_even_under_a_lax_system_policy(tmp_path, monkeypatch):
    cert, key = _self_signed(tmp_path)
    lax = tmp_path / "openssl-lax.cnf"
    lax.write_text(LAX_OPENSSL, encoding="utf-8")
    monkeypatch.setenv("OPENSSL_CONF", str(lax))  # the server's policy, not ours
    data, catalog = tmp_path / "data", write_catalog(tmp_path / "catalog.json")
    server = ServeProcess(data, f"sqlite:///{data}/central.sqlite3", "--catalog", str(catalog),
                          "--tls-cert", str(cert), "--tls-key", str(key))  # fmt: skip
    try:
        address = urlsplit(server.url)
        raw = socket.create_connection((address.hostname, address.port), timeout=30)
        with raw, pytest.raises(ssl.SSLError):  # an alert, or asyncio just hangs up
            old_tls_client().wrap_socket(raw).close()
        response = requests.get(
            server.url + "/healthz", verify=str(cert), headers={"Connection": "close"}, timeout=30
        )
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        assert response.headers["X-Frame-Options"] == "DENY"
    finally:
        server.stop()


async def _no_app(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("never called")


def test_the_server_context_states_its_minimum(tmp_path):
    cert, key = _self_signed(tmp_path)
    args = argparse.Namespace(
        tls_cert=cert, tls_key=key, log_level="warning", header_timeout=10.0, read_timeout=30.0
    )
    config = server_config(_no_app, args)
    assert config.ssl is not None
    assert config.ssl.minimum_version == ssl.TLSVersion.TLSv1_2
