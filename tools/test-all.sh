#!/bin/sh
# Run every test suite named on the command line ("name:make-target-dir:target"),
# read each one's closing 'N passed, N failed' line, and print the sum.
# A suite that ends without such a line, or exits non-zero, counts as failed.
set -u
total_pass=0
total_fail=0
bad_suites=""
times=""
start=$(date +%s)
logdir=build/test-logs
mkdir -p "$logdir"
for suite in "$@"; do
	name=${suite%%:*}
	cmd=${suite#*:}
	log="$logdir/$name.log"
	echo "=== $name: $cmd"
	t0=$(date +%s)
	{ sh -c "$cmd"; echo $? > "$log.rc"; } 2>&1 | tee "$log"
	rc=$(cat "$log.rc")
	# Each suite's wall time, so the whole run's budget can be watched.
	echo "=== $name: $(($(date +%s) - t0)) s"
	times="$times $name=$(($(date +%s) - t0))s"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$summary" ]; then
		echo "=== $name: no closing 'N passed, N failed' line: counted as 1 failed"
		total_fail=$((total_fail + 1))
		bad_suites="$bad_suites $name"
		continue
	fi
	p=${summary%% passed*}
	f=${summary#*, }
	f=${f%% failed}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "=== $name: exited $rc with no failure counted: counted as 1 failed"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$f" -eq 0 ] || bad_suites="$bad_suites $name"
done
[ -z "$bad_suites" ] || echo "failing suites:$bad_suites (logs in $logdir)"
echo "times:$times (all: $(($(date +%s) - start)) s)"
echo "TOTAL: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
