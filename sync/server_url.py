"""Which server URLs the terminal will talk to (sync-protocol.md §1 Transport).

``https://`` always; ``http://`` only to a loopback address (127.0.0.0/8, ::1,
``localhost``) and only when ``sync.allow_http_loopback`` is true, which is what
the embedded demo central on 127.0.0.1 needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sync.errors import InsecureServerUrl
from sync.protocol.transport import is_loopback_host


def check_server_url(url: str, *, allow_http_loopback: bool) -> str:
    """The URL without a trailing slash, or InsecureServerUrl saying why not."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        raise InsecureServerUrl(f"no host in server URL {url!r}")
    if parts.username or parts.password:
        raise InsecureServerUrl("a server URL must not carry credentials")
    if parts.query or parts.fragment:
        raise InsecureServerUrl("a server URL has no query or fragment")
    if parts.scheme == "https":
        return url.rstrip("/")
    if parts.scheme == "http":
        if not allow_http_loopback:
            raise InsecureServerUrl("http:// is refused (sync.allow_http_loopback is false)")
        if not is_loopback_host(host):
            raise InsecureServerUrl(f"http:// is allowed to loopback only, not to {host}")
        return url.rstrip("/")
    raise InsecureServerUrl(f"unsupported scheme {parts.scheme!r}")
