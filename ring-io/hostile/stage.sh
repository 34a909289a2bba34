#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Adds the hostile front-end cases to dom0's tools tree (pvlinux/Makefile
# calls this after stage-xen-tools.sh): builds /bin/hostile (static, on
# Debian's libxen libraries), the domU initramfs both io-hostile-check
# domUs boot (xen-evtchn and xen-gntalloc loaded for the hostile program;
# xen-blkfront and xen-netfront only in /lib/hostile, loaded by the
# healthy domU alone),
# and dom0's io-hostile-check with its hotplug script hostile-block.
# usage: stage.sh -b PVLINUX_BUILD -m MODDIR -t TREE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
stage_name=hostile/stage.sh
. "$here/../stage-args.sh"
pv=$here/../../pvlinux

make -s -C "$here" B="$build/hostile" >/dev/null || die "building hostile failed"
gt=$build/hostile/guest-tree
rm -rf "$gt"
mkdir -p "$gt/bin" "$gt/lib/hostile"
install -m 0755 "$build/hostile/hostile" "$here/healthy-io" "$gt/bin/"
python3 "$pv/module-deps.py" "$moddir" xen-blkfront xen-netfront | while read -r ko; do
	install -m 0644 "$ko" "$gt/lib/hostile/"
done
sh "$pv/mkinitramfs.sh" -o "$build/guest-hostile-initrd.gz" -p "$build/bin/xeno-probe" \
	-t "$gt" -m "$moddir" -l "xen-evtchn xen-gntalloc"
install -D -m 0644 "$build/guest-hostile-initrd.gz" "$tree/boot/guest-hostile-initrd.gz"
install -D -m 0755 "$pv/initramfs/io-hostile-check" "$tree/bin/io-hostile-check"
install -D -m 0755 "$here/hostile-block" "$tree/etc/xen/scripts/hostile-block"
