#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make -C pvlinux test-dom0-tools`: boot the dom0-tools image as dom0 on
# Xeno (QEMU pc, TCG) and judge the initramfs list tests/dom0-tools: the
# Xen modules loaded, xenfs on /proc/xen, the /dev/xen devices, Debian's
# programs loading with their libraries, `xl info` failing as it must
# while the hypervisor has no sysctl, the hotplug scripts' commands.
# dom0 then powers off, which ends QEMU with status 0.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/build/tests/dom0-tools
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"
PV=$ROOT/pvlinux
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
INITRD=$ROOT/build/pvlinux/initramfs-dom0-tools.cpio.gz
QEMU_TIMEOUT=${DOM0_TOOLS_TIMEOUT:-500}
XEN="console=com1 loglvl=info dom0_mem=512M,max:512M dom0_max_vcpus=1"
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=dom0-tools"
LIST=$PV/initramfs/tests/dom0-tools

if ! make -s --no-print-directory -C "$ROOT/xen" >"$OUT/xen.log" 2>&1; then
	fail setup "building the hypervisor failed: $(tail -n 3 "$OUT/xen.log")"
	summary
	exit 1
fi
if ! make -s --no-print-directory -C "$PV" dom0-tools >"$OUT/pvlinux.log" 2>&1; then
	fail setup "building the kernel ELF and the dom0-tools image failed: $(tail -n 3 "$OUT/pvlinux.log")"
	summary
	exit 1
fi

boot dom0-tools "$XEN" 2 1536 "$ELF" "$DOM0" "$INITRD" ""
expect_log dom0-tools/privileged "domain 0: privileged kernel 'linux'"
expect_log dom0-tools/reached-init "(d0) XENO-INIT: reached /init"

# The list's verdicts: a case passes when its command exited 0.
judge_list dom0-tools "$LIST" "(d0) "
expect_log dom0-tools/poweroff "dom0 shut down: the machine powers off"
expect_exit dom0-tools/exit-status 0
show_log_on_failure
summary
