#!/usr/bin/env bash
# Installs Debian's Chromium for the report tests (they open report.html headless) when it is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing chromium (Debian package) for the report tests..." >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
command -v chromium >/dev/null
