#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine: system packages, then the virtual
# environment with the project and its dev tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

# Qt runtime (offscreen and xcb), libpulse0 for QtMultimedia/TextToSpeech/the
# virtual keyboard's QML, a CJK font so Chinese never renders as boxes, Xvfb for
# screenshots, PostgreSQL binaries for central's tests, espeak-ng for voice.
APT_PACKAGES=(
  libegl1 libgl1 libopengl0 libx11-6 libx11-xcb1 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libcups2 libpulse0 libpulse-mainloop-glib0
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libnss3 libasound2
  # The packaged build's other runtime libraries (docs/deployment.md lists them all;
  # tests/package/test_bundle_contents.py checks both lists): speechd for the
  # voice plugin, the rest for Qt, FFmpeg and Python's standard library.
  libspeechd2 libdrm2 libxext6 libxrandr2 libxcb-glx0 libxcb-render0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libstdc++6 libgcc-s1 zlib1g libzstd1 liblzma5 libbz2-1.0
  libbrotli1 libffi8 libssl3 libsqlite3-0 libuuid1 libgssapi-krb5-2
  fonts-wqy-microhei fontconfig
  xvfb xauth
  # The touch suite (tests/touch/, docs/ui.md): real pointer taps on Xvfb with xdotool;
  # cage (a Wayland kiosk compositor, headless backend) and grim (its screenshots) for
  # the kiosk under Wayland; x11-apps (xwd, xclock: a window mapped over the kiosk).
  xdotool cage grim x11-apps
  # make package: PyInstaller reads libraries with objdump; the trimmed ICU data
  # library is assembled and linked with as/ld (build/bundle_rules.py).
  binutils
  postgresql
  python3-venv
  # The sqlite3 command line: its .recover is a salvage pass for a damaged store
  # (terminal/store/salvage_read.py; skipped when absent).
  sqlite3
  # The terminal's keys sealed to a TPM 2.0 (terminal/crypto/tpm.py runs the tpm2_*
  # commands; the device TCTI reaches /dev/tpmrm0) and, for the tests, a software TPM
  # on loopback reached through the swtpm TCTI (tests/terminal/crypto).
  tpm2-tools libtss2-tcti-device0 libtss2-tcti-swtpm0
  swtpm swtpm-tools
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v -i "^warning" || true
"$VENV/bin/python" -m pip install -q -e ".[dev]" 2>&1 | grep -v -i "warning" || true
"$VENV/bin/python" -c "import PySide6, sqlalchemy, alembic, fastapi; print('setup: PySide6', PySide6.__version__)"
