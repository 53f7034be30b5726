"""The Qt-free wedge classifier: scan or person, by the time between keys."""

from __future__ import annotations

from terminal.devices.scanner import Scanned, Typed, WedgeClassifier, WedgeSettings

CODE = "0042-261127-0123-X"


def feed_all(classifier: WedgeClassifier, keys: str, start: int, step: int) -> list[object]:
    results: list[object] = []
    for i, ch in enumerate(keys):
        results += classifier.feed(ch, start + i * step)
    return results


def test_fast_burst_ending_in_enter_is_a_scan() -> None:
    classifier = WedgeClassifier()
    results = feed_all(classifier, CODE + "\r", 1000, 4)
    assert results == [Scanned(CODE, (*CODE, "\r"))]
    assert not classifier.holding


def test_slow_keys_are_typing_released_as_they_come() -> None:
    classifier = WedgeClassifier()
    results = feed_all(classifier, "abc", 0, 200)
    assert results == [Typed("a", ("a",)), Typed("b", ("b",))]
    assert classifier.holding  # "c" waits for the pause to end
    assert classifier.expire(now_ms=420) == []  # 20 ms after "c": could still be a burst
    assert classifier.expire(now_ms=436) == [Typed("c", ("c",))]


def test_short_fast_burst_with_enter_is_typing_enter_included() -> None:
    classifier = WedgeClassifier(WedgeSettings(min_length=8))
    results = feed_all(classifier, "1234567\n", 0, 5)  # seven characters: below the minimum
    assert results == [Typed("1234567\n", tuple("1234567\n"))]


def test_exactly_min_length_is_a_scan() -> None:
    results = feed_all(WedgeClassifier(), "12345678\n", 0, 5)
    assert results == [Scanned("12345678", tuple("12345678\n"))]


def test_a_pause_inside_the_burst_makes_it_typing() -> None:
    classifier = WedgeClassifier()
    results = feed_all(classifier, "1234", 0, 5)
    results += feed_all(classifier, "5678\r", 15 + 36, 5)  # one gap of 36 ms
    assert results[0] == Typed("1234", tuple("1234"))
    assert results[1] == Typed("5678\r", tuple("5678\r"))


def test_interval_limit_is_inclusive_and_configurable() -> None:
    assert isinstance(feed_all(WedgeClassifier(), "ABCDEFGH\r", 0, 35)[0], Scanned)
    assert isinstance(feed_all(WedgeClassifier(), "ABCDEFGH\r", 0, 36)[-1], Typed)
    slow_scanner = WedgeClassifier(WedgeSettings(max_key_interval_ms=60, min_length=4))
    assert feed_all(slow_scanner, "ABCD\r", 0, 50) == [Scanned("ABCD", tuple("ABCD\r"))]


def test_items_travel_with_their_keys() -> None:
    classifier = WedgeClassifier()
    classifier.feed("x", 0, item="first")
    results = classifier.feed("y", 100, item="second")
    assert results == [Typed("x", ("first",))]
    assert classifier.expire() == [Typed("y", ("second",))]


def test_clock_going_backwards_ends_the_burst() -> None:
    classifier = WedgeClassifier()
    classifier.feed("a", 1000)
    assert classifier.feed("b", 990) == [Typed("a", ("a",))]


def test_endless_burst_is_released_as_typing() -> None:
    classifier = WedgeClassifier(WedgeSettings(max_length=10))
    results = feed_all(classifier, "x" * 11, 0, 1)
    assert results == [Typed("x" * 11, tuple("x" * 11))]
    assert not classifier.holding


def test_settings_from_config_table() -> None:
    settings = WedgeSettings.from_settings({"wedge_max_key_interval_ms": 50, "wedge_min_length": 6})
    assert (settings.max_key_interval_ms, settings.min_length) == (50, 6)
    assert WedgeSettings.from_settings({}) == WedgeSettings(35, 8)
