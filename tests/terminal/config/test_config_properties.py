"""Any TOML file: loading gives a Config or a ConfigError whose lines point at the right keys."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.config import SECTION_KEYS, ConfigError, load_config
from terminal.config.rules import RULES
from terminal.config.spec import format_value

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    # Quotes, brackets, "=" and "#" inside strings must not confuse the line finder.
    st.text(alphabet=st.sampled_from("ab\"'[]{}=#.\\\n\t 中1"), max_size=12),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))
known_keys = st.sampled_from([spec.dotted for specs in SECTION_KEYS.values() for spec in specs])
any_keys = st.one_of(known_keys, st.sampled_from(["sync.nope", "extra.key", "ui.voicee"]))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(any_keys, values, max_size=8))
def test_loading_never_fails_with_anything_but_config_error(assignments: dict) -> None:
    by_section: dict[str, list[tuple[str, object]]] = {}
    for dotted, value in assignments.items():
        section, key = dotted.split(".")
        by_section.setdefault(section, []).append((key, value))
    lines, where = [], {}
    for section, items in by_section.items():
        lines += ["", f"[{section}]  # comment"]
        for key, value in items:
            lines.append(f"{key} = {format_value(value)}")
            where[f"{section}.{key}"] = len(lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            config = load_config(path, env={})
        except ConfigError as error:
            reported = error.problems
        else:
            reported = config.warnings
    for message in reported:
        assert message.startswith(f"{path}, line "), message
        found = re.match(r".*?, line (\d+): (?:unknown key )?([a-z_]+\.[a-z_]+) ", message)
        if found is None or found[2] not in where:
            continue
        # A broken rule is reported at the first of its keys that the file sets.
        allowed = {where[found[2]]} | {
            where[key]
            for rule in RULES
            if rule.keys[0] == found[2]
            for key in rule.keys
            if key in where
        }
        assert int(found[1]) in allowed, message
