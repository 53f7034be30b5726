"""Just enough of ELF (64-bit, little-endian) for the bundle: a file's needed
libraries and sonames, whether it still carries a symbol table, and where a
dynamic symbol's bytes are. Used by build/bundle_rules.py and tests/package."""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"\x7fELF"
DT_NEEDED, DT_SONAME, DT_STRTAB = 1, 14, 5
SHT_SYMTAB, SHT_DYNAMIC, SHT_DYNSYM = 2, 6, 11


@dataclass(frozen=True)
class Section:
    name: str
    type: int
    addr: int
    offset: int
    size: int
    link: int


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == MAGIC
    except OSError:
        return False


class Elf:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path.read_bytes()
        if self.data[:4] != MAGIC or self.data[4] != 2 or self.data[5] != 1:
            raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
        (shoff,) = struct.unpack_from("<Q", self.data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", self.data, 0x3A)
        raw = []
        for i in range(shnum):
            name, typ, _flags, addr, offset, size, link = struct.unpack_from(
                "<IIQQQQI", self.data, shoff + i * shentsize
            )
            raw.append((name, typ, addr, offset, size, link))
        names_at = raw[shstrndx][3] if raw else 0
        self.sections = [
            Section(self._str(names_at + n), t, a, o, s, lk) for n, t, a, o, s, lk in raw
        ]

    def _str(self, at: int) -> str:
        return self.data[at : self.data.index(b"\0", at)].decode()

    def _dynamic(self) -> list[tuple[int, int]]:
        for sec in self.sections:
            if sec.type == SHT_DYNAMIC:
                count = sec.size // 16
                return [
                    struct.unpack_from("<qQ", self.data, sec.offset + 16 * i) for i in range(count)
                ]
        return []

    def _dynstr(self, value: int) -> str:
        strtab = next(s for s in self.sections if s.name == ".dynstr")
        return self._str(strtab.offset + value)

    @property
    def needed(self) -> list[str]:
        return [self._dynstr(v) for tag, v in self._dynamic() if tag == DT_NEEDED]

    @property
    def soname(self) -> str | None:
        return next((self._dynstr(v) for tag, v in self._dynamic() if tag == DT_SONAME), None)

    @property
    def has_symtab(self) -> bool:
        """Not stripped: `strip` would make it smaller."""
        return any(s.type == SHT_SYMTAB for s in self.sections)

    def symbol_bytes(self, predicate: Callable[[str], bool]) -> tuple[str, bytes]:
        """The name and bytes of the first dynamic symbol whose name `predicate` accepts."""
        dynsym = next(s for s in self.sections if s.type == SHT_DYNSYM)
        strtab = self.sections[dynsym.link]
        for i in range(dynsym.size // 24):
            name_at, _info, _other, _shndx, value, size = struct.unpack_from(
                "<IBBHQQ", self.data, dynsym.offset + 24 * i
            )
            name = self._str(strtab.offset + name_at)
            if name and predicate(name):
                sec = next(s for s in self.sections if s.addr <= value < s.addr + s.size and s.addr)
                start = sec.offset + value - sec.addr
                return name, self.data[start : start + size]
        raise LookupError(f"{self.path}: no such dynamic symbol")
