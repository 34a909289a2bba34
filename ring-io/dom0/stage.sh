#!/bin/sh
# SPDX-License-Identifier: MIT
# Adds xeno-blkback's io cases to dom0's tools tree (pvlinux/Makefile
# calls this after stage-xen-tools.sh): the daemon as
# /usr/lib/xeno/xeno-blkback (xl.cfg's device_model_override names it),
# dom0's io-xbk-check, and the guest initramfs its domU boots
# (xen-blkfront, ext4 and the crc32c ext4 asks the crypto API for).
# usage: stage.sh -b PVLINUX_BUILD -m MODDIR -t TREE
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
stage_name=dom0/stage.sh
. "$here/stage-args.sh"
pv=$here/../pvlinux

make -s -C "$here" B="$build/xbk" "$build/xbk/xeno-blkback" >/dev/null ||
	die "building xeno-blkback failed"
install -D -m 0755 "$build/xbk/xeno-blkback" "$tree/usr/lib/xeno/xeno-blkback"
install -D -m 0755 "$pv/initramfs/io-xbk-check" "$tree/bin/io-xbk-check"
sh "$pv/mkinitramfs.sh" -o "$build/guest-xbk-initrd.gz" -p "$build/bin/xeno-probe" \
	-m "$moddir" -l "xen-blkfront crc32c_generic ext4"
install -D -m 0644 "$build/guest-xbk-initrd.gz" "$tree/boot/guest-xbk-initrd.gz"
