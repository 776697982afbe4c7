#!/usr/bin/env bash
# The gebiedsteam's console in a real browser (Debian's chromium, headless, driven by
# python3-selenium) against a real wijkstem-store and real kiosks: tests/e2e_console.py.
# Usage: e2e_console.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]  (wijkstem-store sits next to WIJKSTEM)
# With CONSOLE_SCREENSHOTS=DIR it also writes the console's screenshots there (make screenshots).
set -euo pipefail
exec /usr/bin/python3 "$2/tests/e2e_console.py" "$1" "$2"
