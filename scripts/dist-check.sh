#!/usr/bin/env bash
# `make dist-check`: the tarball runs where no Swift is installed. It is unpacked into a private
# temporary directory and run in a mount namespace where the toolchain's directory (found from
# wherever `swift` lives) is an empty tmpfs, so nothing of the toolchain can be loaded: first the
# ordinary build, which must fail there (or the namespace hides nothing), then the tarball's
# binary: list, run, lesson 1, doctor, and check-all (every lesson's claims, allocation counts
# included, and every challenge). Skipped with one line where a namespace cannot be made.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/Tour/App/Version.swift)
tarball="dist/zctour-$version-linux-$(uname -m).tar.gz"
[ -f "$tarball" ] || { echo "dist-check: $tarball is missing; run make dist" >&2; exit 1; }
(cd dist && sha256sum --quiet -c "$(basename "$tarball").sha256")

swift_binary=$(readlink -f "$(command -v "${SWIFT:-swift}")")
toolchain=$(dirname "$(dirname "$(dirname "$swift_binary")")")   # /opt/swift from /opt/swift/usr/bin/swift-driver
if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "dist-check: skipped: no mount namespace here (unshare --mount needs root or user namespaces)"
    exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tar -xzf "$tarball" -C "$scratch"
unpacked="$scratch/zctour-$version-linux-$(uname -m)"
ordinary=$(pwd)/.build/release/zctour
[ -x "$ordinary" ] || { echo "dist-check: $ordinary is missing; run make build" >&2; exit 1; }

unshare --mount --propagation private /bin/bash -euo pipefail -c '
    toolchain=$1 unpacked=$2 ordinary=$3
    mount -t tmpfs tmpfs "$toolchain"
    if [ -n "$(ls -A "$toolchain")" ]; then echo "dist-check: $toolchain is not hidden" >&2; exit 1; fi
    if "$ordinary" list >/dev/null 2>&1; then
        echo "dist-check: the ordinary build ran with $toolchain hidden, so the check proves nothing" >&2
        exit 1
    fi
    cd "$unpacked"
    export NO_COLOR=1 TERM=dumb
    export XDG_STATE_HOME="$(mktemp -d)"
    ./zctour --version
    ./zctour list >/dev/null
    ./zctour run read-write --size 1M --buffer 4K >/dev/null
    ./zctour lesson 1 >/dev/null
    ./zctour doctor
    ./zctour check-all
' dist-check "$toolchain" "$unpacked" "$ordinary"
echo "dist-check: $tarball runs with $toolchain hidden"

# The install its install.sh makes (what `make install PREFIX=...` runs): the binary finds its
# lessons through PREFIX/share from any directory and by PATH, man finds the page, bash the
# completion; the uninstall removes all of it.
prefix="$scratch/prefix"
"$unpacked/install.sh" "$prefix" >/dev/null
(cd / && PATH="$prefix/bin:$PATH" NO_COLOR=1 zctour lesson 1 >/dev/null)
[ "$(MANPATH="$prefix/share/man" man -w zctour)" = "$prefix/share/man/man1/zctour.1" ]
bash -c 'source "$1"; complete -p zctour >/dev/null; COMP_WORDS=(zctour ru); COMP_CWORD=1; COMP_LINE="zctour ru"; COMP_POINT=9
    _zctour; [[ " ${COMPREPLY[*]} " == *" run "* ]]' completion "$prefix/share/bash-completion/completions/zctour"
"$unpacked/install.sh" --uninstall "$prefix" >/dev/null
left=$(find "$prefix" -type f | head -n 1)
[ -z "$left" ] || { echo "dist-check: the uninstall left $left" >&2; exit 1; }
echo "dist-check: install.sh installs into a prefix (lessons, man page, bash completion) and uninstalls all of it"
