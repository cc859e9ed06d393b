#!/usr/bin/env bash
# Debian's chromium for the review page's headless-browser test (tests/test_review_show_browser.py).
# Idempotent: quick when /usr/bin/chromium is already there; `apt-get update` only when needed.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
install() { $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }
# Fresh package lists only when the cached ones do not know chromium or are stale (404s).
if ! apt-cache show chromium >/dev/null 2>&1 || ! install; then
  $SUDO apt-get update -qq
  install
fi
/usr/bin/chromium --version
