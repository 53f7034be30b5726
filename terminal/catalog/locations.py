"""Readable locations inside a catalog document, for error messages.

``items[12] (item "hukou.id_card.reissue").materials[2].count`` says both where the
fault is in the file and which entry it belongs to, so the author can find it by
either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# What an entry of each list is called, and which member identifies it.
_ENTRY_NAMES = {
    "departments": ("department", "code"),
    "themes": ("theme", "code"),
    "items": ("item", "code"),
    "forms": ("form", "id"),
    "fields": ("field", "key"),
    "choices": ("choice", "value"),
    "appeal_categories": ("category", "code"),
    "regions": ("region", "code"),
    "platform_keys": ("key", "kid"),
}


def describe(document: Any, path: Iterable[str | int]) -> str:
    """A path into the document, with each identified entry's kind and identifier."""
    text = ""
    node = document
    section: str | None = None  # the list whose entries we are in
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if section in _ENTRY_NAMES and isinstance(node, Mapping):
                kind, member = _ENTRY_NAMES[section]
                if isinstance(node.get(member), str | int):
                    text += f' ({kind} "{node[member]}")'
        else:
            text += f".{part}" if text else part
            # Children of a category or region are categories or regions again.
            if part != "children":
                section = part
            node = node.get(part) if isinstance(node, Mapping) else None
    return text or "(document)"
