#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot the event-channel, time, scheduling and SMP test guests under QEMU
# and judge them, like ../guests/run.sh: builds the guests, then for each
# scenario builds a GRUB ISO with the hypervisor and the guests as modules
# (domain ids 1, 2, ... in module order with dom0less), boots it with
# ../boot/lib.sh, prints every guest's PASS/FAIL line as
# scenario/guest/case (../guests/parse-log.awk), counts a guest without
# its closing line, a QEMU timeout or a wrong exit status as a failure,
# shows the log's tail on failure, and ends with "N passed, N failed".
# XEN_ELF=... picks another hypervisor image; QEMU_TIMEOUT=secs per boot;
# RUN_OUT=dir puts ISOs and logs elsewhere.
EVT_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$EVT_DIR/../../.." && pwd)
ELF_DIR=$ROOT/build/tests/guests-evt
OUT=${RUN_OUT:-$ELF_DIR}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"

EXIT_OK=1        # every domain shut down cleanly
DOMU="console=com1 loglvl=info dom0less domU_mem=32M"

# scenario NAME "XEN CMDLINE" EXIT_STATUS [GUEST "MODULE LINE"]...
scenario() {
	name=$1; cmdline=$2; want_exit=$3
	shift 3
	mods=$OUT/$name.modules
	: > "$mods"
	set_args=""
	while [ $# -ge 2 ]; do
		printf '%s\n' "$2" >> "$mods"
		set_args="$set_args '$ELF_DIR/$1/$1.elf' '$2'"
		shift 2
	done
	rm -f "$OUT/$name.log"
	eval "boot \"\$name\" \"\$cmdline\" 2 512 $set_args"
	[ -f "$log" ] || : > "$log"
	awk -v scenario="$name" -f "$ROOT/xen/tests/guests/parse-log.awk" "$mods" "$log" \
		> "$OUT/$name.verdicts"
	grep -v '^COUNTS ' "$OUT/$name.verdicts"
	set -- $(sed -n 's/^COUNTS //p' "$OUT/$name.verdicts")
	passed=$((passed + ${1:-0}))
	failed=$((failed + ${2:-1}))
	[ "${2:-1}" -eq 0 ] || case_failed=1
	expect_log "$name/all-shut-down" "all domains have shut down (0 crashed): exiting"
	expect_exit "$name/exit-status" "$want_exit"
	show_log_on_failure
}

if ! make -C "$EVT_DIR" all > "$OUT/build.log" 2>&1; then
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

# One vCPU each: every event_channel_op, then time, timers, block, poll.
scenario single "$DOMU" $EXIT_OK \
	evt-ops "evt-ops role=domU self=1 peer=2" \
	evt-time "evt-time role=domU self=2"

# Two domains, one channel: discovery, 10,000 round trips, masking, close.
scenario pair "$DOMU" $EXIT_OK \
	evt-pair "evt-pair role=domU mode=a self=1 peer=2" \
	evt-pair "evt-pair role=domU mode=b self=2 peer=1"

# One domain, two vCPUs (on the two physical CPUs: vCPUs are dealt out
# round robin), a 1-vCPU neighbour for the hostile remote cases.
scenario smp "$DOMU dom_vcpus=1:2" $EXIT_OK \
	evt-smp "evt-smp role=domU self=1 peer=2" \
	evt-ops "evt-ops role=domU self=2 peer=1"

# Two vCPUs initialising the same vCPU at once (review #9).
scenario race "$DOMU dom_vcpus=1:8" $EXIT_OK \
	evt-race "evt-race role=domU"

# The longest batch a guest can build (review #3): a 2-vCPU hog whose
# vCPU 1 times cross-CPU flushes, and a 1-vCPU victim on vCPU 0's CPU
# whose timers must keep firing on time.
scenario hog "$DOMU dom_vcpus=1:2" $EXIT_OK \
	evt-hog "evt-hog role=domU mode=hog" \
	evt-hog "evt-hog role=domU mode=victim"

# A 2-vCPU domain spinning on both physical CPUs without a hypercall
# until the other guests have finished all their tests (they tell it).
# Waking a guest preempts a spinner, but round trips are slower there:
# 2,000 of them (the pair scenario does 10,000).
scenario spin "$DOMU dom_vcpus=1:2" $EXIT_OK \
	evt-spin "evt-spin role=domU self=1 first=2 workers=3" \
	evt-pair "evt-pair role=domU mode=a self=2 peer=3 trips=2000 spinner=1" \
	evt-pair "evt-pair role=domU mode=b self=3 peer=2 trips=2000 spinner=1" \
	evt-ops "evt-ops role=domU self=4 peer=2 spinner=1"

summary
