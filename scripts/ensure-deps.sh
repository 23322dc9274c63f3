#!/usr/bin/env bash
# Makes sure what zctour builds against is installed: libedit's headers (for the prompt's
# CEditLine module) and pkg-config (which SwiftPM asks for libedit's flags); and strace, which
# the tests compare zctour's own tracer with (zctour itself never needs it).
# As root it installs them with apt-get; otherwise it prints the exact command and fails.
set -euo pipefail

missing=()
[ -f /usr/include/histedit.h ] || missing+=(libedit-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v strace >/dev/null 2>&1 || missing+=(strace)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "zctour: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
    exit 0
fi

echo "zctour: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
