"""Finding the line of a key in TOML text."""

from __future__ import annotations

import tomllib

from terminal.config.locate import key_lines, line_of


def lines_for(text: str) -> dict[str, int]:
    tomllib.loads(text)  # the scanner only ever sees text tomllib accepted
    return key_lines(text)


def test_tables_and_keys() -> None:
    text = "# top\n\n[sync]\nserver_url = 'x'\n  timeout_s=3\n[ui]\nvoice = true\n"
    assert lines_for(text) == {
        "sync": 3,
        "sync.server_url": 4,
        "sync.timeout_s": 5,
        "ui": 6,
        "ui.voice": 7,
    }


def test_dotted_quoted_and_spaced_keys() -> None:
    text = 'sync . timeout_s = 1\n[ "ui" ]\n"voice" = true\n\'fullscreen\' = false\n'
    found = lines_for(text)
    assert found["sync"] == 1
    assert found["sync.timeout_s"] == 1
    assert found["ui"] == 2
    assert found["ui.voice"] == 3
    assert found["ui.fullscreen"] == 4


def test_lines_inside_strings_arrays_and_inline_tables_are_not_keys() -> None:
    text = (
        "[sync]\n"
        'ca_file = """\n'
        "fake = 1\n"
        '[not_a_table]"""\n'
        "pin_sha256 = [\n"
        '  "a=b",\n'
        "  # x = 2\n"
        "]\n"
        "note = '''\n"
        "y = 3'''\n"
        'esc = "quote \\" [x] = 1"\n'
        "timeout_s = 4 # [y]\n"
        "inline = { a = [1,\n"
        "  2], b = 3 }\n"
        "after = 1\n"
    )
    found = lines_for(text)
    assert found == {
        "sync": 1,
        "sync.ca_file": 2,
        "sync.pin_sha256": 5,
        "sync.note": 9,
        "sync.esc": 11,
        "sync.timeout_s": 12,
        "sync.inline": 13,
        "sync.after": 15,
    }


def test_multiline_string_ending_in_quotes() -> None:
    text = 'a = """x""""\nb = 1\n'
    assert lines_for(text) == {"a": 1, "b": 2}


def test_line_of_falls_back_to_the_enclosing_table() -> None:
    found = {"ui": 4, "ui.voice": 5}
    assert line_of(found, "ui.voice") == 5
    assert line_of(found, "ui.fullscreen") == 4
    assert line_of(found, "sync.timeout_s") is None
