#!/bin/sh
# Runs the cmocka unit programs (through tools/test/cmocka.sh, which
# judges crashes and leaks), the client tests and the conformance tests,
# prints one 'PASS name' / 'FAIL name: why' line per case and, last, the
# sum as 'N passed, N failed'. Usage: run-tests.sh BUILD_DIR UNIT_BIN...
set -u
build=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
logs=$build/test-logs
mkdir -p "$logs"
pass=0
fail=0

count_lines() {
	# Reads PASS/FAIL lines from a file, echoes them, adds them up.
	p=$(grep -c '^PASS ' "$1")
	f=$(grep -c '^FAIL ' "$1")
	grep -E '^(PASS|FAIL) ' "$1"
	pass=$((pass + p))
	fail=$((fail + f))
}

CMOCKA_LOGS=$logs sh "$top/../tools/test/cmocka.sh" "$@" >"$logs/unit.out"
grep -vE '^(PASS|FAIL) |^[0-9]+ passed, ' "$logs/unit.out"
count_lines "$logs/unit.out"

# run_part NAME LOG CMD...: a suite printing PASS/FAIL lines, into LOG;
# a non-zero exit with no FAIL line is one.
run_part() {
	part=$1; plog=$2
	shift 2
	"$@" > "$plog" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$plog"; then
		echo "FAIL $part: exited $rc" >> "$plog"
	fi
	count_lines "$plog"
}

run_part client-tests "$logs/client.out" \
	sh "$top/tests/client/run.sh" "$top/xenstored" "$build/bench/xs-bench"
run_part conform-tests "$logs/conform.out" \
	sh "$top/tests/conform/run.sh" "$top/xenstored" "$build/conform"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
