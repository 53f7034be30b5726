"""When a damaged store's schema itself is gone: find the tables by their pages.

The schema (sqlite_schema) grows past page 1 as migrations add tables, and its
later pages sit near the end of the file, so a truncated file often loses them;
SQLite then refuses every table. But the store's schema is known (it is ours),
and each table's b-tree can be told by its records: the number of columns and
the kind of a few of them. This pass, on the scratch copy only:

1. walks every page: b-tree pages that no interior page points to are roots;
2. decodes the first record under each root, and names the table it belongs to;
3. writes a new page 1 whose schema lists those tables (a table whose interior
   page was lost has several roots: each gets an entry ``<table>__<n>``).

Rows are then read by salvage_read.py as from any other damaged file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

LEAF_TABLE, INTERIOR_TABLE, LEAF_INDEX, INTERIOR_INDEX = 0x0D, 0x05, 0x0A, 0x02
Columns = Sequence[tuple[str, bool]]  # (name, is the INTEGER PRIMARY KEY)


def _varint(b: bytes, i: int) -> tuple[int, int]:
    v = 0
    for k in range(8):
        c = b[i + k]
        v = (v << 7) | (c & 0x7F)
        if c < 0x80:
            return v, i + k + 1
    return (v << 8) | b[i + 8], i + 9


def _put_varint(v: int) -> bytes:
    if v < 0x80:
        return bytes([v])
    out = []
    while v:
        out.append(v & 0x7F)
        v >>= 7
    out.reverse()
    return bytes([c | 0x80 for c in out[:-1]] + [out[-1]])


class _Pages:
    def __init__(self, data: bytes, page_size: int) -> None:
        self.data = data
        self.size = page_size
        self.count = len(data) // page_size

    def page(self, n: int) -> tuple[bytes, int]:
        start = (n - 1) * self.size
        return self.data[start : start + self.size], 100 if n == 1 else 0

    def kind(self, n: int) -> int:
        page, off = self.page(n)
        return page[off]

    def cells(self, n: int) -> list[int]:
        page, off = self.page(n)
        head = 12 if page[off] in (INTERIOR_TABLE, INTERIOR_INDEX) else 8
        count = int.from_bytes(page[off + 3 : off + 5], "big")
        ptrs = page[off + head : off + head + 2 * count]
        return [int.from_bytes(ptrs[i : i + 2], "big") for i in range(0, len(ptrs), 2)]

    def children(self, n: int) -> list[int]:
        page, off = self.page(n)
        if page[off] not in (INTERIOR_TABLE, INTERIOR_INDEX):
            return []
        found = [int.from_bytes(page[off + 8 : off + 12], "big")]
        found += [
            int.from_bytes(page[c : c + 4], "big") for c in self.cells(n) if c + 4 <= self.size
        ]
        return [c for c in found if 1 < c <= self.count]


def _serial_types(pages: _Pages, root: int) -> list[int] | None:
    """The serial types of the first record under a table root (leftmost leaf)."""
    n, seen = root, set()
    while pages.kind(n) == INTERIOR_TABLE and n not in seen:
        seen.add(n)
        kids = pages.children(n)
        if not kids:
            return None
        page, _ = pages.page(n)
        first = pages.cells(n)
        n = int.from_bytes(page[first[0] : first[0] + 4], "big") if first else kids[0]
        if not 1 < n <= pages.count:
            return None
    if pages.kind(n) != LEAF_TABLE:
        return None
    page, _ = pages.page(n)
    try:
        cell = pages.cells(n)[0]
        _, p = _varint(page, cell)  # payload size
        _, p = _varint(page, p)  # rowid
        header, q = _varint(page, p)
        types = []
        while q < p + header:
            t, q = _varint(page, q)
            types.append(t)
    except IndexError:
        return None
    return types


def _is_int(t: int) -> bool:
    return 1 <= t <= 6 or t in (8, 9)


def _is_text(t: int) -> bool:
    return t >= 13 and t % 2 == 1


def _is_blob(t: int) -> bool:
    return t >= 12 and t % 2 == 0


def _which(types: list[int], tables: Mapping[str, Columns]) -> str | None:
    """The table whose records look like this (column count, then a few kinds)."""
    n = len(types)
    if "submissions" in tables and n >= 20:
        return "submissions"
    shapes = {
        "attachments": n == 6 and _is_text(types[2]),
        "audit_log": n == 8 and _is_text(types[7]),
        "staff_accounts": n == 11,
        "terminal_identity": n == 7 and _is_blob(types[3]),
        "platform_keys": n == 4 and _is_blob(types[2]),
        "store_events": n == 4 and not _is_blob(types[2]),
        "receipt_sequences": n == 2 and _is_int(types[1]),
        "kv": n == 2 and _is_text(types[1]),
    }
    return next((t for t, ok in shapes.items() if ok and t in tables), None)


def _record(values: Sequence[str | int]) -> bytes:
    types, body = [], b""
    for v in values:
        if isinstance(v, int):
            types.append(4)
            body += v.to_bytes(4, "big")
        else:
            raw = v.encode()
            types.append(len(raw) * 2 + 13)
            body += raw
    head = b"".join(_put_varint(t) for t in types)
    size = len(head) + 1
    size = size if size < 0x80 else size + 1
    return _put_varint(size) + head + body


def _sql(name: str, columns: Columns) -> str:
    cols = ", ".join(f'"{c}" INTEGER PRIMARY KEY' if pk else f'"{c}"' for c, pk in columns)
    return f'CREATE TABLE "{name}"({cols})'


def _page_one(header: bytes, page_size: int, entries: list[tuple[str, int, str]]) -> bytes | None:
    page = bytearray(page_size)
    page[:100] = header
    end, pointers = page_size, []
    for rowid, (name, root, sql) in enumerate(entries, start=1):
        record = _record(["table", name, name, root, sql])
        cell = _put_varint(len(record)) + _put_varint(rowid) + record
        end -= len(cell)
        if end < 108 + 2 * len(entries) + 2:
            return None
        page[end : end + len(cell)] = cell
        pointers.append(end)
    page[100] = LEAF_TABLE
    page[103:105] = len(entries).to_bytes(2, "big")
    page[105:107] = (end if end < 65536 else 0).to_bytes(2, "big")
    for i, ptr in enumerate(pointers):
        page[108 + 2 * i : 110 + 2 * i] = ptr.to_bytes(2, "big")
    return bytes(page)


def rebuild_schema(
    path: Path, header: bytes, page_size: int, tables: Mapping[str, Columns]
) -> dict[str, list[str]]:
    """Write a new page 1 naming the tables found by their pages; table → entries."""
    data = path.read_bytes()
    pages = _Pages(data, page_size)
    pointed: set[int] = set()
    btrees = []
    for n in range(2, pages.count + 1):
        if pages.kind(n) in (LEAF_TABLE, INTERIOR_TABLE, LEAF_INDEX, INTERIOR_INDEX):
            btrees.append(n)
            pointed.update(pages.children(n))
    found: dict[str, list[int]] = {}
    for root in btrees:
        if root in pointed or pages.kind(root) not in (LEAF_TABLE, INTERIOR_TABLE):
            continue
        types = _serial_types(pages, root)
        name = _which(types, tables) if types else None
        if name is not None:
            found.setdefault(name, []).append(root)
    entries, names = [], {}
    for name, roots in found.items():
        names[name] = [name if i == 0 else f"{name}__{i}" for i in range(len(roots))]
        for entry, root in zip(names[name], roots, strict=True):
            entries.append((entry, root, _sql(entry, tables[name])))
    page_one = _page_one(header, page_size, entries)
    if page_one is None:
        return {}
    with path.open("r+b") as fh:
        fh.write(page_one)
    log.warning("salvage: schema rebuilt from pages: %s", {k: len(v) for k, v in found.items()})
    return names
