#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Judge a guest console log from a test-mode boot (/init with xeno.test=):
# one PASS/FAIL line per check, the log's tail on failure, and a closing
# 'N passed, N failed'. What each id of the list must print is here.
#
# usage: check-boot-log.sh [-n] [-c CPUS] [-w START:END] [-p PREFIX]
#                          [-l LIST] [-t NAME] LOG
#   -n        native boot (QEMU without Xeno): no /sys/hypervisor checks
#   -c CPUS   nproc must print CPUS; with 2 or more, spin must run in parallel
#   -w S:E    host epoch seconds when the guest started and when it ended:
#             the guest's date must fall inside (5 s slack); default: the
#             log's mtime as E and E - 1800 as S
#   -p PREFIX judge only lines starting with PREFIX (e.g. "(d1) "), so two
#             guests sharing one log are told apart
#   -l LIST   the command list the guest ran (default initramfs/tests/boot)
#   -t NAME   prefix for the check names (default: the list's name)
#   -s PCT    sleep tolerance in percent (default 10, the issue's bound)
set -u

here=$(cd "$(dirname "$0")" && pwd)
native=0 slack=10 cpus="" window="" prefix="" list=$here/../initramfs/tests/boot name=""
while getopts nc:w:p:l:t:s: opt; do
	case $opt in
	n) native=1 ;;
	c) cpus=$OPTARG ;;
	w) window=$OPTARG ;;
	p) prefix=$OPTARG ;;
	l) list=$OPTARG ;;
	t) name=$OPTARG ;;
	s) slack=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: check-boot-log.sh [options] LOG" >&2; exit 2; }
log=$1
[ -n "$name" ] || name=$(basename "$list")
pass=0 fail=0

ok() { echo "PASS $name/$1${2:+ ($2)}"; pass=$((pass + 1)); }
bad() { echo "FAIL $name/$1: $2"; fail=$((fail + 1)); }

[ -r "$log" ] || { bad log "setup: cannot read $log"; echo "$pass passed, $fail failed"; exit 1; }
[ -r "$list" ] || { bad list "setup: cannot read $list"; echo "$pass passed, $fail failed"; exit 1; }

# Our lines only: carriage returns gone, the domain prefix stripped, and
# kernel printk lines (which may land inside a block) dropped.
clean=$(mktemp)
trap 'rm -f "$clean"' EXIT
tr -d '\r' <"$log" | awk -v p="$prefix" '
	p != "" { if (index($0, p) != 1) next; $0 = substr($0, length(p) + 1) }
	/^\[ *[0-9]+\.[0-9]+\] / { next }
	{ print }' >"$clean"

# block ID: the output of one command; rc ID: its exit status or "none".
block() {
	awk -v b="XENO-TEST-BEGIN $1" -v e="XENO-TEST-END $1 rc=" '
		$0 == b { on = 1; next }
		on && index($0, e) == 1 { exit }
		on { print }' "$clean"
}
rc_of() {
	r=$(grep -F "XENO-TEST-END $1 rc=" "$clean" | tail -n 1 | sed 's/.* rc=//')
	echo "${r:-none}"
}
# in_range VALUE LO HI (decimals allowed)
in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "" && v + 0 >= lo && v + 0 <= hi) }'; }
field() { sed -n "s/.*$1 \([0-9.]*\) ms.*/\1/p" | head -n 1; }

if [ -z "$window" ]; then
	end=$(stat -c %Y "$log")
	window=$((end - 1800)):$end
fi
w_start=${window%%:*} w_end=${window#*:}
sleep_lo=$((1000 - slack * 10)) sleep_hi=$((1000 + slack * 10))

check() {
	id=$1 out=$(block "$1") rc=$(rc_of "$1")
	if [ "$rc" = none ]; then
		bad "$id" "no 'XENO-TEST-END $id' line: the guest died or hung"
		return
	fi
	case $id in
	uname)
		echo "$out" | grep -qE '^Linux .* x86_64' && [ "$rc" = 0 ] &&
			ok "$id" || bad "$id" "rc=$rc, got '$out'" ;;
	hypervisor-type)
		[ "$out" = xen ] && ok "$id" || bad "$id" "got '$out' (rc=$rc), want 'xen'" ;;
	hypervisor-version)
		major=$(echo "$out" | sed -n 's/^major://p')
		minor=$(echo "$out" | sed -n 's/^minor://p')
		if [ "$rc" = 0 ] && in_range "$major" 3 99 && in_range "$minor" 0 99; then
			ok "$id" "$major.$minor$(echo "$out" | sed -n 's/^extra://p')"
		else
			bad "$id" "rc=$rc, got '$(echo "$out" | tr '\n' ' ')'"
		fi ;;
	nproc)
		if [ "$rc" != 0 ] || ! in_range "$out" 1 4096; then
			bad "$id" "rc=$rc, got '$out'"
		elif [ -n "$cpus" ] && [ "$out" != "$cpus" ]; then
			bad "$id" "got $out CPUs, want $cpus"
		else
			ok "$id" "$out"
		fi ;;
	forkexec)
		echo "$out" | grep -q '^forkexec: 1000 fork+exec .* all exited 0$' && [ "$rc" = 0 ] &&
			ok "$id" "$(echo "$out" | sed 's/.* in \([0-9]*\) ms (\(.*\) each.*/\1 ms, \2 each/')" || bad "$id" "rc=$rc, got '$out'" ;;
	memtouch)
		echo "$out" | grep -q '^memtouch: 256 MiB .* written and verified' && [ "$rc" = 0 ] &&
			ok "$id" "$(echo "$out" | sed 's/.* in //')" || bad "$id" "rc=$rc, got '$out'" ;;
	sleep)
		mono=$(echo "$out" | field monotonic) real=$(echo "$out" | field realtime)
		in_range "$mono" $sleep_lo $sleep_hi && in_range "$real" $sleep_lo $sleep_hi &&
			ok "$id" "monotonic $mono ms, realtime $real ms" ||
			bad "$id" "want 1000 ms +-$slack%, got '$out'" ;;
	sleep-1)
		t=$(echo "$out" | sed -n 's/^time: [^:]*: \([0-9.]*\) ms, exit 0$/\1/p')
		in_range "$t" $sleep_lo $sleep_hi && ok "$id" "$t ms" ||
			bad "$id" "want 1000 ms +-$slack%, got '$out'" ;;
	date)
		if in_range "$out" $((w_start - 5)) $((w_end + 5)); then
			ok "$id" "guest $out, host window $w_start-$w_end"
		else
			bad "$id" "guest date '$out' outside the host's $w_start-$w_end (+-5 s)"
		fi ;;
	dmesg-clean)
		[ "$rc" = 0 ] && [ -z "$out" ] && ok "$id" ||
			bad "$id" "dmesg has: $(echo "$out" | head -n 3 | tr '\n' '|')" ;;
	spin)
		par=$(echo "$out" | sed -n 's/.*parallelism \([0-9.]*\)$/\1/p')
		lo=0.8
		[ -n "$cpus" ] && [ "$cpus" -ge 2 ] && lo=1.5
		[ "$rc" = 0 ] && in_range "$par" $lo 99 && ok "$id" "parallelism $par" ||
			bad "$id" "rc=$rc, want parallelism >= $lo, got '$out'" ;;
	*)
		[ "$rc" = 0 ] && ok "$id" || bad "$id" "rc=$rc: $(echo "$out" | head -n 2 | tr '\n' '|')" ;;
	esac
}

init=$(grep -m1 '^XENO-INIT: reached /init' "$clean")
if [ -n "$init" ]; then
	ok init-reached "$(echo "$init" | sed -n 's/.*(uptime \(.*\))/uptime \1/p')"
else
	bad init-reached "no 'XENO-INIT: reached /init' line"
fi
for id in $(sed -n 's/^\([^#:][^:]*\):.*/\1/p' "$list"); do
	case $id in
	hypervisor-*) [ $native = 1 ] && continue ;;
	esac
	check "$id"
done
if grep -q '^XENO-TEST-ERROR' "$clean"; then
	bad list-ran "$(grep -m1 '^XENO-TEST-ERROR' "$clean")"
elif grep -q '^XENO-TESTS-DONE ' "$clean"; then
	ok list-ran
else
	bad list-ran "no 'XENO-TESTS-DONE' line"
fi

if [ $fail -ne 0 ]; then
	echo "--- last 40 lines of $log"
	tail -n 40 "$log"
	echo "---"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
