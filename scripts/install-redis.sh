#!/usr/bin/env bash
# Installs Debian's redis-server (cluster membership and run checkpoints) when it is missing.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing redis-server (Debian package) for clusters and the cluster tests..." >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server >/dev/null
# The package starts a system service on port 6379; the project starts its own servers.
command -v redis-server >/dev/null
