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
PV=$ROOT/pvlinux
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
INITRD=$ROOT/build/pvlinux/initramfs-dom0-tools.cpio.gz
CYCLES=${XL_CYCLES:-20}
QEMU_TIMEOUT=${XL_TIMEOUT:-$((600 + CYCLES * 40))}
XEN="console=com1 loglvl=info dom0_mem=512M,max:512M dom0_max_vcpus=1"
D0="(d0) "
POWEROFF="dom0 shut down: the machine powers off"
if [ "$HV" = xen ]; then
	# Xen needs its UART's settings; without bootscrub=off its boot-time
	# scrub of free RAM makes dom0 ~10x slower under TCG.
	XEN="console=com1 com1=115200,8n1 loglvl=info dom0_mem=512M,max:512M dom0_max_vcpus=1 bootscrub=off"
	D0=""
	POWEROFF="(XEN) Entering ACPI S5 state."
fi
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=$S XL_CYCLES=$CYCLES"
LIST=$PV/initramfs/tests/$S

if [ "$HV" = xen ]; then
	XEN_ELF=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
from benchlib import kernel; print(kernel.fetch_xen(sys.argv[2]))' \
		"$ROOT/tools/bench" "$ROOT/cache/bench" 2>"$OUT/xen.log") || {
		fail setup "fetching Debian's Xen 4.17 failed: $(tail -n 3 "$OUT/xen.log")"
		summary
		exit 1
	}
elif ! make -s --no-print-directory -C "$ROOT/xen" >"$OUT/xen.log" 2>&1; then
	fail setup "building the hypervisor failed: $(tail -n 3 "$OUT/xen.log")"
	summary
	exit 1
fi
if ! make -s --no-print-directory -C "$PV" dom0-tools >"$OUT/pvlinux.log" 2>&1; then
	fail setup "building the kernel ELF and the dom0-tools image failed: $(tail -n 3 "$OUT/pvlinux.log")"
	summary
	exit 1
fi

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
