#!/usr/bin/env bash
# Usage: ensure-packages.sh PKGCONFIG_NAME DEBIAN_PACKAGE...
# Installs the Debian packages when pkg-config does not know PKGCONFIG_NAME.
set -euo pipefail
name="$1"; shift
if pkg-config --exists "$name" 2>/dev/null; then
    exit 0
fi
echo "ndfit: $name not found; installing $* with apt-get" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ndfit: apt-get is not available; install $* (or your system's LAPACKE and OpenBLAS) by hand" >&2
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
pkg-config --exists "$name" || { echo "ndfit: $name still not found after installing $*" >&2; exit 1; }
