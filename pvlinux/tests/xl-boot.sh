#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make -C pvlinux test-xl`: boot the dom0-tools image as dom0 on Xeno and
# run the list tests/xl in it: Debian's xl 4.17 creates the PV guest
# /etc/xen/guest.cfg (2 vCPUs, 256 MiB) and lists, consoles, pauses,
# shuts down, destroys and cycles it. The hypervisor logs each domain's
# release with the free-frame count; the cycles must end where they began.
# XL_CYCLES (default 20) sets the number of create/destroy cycles.
# XL_HV=xen (`make -C pvlinux test-xl-xen`) boots the same image and list
# on Debian's Xen 4.17 instead (the bench's cached xen.gz): the reference
# the list must pass on. Xen prints dom0's console lines bare, without
# Xeno's "(d0) ", and logs no frame counts (the cycles case still compares
# xl info's free memory).
# XL_LIST=NAME runs the list tests/NAME instead (e.g. io-hostile, whose
# cases pvlinux/initramfs/io-hostile-check runs), its verdicts NAME/<id>.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HV=${XL_HV:-xeno}
S=${XL_LIST:-xl}
case $HV in
xeno) OUT=$ROOT/build/tests/$S ;;
xen) OUT=$ROOT/build/tests/$S-xen ;;
*) echo "XL_HV=$HV: want xeno or xen" >&2; exit 2 ;;
esac
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"
. "$ROOT/pvlinux/tests/dom0-image.sh"
CYCLES=${XL_CYCLES:-20}
QEMU_TIMEOUT=${XL_TIMEOUT:-$((600 + CYCLES * 40))}
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=$S XL_CYCLES=$CYCLES"
LIST=$PV/initramfs/tests/$S

dom0_image_setup 512M

boot xl "$XEN" 2 1536 "$ELF" "$DOM0" "$INITRD" ""
expect_log $S/dom0-reached-init "${D0}XENO-INIT: reached /init"

# The list's verdicts: a case passes when its command exited 0.
judge_list "$S" "$LIST" "$D0"

# Every destroy completed: Xeno logs each domain's release (reboot,
# shutdown, destroy, the cycles, too-big). The exact frame balance is checked in
# dom0 by the cycles and too-big cases (debug key 'm'); Xen logs no
# release line, and its cases compare xl info's free memory.
if [ "$HV" = xeno ] && [ "$S" = xl ]; then
	n=$(tr -d '\r' <"$log" | grep -c 'domain [0-9]*: released, [0-9]* frames free')
	if [ "$n" -eq $((CYCLES + 4)) ]; then
		pass "xl/every-release-logged ($n)"
	else
		fail xl/every-release-logged "$n domain releases logged, want $((CYCLES + 4)) (reboot, shutdown, destroy, $CYCLES cycles, too-big)"
	fi
fi
grep -a 'XL-CREATE-TIME' "$log" | tr -d '\r' | sed 's/^.*XL-CREATE-TIME/create-to-init:/' | head -n 3
expect_log $S/poweroff "$POWEROFF"
expect_exit $S/exit-status 0
show_log_on_failure
summary
