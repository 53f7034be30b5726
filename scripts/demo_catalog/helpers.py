"""Small builders that keep the data tables short and the JSON consistent."""

from __future__ import annotations

from typing import Any


def t(zh: str, en: str) -> dict[str, str]:
    """A bilingual text."""
    return {"zh_CN": zh, "en": en}


def choices(*entries: tuple[str, str, str]) -> list[dict[str, Any]]:
    """Choices from (value, zh, en) triples."""
    return [{"value": value, "label": t(zh, en)} for value, zh, en in entries]


def field(key: str, kind: str, zh: str, en: str, required: bool = True, **props: Any) -> dict:
    """A form field; ``help`` may be given as a (zh, en) pair."""
    entry: dict[str, Any] = {"key": key, "type": kind, "label": t(zh, en)}
    if required:
        entry["required"] = True
    help_text = props.pop("help", None)
    if help_text:
        entry["help"] = t(*help_text)
    entry.update(props)
    return entry


def page(zh: str, en: str, *fields: dict) -> dict:
    """A form page of one to three fields."""
    return {"title": t(zh, en), "fields": list(fields)}


def form(form_id: str, version: str, zh: str, en: str, *pages: dict) -> dict:
    """A whole form definition."""
    return {"id": form_id, "version": version, "title": t(zh, en), "pages": list(pages)}


def pattern(regex: str, zh: str, en: str) -> dict:
    """A text pattern with its message."""
    return {"regex": regex, "message": t(zh, en)}


def when(key: str, *values: str, filled: bool = False) -> dict:
    """A relevance rule: equals one value, one of several, or filled."""
    if filled:
        return {"field": key, "filled": True}
    if len(values) == 1:
        return {"field": key, "equals": values[0]}
    return {"field": key, "in": list(values)}
