#!/bin/sh
# Run cmocka test binaries in TAP mode; one PASS/FAIL line per case and a
# closing 'N passed, N failed'. A binary that dies (sanitizer, signal)
# counts as a failure even if its cases printed ok.
passed=0
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$bin" 2>&1)
	status=$?
	ok=$(printf '%s\n' "$out" | grep -cE '^ok [0-9]+ ')
	notok=$(printf '%s\n' "$out" | grep -cE '^not ok [0-9]+ ')
	printf '%s\n' "$out" | sed -nE "s/^ok [0-9]+ - (.*)/PASS $name\/\1/p; s/^not ok [0-9]+ - (.*)/FAIL $name\/\1/p"
	passed=$((passed + ok))
	failed=$((failed + notok))
	if [ "$status" -ne 0 ] && [ "$notok" -eq 0 ]; then
		echo "FAIL $name: exited with status $status"
		failed=$((failed + 1))
	fi
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$out" | grep -vE '^(ok|not ok) [0-9]+ ' | tail -n 30
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
