#!/usr/bin/env bash
# Keep the translations current: extract every tr() string from ui/ into the
# .ts files (pyside6-lupdate keeps existing translations), then compile .qm.
# Usage: scripts/i18n.sh [update|release|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
BIN="$VENV/bin"
TS_FILES=(resources/i18n/mashangban_zh_CN.ts)
step=${1:-all}

if [ "$step" = update ] || [ "$step" = all ]; then
  mapfile -t sources < <(find ui -name '*.py' -not -path '*/__pycache__/*' | sort)
  "$BIN/pyside6-lupdate" -no-obsolete -locations relative -target-language zh_CN "${sources[@]}" -ts "${TS_FILES[@]}"
fi
if [ "$step" = release ] || [ "$step" = all ]; then
  for ts in "${TS_FILES[@]}"; do
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
  done
fi
