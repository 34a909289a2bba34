#!/bin/sh
# SPDX-License-Identifier: MIT
# Run ring-io's tests and print one closing "N passed, N failed" line.
# $1 is the freestanding header check (a command: one case); the rest are
# test binaries. A cmocka binary is read through its own summary; one that
# prints no summary (a crash, a sanitizer abort) counts as one failure.
set -u
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if sh -c "$1" >"$log" 2>&1; then
	echo "PASS freestanding-headers"
	pass=$((pass + 1))
else
	echo "FAIL freestanding-headers: core headers do not build freestanding"
	cat "$log"
	fail=$((fail + 1))
fi
shift

for bin in "$@"; do
	name=$(basename "$bin")
	"$bin" >"$log" 2>&1
	rc=$?
	cat "$log"
	# Unanchored: cmocka writes stdout and stderr, which can interleave.
	p=$(grep -o '\[  PASSED  \] [0-9]* test(s)\.' "$log" | tr -cd 0-9)
	f=$(grep -o '\[  FAILED  \] [0-9]* test(s), listed' "$log" | tr -cd 0-9)
	if [ -z "$p" ] && [ -z "$f" ]; then
		echo "FAIL $name: exited $rc without a cmocka summary"
		fail=$((fail + 1))
		continue
	fi
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited $rc with no failed case"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
