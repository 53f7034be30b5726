"""The requests.Session every sync call goes through: TLS trust, pins, no hidden retries.

- trust: the system store (through requests' default bundle) or ``sync.ca_file``;
- pins: ``sync.pin_sha256`` (current + backup), checked before any request byte;
- no urllib3 retries and no redirects: the engine's own loop decides what to retry;
- no proxies or CA bundles from the environment (``trust_env`` off): a kiosk's
  network settings come from its configuration only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter

from sync.pinning import PinnedHTTPAdapter


@dataclass(frozen=True)
class TransportSettings:
    """The transport keys of ``config.sync``."""

    timeout_s: float = 10.0
    ca_file: str = ""
    pin_sha256: Sequence[str] = ()
    allow_http_loopback: bool = False  # production speaks https:// only


def build_session(settings: TransportSettings) -> requests.Session:
    """A session configured for the central platform."""
    session = requests.Session()
    session.trust_env = False
    session.verify = settings.ca_file or True
    session.max_redirects = 0
    https: HTTPAdapter = (
        PinnedHTTPAdapter(list(settings.pin_sha256), max_retries=0)
        if settings.pin_sha256
        else HTTPAdapter(max_retries=0)
    )
    session.mount("https://", https)
    session.mount("http://", HTTPAdapter(max_retries=0))
    session.headers["User-Agent"] = "mashangban-terminal"
    return session
