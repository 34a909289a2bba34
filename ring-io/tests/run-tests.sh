#!/bin/sh
# SPDX-License-Identifier: MIT
# Run ring-io's tests and print one closing "N passed, N failed" line.
# $1 is the freestanding header check (a command: one case); the rest are
# cmocka binaries, run by the project's runner (tools/test/cmocka.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if sh -c "$1" >"$log" 2>&1; then
	echo "PASS freestanding-headers"
	pass=1 fail=0
else
	echo "FAIL freestanding-headers: core headers do not build freestanding"
	cat "$log"
	pass=0 fail=1
fi
shift

sh "$top/tools/test/cmocka.sh" "$@" >"$log"
grep -v '^[0-9]* passed, ' "$log"
pass=$((pass + $(grep -c '^PASS ' "$log")))
fail=$((fail + $(grep -c '^FAIL ' "$log")))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
