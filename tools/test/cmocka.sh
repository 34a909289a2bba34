#!/bin/sh
# SPDX-License-Identifier: MIT
# The project's one cmocka runner (xen/, xenstore/, ring-io/ tests): runs
# each binary in cmocka's TAP mode with leak detection on, prints one
# 'PASS bin/case' or 'FAIL bin/case' line per case and, last,
# 'N passed, N failed' (the count of those lines). A binary that exits
# non-zero without a failed case (a crash, a sanitizer report, a leak)
# or that reports no case is one more FAIL line. Its TAP diagnostics are
# shown; on a non-zero exit, the tail of the rest of its output too.
# With CMOCKA_LOGS=DIR each binary's output is kept in DIR/NAME.log.
# Usage: cmocka.sh BIN...
set -u
pass=0
fail=0
out=$(mktemp)
lines=$(mktemp)
trap 'rm -f "$out" "$lines"' EXIT

for bin in "$@"; do
	name=$(basename "$bin")
	CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		"$bin" >"$out" 2>&1
	rc=$?
	[ -z "${CMOCKA_LOGS:-}" ] || { mkdir -p "$CMOCKA_LOGS" &&
		cp "$out" "$CMOCKA_LOGS/$name.log"; }
	# cmocka's TAP: "ok N - case", "not ok N - case", diagnostics "# ...".
	sed -nE -e "s|^ok [0-9]+ - (.*)|PASS $name/\1|p" \
		-e "s|^not ok [0-9]+ - (.*)|FAIL $name/\1|p" "$out" >"$lines"
	grep '^#' "$out" | grep -v '^# ok' | sed 's/^/    /'
	if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$lines"; then
		echo "FAIL $name: exited with status $rc" >>"$lines"
	elif ! grep -q -E '^(PASS|FAIL) ' "$lines"; then
		echo "FAIL $name: reported no case" >>"$lines"
	fi
	cat "$lines"
	if [ "$rc" -ne 0 ]; then
		grep -vE '^(ok|not ok) [0-9]+ |^#|^[0-9]+\.\.[0-9]+$' "$out" |
			tail -n 30 | sed 's/^/    /'
	fi
	pass=$((pass + $(grep -c '^PASS ' "$lines")))
	fail=$((fail + $(grep -c '^FAIL ' "$lines")))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
