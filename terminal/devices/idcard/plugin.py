"""Load a vendor's card-reader adapter named in configuration as "module:Class".

The class is imported with importlib, checked to have the three methods of
`CardReaderAdapter` (each callable with a timeout where one is expected) and
constructed with the options from ``[card_reader.plugin_options]``. Every
problem raises `CardReaderPluginError` with a sentence a technician can act on.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from typing import Any

from terminal.devices.idcard.reader import CardReaderAdapter

# method name -> positional arguments it must accept besides self
_REQUIRED_METHODS = {"status": 1, "read_card": 1, "close": 0}


class CardReaderPluginError(Exception):
    """The configured plugin cannot be used; the message says why."""


def _accepts(cls: type, method: str, positional: int) -> bool:
    """Whether ``instance.method(*positional floats)`` would bind."""
    raw = inspect.getattr_static(cls, method)
    leading: tuple[object, ...]
    if isinstance(raw, staticmethod):
        func, leading = raw.__func__, ()
    elif isinstance(raw, classmethod):
        func, leading = getattr(cls, method), ()
    elif inspect.isfunction(raw):
        func, leading = raw, (None,)  # None stands for self
    else:  # a C-implemented method: trust it
        return True
    try:
        inspect.signature(func).bind(*leading, *([1.0] * positional))
    except TypeError:
        return False
    return True


def load_adapter_class(spec: str) -> type:
    """Import and check the class named by ``spec`` ("package.module:ClassName")."""
    module_name, sep, class_name = (spec or "").strip().partition(":")
    if not sep or not module_name or not class_name:
        raise CardReaderPluginError(
            f"card_reader.plugin must look like 'package.module:ClassName', got {spec!r}"
        )
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise CardReaderPluginError(
            f"card reader plugin module {module_name!r} cannot be imported: {exc}"
        ) from exc
    cls = getattr(module, class_name, None)
    if cls is None:
        raise CardReaderPluginError(f"module {module_name!r} has no class {class_name!r}")
    if not inspect.isclass(cls):
        raise CardReaderPluginError(f"{spec!r} is not a class")
    problems = []
    for method, positional in _REQUIRED_METHODS.items():
        if not callable(getattr(cls, method, None)):
            problems.append(f"{method}() is missing")
        elif not _accepts(cls, method, positional):
            problems.append(f"{method}() must accept {positional} argument(s)")
    if problems:
        raise CardReaderPluginError(
            f"{spec!r} does not implement the card reader adapter interface: " + "; ".join(problems)
        )
    return cls


def load_adapter(spec: str, options: Mapping[str, Any] | None = None) -> CardReaderAdapter:
    """Construct the plugin adapter with ``options`` as keyword arguments."""
    cls = load_adapter_class(spec)
    try:
        adapter = cls(**dict(options or {}))
    except Exception as exc:
        raise CardReaderPluginError(
            f"card reader plugin {spec!r} failed to start: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(adapter, CardReaderAdapter):
        raise CardReaderPluginError(f"{spec!r} instance lacks the adapter methods")
    return adapter
