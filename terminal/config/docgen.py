"""docs/configuration.md, rendered from the key table.

The output must not depend on the machine it runs on (no real paths, no
dates), so that a test can compare it with the committed file.
"""

from __future__ import annotations

from terminal.config.rules import RULES
from terminal.config.schema import SECTION_KEYS, section_doc
from terminal.config.spec import KIND_NAMES, KeySpec, format_value

EXAMPLE_TOML = """\
[terminal]
code = "0427"
branch_code = "530102-003"
branch_name = "五华区政务服务中心"

[store]
data_dir = "/var/lib/mashangban"

[sync]
server_url = "https://tsp.example.gov.cn"
pin_sha256 = [
  "3b1e5c0f9d7a2e64b8c1f0a9e3d5c7b2a4f6e8d0c2b4a6f8e0d2c4b6a8f0e2d4",
  "9f8e7d6c5b4a39281706f5e4d3c2b1a099887766554433221100ffeeddccbbaa",
]

[printer]
backend = "escpos"
escpos_connection = "network"
escpos_target = "192.168.10.40"
"""

_INTRO = """\
# Configuration

<!-- Generated from terminal/config/schema.py by scripts/gen_config_docs.py.
     Do not edit by hand: change the schema and run the script. -->

The terminal reads one TOML file. It is optional: without it every key has
the default listed below.

## Where the file lives

| Platform | Configuration file | Default data directory (`store.data_dir`) |
|---|---|---|
| Linux | `~/.config/mashangban/config.toml` (under `$XDG_CONFIG_HOME` when set) \
| `~/.local/share/mashangban` (under `$XDG_DATA_HOME` when set) |
| Windows | `%LOCALAPPDATA%\\mashangban\\mashangban\\config.toml` \
| `%LOCALAPPDATA%\\mashangban\\mashangban` |
| macOS | `~/Library/Application Support/mashangban/config.toml` \
| `~/Library/Application Support/mashangban` |

`mashangban --config FILE <command>` reads `FILE` instead; that file must
exist. `mashangban --data-dir DIR <command>` sets `store.data_dir`.

## Precedence

Later sources win: **defaults < file < environment variables < command-line
options**.

## Environment variables

Every key can be set by `MASHANGBAN_<SECTION>__<KEY>` (upper case, two
underscores between section and key), for example
`MASHANGBAN_SYNC__SERVER_URL=https://tsp.example.gov.cn`. The text is read as
the key's type:

| Type | Accepted text |
|---|---|
| boolean | `1`, `0`, `true`, `false`, `yes`, `no` (any case) |
| integer | a whole number, e.g. `30` |
| number | a decimal number, e.g. `2.5` |
| list of strings | comma-separated, e.g. `aa…,bb…`; empty = an empty list |
| string | the text as is |

## Mistakes

A file that is not valid TOML, a value of the wrong type or outside its
limits, or an environment variable that cannot be read stops the start with
a message naming the file and line (or the variable) and the key. Unknown
sections and keys are reported as warnings, with their line, and ignored.

## Example

```toml
{example}```
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(spec: KeySpec, value: float) -> str:
    # A number key shows its limits as numbers (1.3 to 2.0), an integer key as integers.
    return repr(float(value)) if spec.kind == "float" else str(int(value))


def allowed(spec: KeySpec) -> str:
    """The limits of a key in words, for the "Allowed" column."""
    parts = []
    if spec.choices:
        parts.append(", ".join(f"`{format_value(choice)}`" for choice in spec.choices))
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        parts.append(f"{_number(spec, low)} to {_number(spec, high)}")
    elif low is not None:
        parts.append(f"at least {_number(spec, low)}")
    elif high is not None:
        parts.append(f"at most {_number(spec, high)}")
    if spec.pattern_doc:
        parts.append(("each: " if spec.kind == "list" else "") + spec.pattern_doc)
    if spec.check_doc:
        parts.append(spec.check_doc)
    return "; ".join(parts)


def _section(name: str) -> str:
    rows = [
        f"## [{name}]",
        "",
        section_doc(name),
        "",
        "| Key | Type | Default | Allowed | Meaning | Environment variable |",
        "|---|---|---|---|---|---|",
    ]
    for spec in SECTION_KEYS[name]:
        cells = (
            f"`{spec.name}`",
            KIND_NAMES[spec.kind],
            f"`{format_value(spec.default)}`",
            allowed(spec),
            spec.doc,
            f"`{spec.env_var}`",
        )
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def render_markdown() -> str:
    """The whole of docs/configuration.md."""
    rules = "\n".join(f"- {rule.doc}" for rule in RULES)
    parts = [
        _INTRO.format(example=EXAMPLE_TOML),
        f"## Rules across keys\n\n{rules}\n",
        *(_section(name) for name in SECTION_KEYS),
    ]
    return "\n".join(parts)
