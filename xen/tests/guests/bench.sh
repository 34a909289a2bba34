#!/bin/sh
# SPDX-License-Identifier: MIT
# Not a test: boot the evt-bench pair (two domains, one per physical CPU)
# and print its BENCH lines: the round trip of an event between two
# domains (spinning on the pending bit, and blocking with upcalls) and a
# null hypercall (xen_version), each the median of many samples, in TSC
# cycles. XEN_ELF=... picks another hypervisor image.
GUESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$GUESTS_DIR/../../.." && pwd)
ELF_DIR=$ROOT/build/tests/guests
OUT=${RUN_OUT:-$ELF_DIR/runs}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"

make -C "$GUESTS_DIR" evt-bench > "$OUT/bench-build.log" 2>&1 || {
	tail -n 30 "$OUT/bench-build.log"
	exit 1
}
boot bench "console=com1 loglvl=info dom0less domU_mem=32M domU_console_io" 2 512 \
	"$ELF_DIR/evt-bench/evt-bench.elf" "evt-bench role=domU mode=a self=1 peer=2" \
	"$ELF_DIR/evt-bench/evt-bench.elf" "evt-bench role=domU mode=b self=2 peer=1"
tr -d '\r' < "$log" | sed -n 's/^(XEN) (d[0-9]*) BENCH /BENCH /p'
if ! tr -d '\r' < "$log" | grep -q 'BENCH event-round-trip-block'; then
	echo "bench: incomplete, see $log"
	tr -d '\r' < "$log" | tail -n 20
	exit 1
fi
