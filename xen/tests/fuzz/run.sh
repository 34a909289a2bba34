#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot the hypercall fuzzer (fuzz-hc) beside its bystander (fuzz-peer)
# under QEMU and judge the run: each guest's PASS/FAIL lines as
# fuzz/guest/case (../guests/parse-log.awk), both guests closing, no
# fatal trap or panic in the hypervisor, every frame back in the pool at
# exit (frames-balance, as the mm suites check), QEMU's exit status; then
# the fuzzer's numbers (seed, calls, run time, rate) and the last line
# "N passed, N failed".
# FUZZ_SEED (default 1), FUZZ_CALLS (default 200000), FUZZ_BATCH (1000),
# FUZZ_TRACE_FROM=K (print every call from batch K on: to replay a
# finding), QEMU_TIMEOUT (default 60 s), XEN_ELF, RUN_OUT as the other runners.
FUZZ_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$FUZZ_DIR/../../.." && pwd)
ELF_DIR=$ROOT/build/tests/guests
OUT=${RUN_OUT:-$ROOT/build/tests/fuzz}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
SEED=${FUZZ_SEED:-1}
CALLS=${FUZZ_CALLS:-200000}
BATCH=${FUZZ_BATCH:-1000}
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"

EXIT_OK=1
DOMU="console=com1 loglvl=info dom0less domU_mem=32M"

frames_balance() {
	before=$(sed -n 's/.*frames: \([0-9]*\) free before boot domains.*/\1/p' "$log" | head -n 1)
	after=$(sed -n "s/.*frames: \([0-9]*\) free at exit, \([0-9]*\) more in dead domains' records.*/\1 \2/p" "$log" | head -n 1)
	if [ -z "$before" ] || [ -z "$after" ]; then
		fail fuzz/frames-balance "no free-frame counts in the log"
	elif [ $((${after% *} + ${after#* })) -eq "$before" ]; then
		pass "fuzz/frames-balance ($before frames before and after)"
	else
		fail fuzz/frames-balance "$before free before the domains, ${after% *} + ${after#* } after"
	fi
}

if ! make -C "$FUZZ_DIR" all > "$OUT/build.log" 2>&1; then
	fail build "the guests did not build"
	tail -n 30 "$OUT/build.log"
	summary
	exit 1
fi
if [ ! -f "$XEN_ELF" ]; then
	fail setup "no hypervisor image at $XEN_ELF"
	summary
	exit 1
fi

hc="fuzz-hc role=domU seed=$SEED calls=$CALLS batch=$BATCH"
[ -z "${FUZZ_TRACE_FROM:-}" ] || hc="$hc trace_from=$FUZZ_TRACE_FROM"
mods=$OUT/fuzz.modules
printf '%s\n%s\n' "$hc" "fuzz-peer role=domU" > "$mods"
start=$(date +%s)
boot fuzz "$DOMU" 2 512 "$ELF_DIR/fuzz-hc/fuzz-hc.elf" "$hc" \
	"$ELF_DIR/fuzz-peer/fuzz-peer.elf" "fuzz-peer role=domU"
wall=$(( $(date +%s) - start ))
[ -f "$log" ] || : > "$log"
awk -v scenario=fuzz -f "$ROOT/xen/tests/guests/parse-log.awk" "$mods" "$log" > "$OUT/fuzz.verdicts"
grep -v '^COUNTS ' "$OUT/fuzz.verdicts"
set -- $(sed -n 's/^COUNTS //p' "$OUT/fuzz.verdicts")
passed=$((passed + ${1:-0}))
failed=$((failed + ${2:-1}))
[ "${2:-1}" -eq 0 ] || case_failed=1
expect_no_log fuzz/no-fatal-trap "fatal trap"
expect_no_log fuzz/no-panic "panic"
expect_log fuzz/all-shut-down "all domains have shut down (0 crashed): exiting"
frames_balance
expect_exit fuzz/exit-status $EXIT_OK
numbers=$(sed -n 's/.*fuzz: \(seed .* calls\/s\).*/\1/p' "$log" | tail -n 1)
echo "fuzz: ${numbers:-no numbers in the log (seed $SEED)}; ${wall} s wall time; log $log"
show_log_on_failure
summary
