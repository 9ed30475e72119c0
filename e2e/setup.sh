#!/usr/bin/env bash
# Installs what the e2e suite needs and is missing: its npm packages (from package-lock.json)
# and a Chromium for the playground test (Debian's package; needs root, as on CI).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ ! -d "$here/node_modules" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "e2e: installing Chromium (apt-get)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "e2e: no Chromium at $chromium; install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
