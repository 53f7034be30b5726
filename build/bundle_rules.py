"""What goes into the one-dir bundle, and what is left out (build/mashangban.spec).

Every rule says why, and the measured size it saves (PySide6 6.11.3, CPython
3.11.7, Debian 12; apparent sizes of build/dist/mashangban: 266.1 MB before
these rules, 170.7 MB with them). tests/package/test_bundle_contents.py fails
when something left out comes back or something needed goes missing;
`mashangban --bundle-probe` (build/bundle_probe.py) proves the kept pieces work.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path

from bundle_elf import Elf, is_elf

# A PyInstaller TOC entry: (name in the bundle, source path, typecode).
Entry = tuple[str, str, str]

QT = "PySide6/Qt/"

# -- Python modules -----------------------------------------------------------
# Never imported by the terminal, but reachable in the import graph (try/except
# imports, tools, other platforms). The executable with the PYZ: 14.2 → 10.8 MB.
# fmt: off
EXCLUDED_MODULES = [
    # Test and dev tools: never in a kiosk.
    "pytest", "_pytest", "hypothesis", "mypy", "IPython", "tkinter", "_tkinter",
    "unittest", "pydoc", "pydoc_data", "lib2to3", "idlelib", "ensurepip", "venv",
    # PostgreSQL is for a real central, never the kiosk's embedded one (SQLite).
    "psycopg", "psycopg_binary", "psycopg2",
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle",
    "sqlalchemy.testing",
    # Pretty-printing pydantic imports if present (rich → pygments, markdown_it: 2.4 MB).
    "rich", "pygments", "markdown_it", "mdurl",
    "matplotlib", "pandas", "numpy",
    # Pydantic 1 compatibility: FastAPI and pydantic import it only to recognise v1
    # models, and take ImportError as "none" (0.3 MB).
    "pydantic.v1",
    # Pillow: the terminal opens and writes JPEG/PNG only (camera photos, scanner
    # images); no text drawing, colour management, AVIF/WebP or Tk. pillow.libs
    # 14.3 → 5.3 MB (libavif alone 4.9 MB); what stays is what _imaging links.
    "PIL._avif", "PIL._webp", "PIL._imagingcms", "PIL._imagingft", "PIL._imagingtk",
    "PIL.ImageTk", "PIL.ImageCms",
    # Qt bindings nothing imports (0.5 MB). QtQuick imports QtOpenGL (8.9 MB) and
    # QtQml imports QtNetwork, so those stay: ui/widgets/keyboard_dock.py needs them.
    "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtMultimediaWidgets",
]
# fmt: on
# Codecs for Japanese, Korean, Taiwanese and Hong Kong text (lib-dynload 4.7 →
# 4.2 MB); GB18030/GBK are _codecs_cn's.
EXCLUDED_EXTENSIONS = re.compile(r"python3\.\d+/lib-dynload/_codecs_(jp|kr|tw|hk|iso2022)\..*")

# -- Qt plugins, QML, translations ----------------------------------------------
# Allow-lists below PySide6/Qt/: everything else PySide6's hook collects is left
# out. Plugins 2.7 → 2.0 MB (no minimalegl, generic input, compose/ibus, tiff/gif
# image formats, ...).
PLUGINS = (
    "platforms/libqxcb.so",  # the kiosk (X11; also XWayland under cage)
    "platforms/libqoffscreen.so",  # selftest, tests, doctor
    "platforminputcontexts/libqtvirtualkeyboardplugin.so",  # the on-screen keyboard
    "xcbglintegrations/",  # OpenGL on xcb: the keyboard's QQuickWidget renders with it
    "imageformats/libqjpeg.so",  # camera photos
    "imageformats/libqsvg.so",  # the keyboard's key icons
    "imageformats/libqico.so",
    "iconengines/libqsvgicon.so",
    "texttospeech/",  # speechd (voice) and mock
    "multimedia/libffmpegmediaplugin.so",  # camera capture (the only Linux backend)
    "printsupport/libcupsprintersupport.so",  # system printers (ui/printing)
)
# The keyboard's QML (QML_IMPORT_TRACE of keyboard.qml, typing pinyin and English):
# QtQuick, Window, Layouts, QtQml (Models, WorkerScript), the folder model and
# the keyboard itself. No Controls, Templates, Shapes, Effects: QML 4.6 → 3.0 MB,
# and with their libraries (QuickControls2*, QuickTemplates2, ...) Qt's libraries
# 60.5 → 53.1 MB (prune).
# (Its key-click sound would import QtMultimedia's QML; the terminal sets none.)
# fmt: off
QML = (
    "qml/QtQml/qmldir", "qml/QtQml/libqmlplugin.so", "qml/QtQml/Models/",
    "qml/QtQml/WorkerScript/", "qml/QtQuick/qmldir", "qml/QtQuick/libqtquick2plugin.so",
    "qml/QtQuick/Window/", "qml/QtQuick/Layouts/", "qml/QtQuick/VirtualKeyboard/",
    "qml/Qt/labs/folderlistmodel/",
)
# fmt: on
# Of the keyboard's input methods only Pinyin (and the built-in English) are used:
# Hangul, OpenWNN (Japanese), TCIme (Cangjie/Zhuyin) and Thai are left out (2 MB)
# and the Plugins qmldir that imports them is rewritten (vkb_plugins_qmldir).
VKB_PLUGINS = "qml/QtQuick/VirtualKeyboard/Plugins/"
VKB_IMES = ("Pinyin",)
# Qt's own messages in the terminal's two languages (ui/i18n.py).
TRANSLATIONS = re.compile(r"(qt|qtbase|qtdeclarative|qtmultimedia)_(zh_CN|en)\.qm")


def keep_qt(dest: str) -> bool:
    """Whether a file below PySide6/Qt/ (a plugin, QML, translation) goes in."""
    rest = dest[len(QT) :]
    if rest.startswith("plugins/"):
        return rest[len("plugins/") :].startswith(PLUGINS)
    if rest.startswith("qml/"):
        if rest.endswith(".qmltypes"):  # for qmllint and Qt Creator only
            return False
        if rest.startswith(VKB_PLUGINS):
            sub = rest[len(VKB_PLUGINS) :]
            return "/" not in sub or sub.startswith(tuple(f"{ime}/" for ime in VKB_IMES))
        return rest.startswith(QML)
    if rest.startswith("translations/"):
        return bool(TRANSLATIONS.fullmatch(rest.rsplit("/", 1)[-1]))
    return True  # lib/: pruned by what the kept files need (prune)


# -- System libraries -----------------------------------------------------------
# PyInstaller copies the Debian libraries the wheels link against (libstdc++,
# glib, X11/xcb, GL, cups, pulse, gnutls, krb5, ...): 44.2 MB. The terminal is
# Debian 12 like the build machine and installs them as packages
# (docs/deployment.md, scripts/setup.sh), so the bundle leaves them to the
# system. What stays bundled is what the OS does not provide: the interpreter
# (libpython 3.11 from the build's Python), the wheels' own libraries (Qt, ICU,
# FFmpeg, pillow.libs) and the extension modules.
SYSTEM_PREFIXES = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def is_system_library(src: str) -> bool:
    return os.path.realpath(src).startswith(SYSTEM_PREFIXES)


# -- ICU data -----------------------------------------------------------------
# Qt Core links ICU 73 (the wheel's own; Debian 12 has 72) and uses it only for
# collation (QCollator, QML localeCompare), codecs (QStringConverter), time-zone
# names and case mapping (the imports of libQt6Core: ucol_*, ucnv_*, ucal_*,
# u_strTo*). The data library holds every locale, converter, break-iterator
# dictionary and transliterator: 32.0 MB. It is rebuilt with only what Qt can
# ask for in zh_CN and en: root, zh* and en* locales (collation incl. pinyin,
# time-zone names), the Chinese converters and the core tables. 32.0 → 3.9 MB.
ICU_LOCALES = re.compile(r"(root|zh|en)(_[A-Za-z0-9_]+)?")
ICU_LOCALE_NAME = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9_]*)?")
ICU_TREES_KEPT = ("coll", "zone")  # collation; time-zone display names
# GB18030; GBK/CP936 (a delta on ibm-1386); GB2312/EUC-CN.
ICU_CONVERTERS = ("gb18030", "windows-936-2000", "ibm-1386_P100-2001", "ibm-1383_P110-1999")
# Character names (u_charName), stringprep profiles and the spoof checker's
# confusables: not used by Qt (it has its own IDNA and normalization).
ICU_UNUSED = re.compile(r"unames\.icu|.*\.spp|confusables\.cfu")


def icu_keep(item: str) -> bool:
    """Whether an item of the ICU common data ("icudt73l/coll/zh.res") is kept."""
    parts = item.split("/")[1:]
    if len(parts) == 2:  # a tree: brkitr, coll, curr, lang, rbnf, region, translit, unit, zone
        tree, name = parts
        if tree not in ICU_TREES_KEPT:
            return False
    else:
        [name] = parts
    stem, _, ext = name.rpartition(".")
    if ICU_UNUSED.fullmatch(name):
        return False
    if ext == "cnv":
        return stem in ICU_CONVERTERS
    if ext == "res" and ICU_LOCALE_NAME.fullmatch(stem):
        return bool(ICU_LOCALES.fullmatch(stem))
    return True  # pool.res, res_index.res, ucadata.icu, supplementalData.res, props, ...


def icu_items(blob: bytes) -> list[tuple[str, bytes]]:
    """The (name, bytes) items of an ICU common data package ("CmnD")."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", blob, header_size)[0]
    toc = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(toc):
        start = header_size + name_at
        name = blob[start : blob.index(b"\0", start)].decode()
        end = toc[i + 1][1] if i + 1 < count else len(blob) - header_size
        items.append((name, blob[header_size + data_at : header_size + end]))
    return items


def icu_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package of these items (sorted by name, 16-aligned)."""
    items = sorted(items, key=lambda item: item[0].encode())
    names = b"".join(name.encode() + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)  # offsets count from the TOC, names follow it
    data_at = _align(len(header) + toc_size + len(names)) - len(header)
    toc, datas, name_at = [], [], toc_size
    for name, data in items:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name.encode()) + 1
        padded = data + b"\0" * (_align(len(data)) - len(data))
        datas.append(padded)
        data_at += len(padded)
    body = struct.pack("<I", len(items)) + b"".join(toc) + names
    body += b"\0" * (_align(len(header) + len(body)) - len(header) - len(body))
    return header + body + b"".join(datas)


def _align(n: int, to: int = 16) -> int:
    return (n + to - 1) // to * to


def build_icu_data_library(src: Path, work: Path) -> Path:
    """libicudata.so.NN with the filtered data, built with binutils (as, ld)."""
    lib = Elf(src)
    symbol, blob = lib.symbol_bytes(lambda s: s.startswith("icudt") and s.endswith("_dat"))
    header_size = struct.unpack_from("<H", blob, 0)[0]
    kept = [item for item in icu_items(blob) if icu_keep(item[0])]
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"{symbol}.dat"
    data.write_bytes(icu_package(blob[:header_size], kept))
    asm = work / f"{symbol}.s"
    asm.write_text(
        "\n".join(
            [
                "\t.section .rodata",
                f"\t.globl {symbol}",
                f"\t.type {symbol}, @object",
                "\t.balign 16",
                f"{symbol}:",
                f'\t.incbin "{data.name}"',
                f"\t.size {symbol}, . - {symbol}",
                '\t.section .note.GNU-stack,"",@progbits',
                "",
            ]
        )
    )
    soname = lib.soname or src.name
    subprocess.run(["as", "-o", f"{symbol}.o", asm.name], cwd=work, check=True)
    subprocess.run(
        ["ld", "-shared", "-z", "noexecstack", "-soname", soname, "-o", soname, f"{symbol}.o"],
        cwd=work,
        check=True,
    )
    return work / soname


# -- Generated and stripped files ---------------------------------------------
def vkb_plugins_qmldir(src: Path, work: Path) -> Path:
    """The keyboard's Plugins qmldir importing only the input methods kept: it
    imports all five, and one missing makes the whole keyboard unavailable."""
    lines = [
        line
        for line in src.read_text(encoding="utf-8").splitlines()
        if not line.startswith("import QtQuick.VirtualKeyboard.Plugins.")
        or line.split()[1].rsplit(".", 1)[-1] in VKB_IMES
    ]
    out = work / "vkb-plugins" / "qmldir"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def stripped(src: Path, dest: str, work: Path) -> Path:
    """A stripped copy of a binary that still has its symbol table (libpython 23 →
    5.7 MB, cryptography 14.4 → 11.6 MB, …). Binaries already stripped are left
    alone: PyInstaller's strip=True strips everything again and that broke the
    FFmpeg libraries ("ELF load command address/offset not page-aligned": no
    camera)."""
    if not Elf(src).has_symtab:
        return src
    out = work / "stripped" / dest
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, out)
    subprocess.run(["strip", "--strip-unneeded", str(out)], check=True)
    return out


# -- Pruning -------------------------------------------------------------------
def roots(binaries: Iterable[Entry], datas: Iterable[Entry]) -> set[str]:
    """What is loaded by name rather than by linking: extension modules, libpython,
    Qt plugins and QML plugins. Libraries nothing of these needs are left out."""
    out = set()
    for dest, _src, typ in [*binaries, *datas]:
        name = dest.rsplit("/", 1)[-1]
        qt_plugin = dest.startswith((QT + "plugins/", QT + "qml/")) and name.endswith(".so")
        if typ == "EXTENSION" or name.startswith("libpython") or qt_plugin:
            out.add(dest)
    return out


def needed_closure(files: dict[str, Path], start: set[str]) -> set[str]:
    """The bundle names (dest) `start` needs, following DT_NEEDED by file name."""
    by_name: dict[str, list[str]] = {}
    for dest in files:
        by_name.setdefault(dest.rsplit("/", 1)[-1], []).append(dest)
    seen: set[str] = set()
    todo = [d for d in start if d in files]
    while todo:
        dest = todo.pop()
        if dest in seen:
            continue
        seen.add(dest)
        path = files[dest]
        if not is_elf(path):
            continue
        for needed in Elf(path).needed:
            todo.extend(by_name.get(needed, []))
    return seen


def prune(binaries: list[Entry], datas: list[Entry], work: Path) -> tuple[list[Entry], list[Entry]]:
    """Leave out system libraries and every library nothing kept needs; then the
    symlinks PyInstaller makes (in datas) to anything left out. The lists of what
    was left out go to <work>/left-out.txt."""
    kept = [e for e in binaries if e[2] == "SYMLINK" or not is_system_library(e[1])]
    system = sorted({e[0] for e in binaries if e not in kept})
    files = {d: Path(s) for d, s, t in [*kept, *datas] if t != "SYMLINK" and is_elf(Path(s))}
    needed = needed_closure(files, roots(kept, datas))
    unneeded = sorted(d for d, _, t in kept if t != "SYMLINK" and d in files and d not in needed)
    kept = [e for e in kept if e[2] == "SYMLINK" or e[0] not in unneeded]
    present = {e[0] for e in [*kept, *datas] if e[2] != "SYMLINK"}
    links = [e for e in [*kept, *datas] if e[2] == "SYMLINK" and _link_target(e) not in present]
    kept = [e for e in kept if e not in links]
    datas = [e for e in datas if e not in links]
    work.mkdir(parents=True, exist_ok=True)
    (work / "left-out.txt").write_text(
        "".join(
            f"# {title}\n" + "".join(f"{name}\n" for name in names)
            for title, names in (
                ("system libraries (the OS provides them)", system),
                ("libraries nothing kept needs", unneeded),
                ("symlinks to what was left out", sorted(e[0] for e in links)),
            )
        ),
        encoding="utf-8",
    )
    print(
        f"bundle: left out {len(system)} system libraries, {len(unneeded)} unneeded "
        f"libraries, {len(links)} symlinks (list: {work / 'left-out.txt'})"
    )
    return kept, datas


def _link_target(entry: Entry) -> str:
    dest, target, _ = entry
    return os.path.normpath(os.path.join(os.path.dirname(dest), target))
