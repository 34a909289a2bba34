#!/bin/sh
# Helpers for QEMU boot tests: build an ISO, boot it with a timeout, check
# the serial log. Sourced by the runners; each check prints PASS or FAIL.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../../.." && pwd)}
OUT=${OUT:-$ROOT/build/tests/boot}
XEN_ELF=${XEN_ELF:-$ROOT/build/xen/xen.elf}
MKISO=$ROOT/xen/tools/mkiso.sh
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
passed=0
failed=0
mkdir -p "$OUT"

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); case_failed=1; }

# boot NAME "XEN CMDLINE" SMP MEM [module file, module args]...
# Leaves the serial log in $log and QEMU's status in $rc. QEMU_EXTRA adds
# QEMU options (devices), split on spaces.
boot() {
	name=$1; cmdline=$2; smp=$3; mem=$4
	shift 4
	iso=$OUT/$name.iso
	log=$OUT/$name.log
	case_failed=0
	if ! sh "$MKISO" "$iso" "$cmdline" "$XEN_ELF" "$@" 2>"$OUT/$name.mkiso"; then
		fail "$name/setup" "could not build the ISO: $(tail -n 3 "$OUT/$name.mkiso")"
		rc=255
		: > "$log"
		return
	fi
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu qemu64 \
		-m "$mem" -smp "$smp" -display none -no-reboot \
		-serial "file:$log" -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 ${QEMU_EXTRA:-} \
		-cdrom "$iso" </dev/null >"$OUT/$name.qemu" 2>&1
	rc=$?
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
	passed=$((passed + $(grep -c '^PASS' "$OUT/verdicts.$1")))
	failed=$((failed + $(grep -c '^FAIL' "$OUT/verdicts.$1")))
}

summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
