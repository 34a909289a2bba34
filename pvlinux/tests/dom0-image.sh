# SPDX-License-Identifier: GPL-2.0
# Sourced after xen/tests/boot/lib.sh by the tests that boot the
# dom0-tools image as dom0 (dom0-tools-boot.sh, xl-boot.sh, io-boot.sh).
# dom0_image_setup DOM0_MEM: the hypervisor under test, $HV (xeno, built
# here; xen, Debian's Xen 4.17 as tools/bench fetches it), and the kernel
# ELF and dom0-tools image, built. Sets XEN (the hypervisor's command
# line), D0 (how dom0's console lines are prefixed), POWEROFF (the line a
# clean run ends with), XEN_ELF, PV, ELF and INITRD. A failed step is a
# FAIL setup, the summary and exit 1.
PV=$ROOT/pvlinux
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
INITRD=$ROOT/build/pvlinux/initramfs-dom0-tools.cpio.gz

dom0_image_setup() {
	di_mem="dom0_mem=$1,max:$1 dom0_max_vcpus=1"
	if [ "${HV:-xeno}" = xen ]; then
		# Xen needs its UART's settings; without bootscrub=off its
		# boot-time scrub of free RAM makes dom0 ~10x slower under TCG.
		XEN="console=com1 com1=115200,8n1 loglvl=info $di_mem bootscrub=off"
		D0=""
		POWEROFF="(XEN) Entering ACPI S5 state."
		XEN_ELF=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
from benchlib import kernel; print(kernel.fetch_xen(sys.argv[2]))' \
			"$ROOT/tools/bench" "$ROOT/cache/bench" 2>"$OUT/xen.log") || {
			fail setup "fetching Debian's Xen 4.17 failed: $(tail -n 3 "$OUT/xen.log")"
			summary
			exit 1
		}
	else
		XEN="console=com1 loglvl=info $di_mem"
		D0="(d0) "
		POWEROFF="dom0 shut down: the machine powers off"
		need_make setup "building the hypervisor" xen -C "$ROOT/xen"
	fi
	need_make setup "building the kernel ELF and the dom0-tools image" \
		pvlinux -C "$PV" dom0-tools
}
