#!/bin/sh
# Runs a browser test (report.test.js, or the script named by BROWSER_TEST, e.g. sweep.test.js)
# when its tools are installed.
#   usage: run.sh CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR
# Without node, Chromium or playwright-core the test is skipped (exit 77), or fails when
# CORRIDOR_REQUIRE_BROWSER=1 (`make test` sets it after installing them).
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
missing=""
command -v node >/dev/null 2>&1 || missing="$missing node"
[ -x "$chromium" ] || missing="$missing $chromium"
[ -f "$here/node_modules/playwright-core/package.json" ] || missing="$missing playwright-core"
if [ -n "$missing" ]; then
  echo "browser test: missing$missing. 'make test' installs them (Debian packages chromium, nodejs, npm;" \
       "then 'npm ci' in tests/browser)."
  [ "${CORRIDOR_REQUIRE_BROWSER:-0}" = 1 ] && exit 1
  exit 77
fi
exec node "$here/${BROWSER_TEST:-report.test.js}" "$@"
