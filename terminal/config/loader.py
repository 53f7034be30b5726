"""Loading the configuration: defaults < file < environment < explicit overrides.

Every problem found is collected, and they are raised together as one
:class:`ConfigError`, each line naming where the value came from (file and
line, environment variable, or command line), so the operator fixes them
in one pass. Unknown names are not fatal: they become warnings.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import platformdirs

from terminal.config.errors import ConfigError
from terminal.config.locate import key_lines, line_of
from terminal.config.model import Config
from terminal.config.rules import RULES
from terminal.config.schema import SECTION_KEYS, SECTION_TYPES, all_keys
from terminal.config.spec import InvalidValue, KeySpec, from_text, from_toml

APP_NAME = "mashangban"
ENV_PREFIX = "MASHANGBAN_"
_BY_DOTTED = {spec.dotted: spec for spec in all_keys()}
_BY_ENV = {spec.env_var: spec for spec in all_keys()}


def default_config_path() -> Path:
    """``config.toml`` in the platform's user config directory (not created)."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    """The platform's user data directory, used when ``store.data_dir`` is empty."""
    return Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True)
class _Origin:
    kind: Literal["file", "environment", "override"]
    where: str


class _Merge:
    """Values being merged, with where each came from and what went wrong."""

    def __init__(self) -> None:
        self.values = {
            name: {spec.name: spec.default for spec in specs}
            for name, specs in SECTION_KEYS.items()
        }
        self.origins: dict[str, _Origin] = {}
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def put(self, spec: KeySpec, checked: Any, origin: _Origin) -> None:
        self.values[spec.section][spec.name] = checked
        self.origins[spec.dotted] = origin


def _suggest(name: str, known: Iterable[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {prefix}{close[0]}?" if close else ""


def _at(path: Path, line: int | None) -> str:
    return str(path) if line is None else f"{path}, line {line}"


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file ({exc.strerror})") from None
    try:
        # utf-8-sig: editors on Windows may start the file with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}, line {line}: the file is not UTF-8; save it as UTF-8") from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
    # tomllib puts the position in the message: "Invalid value (at line 2, column 5)".
    # Tables are shown as Python tuples, "('sync',)", which an operator should not see.
    message = re.sub(
        r"\(((?:'[^']*',? ?)+)\)", lambda m: m[1].replace("'", "").rstrip(", "), message
    )
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message, re.DOTALL)
    if found is None:
        raise ConfigError(f"{path}: not valid TOML: {message}")
    detail, line, column = found.groups()
    if detail == "Invalid value":
        detail += " (text must be in quotes, true/false in lower case)"
    raise ConfigError(f"{path}, line {line}, column {column}: not valid TOML: {detail}")


def _apply_file(merge: _Merge, path: Path, data: Mapping[str, Any], text: str) -> None:
    lines = key_lines(text)
    for section, table in data.items():
        where = _at(path, line_of(lines, section))
        if section not in SECTION_KEYS:
            what = f"section [{section}]" if isinstance(table, dict) else f"key {section}"
            hint = _suggest(section, SECTION_KEYS)
            merge.warnings.append(f"{where}: unknown {what}, ignored{hint}")
            continue
        if not isinstance(table, dict):
            merge.problems.append(
                f"{where}: {section} must be a table: a [{section}] line, then keys"
            )
            continue
        specs = {spec.name: spec for spec in SECTION_KEYS[section]}
        for key, value in table.items():
            dotted = f"{section}.{key}"
            where = _at(path, line_of(lines, dotted))
            spec = specs.get(key)
            if spec is None:
                hint = _suggest(key, specs, prefix=f"{section}.")
                merge.warnings.append(f"{where}: unknown key {dotted}, ignored{hint}")
                continue
            try:
                merge.put(spec, from_toml(spec, value), _Origin("file", where))
            except InvalidValue as exc:
                merge.problems.append(f"{where}: {dotted} {exc}")


def _apply_env(merge: _Merge, env: Mapping[str, str]) -> None:
    for var in sorted(env):
        # Only MASHANGBAN_<SECTION>__<KEY> names are settings; others may be used elsewhere.
        if not var.startswith(ENV_PREFIX) or "__" not in var:
            continue
        where = f"environment variable {var}"
        spec = _BY_ENV.get(var)
        if spec is None:
            merge.warnings.append(f"{where}: unknown setting, ignored{_suggest(var, _BY_ENV)}")
            continue
        try:
            merge.put(spec, from_text(spec, env[var]), _Origin("environment", where))
        except InvalidValue as exc:
            merge.problems.append(f"{where}: {spec.dotted} {exc}")


def _apply_overrides(merge: _Merge, overrides: Mapping[str, Any]) -> None:
    for dotted, value in overrides.items():
        if value is None:  # an option that was not given
            continue
        spec = _BY_DOTTED.get(dotted)
        if spec is None:
            merge.problems.append(f"command line: unknown setting {dotted}")
            continue
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        try:
            if isinstance(value, str) and spec.kind != "str":
                checked = from_text(spec, value)
            else:
                checked = from_toml(spec, list(value) if isinstance(value, tuple) else value)
            merge.put(spec, checked, _Origin("override", "command line"))
        except InvalidValue as exc:
            merge.problems.append(f"command line: {dotted} {exc}")


def _apply_rules(merge: _Merge) -> None:
    for rule in RULES:
        problem = rule.problem(merge.values)
        if problem is not None:
            origins = [merge.origins[key] for key in rule.keys if key in merge.origins]
            where = origins[0].where if origins else "defaults"
            merge.problems.append(f"{where}: {rule.keys[0]} {problem}")


def _data_dir(merge: _Merge, source: Path | None) -> Path:
    raw = merge.values["store"]["data_dir"]
    if not raw:
        return default_data_dir()
    path = Path(raw).expanduser()
    if not path.is_absolute():
        origin = merge.origins.get("store.data_dir")
        from_file = origin is not None and origin.kind == "file" and source is not None
        path = (source.parent if from_file and source else Path.cwd()) / path
    return Path(os.path.abspath(path))


def _finish(merge: _Merge, source: Path | None) -> Config:
    if not merge.problems:
        _apply_rules(merge)
    if merge.problems:
        count = len(merge.problems)
        message = "\n".join(merge.problems)
        if count > 1:
            message = f"{count} problems in the configuration:\n{message}"
        raise ConfigError(message, problems=tuple(merge.problems))
    sections = {name: cls(**merge.values[name]) for name, cls in SECTION_TYPES.items()}
    return Config(
        **sections,
        data_dir=_data_dir(merge, source),
        source_path=source,
        warnings=tuple(merge.warnings),
        origins=MappingProxyType({key: o.where for key, o in merge.origins.items()}),
    )


def load_config(
    path: Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Load the configuration; raise :class:`ConfigError` with a message for the operator.

    ``path`` is the ``--config`` file, which must exist; None reads the
    default location when a file is there. ``env`` defaults to
    ``os.environ``. ``overrides`` maps ``"section.key"`` to a value (typed,
    or text parsed like an environment variable; None means "not given"),
    e.g. ``{"store.data_dir": args.data_dir}``.
    """
    if path is None:
        candidate = default_config_path()
        source = candidate if candidate.exists() else None
    else:
        source = Path(os.path.abspath(path))
    merge = _Merge()
    if source is not None:
        text = _read(source)
        _apply_file(merge, source, _parse(source, text), text)
    _apply_env(merge, os.environ if env is None else env)
    _apply_overrides(merge, overrides or {})
    return _finish(merge, source)


def default_config(*, overrides: Mapping[str, Any] | None = None) -> Config:
    """Defaults plus ``overrides``, reading no file and no environment (for tests, demos)."""
    merge = _Merge()
    _apply_overrides(merge, overrides or {})
    return _finish(merge, None)
