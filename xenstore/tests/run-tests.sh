#!/bin/sh
# Runs the cmocka unit programs, the client tests and the conformance
# tests, prints one
# 'PASS name' / 'FAIL name: why' line per case and, last, the sum as
# 'N passed, N failed'. A program that crashes, leaks (ASan) or reports
# nothing counts as a failure. Usage: run-tests.sh BUILD_DIR UNIT_BIN...
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

for bin in "$@"; do
	name=$(basename "$bin")
	out=$logs/$name.tap
	CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 \
		"$bin" > "$out" 2> "$logs/$name.err"
	rc=$?
	# cmocka's TAP: "ok N - case" / "not ok N - case", diagnostics "# ...".
	sed -n -e "s/^ok [0-9]* - \(.*\)/PASS $name\/\1/p" \
	       -e "s|^not ok [0-9]* - \(.*\)|FAIL $name/\1: see $out|p" \
	       "$out" > "$out.lines"
	grep '^#' "$out" | grep -v '^# ok' | sed 's/^/    /'
	if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$out.lines"; then
		echo "FAIL $name: exited $rc ($(tail -n 3 "$logs/$name.err" | tr '\n' ' '))" >> "$out.lines"
	fi
	if ! grep -q -E '^(PASS|FAIL) ' "$out.lines"; then
		echo "FAIL $name: reported no result" >> "$out.lines"
	fi
	count_lines "$out.lines"
done

sh "$top/tests/client/run.sh" "$top/xenstored" "$build/bench/xs-bench" \
	> "$logs/client.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$logs/client.out"; then
	echo "FAIL client-tests: exited $rc" >> "$logs/client.out"
fi
count_lines "$logs/client.out"

sh "$top/tests/conform/run.sh" "$top/xenstored" "$build/conform" \
	> "$logs/conform.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$logs/conform.out"; then
	echo "FAIL conform-tests: exited $rc" >> "$logs/conform.out"
fi
count_lines "$logs/conform.out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
