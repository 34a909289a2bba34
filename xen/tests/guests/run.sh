#!/bin/sh
# SPDX-License-Identifier: MIT
# The one runner of the PV test guests: run.sh [SUITE...] (default: every
# file in suites/). Builds the guests, then for each scenario of a suite
# builds a GRUB ISO with the hypervisor and the guests as modules (domain
# ids 1, 2, ... in module order with dom0less), boots it
# (xen/tests/boot/lib.sh), prints every guest's PASS/FAIL line as
# scenario/guest/case (parse-log.awk), counts a guest without its closing
# line, a QEMU timeout or a wrong exit status as a failure, shows the log's
# tail on failure, and ends with "N passed, N failed".
# XEN_ELF=... picks another hypervisor image; QEMU_TIMEOUT=secs per boot
# (overrides a scenario's own -t); RUN_OUT=dir puts ISOs and logs
# elsewhere (the runner's own tests do); ONLY="name ..." boots only those
# scenarios (for debugging: the full run is the verdict).
GUESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$GUESTS_DIR/../../.." && pwd)
ELF_DIR=$ROOT/build/tests/guests
OUT=${RUN_OUT:-$ELF_DIR/runs}
TIMEOUT_ARG=${QEMU_TIMEOUT:-}
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"

EXIT_OK=1        # every domain shut down cleanly
EXIT_CRASHED=5   # at least one domain crashed
DOMU="console=com1 loglvl=info dom0less domU_mem=32M domU_console_io"
WITH_DOM0="console=com1 loglvl=info dom0_mem=32M domU_mem=32M domU_console_io"

# Frame accounting (a suite sets FRAMES_BALANCE=1): every frame the boot
# domains took (memory, page tables, ballooning, event channels, vCPUs) is
# back in the pool once they are gone, apart from the dead domains' own
# records, which the hypervisor reports separately.
frames_balance() {
	before=$(sed -n 's/.*frames: \([0-9]*\) free before boot domains.*/\1/p' "$log" | head -n 1)
	after=$(sed -n "s/.*frames: \([0-9]*\) free at exit, \([0-9]*\) more in dead domains' records.*/\1 \2/p" "$log" | head -n 1)
	if [ -z "$before" ] || [ -z "$after" ]; then
		fail "$1/frames-balance" "no free-frame counts in the log"
	elif [ $((${after% *} + ${after#* })) -eq "$before" ]; then
		pass "$1/frames-balance ($before frames before and after)"
	else
		fail "$1/frames-balance" "$before free before the domains, ${after% *} + ${after#* } after"
	fi
}

# scenario NAME [-t SECS] "XEN CMDLINE" EXIT_STATUS [GUEST "MODULE LINE"]...
# A module line's first word is the guest's name (the image is
# $ELF_DIR/NAME/NAME.elf); expect=crash in it means the hypervisor must
# crash that domain, expect=refused that the builder must not start it,
# expect=initrd that it is the previous kernel's initrd; reason=R that the
# guest shuts down with reason R (default poweroff). With END_LINE set the
# boot ends with dom0 (the machine's end, as on Xen): that line instead of
# the all-domains one, and no frame count.
scenario() {
	name=$1
	shift
	secs=60
	if [ "$1" = -t ]; then
		secs=$2
		shift 2
	fi
	cmdline=$1; want_exit=$2
	shift 2
	last_scenario=$name
	case " ${ONLY:-$name} " in *" $name "*) ;; *) last_scenario=; return ;; esac
	QEMU_TIMEOUT=${TIMEOUT_ARG:-$secs}
	mods=$OUT/$name.modules
	: > "$mods"
	set_args=""
	nr_crash=0
	while [ $# -ge 2 ]; do
		printf '%s\n' "$2" >> "$mods"
		case " $2 " in
		*" expect=crash "* | *" reason=crash "*) nr_crash=$((nr_crash + 1)) ;;
		esac
		set_args="$set_args '$ELF_DIR/$1/$1.elf' '$2'"
		shift 2
	done
	# A log left from an earlier run must not stand in for this boot's.
	rm -f "$OUT/$name.log"
	eval "boot \"\$name\" \"\$cmdline\" 2 512 $set_args"
	[ -f "$log" ] || : > "$log"
	awk -v scenario="$name" -f "$GUESTS_DIR/parse-log.awk" "$mods" "$log" > "$OUT/$name.verdicts"
	grep -v '^COUNTS ' "$OUT/$name.verdicts"
	set -- $(sed -n 's/^COUNTS //p' "$OUT/$name.verdicts")
	sum_add "${1:-0}" "${2:-1}" || case_failed=1
	expect_log "$name/all-shut-down" \
		"${END_LINE:-all domains have shut down ($nr_crash crashed): exiting}"
	[ -n "${END_LINE:-}" ] || [ "${FRAMES_BALANCE:-0}" != 1 ] || frames_balance "$name"
	expect_exit "$name/exit-status" "$want_exit"
	show_log_on_failure
}

# scenario_log CASE "fixed string": a check of the last scenario's log
# (what the hypervisor printed about it), skipped with its scenario.
scenario_log() {
	[ -z "$last_scenario" ] || expect_log "$@"
}

# scenario_no_log CASE "fixed string": the last scenario's log lacks it.
scenario_no_log() {
	[ -z "$last_scenario" ] || expect_no_log "$@"
}

mkdir -p "$OUT"
# Every guest (about 40) builds its own runtime: in parallel.
if ! make -C "$GUESTS_DIR" -j"$(nproc 2>/dev/null || echo 2)" all > "$OUT/build.log" 2>&1; then
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

[ $# -gt 0 ] || set -- $(cd "$GUESTS_DIR/suites" && ls)
for suite in "$@"; do
	if [ ! -f "$GUESTS_DIR/suites/$suite" ]; then
		fail "suite/$suite" "no such suite (suites/: $(cd "$GUESTS_DIR/suites" && echo *))"
		continue
	fi
	FRAMES_BALANCE=0
	unset END_LINE
	. "$GUESTS_DIR/suites/$suite"
done
summary
