"""Tell a keyboard-wedge scanner from a person typing, by the time between keys.

A wedge scanner "types" its code within a few milliseconds per character and
ends with Enter; a person needs well over 35 ms between keys. The classifier
holds keys back while they arrive quickly; when the burst ends with Enter and
is long enough, it is a scan, otherwise the held keys are released as typing.
Qt-free: it sees (character, timestamp in ms) pairs and an optional opaque
item per key (the Qt filter passes the key event to replay).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TERMINATORS = frozenset("\r\n")


@dataclass(frozen=True)
class WedgeSettings:
    """``[scanner]`` wedge_max_key_interval_ms [35] and wedge_min_length [8]."""

    max_key_interval_ms: int = 35
    min_length: int = 8
    max_length: int = 4096  # a stuck key or endless burst is released as typing

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> WedgeSettings:
        return cls(
            max_key_interval_ms=int(settings.get("wedge_max_key_interval_ms", 35)),
            min_length=int(settings.get("wedge_min_length", 8)),
        )


@dataclass(frozen=True)
class Typed:
    """Keys a person typed: hand them on, in order."""

    text: str
    items: tuple[object, ...]


@dataclass(frozen=True)
class Scanned:
    """A complete scan (without its Enter); its keys, Enter included, are consumed."""

    text: str
    items: tuple[object, ...]


WedgeResult = Typed | Scanned


class WedgeClassifier:
    """Feeds keys one by one; returns what has been decided by each key."""

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._chars: list[str] = []
        self._items: list[object] = []
        self._last_ms: int | None = None

    @property
    def holding(self) -> bool:
        """Whether keys are held back waiting for the burst to end."""
        return bool(self._chars)

    def feed(self, char: str, timestamp_ms: int, item: object = None) -> list[WedgeResult]:
        """One key: a printable character, or "\\r"/"\\n" for Enter.

        A printable character is always held after this call; Enter is always
        decided at once, as the end of a scan or as typing.
        """
        item = char if item is None else item
        results: list[WedgeResult] = []
        if self._chars and not self._quick(timestamp_ms):
            results.append(self._release())
        if char in TERMINATORS:
            if len(self._chars) >= self.settings.min_length:
                scanned = Scanned("".join(self._chars), (*self._items, item))
                self._clear()
                results.append(scanned)
            else:
                released = self._release()
                results.append(Typed(released.text + char, (*released.items, item)))
            return results
        self._chars.append(char)
        self._items.append(item)
        self._last_ms = timestamp_ms
        if len(self._chars) > self.settings.max_length:
            results.append(self._release())
        return results

    def expire(self, now_ms: int | None = None) -> list[WedgeResult]:
        """Release held keys as typing once the burst is over.

        With ``now_ms`` (same clock as the key timestamps) only if the pause
        since the last key is longer than the interval; without it, at once
        (a timer that fired after the interval has passed).
        """
        if not self._chars or (now_ms is not None and self._quick(now_ms)):
            return []
        return [self._release()]

    def _quick(self, timestamp_ms: int) -> bool:
        assert self._last_ms is not None
        return 0 <= timestamp_ms - self._last_ms <= self.settings.max_key_interval_ms

    def _release(self) -> Typed:
        typed = Typed("".join(self._chars), tuple(self._items))
        self._clear()
        return typed

    def _clear(self) -> None:
        self._chars.clear()
        self._items.clear()
        self._last_ms = None
