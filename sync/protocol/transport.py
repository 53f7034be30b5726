"""The transport rule both the configuration check and the sync client apply
(sync-protocol.md §1 Transport): ``http://`` only to a loopback host. No I/O here.
"""

from __future__ import annotations

import ipaddress


def is_loopback_host(host: str | None) -> bool:
    """True for a literal loopback address (127.0.0.0/8, ``::1``) or the name
    ``localhost``; False for anything else, no host included. Names are never
    looked up: a name that resolves to loopback today may not tomorrow."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
