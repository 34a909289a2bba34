#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot Debian's kernel with our initramfs directly in QEMU (TCG, no Xeno:
# the HVM stand-in the boot-time ratio is measured against), twice:
#  1. xeno.test=boot: the boot test's list, judged by check-boot-log.sh -n;
#  2. no xeno.test: the interactive shell on the console answers, Ctrl-C
#     interrupts its foreground process, poweroff -f ends QEMU.
# Prints the host time from QEMU's start to the /init marker.
#
# usage: qemu-direct-test.sh CACHE_DIR INITRAMFS WORK_DIR
set -u

cache=$1 initramfs=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
ok() { echo "PASS $1${2:+ ($2)}"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ $fail -eq 0 ]; exit; }

BOOT_TIMEOUT=300
SHELL_TIMEOUT=120
CPUS=2

rm -rf "$work"
mkdir -p "$work"
all_cases="direct/boot-list direct/shell-prompt direct/shell-echo direct/ctrl-c direct/poweroff"
setup_fail() {
	for c in $all_cases; do bad "$c" "setup: $1"; done
	finish
}
command -v qemu-system-x86_64 >/dev/null || setup_fail "no qemu-system-x86_64 (package qemu-system-x86)"
[ -s "$initramfs" ] || setup_fail "no initramfs $initramfs"
sh "$here/../fetch-kernel.sh" -c "$cache" >"$work/fetch.log" 2>&1 ||
	setup_fail "no kernel: $(tail -n 1 "$work/fetch.log")"
vmlinuz=$cache/vmlinuz

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# qemu_start LOG APPEND: QEMU in the background, console on stdio, its
# input from the fifo $work/in (held open on fd 3).
qemu_start() {
	rm -f "$work/in"
	mkfifo "$work/in"
	qemu-system-x86_64 -accel tcg -cpu qemu64 -m 1024 -smp $CPUS \
		-nographic -no-reboot -kernel "$vmlinuz" -initrd "$initramfs" \
		-append "console=ttyS0 panic=-1 $2" <"$work/in" >"$1" 2>&1 &
	qpid=$!
	exec 3>"$work/in"
}
# qemu_stop SECONDS: wait for QEMU to end; kill it (and fail) after that.
qemu_stop() {
	deadline=$(($(date +%s) + $1))
	while kill -0 $qpid 2>/dev/null && [ "$(date +%s)" -lt $deadline ]; do
		sleep 0.2
	done
	exec 3>&-
	if kill -0 $qpid 2>/dev/null; then
		kill $qpid 2>/dev/null
		wait $qpid 2>/dev/null
		return 1
	fi
	wait $qpid
}
# wait_for LOG PATTERN SECONDS: until a line matches (grep -E) or QEMU ends.
wait_for() {
	deadline=$(($(date +%s) + $3))
	while [ "$(date +%s)" -lt $deadline ]; do
		tr -d '\r' <"$1" | grep -qE "$2" && return 0
		kill -0 $qpid 2>/dev/null || { tr -d '\r' <"$1" | grep -qE "$2"; return; }
		sleep 0.1
	done
	return 1
}

# 1. The boot test's list.
log=$work/boot.log
t_start=$(date +%s)
t0=$(now_ms)
qemu_start "$log" "xeno.test=boot"
if wait_for "$log" '^XENO-INIT: reached /init' $BOOT_TIMEOUT; then
	t_init=$(($(now_ms) - t0))
	echo "     direct: /init reached $((t_init / 1000)).$(printf %03d $((t_init % 1000))) s after QEMU started (host time)"
fi
wait_for "$log" '^XENO-TESTS-DONE|^XENO-TEST-ERROR' $BOOT_TIMEOUT
qemu_stop 30 || echo "     direct: QEMU did not power off; killed"
# The initramfs is under test here, not QEMU's timers on a loaded host.
sh "$here/check-boot-log.sh" -n -s 25 -c $CPUS -w "$t_start:$(date +%s)" "$log" >"$work/check.log" 2>&1
sed 's/^/     /' "$work/check.log" | grep -vE '^     [0-9]+ passed, [0-9]+ failed$'
summary=$(tail -n 1 "$work/check.log")
case $summary in
"${summary%% *} passed, 0 failed") ok direct/boot-list "$summary" ;;
*) bad direct/boot-list "check-boot-log: $summary" ;;
esac

# 2. The interactive shell.
log=$work/shell.log
qemu_start "$log" ""
if wait_for "$log" '^XENO-INIT: shell on' $BOOT_TIMEOUT && wait_for "$log" 'xeno-guest:.*# ' $SHELL_TIMEOUT; then
	ok direct/shell-prompt
else
	bad direct/shell-prompt "no shell prompt (see $log)"
fi
# The command line echoes "$((6*7))", only the shell's answer says 42.
printf 'echo hello-$((6*7))\n' >&3
wait_for "$log" '^hello-42' 30 && ok direct/shell-echo || bad direct/shell-echo "no 'hello-42' answer"
printf 'sleep 600\n' >&3
sleep 3
printf '\003' >&3
sleep 1
printf 'echo "status-$?"\n' >&3
wait_for "$log" '^status-130' 30 && ok direct/ctrl-c "sleep interrupted, status 130" ||
	bad direct/ctrl-c "no 'status-130' after Ctrl-C: $(tr -d '\r' <"$log" | grep '^status-' | tail -n 1)"
printf 'poweroff -f\n' >&3
qemu_stop 60 && ok direct/poweroff || bad direct/poweroff "QEMU still running 60 s after poweroff -f"

[ $fail -eq 0 ] && rm -rf "$work"
finish
