#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make -C pvlinux test-io`: boot the dom0-tools image as dom0 on Xeno and
# run the list tests/io in it: Debian's xl creates domUs whose disks and
# NICs Linux's xen-blkback and xen-netback serve in dom0 (xl's hotplug
# scripts set up the loop devices and the bridge); the domUs' blkfront and
# netfront move files and TCP streams that both sides checksum. The same
# dom0 boot then runs the lists of Xeno's own block back end (io-xbk) and
# of the hostile front ends (io-hostile against blkback and netback,
# io-hostile-xbk against xeno-blkback) and of the PV driver kit (io-kit:
# a driver tools/new-pvdriver generated at image build, and pvrng, in a
# domU; pvlinux/initramfs/io-kit-check): one boot, not five.
# IO_LISTS picks lists (default: all five, in that order).
# XL_HV=xen (`make -C pvlinux test-io-xen`) runs the same on Debian's Xen
# 4.17, the reference.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HV=${XL_HV:-xeno}
case $HV in
xeno) OUT=$ROOT/build/tests/io ;;
xen) OUT=$ROOT/build/tests/io-xen ;;
*) echo "XL_HV=$HV: want xeno or xen" >&2; exit 2 ;;
esac
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"
. "$ROOT/pvlinux/tests/dom0-image.sh"
QEMU_TIMEOUT=${IO_TIMEOUT:-2700}
LISTS=${IO_LISTS:-io io-xbk io-hostile io-hostile-xbk io-kit}
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=$(echo $LISTS | tr ' ' ',')"
# The norng case (list io-kit-entropy) waits this long for a crng without pvrng (default
# 10 s; docs/benchmarks.md's number took longer).
[ -z "${KIT_CRNG_SECS:-}" ] || DOM0="$DOM0 KIT_CRNG_SECS=$KIT_CRNG_SECS"
# dom0's NIC on QEMU's user network, bridged into xenbr0 so that the domUs
# reach QEMU's gateway 10.0.2.2 through dom0 (and nothing beyond it).
QEMU_EXTRA="-netdev user,id=n0,restrict=on,net=10.0.2.0/24 -device virtio-net-pci,netdev=n0"

dom0_image_setup 768M

boot io "$XEN" 2 2048 "$ELF" "$DOM0" "$INITRD" ""
expect_log io/dom0-reached-init "${D0}XENO-INIT: reached /init"
for l in $LISTS; do
	judge_list "$l" "$PV/initramfs/tests/$l" "$D0"
done
expect_log io/poweroff "$POWEROFF"
expect_exit io/exit-status 0
show_log_on_failure
summary
