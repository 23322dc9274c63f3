#!/usr/bin/env bash
# `make dist`: dist/zctour-VERSION-linux-ARCH.tar.gz and its .sha256. The binary is built with
# the Swift standard library and Foundation linked in (--static-swift-stdlib), so it runs where
# no Swift is installed (it needs glibc, libstdc++ and libedit only), then stripped. Beside it:
# the lessons and samples, a man page and shell completions generated from the command
# definitions (swift-argument-parser's generate-manual and --generate-completion-script), the
# licence and a short README. Unpacked anywhere, ./zctour finds share/zctour/lessons beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
scratch=.build-dist
version=$(sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/Tour/App/Version.swift)
[ -n "$version" ] || { echo "dist: no version in Sources/Tour/App/Version.swift" >&2; exit 1; }
name="zctour-$version-linux-$(uname -m)"

"$swift" build -c release --static-swift-stdlib --scratch-path "$scratch" --product zctour
"$swift" build -c release --scratch-path "$scratch" --product generate-manual

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/share/zctour" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
cp "$scratch/release/zctour" "$root/zctour"
strip "$root/zctour"
cp -R lessons "$root/share/zctour/lessons"
cp -R samples "$root/share/zctour/samples"
cp LICENSE "$root/LICENSE"
cp packaging/README.md "$root/README.md"
cp packaging/install.sh "$root/install.sh"
"$root/zctour" --generate-completion-script bash > "$root/share/bash-completion/completions/zctour"
"$root/zctour" --generate-completion-script zsh > "$root/share/zsh/site-functions/_zctour"
"$root/zctour" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/zctour.fish"
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)
mkdir -p "$stage/manual"
"$scratch/release/generate-manual" "$root/zctour" --date "$date" --authors "the zctour authors" \
    --output-directory "$stage/manual" >/dev/null
cp "$stage/manual/zctour.1" "$root/share/man/man1/zctour.1"

mkdir -p dist
# Sorted names, fixed owner and times: the same tree gives the same tarball.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$date" -C "$stage" -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz ($(du -h "dist/$name.tar.gz" | cut -f1)): $(cut -d' ' -f1 "dist/$name.tar.gz.sha256")"
