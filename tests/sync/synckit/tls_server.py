"""A TLS server on 127.0.0.1 with a certificate made for the test; it records what it got.

A small CA signs a leaf certificate for 127.0.0.1, so the client can verify it
with ``ca_file`` and pins can be checked on top. Each connection: handshake,
then read whatever application data the client sends (recorded), answer 200.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import socket
import ssl
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_certificates(directory: Path) -> tuple[Path, Path, Path, bytes]:
    """(ca.pem, leaf.pem, leaf.key, leaf DER) for 127.0.0.1."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("sync test CA"))
        .issuer_name(_name("sync test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem, leaf_pem, key_pem = directory / "ca.pem", directory / "leaf.pem", directory / "leaf.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    leaf_pem.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_pem, leaf_pem, key_pem, leaf.public_bytes(serialization.Encoding.DER)


def spki_sha256(der: bytes) -> str:
    cert = x509.load_der_x509_certificate(der)
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).hexdigest()


class RecordingTlsServer:
    """Accepts TLS connections; ``received`` holds the decrypted bytes of each one."""

    def __init__(self, directory: Path) -> None:
        self.ca_file, cert, key, self.leaf_der = make_certificates(directory)
        self.cert_sha256 = hashlib.sha256(self.leaf_der).hexdigest()
        self.spki_sha256 = spki_sha256(self.leaf_der)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.url = f"https://127.0.0.1:{self._socket.getsockname()[1]}"
        self.received: list[bytes] = []
        self.handshakes = 0
        self._done = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                raw, _ = self._socket.accept()
            except TimeoutError:
                continue
            raw.settimeout(5)
            try:
                with self._context.wrap_socket(raw, server_side=True) as tls:
                    self.handshakes += 1
                    self.received.append(self._read_request(tls))
                    if self.received[-1]:
                        tls.sendall(RESPONSE)
            except (OSError, ssl.SSLError):
                self.received.append(b"")
            finally:
                raw.close()
                with self._done:
                    self._done.notify_all()

    def wait_connections(self, count: int, timeout: float = 10) -> bool:
        """Wait until ``count`` connections have been handled completely."""
        with self._done:
            return self._done.wait_for(lambda: len(self.received) >= count, timeout)

    @staticmethod
    def _read_request(tls: ssl.SSLSocket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            try:
                chunk = tls.recv(65536)
            except (OSError, ssl.SSLError):
                break
            if not chunk:
                break
            data += chunk
        return data

    def __enter__(self) -> RecordingTlsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._socket.close()
