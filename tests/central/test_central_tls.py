"""``serve --tls-cert/--tls-key`` serves HTTPS and announces an https:// URL."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import pytest
import requests
from centralkit.catalog import write_catalog
from centralkit.cli import ServeProcess
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK = ipaddress.ip_address("127.0.0.1")


def _self_signed(directory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(LOOPBACK)]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_https(tmp_path, db_url):
    cert, key = _self_signed(tmp_path)
    catalog = write_catalog(tmp_path / "catalog.json")
    server = ServeProcess(tmp_path / "data", db_url, "--catalog", str(catalog),
                          "--tls-cert", str(cert), "--tls-key", str(key))  # fmt: skip
    try:
        assert server.url.startswith("https://127.0.0.1:")
        # Connection: close, else uvicorn's graceful TLS shutdown waits for the idle
        # keep-alive connection (asyncio's 30 s SSL shutdown timeout).
        response = requests.get(
            server.url + "/healthz", verify=str(cert), headers={"Connection": "close"}, timeout=30
        )
        assert response.status_code == 200
    finally:
        server.stop()
