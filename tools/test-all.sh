#!/bin/sh
# Run every test suite named on the command line ("name:command"), read
# each one's closing 'N passed, N failed' line, and print the sum.
# A suite that ends without such a line, or exits non-zero, counts as failed.
#
# usage: test-all.sh [-b QEMU=HOST,HOST...]... name:command...
# -b runs the HOST suites (host-only: no QEMU) one after another in the
# background while suite QEMU runs, to use the core QEMU leaves idle. QEMU
# must not be timing-sensitive, and its builds must be done by the suites
# before it (the HOST suites start with it). Their output goes to their
# logs and is shown whole after QEMU's; verdicts and times as if run alone.
# A HOST suite whose QEMU suite is not on the command line runs in place.
set -u
. "$(dirname "$0")/test/summary.sh"
bad_suites=""
times=""
start=$(date +%s)
logdir=build/test-logs
mkdir -p "$logdir"
pairs=""
while [ $# -gt 0 ]; do
	case $1 in
	-b) pairs="$pairs $2"; shift 2 ;;
	*) break ;;
	esac
done

# has NAME: suite NAME is on the command line.
has() {
	for s in $suites; do [ "$s" = "$1" ] && return 0; done
	return 1
}
suites=""
for suite in "$@"; do suites="$suites ${suite%%:*}"; done

# hosts_of QEMU: the HOST suites paired with QEMU, comma-separated.
hosts_of() {
	for p in $pairs; do
		[ "${p%%=*}" = "$1" ] && echo "${p#*=}"
	done
}
# beside NAME: NAME runs in the background beside a suite on the command line.
beside() {
	for p in $pairs; do
		has "${p%%=*}" || continue
		case ",${p#*=}," in *,"$1",*) return 0 ;; esac
	done
	return 1
}
# cmd_of NAME: NAME's command.
cmd_of() {
	awk -v n="$1:" 'index($0, n) == 1 { print substr($0, length(n) + 1); exit }' "$logdir/.specs"
}
: >"$logdir/.specs"
for suite in "$@"; do printf '%s\n' "$suite" >>"$logdir/.specs"; done

# run NAME CMD [quiet]: the suite's output into its log (and the terminal
# unless quiet), its status in LOG.rc, its seconds in LOG.secs.
run() {
	log="$logdir/$1.log"
	t0=$(date +%s)
	if [ $# -gt 2 ]; then
		{ sh -c "$2"; echo $? >"$log.rc"; } >"$log" 2>&1
	else
		{ sh -c "$2"; echo $? >"$log.rc"; } 2>&1 | tee "$log"
	fi
	echo $(($(date +%s) - t0)) >"$log.secs"
}

# judge NAME: count a finished suite's verdicts (tools/test/summary.sh).
judge() {
	name=$1
	log="$logdir/$name.log"
	secs=$(cat "$log.secs")
	# Each suite's wall time, so the whole run's budget can be watched.
	echo "=== $name: $secs s"
	times="$times $name=${secs}s"
	sum_suite "$name" "$log" "$(cat "$log.rc")" || bad_suites="$bad_suites $name"
}

for suite in "$@"; do
	name=${suite%%:*}
	cmd=${suite#*:}
	beside "$name" && continue
	hosts=$(hosts_of "$name" | tr ',' ' ')
	bg=""
	for h in $hosts; do has "$h" && bg="$bg $h"; done
	if [ -n "$bg" ]; then
		# One background job runs the host suites in turn.
		(for h in $bg; do run "$h" "$(cmd_of "$h")" quiet; done) &
		bgpid=$!
	fi
	echo "=== $name: $cmd${bg:+ (beside it:$bg)}"
	run "$name" "$cmd"
	judge "$name"
	[ -n "$bg" ] || continue
	wait $bgpid
	fg=$name
	for h in $bg; do
		echo "=== $h: $(cmd_of "$h") (ran beside $fg)"
		cat "$logdir/$h.log"
		judge "$h"
	done
done
[ -z "$bad_suites" ] || echo "failing suites:$bad_suites (logs in $logdir)"
echo "times:$times (all: $(($(date +%s) - start)) s)"
sum_close "TOTAL: "
