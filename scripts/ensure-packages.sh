#!/usr/bin/env bash
# Usage: ensure-packages.sh PKGCONFIG_NAME DEBIAN_PACKAGE...
#        ensure-packages.sh --command COMMAND DEBIAN_PACKAGE...
# Installs the Debian packages when pkg-config does not know PKGCONFIG_NAME
# (or, with --command, when COMMAND is not on PATH).
set -euo pipefail
if [ "$1" = "--command" ]; then
    shift
    name="$1"; shift
    present() { command -v "$name" >/dev/null 2>&1; }
else
    name="$1"; shift
    present() { pkg-config --exists "$name" 2>/dev/null; }
fi
if present; then
    exit 0
fi
echo "ndfit: $name not found; installing $* with apt-get" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ndfit: apt-get is not available; install $* (or your system's equivalent providing $name) by hand" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "ndfit: installing $* needs root; run: apt-get update && apt-get install -y $*" >&2
        exit 1
    fi
fi
if ! $sudo apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"; then
    echo "ndfit: apt-get could not install $*; install them by hand and retry" >&2
    exit 1
fi
present || { echo "ndfit: $name still not found after installing $*" >&2; exit 1; }
