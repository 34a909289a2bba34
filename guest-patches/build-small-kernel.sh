#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build a small Xen PV-only guest kernel from Debian's linux-source package:
# allnoconfig plus small-pv.config, with the patches in this directory
# (*.patch, in name order) applied. Slow (several minutes on 2 cores), so
# not part of `make test`; cached: a second run with the same source,
# fragment and patches does nothing.
#
# usage: build-small-kernel.sh [-c CACHE_DIR] [-o OUT_ELF] [-j JOBS]
#   CACHE_DIR default $GUEST_KERNEL_CACHE or <repo>/cache/guest-kernel
#   OUT_ELF   default <repo>/build/pvlinux/vmlinux-small-pv.elf (made with
#             pvlinux's bzimage-to-elf, built on demand)
# Also leaves CACHE_DIR/bzImage, CACHE_DIR/vmlinux and CACHE_DIR/config.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cache=${GUEST_KERNEL_CACHE:-$root/cache/guest-kernel}
out=$root/build/pvlinux/vmlinux-small-pv.elf
jobs=$(nproc 2>/dev/null || echo 2)
while getopts c:o:j: opt; do
	case $opt in
	c) cache=$OPTARG ;;
	o) out=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) exit 2 ;;
	esac
done

say() { printf '  %-7s %s\n' "$1" "$2"; }
die() { echo "build-small-kernel: $*" >&2; exit 1; }
field() {
	apt-cache show --no-all-versions "$1" 2>/dev/null | sed -n "s/^$2: //p" | head -n 1
}

# Build dependencies: installed when root (as tools/deps.sh does), named
# otherwise.
need="gcc make flex bison bc libelf-dev libssl-dev xz-utils gzip perl patch"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ "$(id -u)" = 0 ] || die "missing build packages:$missing (apt-get install them)"
	say APT "installing$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$missing >/dev/null 2>&1 || die "apt-get install$missing failed"
fi

# The source package the linux-source metapackage points at (linux-source-6.1).
dep=$(field linux-source Depends)
if [ -z "$dep" ] && [ "$(id -u)" = 0 ]; then
	say APT "apt-get update"
	apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed (no network?)"
	dep=$(field linux-source Depends)
fi
pkg=$(echo "${dep:-linux-source-6.1}" | sed 's/[ ,(|].*//')
ver=$(field "$pkg" Version)
[ -n "$ver" ] || die "apt-cache knows no $pkg"
deb=${pkg}_$(echo "$ver" | sed 's/:/%3a/')_all.deb
mkdir -p "$cache"

if [ ! -s "$cache/$deb" ]; then
	say FETCH "$pkg $ver"
	tmp=$(mktemp -d "$cache/.download.XXXXXX")
	chmod 0777 "$tmp"   # apt's sandbox user writes here
	(cd "$tmp" && apt-get download -q "$pkg=$ver" >download.log 2>&1) ||
		{ tail -n 3 "$tmp/download.log" >&2; rm -rf "$tmp"; die "apt-get download $pkg failed"; }
	mv "$tmp/$deb" "$cache/$deb"
	rm -rf "$tmp"
fi

# Unpack (and patch) once per source version and patch series.
patches=$(ls "$here"/*.patch 2>/dev/null | LC_ALL=C sort || true)
key=$( { echo "$pkg $ver"; for p in $patches; do cat "$p"; done; } | sha256sum | cut -c1-12)
src=$cache/src-$key
if [ ! -e "$src/.ready" ]; then
	say UNPACK "$deb (a few minutes)"
	rm -rf "$src" "$src.deb"
	dpkg-deb -x "$cache/$deb" "$src.deb"
	tarball=$(ls "$src.deb"/usr/src/linux-source-*.tar.xz | head -n 1)
	[ -f "$tarball" ] || die "$deb holds no usr/src/linux-source-*.tar.xz"
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	rm -rf "$src.deb"
	for p in $patches; do
		say PATCH "$(basename "$p")"
		patch -d "$src" -p1 -s <"$p" || die "$(basename "$p") does not apply to $pkg $ver"
	done
	touch "$src/.ready"
fi

# Configure and build; the stamp covers the fragment too.
fragment=$here/small-pv.config
bkey=$( { echo "$key"; cat "$fragment"; } | sha256sum | cut -c1-12)
obj=$cache/build-$bkey
kmake() {
	make -C "$src" O="$obj" ARCH=x86_64 -j"$jobs" \
		KBUILD_BUILD_USER=xeno KBUILD_BUILD_HOST=xeno KBUILD_BUILD_VERSION=1 \
		KBUILD_BUILD_TIMESTAMP="$(date -u -d "@${SOURCE_DATE_EPOCH:-0}")" "$@"
}
if [ ! -e "$obj/.built" ]; then
	mkdir -p "$obj"
	say CONFIG "allnoconfig + $(basename "$fragment")"
	kmake allnoconfig >"$obj/config.log" 2>&1 || die "allnoconfig failed (see $obj/config.log)"
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" \
		>>"$obj/config.log" 2>&1 || die "merge_config failed (see $obj/config.log)"
	kmake olddefconfig >>"$obj/config.log" 2>&1 || die "olddefconfig failed (see $obj/config.log)"
	# Kconfig drops a value whose dependencies fail, silently: every line
	# of the fragment must be in the result.
	lost=$(grep -E '^(CONFIG_|# CONFIG_)' "$fragment" | while read -r l; do
		case $l in
		"# "*) o=${l#\# }; o=${o%% is not set}; ! grep -q "^$o=" "$obj/.config" || echo "$l" ;;
		*) grep -qxF "$l" "$obj/.config" || echo "$l" ;;
		esac
	done)
	[ -z "$lost" ] || die "not in the final .config: $(echo "$lost" | tr '\n' ' ')"
	say BUILD "bzImage, -j$jobs (log: $obj/build.log)"
	kmake bzImage >"$obj/build.log" 2>&1 ||
		{ tail -n 20 "$obj/build.log" >&2; die "kernel build failed"; }
	touch "$obj/.built"
fi

# Trees of an older source, patch series or fragment are 1.5 GB of disk.
for d in "$cache"/src-* "$cache"/build-*; do
	[ "$d" = "$src" ] || [ "$d" = "$obj" ] || [ ! -d "$d" ] || rm -rf "$d"
done

ln -sfn "${obj#"$cache"/}/arch/x86/boot/bzImage" "$cache/bzImage"
ln -sfn "${obj#"$cache"/}/vmlinux" "$cache/vmlinux"
ln -sfn "${obj#"$cache"/}/.config" "$cache/config"

tool=$root/build/pvlinux/bin/bzimage-to-elf
[ -x "$tool" ] || make -s -C "$root/pvlinux" tools
mkdir -p "$(dirname "$out")"
if [ ! -e "$out" ] || [ -n "$(find "$obj/arch/x86/boot/bzImage" -newer "$out")" ]; then
	say ELF "${out#"$root"/}"
	"$tool" "$cache/bzImage" "$out"
fi
