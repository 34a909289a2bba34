#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make -C pvlinux test-xl`: boot the dom0-tools image as dom0 on Xeno and
# run the list tests/xl in it: Debian's xl 4.17 creates the PV guest
# /etc/xen/guest.cfg (2 vCPUs, 256 MiB) and lists, consoles, pauses,
# shuts down, destroys and cycles it. The hypervisor logs each domain's
# release with the free-frame count; the cycles must end where they began.
# XL_CYCLES (default 20) sets the number of create/destroy cycles.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/build/tests/xl
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"
PV=$ROOT/pvlinux
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
INITRD=$ROOT/build/pvlinux/initramfs-dom0-tools.cpio.gz
CYCLES=${XL_CYCLES:-20}
QEMU_TIMEOUT=${XL_TIMEOUT:-$((600 + CYCLES * 40))}
XEN="console=com1 loglvl=info dom0_mem=512M,max:512M dom0_max_vcpus=1"
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=xl XL_CYCLES=$CYCLES"
LIST=$PV/initramfs/tests/xl

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

boot xl "$XEN" 2 1536 "$ELF" "$DOM0" "$INITRD" ""
expect_log xl/dom0-reached-init "(d0) XENO-INIT: reached /init"

# The list's verdicts: a case passes when its command exited 0.
grep -v '^#' "$LIST" | grep : | while IFS=: read -r id _; do
	end=$(grep -a "(d0) XENO-TEST-END $id rc=" "$log" | head -n 1)
	case $end in
	*rc=0*) echo "PASS xl/$id" ;;
	'') echo "FAIL xl/$id: never ran" ;;
	*) echo "FAIL xl/$id: ${end#*(d0) }"
	   tr -d '\r' <"$log" |
		sed -n "/(d0) XENO-TEST-BEGIN $id\$/,/(d0) XENO-TEST-END $id /p" |
		tail -n 25 | sed 's/^/    /' ;;
	esac
done >"$OUT/verdicts"
cat "$OUT/verdicts"
passed=$((passed + $(grep -c '^PASS' "$OUT/verdicts")))
failed=$((failed + $(grep -c '^FAIL' "$OUT/verdicts")))

# Exact frame balance from the hypervisor: the count at the release just
# before the cycles (the 'destroy' case) and at the last cycle's release.
tr -d '\r' <"$log" | sed -n 's/.*domain [0-9]*: released, \([0-9]*\) frames free.*/\1/p' >"$OUT/released"
n=$(wc -l <"$OUT/released")
if [ "$n" -ne $((CYCLES + 2)) ]; then
	fail xl/frames-balance "$n domain releases logged, want $((CYCLES + 2)) (shutdown, destroy, $CYCLES cycles)"
else
	before=$(sed -n 2p "$OUT/released")
	after=$(tail -n 1 "$OUT/released")
	if [ "$before" = "$after" ]; then
		pass "xl/frames-balance"
	else
		fail xl/frames-balance "$before frames free before the cycles, $after after"
	fi
fi
grep -a 'XL-CREATE-TIME' "$log" | tr -d '\r' | sed 's/^.*XL-CREATE-TIME/create-to-init:/' | head -n 3
expect_log xl/poweroff "dom0 shut down: the machine powers off"
expect_exit xl/exit-status 0
show_log_on_failure
summary
