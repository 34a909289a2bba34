#!/bin/sh
# SPDX-License-Identifier: MIT
# The summariser's own test (tools/test/summary.sh): fixture logs, each
# with the totals and FAIL lines it must give. One PASS/FAIL line a case.
set -u
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0

# check CASE GOT WANT
check() {
	if [ "$2" = "$3" ]; then
		echo "PASS $1"; passed=$((passed + 1))
	else
		echo "FAIL $1: got '$2', want '$3'"; failed=$((failed + 1))
	fi
}

# totals SCRIPT: run SCRIPT in a fresh shell with the summariser sourced;
# prints its output, then 'totals P F status S'.
totals() {
	sh -c ". '$here/summary.sh'; $1; s=\$?; echo \"totals \$sum_pass \$sum_fail status \$s\"" 2>&1 |
		tr '\n' '|'
}

printf 'PASS a\nFAIL b: x\nsome noise\n3 passed, 1 failed\n' >"$T/two"
printf 'PASS a\n1 passed, 0 failed\nmore after it\n' >"$T/ok"
printf 'PASS a\nPASS b\n' >"$T/open"
printf '1 passed, 2 failed\n4 passed, 0 failed\n' >"$T/last"
printf 'PASS x\nFAIL y\nPASS z\n  PASS indented\nFAILED not a verdict\n' >"$T/lines"
printf '12 passed, 0 failed, and more\n' >"$T/tail"

check suite/counts-closing-line "$(totals "sum_suite s '$T/two' 1")" \
	"totals 3 1 status 1|"
check suite/passing "$(totals "sum_suite s '$T/ok' 0")" "totals 1 0 status 0|"
check suite/no-closing-line-is-one-failure "$(totals "sum_suite s '$T/open' 0")" \
	"FAIL s: ended without a closing 'N passed, N failed' line|totals 0 1 status 1|"
check suite/nonzero-exit-with-nothing-failed "$(totals "sum_suite s '$T/ok' 139")" \
	"FAIL s: exited 139 with nothing failed|totals 1 1 status 1|"
check suite/last-closing-line-counts "$(totals "sum_suite s '$T/last' 0")" \
	"totals 4 0 status 0|"
check suite/closing-line-must-be-whole "$(totals "sum_suite s '$T/tail' 0")" \
	"FAIL s: ended without a closing 'N passed, N failed' line|totals 0 1 status 1|"
check suite/missing-log-is-one-failure "$(totals "sum_suite s '$T/none' 0 2>/dev/null")" \
	"FAIL s: ended without a closing 'N passed, N failed' line|totals 0 1 status 1|"
check suites/add-up "$(totals "sum_suite a '$T/two' 1; sum_suite b '$T/ok' 0")" \
	"totals 4 1 status 0|"
check lines/count-verdict-lines "$(totals "sum_lines '$T/lines'")" "totals 2 1 status 1|"
check close/all-passed "$(totals "sum_suite b '$T/ok' 0; sum_close")" \
	"1 passed, 0 failed|totals 1 0 status 0|"
check close/failed-status "$(totals "sum_lines '$T/lines'; sum_close 'TOTAL: '")" \
	"TOTAL: 2 passed, 1 failed|totals 2 1 status 1|"
check close/empty "$(totals "sum_close")" "0 passed, 0 failed|totals 0 0 status 0|"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
