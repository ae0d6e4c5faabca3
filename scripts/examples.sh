#!/usr/bin/env bash
# Regenerates docs/examples: the Markdown and HTML reports of the five seed articles, and
# screenshots of the HTML page at 1,400 px (desktop) and 420 px (phone) in headless Chromium.
#
#   scripts/examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
BIN=${CARGO_TARGET_DIR:-target}/debug/claimdiff
OUT=docs/examples
SEEDS=(fixtures/events/*/*.md)

"$BIN" compare "${SEEDS[@]}" --quiet --format md -o "$OUT/seeds-report.md"
"$BIN" compare "${SEEDS[@]}" --quiet --format html -o "$OUT/seeds-report.html"

command -v chromium >/dev/null || { echo "examples: chromium not installed; screenshots not made" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
shot() { # OUTPUT WIDTH HEIGHT URL
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$TMP/profile-$2" --window-size="$2,$3" --screenshot="$1" "$4" 2>/dev/null
}
PAGE="file://$PWD/$OUT/seeds-report.html"
shot "$OUT/seeds-report.png" 1400 2400 "$PAGE"
# Headless windows are at least 500 px wide: the phone is a 420 px frame.
python3 - "$OUT/seeds-report.html" "$TMP/phone.html" <<'PY'
import html, sys
page = open(sys.argv[1], encoding="utf-8").read()
frame = '<!DOCTYPE html><html><body style="margin:0"><iframe style="width:420px;height:2400px;border:0" srcdoc="%s"></iframe></body></html>'
open(sys.argv[2], "w", encoding="utf-8").write(frame % html.escape(page, quote=True))
PY
shot "$TMP/phone-full.png" 500 2400 "file://$TMP/phone.html"
python3 - "$TMP/phone-full.png" "$OUT/seeds-report-phone.png" <<'PY' 2>/dev/null || cp "$TMP/phone-full.png" "$OUT/seeds-report-phone.png"
import sys
from PIL import Image
Image.open(sys.argv[1]).crop((0, 0, 420, 2400)).save(sys.argv[2])
PY
echo "examples: $OUT regenerated"
