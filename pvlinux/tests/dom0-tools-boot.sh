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
HV=xeno
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"
. "$ROOT/pvlinux/tests/dom0-image.sh"
QEMU_TIMEOUT=${DOM0_TOOLS_TIMEOUT:-500}
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=dom0-tools"
LIST=$PV/initramfs/tests/dom0-tools

dom0_image_setup 512M

boot dom0-tools "$XEN" 2 1536 "$ELF" "$DOM0" "$INITRD" ""
expect_log dom0-tools/privileged "domain 0: privileged kernel 'linux'"
expect_log dom0-tools/reached-init "(d0) XENO-INIT: reached /init"

# The list's verdicts: a case passes when its command exited 0.
judge_list dom0-tools "$LIST" "(d0) "
expect_log dom0-tools/poweroff "dom0 shut down: the machine powers off"
expect_exit dom0-tools/exit-status 0
show_log_on_failure
summary
