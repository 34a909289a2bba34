#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's current amd64 kernel package (the one linux-image-amd64
# depends on) with `apt-get download` and unpack it with dpkg-deb -x: the
# package is never installed on the host. Quiet when already cached.
#
# usage: fetch-kernel.sh [-c CACHE_DIR] [-p PACKAGE]
#   CACHE_DIR  default $PVLINUX_CACHE or <repo>/cache/pvlinux
#   PACKAGE    default: resolved from the linux-image-amd64 metapackage
# Leaves CACHE_DIR/vmlinuz and CACHE_DIR/config (symlinks into the unpacked
# tree) and CACHE_DIR/current (package name and version, one line).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${PVLINUX_CACHE:-$here/../cache/pvlinux}
pkg=""
while getopts c:p: opt; do
	case $opt in
	c) cache=$OPTARG ;;
	p) pkg=$OPTARG ;;
	*) echo "usage: $0 [-c CACHE_DIR] [-p PACKAGE]" >&2; exit 2 ;;
	esac
done

say() { printf '  %-7s %s\n' "$1" "$2"; }
die() { echo "fetch-kernel: $*" >&2; exit 1; }
. "$here/apt-deb.sh"

# The candidate's fields only: an older version's Depends must not win.
field() {
	apt-cache show --no-all-versions "$1" 2>/dev/null |
		sed -n "s/^$2: //p" | head -n 1
}

# An empty or stale package list finds nothing; refresh it once, as root.
refresh_lists() {
	[ "$(id -u)" = 0 ] || die "apt-cache knows no $1; run 'apt-get update' as root"
	say APT "apt-get update"
	apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed (no network?)"
}

resolve_package() {
	meta=linux-image-amd64
	dep=$(field $meta Depends)
	if [ -z "$dep" ]; then
		refresh_lists $meta >&2   # our stdout is the answer
		dep=$(field $meta Depends)
	fi
	[ -n "$dep" ] || die "cannot resolve $meta (apt-cache show gives no Depends)"
	# "linux-image-6.1.0-56-amd64 (= 6.1.192-2)" -> the first package name
	echo "$dep" | sed 's/[ ,(|].*//'
}

# With apt unusable (no lists, no network), a cached kernel still serves.
cached_fallback() {
	line=$(cat "$cache/current" 2>/dev/null) || return 1
	[ -e "$cache/vmlinuz" ] || return 1
	echo "fetch-kernel: apt cannot resolve the kernel; using the cached $line" >&2
	exit 0
}

auto=0
if [ -z "$pkg" ]; then
	auto=1
	pkg=$( (resolve_package) ) || { cached_fallback || exit 1; }
fi
ver=$(field "$pkg" Version)
[ -n "$ver" ] || ver=$( (refresh_lists "$pkg" >&2 && field "$pkg" Version) ) || true
if [ -z "$ver" ]; then
	[ $auto = 1 ] && cached_fallback
	die "apt-cache knows no version of $pkg"
fi

deb=$(deb_name "$pkg" "$ver" amd64)
tree=$cache/${pkg}_$(echo "$ver" | tr ':' '_')
mkdir -p "$cache"
deb_fetch "$cache" "$pkg" "$ver" amd64

if [ ! -e "$tree/.unpacked" ]; then
	say UNPACK "$deb"
	rm -rf "$tree"
	dpkg-deb -x "$cache/$deb" "$tree" || die "dpkg-deb -x $deb failed"
	touch "$tree/.unpacked"
fi

kver=${pkg#linux-image-}
vmlinuz=$tree/boot/vmlinuz-$kver
[ -f "$vmlinuz" ] || vmlinuz=$(ls "$tree"/boot/vmlinuz-* 2>/dev/null | head -n 1)
[ -f "$vmlinuz" ] || die "$deb holds no boot/vmlinuz-*"
config=$tree/boot/config-${vmlinuz##*/vmlinuz-}

# Refresh the links only when they change, so make sees stable mtimes.
link() {
	[ "$(readlink "$2" 2>/dev/null)" = "$1" ] || ln -sfn "$1" "$2"
}
link "${vmlinuz#"$cache"/}" "$cache/vmlinuz"
[ -f "$config" ] && link "${config#"$cache"/}" "$cache/config"
replace_line "$cache/current" "$pkg $ver"
exit 0
