#!/bin/sh
# Installs zctour from this folder (the unpacked tarball, or the tree `make install` stages):
#   ./install.sh [PREFIX]              PREFIX defaults to /usr/local
#   ./install.sh --uninstall [PREFIX]  removes exactly what an install put there
# The binary goes to PREFIX/bin, the lessons and samples to PREFIX/share/zctour, the man page to
# PREFIX/share/man/man1, the completions where bash-completion, zsh and fish look for them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
uninstall=false
if [ "${1:-}" = "--uninstall" ]; then
    uninstall=true
    shift
fi
prefix=${1:-/usr/local}
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

# What an install puts in PREFIX, relative to it: the same list removes it.
files="bin/zctour share/man/man1/zctour.1 share/bash-completion/completions/zctour
share/zsh/site-functions/_zctour share/fish/vendor_completions.d/zctour.fish"

if $uninstall; then
    for file in $files; do rm -f "$prefix/$file"; done
    rm -rf "$prefix/share/zctour"
    echo "zctour: removed from $prefix"
    exit 0
fi

[ -x "$here/zctour" ] || { echo "install.sh: no zctour binary in $here" >&2; exit 1; }
for file in $files; do
    source="$here/$file"
    [ "$file" = bin/zctour ] && source="$here/zctour"
    mkdir -p "$(dirname "$prefix/$file")"
    cp "$source" "$prefix/$file.tmp.$$"
    mv -f "$prefix/$file.tmp.$$" "$prefix/$file"
done
chmod 755 "$prefix/bin/zctour"
rm -rf "$prefix/share/zctour"
mkdir -p "$prefix/share/zctour"
cp -R "$here/share/zctour/lessons" "$here/share/zctour/samples" "$prefix/share/zctour/"
echo "zctour: installed in $prefix (run $prefix/bin/zctour; man zctour)"
