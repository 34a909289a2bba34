# SPDX-License-Identifier: MIT
# The project's one result summariser, sourced (not run) by every runner
# that adds up verdicts: tools/test-all.sh, pvlinux/tests/run.sh and the
# boot-test library xen/tests/boot/lib.sh. A suite reports one PASS/FAIL
# line per case and closes with 'N passed, N failed'; these functions read
# either form and keep running totals in sum_pass and sum_fail. Its own
# test: tools/test/test-summary.sh.
sum_pass=0
sum_fail=0

# sum_closing FILE: FILE's last closing line, or nothing.
sum_closing() {
	grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1
}

# sum_add P F: add one suite's counts (sum_p, sum_f) to the totals.
sum_add() {
	sum_p=$1 sum_f=$2
	sum_pass=$((sum_pass + sum_p))
	sum_fail=$((sum_fail + sum_f))
	[ "$sum_f" -eq 0 ]
}

# sum_suite NAME LOG RC: add a finished suite (its output in LOG, its exit
# status RC) to the totals. A suite that ends without a closing line, or
# exits non-zero with nothing failed (a crash after its last case), counts
# one failure and says so in a FAIL line. Status 1 when the suite failed.
sum_suite() {
	ss_line=$(sum_closing "$2")
	if [ -z "$ss_line" ]; then
		echo "FAIL $1: ended without a closing 'N passed, N failed' line"
		sum_add 0 1
		return
	fi
	ss_p=${ss_line%% passed*}
	ss_f=${ss_line#*, }
	ss_f=${ss_f%% failed}
	if [ "$3" != 0 ] && [ "$ss_f" -eq 0 ]; then
		echo "FAIL $1: exited $3 with nothing failed"
		ss_f=1
	fi
	sum_add "$ss_p" "$ss_f"
}

# sum_lines FILE: add FILE's 'PASS ...' and 'FAIL ...' lines to the totals.
sum_lines() {
	sum_add "$(grep -c '^PASS ' "$1")" "$(grep -c '^FAIL ' "$1")"
}

# sum_close [PREFIX]: the closing line of the totals; status 1 if any failed.
sum_close() {
	echo "${1:-}$sum_pass passed, $sum_fail failed"
	[ "$sum_fail" -eq 0 ]
}
