"""docs/configuration.md is generated from the schema and must be current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from terminal.config import all_keys, load_config
from terminal.config.docgen import EXAMPLE_TOML, render_markdown

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "configuration.md"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_config_docs", ROOT / "scripts" / "gen_config_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_doc_is_current() -> None:
    generator = load_generator()
    assert generator.DOC_PATH == DOC
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/configuration.md is stale: run python scripts/gen_config_docs.py"
    )
    assert generator.main(["--check"]) == 0


def test_check_fails_on_a_stale_file_and_writing_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generator = load_generator()
    stale = tmp_path / "configuration.md"
    stale.write_text(render_markdown().replace("retention_days", "retention"), encoding="utf-8")
    assert generator.main(["--check", "--output", str(stale)]) == 1
    assert "stale" in capsys.readouterr().err
    assert generator.main(["--output", str(stale)]) == 0
    assert generator.main(["--check", "--output", str(stale)]) == 0


def test_every_key_has_a_row_with_its_default_and_variable() -> None:
    text = render_markdown()
    for spec in all_keys():
        section = text.split(f"## [{spec.section}]\n", 1)[1].split("\n## ", 1)[0]
        row = next(line for line in section.splitlines() if line.startswith(f"| `{spec.name}` |"))
        assert spec.env_var in row
        assert spec.doc.replace("|", "\\|") in row


def test_doc_shows_limits() -> None:
    text = render_markdown()
    assert '| `code` | string | `"0001"` | 4 digits |' in text
    assert "| `elderly_scale` | number | `1.3` | 1.3 to 2.0 |" in text
    assert "| `paper_width_mm` | integer | `80` | `80`, `58` |" in text
    assert "| `pin_sha256` | list of strings | `[]` | each: 64 hex digits |" in text


def test_example_in_the_doc_loads_cleanly(tmp_path: Path) -> None:
    block = re.search(r"```toml\n(.*?)```", render_markdown(), re.DOTALL)
    assert block is not None and block[1] == EXAMPLE_TOML
    path = tmp_path / "config.toml"
    path.write_text(EXAMPLE_TOML, encoding="utf-8")
    config = load_config(path, env={})
    assert config.warnings == ()
    assert config.printer.escpos_connection == "network"
    assert len(config.sync.pin_sha256) == 2
