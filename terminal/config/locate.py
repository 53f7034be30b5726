"""Line numbers of keys and tables in a TOML text, for messages.

tomllib returns plain dicts without positions, so a message about a bad
value would otherwise not say where it is. This scanner walks the text once,
skipping strings, comments and the inside of arrays and inline tables, and
records the line where each table header or key assignment starts. It reads
only text that tomllib has already accepted, so it need not report errors.
"""

from __future__ import annotations

import re
import tomllib

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*(?P<key>{_DOTTED})[ \t]*\]")
_ASSIGN = re.compile(rf"[ \t]*(?P<key>{_DOTTED})[ \t]*=")


def _split(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in re.findall(_PART, dotted):
        if part.startswith('"'):
            # Let tomllib undo the escapes of a quoted key.
            parts.append(tomllib.loads(f"k = {part}")["k"])
        elif part.startswith("'"):
            parts.append(part[1:-1])
        else:
            parts.append(part)
    return tuple(parts)


def _record(lines: dict[str, int], parts: tuple[str, ...], line: int) -> None:
    # A dotted key also opens its parent tables, so record every prefix.
    for length in range(1, len(parts) + 1):
        lines.setdefault(".".join(parts[:length]), line)


def _string_end(text: str, start: int) -> int:
    """Index just past the string that starts at ``start``."""
    n = len(text)
    for quote in ('"""', "'''"):
        if text.startswith(quote, start):
            j = start + 3
            while j < n:
                if quote == '"""' and text[j] == "\\":
                    j += 2
                elif text.startswith(quote, j):
                    j += 3
                    # Up to two quotes of content may come right before the delimiter.
                    for _ in range(2):
                        if j < n and text[j] == quote[0]:
                            j += 1
                    return j
                else:
                    j += 1
            return n
    if text[start] == "'":
        end = text.find("'", start + 1)
        return n if end < 0 else end + 1
    j = start + 1
    while j < n and text[j] != '"':
        j += 2 if text[j] == "\\" else 1
    return j + 1


def key_lines(text: str) -> dict[str, int]:
    """Map each dotted key or table name (``"sync.timeout_s"``, ``"sync"``) to its first line."""
    lines: dict[str, int] = {}
    table: tuple[str, ...] = ()
    depth = 0  # nesting of [ ] and { } inside values
    line = 1
    i, n = 0, len(text)
    line_start = True
    while i < n:
        if line_start and depth == 0:
            end = text.find("\n", i)
            end = n if end < 0 else end
            if header := _HEADER.match(text, i, end):
                table = _split(header["key"])
                _record(lines, table, line)
            elif assign := _ASSIGN.match(text, i, end):
                _record(lines, table + _split(assign["key"]), line)
        line_start = False
        ch = text[i]
        if ch == "\n":
            line += 1
            line_start = True
            i += 1
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch in "\"'":
            j = _string_end(text, i)
            line += text.count("\n", i, j)
            i = j
        else:
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
            i += 1
    return lines


def line_of(lines: dict[str, int], dotted: str) -> int | None:
    """Line of ``dotted``, else of its nearest enclosing table, else None."""
    parts = dotted.split(".")
    while parts:
        found = lines.get(".".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None
