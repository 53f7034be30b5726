"""Rules that tie two keys together, checked after every source is merged."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sync.protocol.transport import is_loopback_host

Values = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Rule:
    """A check across keys; a broken rule is reported against the first of ``keys``."""

    keys: tuple[str, ...]
    doc: str
    problem: Callable[[Values], str | None]


def _plain_http(values: Values) -> str | None:
    url = values["sync"]["server_url"]
    if not url.lower().startswith("http://"):
        return None
    if not values["sync"]["allow_http_loopback"]:
        return "uses http://, which sync.allow_http_loopback = false forbids; use https://"
    if not is_loopback_host(urlsplit(url).hostname):
        return "uses http:// to a server that is not loopback; use https://"
    return None


def _backoff(values: Values) -> str | None:
    sync = values["sync"]
    if sync["backoff_cap_s"] < sync["backoff_base_s"]:
        return f"({sync['backoff_cap_s']!r}) must not be below sync.backoff_base_s"
    return None


def _countdown(values: Values) -> str | None:
    ui = values["ui"]
    if ui["idle_countdown_s"] >= ui["idle_timeout_s"]:
        return f"({ui['idle_countdown_s']}) must be shorter than ui.idle_timeout_s"
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        ("sync.server_url", "sync.allow_http_loopback"),
        "An http:// server URL is accepted only for a loopback host (127.0.0.1, ::1, "
        "localhost) and only while sync.allow_http_loopback is true.",
        _plain_http,
    ),
    Rule(
        ("sync.backoff_cap_s", "sync.backoff_base_s"),
        "sync.backoff_cap_s is not below sync.backoff_base_s.",
        _backoff,
    ),
    Rule(
        ("ui.idle_countdown_s", "ui.idle_timeout_s"),
        "ui.idle_countdown_s is shorter than ui.idle_timeout_s.",
        _countdown,
    ),
)
