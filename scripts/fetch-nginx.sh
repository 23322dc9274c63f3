#!/usr/bin/env bash
# The nginx that `make goals` compares the download server with: one already installed, else the
# Debian package fetched with apt-get and unpacked into DEST (no install, so no service is
# started and nothing outside DEST changes). Prints the binary's path; on failure, one line on
# stderr and exit 1, and the goals report the comparison as not run. `make test` never calls it.
set -euo pipefail

dest=${1:?usage: fetch-nginx.sh DEST}
for candidate in "$(command -v nginx 2>/dev/null || true)" /usr/sbin/nginx "$dest/usr/sbin/nginx"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
        echo "$candidate"
        exit 0
    fi
done
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    echo "zctour: nginx is not installed and there is no apt-get to fetch it; the nginx comparison is skipped" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download -qq nginx >/dev/null 2>&1) && ! { [ "$(id -u)" -eq 0 ] && apt-get update -qq >/dev/null 2>&1 && (cd "$work" && apt-get download -qq nginx >/dev/null 2>&1); }; then
    echo "zctour: nginx is not installed and apt-get could not download it; the nginx comparison is skipped" >&2
    exit 1
fi
mkdir -p "$dest"
dpkg -x "$work"/nginx_*.deb "$dest"
if ! "$dest/usr/sbin/nginx" -v >/dev/null 2>&1; then
    echo "zctour: the downloaded nginx does not run here (a library missing?); the nginx comparison is skipped" >&2
    exit 1
fi
echo "$dest/usr/sbin/nginx"
