#!/bin/sh
# Helpers for QEMU boot tests: build an ISO, boot it with a timeout, check
# the serial log. Sourced by the runners; each check prints PASS or FAIL.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../../.." && pwd)}
OUT=${OUT:-$ROOT/build/tests/boot}
XEN_ELF=${XEN_ELF:-$ROOT/build/xen/xen.elf}
MKISO=$ROOT/xen/tools/mkiso.sh
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
mkdir -p "$OUT"
# The totals (sum_pass, sum_fail) and the closing line are the project's
# one summariser's; a runner adds counts of its own with sum_add P F.
. "$ROOT/tools/test/summary.sh"

pass() { echo "PASS $1"; sum_add 1 0; }
fail() { echo "FAIL $1: $2"; sum_add 0 1; case_failed=1; }

# need_make CASE WHAT LOGNAME MAKE-ARGS...: make, quietly (its output in
# $OUT/LOGNAME.log). When it fails nothing can boot: FAIL CASE with WHAT
# and make's last lines, the summary, exit 1.
need_make() {
	nm_case=$1; nm_what=$2; nm_log=$OUT/$3.log
	shift 3
	if ! make -s --no-print-directory "$@" >"$nm_log" 2>&1; then
		fail "$nm_case" "$nm_what failed: $(tail -n 3 "$nm_log")"
		summary
		exit 1
	fi
}

# make_iso NAME "XEN CMDLINE" [module file, module args]...: the case's
# $iso, an empty $log, case_failed=0; on failure a FAIL, rc=255, return 1.
make_iso() {
	name=$1; cmdline=$2
	shift 2
	iso=$OUT/$name.iso
	log=$OUT/$name.log
	case_failed=0
	: > "$log"
	if ! sh "$MKISO" "$iso" "$cmdline" "$XEN_ELF" "$@" 2>"$OUT/$name.mkiso"; then
		fail "$name/setup" "could not build the ISO: $(tail -n 3 "$OUT/$name.mkiso")"
		rc=255
		return 1
	fi
}

# run_qemu SMP MEM: boot $iso, its serial log in $log; QEMU's status.
# QEMU_EXTRA adds QEMU options (devices, -M), split on spaces.
run_qemu() {
	# shellcheck disable=SC2086
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu qemu64 \
		-m "$2" -smp "$1" -display none -no-reboot \
		-serial "file:$log" -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 ${QEMU_EXTRA:-} \
		-cdrom "$iso" </dev/null >"$OUT/$name.qemu" 2>&1
}

# boot NAME "XEN CMDLINE" SMP MEM [module file, module args]...
# Leaves the serial log in $log and QEMU's status in $rc.
boot() {
	b_smp=$3; b_mem=$4
	b_name=$1; b_cmdline=$2
	shift 4
	make_iso "$b_name" "$b_cmdline" "$@" || return 0
	run_qemu "$b_smp" "$b_mem"
	rc=$?
}

# time_init PID T0: wait for PID, a QEMU writing $log in the background;
# init_s = host seconds from T0 (date +%s.%N) to the first /init marker in
# $log ("" if none); one first seen after QEMU ended (a guest that powers
# off right after it) is timed at the end, an upper bound. Status: PID's.
time_init() {
	init_s=""
	while kill -0 "$1" 2>/dev/null; do
		if [ -z "$init_s" ] && grep -aq "XENO-INIT: reached /init" "$log"; then
			init_s=$(echo "$(date +%s.%N) - $2" | bc)
		fi
		sleep 0.05
	done
	wait "$1"
	ti_rc=$?
	if [ -z "$init_s" ] && grep -aq "XENO-INIT: reached /init" "$log"; then
		init_s=$(echo "$(date +%s.%N) - $2" | bc)
	fi
	return $ti_rc
}

# boot_timed: as boot, and init_s as time_init gives it from QEMU's start,
# w_start/w_end the boot's wall clock.
boot_timed() {
	b_smp=$3; b_mem=$4
	b_name=$1; b_cmdline=$2
	shift 4
	init_s=""
	make_iso "$b_name" "$b_cmdline" "$@" || return 0
	t0=$(date +%s.%N)
	w_start=$(date +%s)
	run_qemu "$b_smp" "$b_mem" &
	time_init $! "$t0"
	rc=$?
	w_end=$(date +%s)
}

# expect_log CASE "fixed string" : the serial log contains the string.
expect_log() {
	if grep -qF -- "$2" "$log"; then pass "$1"; else fail "$1" "serial log lacks '$2'"; fi
}

# expect_log_re CASE 'extended regex'
expect_log_re() {
	if grep -qE -- "$2" "$log"; then pass "$1"; else fail "$1" "serial log lacks /$2/"; fi
}

expect_no_log() {
	if grep -qF -- "$2" "$log"; then fail "$1" "serial log has '$2'"; else pass "$1"; fi
}

# expect_exit CASE STATUS: QEMU's status (debug-exit: (code << 1) | 1).
expect_exit() {
	if [ "$rc" = "$2" ]; then
		pass "$1"
	elif [ "$rc" = 124 ]; then
		fail "$1" "timed out after ${QEMU_TIMEOUT}s"
	else
		fail "$1" "QEMU exited $rc, want $2"
	fi
}

# After a case: on any failure show the end of its serial log.
show_log_on_failure() {
	if [ "$case_failed" = 1 ]; then
		echo "---- last 40 lines of $log ----"
		tail -n 40 "$log" | tr -d '\r'
		echo "---- end of log ----"
	fi
}

# judge_list SUITE LIST PREFIX: one verdict per "id: command" line of the
# in-guest LIST, from the XENO-TEST-END lines /init printed (PREFIX: how
# the hypervisor prefixes the guest's console lines, e.g. "(d0) "). A
# failed case shows its part of the log.
judge_list() {
	grep -v '^#' "$2" | grep : | while IFS=: read -r id _; do
		end=$(grep -aF "${3}XENO-TEST-END $id rc=" "$log" | head -n 1)
		case $end in
		*rc=0*) echo "PASS $1/$id" ;;
		'') echo "FAIL $1/$id: never ran" ;;
		*) echo "FAIL $1/$id: XENO-TEST-END ${end#*XENO-TEST-END }"
		   tr -d '\r' <"$log" |
			sed -n "/XENO-TEST-BEGIN $id\$/,/XENO-TEST-END $id /p" |
			tail -n 30 | sed 's/^/    /' ;;
		esac
	done >"$OUT/verdicts.$1"
	cat "$OUT/verdicts.$1"
	sum_lines "$OUT/verdicts.$1"
}

summary() {
	sum_close
}
