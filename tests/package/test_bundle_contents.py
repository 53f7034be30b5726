"""What the bundle holds and what it leaves out (build/bundle_rules.py), that the
system libraries it links come from documented packages, and that its Qt pieces
work (`mashangban --bundle-probe`, build/bundle_probe.py).

The expected sets are written out here, not taken from bundle_rules.py, so a rule
that drifts fails. After a Qt upgrade re-derive them (docs/benchmarks.md).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.bench_package import apparent_size
from tests.conftest import cli_env
from tests.xdisplay import xvfb_display

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bundle_elf", REPO / "build" / "bundle_elf.py")
assert _spec and _spec.loader
bundle_elf = sys.modules.setdefault("bundle_elf", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(bundle_elf)
Elf, is_elf = bundle_elf.Elf, bundle_elf.is_elf

# Issue #7 asks for <= 150 MB; 170.7 MB is what the rules reach (docs/benchmarks.md
# "Packaged build" says what remains). This ceiling stops the bundle growing back.
SIZE_CEILING = 175_000_000

QT_LIBS = {
    # Widgets, the keyboard's Quick/QML stack, and what they link.
    "Core", "Gui", "Widgets", "DBus", "Network", "OpenGL", "Svg", "XcbQpa", "Concurrent",
    "Qml", "QmlMeta", "QmlModels", "QmlWorkerScript", "Quick", "QuickLayouts",
    "QuickWidgets", "LabsFolderListModel", "VirtualKeyboard", "VirtualKeyboardQml",
    "VirtualKeyboardSettings",
    # Camera and microphone, voice, system printers.
    "Multimedia", "TextToSpeech", "PrintSupport",
}  # fmt: skip
FFMPEG = {"avcodec", "avformat", "avutil", "swresample", "swscale"}
ICU = {"icudata", "icui18n", "icuuc"}
PLUGINS = {
    "platforms/libqxcb.so", "platforms/libqoffscreen.so",
    "platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
    "imageformats/libqjpeg.so", "imageformats/libqsvg.so", "imageformats/libqico.so",
    "iconengines/libqsvgicon.so",
    "texttospeech/libqtexttospeech_speechd.so", "texttospeech/libqtexttospeech_mock.so",
    "multimedia/libffmpegmediaplugin.so",
    "printsupport/libcupsprintersupport.so",
}  # fmt: skip
QML_DIRS = {
    "Qt", "Qt/labs", "Qt/labs/folderlistmodel", "QtQml", "QtQml/Models", "QtQml/WorkerScript",
    "QtQuick", "QtQuick/Layouts", "QtQuick/Window", "QtQuick/VirtualKeyboard",
    "QtQuick/VirtualKeyboard/Components", "QtQuick/VirtualKeyboard/Core",
    "QtQuick/VirtualKeyboard/Layouts", "QtQuick/VirtualKeyboard/Plugins",
    "QtQuick/VirtualKeyboard/Plugins/Pinyin", "QtQuick/VirtualKeyboard/Settings",
    "QtQuick/VirtualKeyboard/Styles", "QtQuick/VirtualKeyboard/Styles/Builtin",
}  # fmt: skip
DEFAULT_LIBRARY_DIRS = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/lib")
SYSTEM_SAMPLES = (  # Debian's, which PyInstaller used to copy
    "libstdc++.so.6", "libglib-2.0.so.0", "libX11.so.6", "libgnutls.so.30", "libssl.so.3",
    "libcrypto.so.3", "libsqlite3.so.0", "libcups.so.2", "libpulse.so.0", "libfreetype.so.6",
)  # fmt: skip
NEVER = (  # package directories that must not come back
    "psycopg", "psycopg_binary", "psycopg2", "hypothesis", "pytest", "_pytest", "mypy",
    "rich", "pygments", "markdown_it", "numpy", "tkinter", "schemathesis", "PyInstaller",
)  # fmt: skip


def _module(lib: str) -> str:
    """libQt6Quick.so.6 → Quick; libavcodec.so.61 → avcodec."""
    stem = lib.split(".so")[0].removeprefix("lib")
    return stem.removeprefix("Qt6")


@pytest.fixture(scope="module")
def internal(bundle: Path) -> Path:
    return bundle / "_internal"


@pytest.fixture(scope="module")
def elf_files(bundle: Path) -> list[Path]:
    return [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]


def test_the_bundle_stays_small(bundle: Path) -> None:
    size = apparent_size(bundle)
    assert size <= SIZE_CEILING, f"{size / 1e6:.1f} MB: something left out came back"


def test_qt_holds_the_keyboard_camera_voice_and_printing_and_nothing_else(
    internal: Path,
) -> None:
    qt = internal / "PySide6" / "Qt"
    libs = {_module(p.name) for p in (qt / "lib").iterdir()}
    stubs = {m for m in libs if m.startswith("FFmpegStub-")}  # FFmpeg's dlopen shims
    assert libs - stubs == QT_LIBS | FFMPEG | ICU
    plugins = {str(p.relative_to(qt / "plugins")) for p in (qt / "plugins").rglob("*.so")}
    assert plugins == PLUGINS
    qml_dirs = {str(p.relative_to(qt / "qml")) for p in (qt / "qml").rglob("*") if p.is_dir()}
    assert qml_dirs == QML_DIRS  # the keyboard's QML with Pinyin only, no Controls & co.
    assert not list((qt / "qml").rglob("*.qmltypes"))
    qmldir = (qt / "qml/QtQuick/VirtualKeyboard/Plugins/qmldir").read_text(encoding="utf-8")
    assert re.findall(r"^import (\S+)", qmldir, re.M) == ["QtQuick.VirtualKeyboard.Plugins.Pinyin"]
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert {"qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_en.qm"} <= translations
    qm = re.compile(r"qt(base|declarative|multimedia)?_(zh_CN|en)\.qm")
    assert all(qm.fullmatch(t) for t in translations)
    bindings = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert bindings == {
        "QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtOpenGL", "QtQml", "QtQuick",
        "QtQuickWidgets", "QtMultimedia", "QtTextToSpeech", "QtPrintSupport",
    }  # fmt: skip


def test_icu_data_is_cut_to_chinese_and_english(internal: Path) -> None:
    data = internal / "PySide6/Qt/lib/libicudata.so.73"
    assert data.stat().st_size < 6_000_000, "the full ICU data (32 MB) came back"


def test_what_the_terminal_needs_is_there_and_left_out_packages_stay_out(
    internal: Path,
) -> None:
    assert (internal / "resources/catalog/demo-catalog.json").is_file()
    assert list((internal / "resources/i18n").glob("mashangban_zh_CN.qm"))
    assert (internal / "ui/qml/keyboard.qml").is_file()
    assert list((internal / "terminal/store/migrations/versions").glob("*.py"))
    assert list((internal / "central/migrations/versions").glob("*.py"))  # embedded central
    assert (internal / "pypinyin/pinyin_dict.json").is_file()
    pinyin = internal / "PySide6/Qt/qml/QtQuick/VirtualKeyboard/Plugins/Pinyin"
    assert (pinyin / "libqtvkbpinyinplugin.so").is_file()
    tops = {p.name.split("-")[0] for p in internal.iterdir()}
    assert not tops & set(NEVER)
    pil = {p.name.split(".")[0] for p in (internal / "PIL").glob("*.so")}
    assert pil == {"_imaging"}  # no AVIF, WebP, FreeType, LittleCMS, Tk


def test_no_system_library_is_bundled_and_no_link_dangles(
    bundle: Path, internal: Path, elf_files: list[Path]
) -> None:
    """PyInstaller puts the system libraries it copies at the top of _internal; only
    the build's own Python and extension modules may be there (the other top-level
    names are links into PySide6/ and pillow.libs/)."""
    top = {p.name for p in internal.iterdir() if p.is_file() and not p.is_symlink()}
    top_libs = {n for n in top if ".so" in n and ".cpython-" not in n}
    assert top_libs == {"libpython3.11.so.1.0"}
    bundled = {p.name for p in elf_files}
    assert not bundled & set(SYSTEM_SAMPLES)
    dangling = [str(p) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling


def test_every_system_library_it_links_comes_from_a_documented_package(
    elf_files: list[Path],
) -> None:
    """docs/deployment.md lists the runtime packages and scripts/setup.sh installs
    them: a library the bundle links but neither carries nor documents fails here."""
    bundled = {p.name for p in elf_files}
    needed = {n for p in elf_files for n in Elf(p).needed} - bundled
    system = _system_sonames()
    unresolved = sorted(needed - system.keys())
    assert not unresolved, f"not on this machine (scripts/setup.sh?): {unresolved}"
    packages = _owning_packages(sorted(system[n] for n in needed))
    documented = _deployment_packages()
    assert documented, "no runtime package list in docs/deployment.md"
    undocumented = sorted(set(packages.values()) - documented - {"libc6"})
    assert not undocumented, f"add to docs/deployment.md and scripts/setup.sh: {undocumented}"
    not_in_setup = sorted(documented - _setup_packages())
    assert not not_in_setup, f"scripts/setup.sh does not install {not_in_setup}"


@pytest.mark.parametrize("platform", ["offscreen", "xcb"])
def test_the_bundle_probe_passes(bundle: Path, data_dir: Path, platform: str) -> None:
    """The keyboard types 你好 (and draws its keys), the camera backend, voice and print
    plugins load, translations and ICU work — from the bundle (build/bundle_probe.py).
    xcb is the kiosk's platform (under Xvfb): its plugin and GL integration link only
    system libraries now."""
    command = [str(bundle / "mashangban"), "--bundle-probe"]
    env = cli_env(data_dir)
    with contextlib.ExitStack() as stack:
        if platform == "xcb":
            env.update(QT_QPA_PLATFORM="xcb", DISPLAY=stack.enter_context(xvfb_display()))
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    keyboard = probe["keyboard"]
    assert keyboard["loaded"] and keyboard["shown"], result.stderr[-3000:]
    assert keyboard["preedit"] == "ni hao" and keyboard["text"] == "你好ok"  # Pinyin, English
    assert keyboard["colours"] > 8, "the keyboard panel is blank"
    assert probe["multimedia"]["ffmpeg_loaded"] and probe["multimedia"]["video_decoders"] > 0
    speech = probe["speech_and_print"]
    assert {"speechd", "mock"} <= set(speech["tts_engines"]) and speech["tts_mock_ready"]
    assert speech["cups_loaded"]
    assert all(probe["translations"].values())
    icu = probe["icu"]
    assert icu["pinyin_order"] == ["阿明", "李四", "王五", "张三"]
    assert all(icu["converters"].values())
    assert icu["zone_name_zh"] == "中国标准时间" and icu["upper"] == "STRASSE"
    formats = set(probe["images"]["qt_image_formats"])
    assert {"jpeg", "png", "svg", "ico"} <= formats and not {"pdf", "webp", "tiff"} & formats
    assert all(probe["images"]["pil"].values())
    assert probe["left_out"]["present"] == []


def _system_sonames() -> dict[str, str]:
    """soname → path of the x86-64 libraries the dynamic linker finds on this machine:
    its cache, then the default directories (libbz2.so.1 is only there)."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        match = re.match(r"\s*(\S+) \((.*?)\) => (\S+)", line)
        if match and "x86-64" in match.group(2):
            found.setdefault(match.group(1), match.group(3))
    for folder in DEFAULT_LIBRARY_DIRS:
        for path in Path(folder).glob("lib*.so*"):
            found.setdefault(path.name, str(path))
    return found


def _owning_packages(paths: list[str]) -> dict[str, str]:
    """Library path → the Debian package that installed it."""
    names = sorted({Path(p).name for p in paths})
    out = subprocess.run(
        ["dpkg", "-S", *[f"*/{n}" for n in names]], capture_output=True, text=True
    ).stdout
    owners: dict[str, str] = {}
    for line in out.splitlines():
        package, _, path = line.partition(": ")
        if Path(path).name in names:
            owners.setdefault(Path(path).name, package.split(":")[0].split(",")[0])
    missing = sorted(set(names) - owners.keys())
    assert not missing, f"no Debian package owns {missing}"
    return owners


def _deployment_packages() -> set[str]:
    """The packages of the apt-get block under "The packaged build" in docs/deployment.md."""
    doc = (REPO / "docs" / "deployment.md").read_text(encoding="utf-8")
    section = doc.split("### The packaged build", 1)[1]
    block = re.search(r"```sh\n(apt-get install .*?)```", section, re.S)
    assert block, "docs/deployment.md: no apt-get block in the packaged-build section"
    words = block.group(1).replace("\\\n", " ").split()
    return {w for w in words[2:] if not w.startswith("-")}


def _setup_packages() -> set[str]:
    script = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    body = re.search(r"^APT_PACKAGES=\((.*?)^\)", script, re.S | re.M)
    assert body, "scripts/setup.sh: no APT_PACKAGES"
    return {w for line in body.group(1).splitlines() for w in line.split("#", 1)[0].split()}
