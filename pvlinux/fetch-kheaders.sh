#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's kbuild tree for the guests' kernel (the version in
# CACHE_DIR/current, which fetch-kernel.sh leaves) with `apt-get download`:
# linux-headers-REL-amd64, linux-headers-REL-common and linux-kbuild-X.Y,
# unpacked with dpkg-deb -x, never installed. Out-of-tree modules then build
# with `make -C KDIR M=...` and the host's gcc-12 (the kernel's compiler).
#
# usage: fetch-kheaders.sh [-c CACHE_DIR]
#   CACHE_DIR  default $PVLINUX_CACHE or <repo>/cache/pvlinux
# Prints the KDIR (absolute) on stdout and nothing else there; leaves
# CACHE_DIR/kheaders-REL/ and the link CACHE_DIR/kdir to the KDIR in it.
# Once unpacked, needs neither apt nor the network.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${PVLINUX_CACHE:-$here/../cache/pvlinux}
while getopts c: opt; do
	case $opt in
	c) cache=$OPTARG ;;
	*) echo "usage: $0 [-c CACHE_DIR]" >&2; exit 2 ;;
	esac
done

# stdout carries the KDIR only, so progress goes to stderr.
say() { printf '  %-7s %s\n' "$1" "$2" >&2; }
die() { echo "fetch-kheaders: $*" >&2; exit 1; }
. "$here/apt-deb.sh"

[ -s "$cache/current" ] ||
	die "no $cache/current: fetch the kernel first (make -C pvlinux fetch)"
cache=$(cd "$cache" && pwd)
read -r image ver <"$cache/current" || true
# "linux-image-6.1.0-57-amd64 6.1.192-3" -> REL 6.1.0-57, kbuild 6.1
case $image in
linux-image-*-amd64) ;;
*) die "$cache/current names $image, not a linux-image-*-amd64 package" ;;
esac
rel=${image#linux-image-}
rel=${rel%-amd64}
series=$(echo "$rel" | cut -d. -f1-2)
[ -n "$ver" ] && [ -n "$series" ] || die "cannot parse $cache/current"

tree=$cache/kheaders-$rel
kdir=$tree/usr/src/linux-headers-$rel-amd64
common=$tree/usr/src/linux-headers-$rel-common
pkgs="linux-headers-$rel-amd64 linux-headers-$rel-common linux-kbuild-$series"

# The -common package is arch: all.
arch_of() {
	case $1 in linux-headers-*-common) echo all ;; *) echo amd64 ;; esac
}
deb_of() { deb_name "$1" "$ver" "$(arch_of "$1")"; }

if [ ! -e "$tree/.unpacked" ]; then
	for p in $pkgs; do deb_fetch "$cache" "$p" "$ver" "$(arch_of "$p")"; done
	say UNPACK "kheaders-$rel"
	rm -rf "$tree" "$tree.tmp"
	for p in $pkgs; do
		dpkg-deb -x "$cache/$(deb_of "$p")" "$tree.tmp" ||
			die "dpkg-deb -x $(deb_of "$p") failed"
	done
	mv "$tree.tmp" "$tree"
	touch "$tree/.unpacked"
fi
[ -f "$kdir/Makefile" ] && [ -f "$common/Makefile" ] ||
	die "$tree lacks the -amd64 or -common Makefile"

# The -amd64 Makefile includes /usr/src/linux-headers-REL-common/Makefile;
# point it at our copy (again if the cache moved or was copied: a new
# file, so a hard-linked copy's original keeps pointing at its own).
inc="include $common/Makefile"
if [ "$(cat "$kdir/Makefile")" != "$inc" ]; then
	grep -q "^include .*/linux-headers-$rel-common/Makefile\$" "$kdir/Makefile" ||
		die "$kdir/Makefile is not the one-line include this script knows"
	replace_line "$kdir/Makefile" "$inc"
fi

# The scripts/ links are relative (../../lib/linux-kbuild-X.Y/...); check
# that they land in the unpacked kbuild package.
[ -x "$kdir/scripts/basic/fixdep" ] || [ -f "$kdir/scripts/Makefile.build" ] ||
	die "$kdir/scripts does not reach linux-kbuild-$series"

link=${kdir#"$cache"/}
[ "$(readlink "$cache/kdir" 2>/dev/null)" = "$link" ] || ln -sfn "$link" "$cache/kdir"
echo "$kdir"
