#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the benchmark initramfs: busybox-static, our /init, the workload
# binaries under /bench, and the kernel's own xen-privcmd and xen-evtchn
# modules (absent modules only make those two rows absent).
# usage: mkinitramfs.sh OUT.cpio.gz BIN_DIR KERNEL_TREE
set -eu
out=$1; bindir=$2; ktree=$3
here=$(cd "$(dirname "$0")" && pwd)
busybox=$(command -v busybox) || { echo "mkinitramfs: no busybox" >&2; exit 1; }
# A dynamic busybox would find no libc in the initramfs.
! readelf -l "$busybox" 2>/dev/null | grep -q 'Requesting program interpreter' || {
	echo "mkinitramfs: $busybox is not static (install busybox-static)" >&2
	exit 1
}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/bench" "$stage/lib/modules" "$stage/dev" \
	"$stage/proc" "$stage/sys" "$stage/tmp"
cp "$busybox" "$stage/bin/busybox"
for app in $("$busybox" --list); do
	[ "$app" = busybox ] || ln -s busybox "$stage/bin/$app"
done
cp "$here/initramfs/init" "$stage/init"
chmod 755 "$stage/init"
cp "$bindir"/* "$stage/bench/"
for m in xen-privcmd xen-evtchn; do
	ko=$(find "$ktree/lib/modules" -name "$m.ko*" 2>/dev/null | head -n 1)
	[ -n "$ko" ] || continue
	case $ko in
	*.xz) xz -dc "$ko" >"$stage/lib/modules/$m.ko" ;;
	*.zst) zstd -qdc "$ko" >"$stage/lib/modules/$m.ko" ;;
	*) cp "$ko" "$stage/lib/modules/$m.ko" ;;
	esac
done
# Fixed times and sorted names: the same inputs give the same image.
find "$stage" -exec touch -h -d @0 {} +
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
