#!/bin/sh
# SPDX-License-Identifier: MIT
# pvback's xenstore side on the host, against Xeno's xenstored on sockets
# (no Xen needed): attach writes libxl's layout and permissions in one
# go, refuses bad targets and a second attach; detach waits for Closed,
# gives up after 10 s, or --force; the scenario mode plays the shipped
# scenarios against a stand-in front end acting as domain 3 (pvfront's
# rules, in sh), refuses to run beside a serving daemon, and fails a
# scenario whose expectation is wrong; the daemon (serve --no-xen: rings
# never connect) goes InitWait, makes a predecessor's Connected device
# reconnect, follows a front end's Closing to Closed (shutdown) and its
# Initialising back to InitWait, reaches Closed on detach, refuses a frontend in another
# domain and reaps a destroyed guest's directory. One PASS/FAIL line per
# case, then
# "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
cleanup() {
	touch "$tmp/stop"
	[ -z "${fpid:-}" ] || wait "$fpid" 2>/dev/null
	[ -z "${spid:-}" ] || kill "$spid" 2>/dev/null
	[ -z "${xspid:-}" ] || kill "$xspid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

if ! make -s --no-print-directory -C "$top/xenstore" xenstored >"$tmp/b.log" 2>&1 ||
	! make -s --no-print-directory -C "$top/ring-io" build/skel-back >>"$tmp/b.log" 2>&1; then
	ko setup "building xenstored or skel-back failed: $(tail -3 "$tmp/b.log")"
	finish
fi
sb=$top/ring-io/build/skel-back
scn=$top/ring-io/pvdrv/scenarios
"$top/xenstore/build/xenstored" --no-xen --quiet --socket "$tmp/s0" \
	--guest-socket "$tmp/g3:3" --guest-socket "$tmp/g4:4" \
	>"$tmp/xs.log" 2>&1 &
xspid=$!
for i in $(seq 100); do [ -S "$tmp/g4" ] && break; sleep 0.05; done

export XENSTORED_PATH="$tmp/s0"
as3() { XENSTORED_PATH="$tmp/g3" "$@"; }
as4() { XENSTORED_PATH="$tmp/g4" "$@"; }
BE=/local/domain/0/backend/skel/3/0
FE=/local/domain/3/device/skel/0
# What libxl sets up at domain creation: the guest owns its directory.
if ! { xenstore-write /local/domain/0/name Domain-0 /local/domain/3/name g3 &&
	xenstore-chmod /local/domain/3 n3 && xenstore-write /local/domain/3/device "" &&
	xenstore-chmod /local/domain/3/device n3; } 2>"$tmp/setup.log"; then
	ko setup "xenstored on $tmp/s0: $(cat "$tmp/setup.log" "$tmp/xs.log" | tail -3)"
	finish
fi

# --- attach ---------------------------------------------------------------
why=""
for args in "0" "32752" "3 65536" "abc" "03" "" "3 0 1"; do
	# shellcheck disable=SC2086
	"$sb" attach $args >/dev/null 2>&1
	rc=$?
	[ $rc -eq 2 ] || why="$why 'attach $args' exit $rc;"
done
"$sb" attach 9 >/dev/null 2>&1 && why="$why attach to no domain accepted;"
xenstore-exists /local/domain/0/backend/skel && why="$why left a backend dir;"
[ -z "$why" ] && ok attach-refuses-bad-targets || ko attach-refuses-bad-targets "$why"

why=""
"$sb" attach 3 >/dev/null 2>"$tmp/a.log" || why="attach 3 failed: $(cat "$tmp/a.log");"
for kv in "$BE/frontend=$FE" "$BE/frontend-id=3" "$BE/online=1" "$BE/state=1" \
	"$FE/backend=$BE" "$FE/backend-id=0" "$FE/state=1"; do
	got=$(xenstore-read "${kv%%=*}" 2>/dev/null)
	[ "$got" = "${kv#*=}" ] || why="$why ${kv%%=*} is '$got';"
done
[ -z "$why" ] && ok attach-layout || ko attach-layout "$why"

why=""
as3 xenstore-read "$BE/state" >/dev/null 2>&1 || why="$why guest cannot read its back end;"
as3 xenstore-write "$BE/state" 4 2>/dev/null && why="$why guest wrote the back end's state;"
as3 xenstore-write "$BE/online" 1 2>/dev/null && why="$why guest wrote online;"
as3 xenstore-write "$FE/state" 1 2>/dev/null || why="$why guest cannot write its own state;"
as4 xenstore-read "$BE/state" >/dev/null 2>&1 && why="$why domain 4 reads it;"
as4 xenstore-read "$FE/state" >/dev/null 2>&1 && why="$why domain 4 reads the front;"
[ -z "$why" ] && ok attach-permissions || ko attach-permissions "$why"

xenstore-write "$BE/state" 4
if "$sb" attach 3 >/dev/null 2>&1; then
	ko attach-twice-refused "second attach accepted"
elif [ "$(xenstore-read "$BE/state")" != 4 ]; then
	ko attach-twice-refused "second attach changed the state"
else
	ok attach-twice-refused
fi

# --- detach ---------------------------------------------------------------
# A stand-in daemon: once online is 0, it reaches Closed.
(for i in $(seq 200); do
	[ "$(xenstore-read "$BE/online" 2>/dev/null)" = 0 ] &&
		{ xenstore-write "$BE/state" 6; exit; }
	sleep 0.02
done) &
dpid=$!
out=$("$sb" detach 3 2>&1)
rc=$?
wait $dpid
if [ $rc -ne 0 ]; then
	ko detach-waits-for-closed "exit $rc: $out"
elif xenstore-exists "$BE" || xenstore-exists "$FE" ||
	xenstore-exists /local/domain/0/backend/skel/3; then
	ko detach-waits-for-closed "directories left"
else
	ok detach-waits-for-closed
fi

"$sb" attach 3 >/dev/null 2>&1
t0=$(date +%s)
"$sb" detach 3 >/dev/null 2>&1
rc=$?
t=$(($(date +%s) - t0))
if [ $rc -ne 1 ] || [ $t -lt 9 ] || [ $t -gt 20 ] || xenstore-exists "$FE"; then
	ko detach-gives-up "exit $rc after $t s (want 1 after ~10 s, dirs removed)"
else
	ok detach-gives-up
fi

"$sb" attach 3 >/dev/null 2>&1
"$sb" detach --force 3 >/dev/null 2>&1
rc=$?
if [ $rc -ne 0 ] || xenstore-exists "$BE" || xenstore-exists "$FE"; then
	ko detach-force "exit $rc or directories left"
elif "$sb" detach 3 >/dev/null 2>&1; then
	ko detach-force "detaching a detached device succeeded"
else
	ok detach-force
fi

"$sb" attach 3 >/dev/null 2>&1
xenstore-rm "$BE"
"$sb" detach 3 >/dev/null 2>&1
rc=$?
if [ $rc -ne 0 ] || xenstore-exists "$FE"; then
	ko detach-half-device "exit $rc, or the guest's directory left"
else
	ok detach-half-device
fi

# --- scenarios against a stand-in front end ------------------------------
# pvfront's rules, as domain 3: InitWait -> publish, Initialised; Connected
# (answering our Initialised) -> Connected; Closing, Closed, gone or
# garbage -> Closed. Runs until $tmp/stop appears.
front() {
	rm -f "$tmp/stop"
	as3 xenstore-write "$FE/state" 1
	while [ ! -e "$tmp/stop" ]; do
		b=$(as3 xenstore-read "$BE/state" 2>/dev/null || echo gone)
		f=$(as3 xenstore-read "$FE/state" 2>/dev/null || echo 0)
		case $b in
		2) [ "$f" = 3 ] || as3 xenstore-write "$FE/ring-ref" 8 \
			"$FE/event-channel" 5 "$FE/state" 3 ;;
		4) [ "$f" != 3 ] || as3 xenstore-write "$FE/state" 4 ;;
		1 | 3 | 7 | 8) ;;
		*) [ "$f" = 1 ] || [ "$f" = 6 ] || as3 xenstore-write "$FE/state" 6 ;;
		esac
		sleep 0.01
	done
}

start_front() {
	"$sb" detach --force 3 >/dev/null 2>&1
	"$sb" attach 3 >/dev/null 2>&1
	front &
	fpid=$!
	for i in $(seq 100); do
		[ "$(xenstore-read "$FE/state" 2>/dev/null)" = 1 ] && break
		sleep 0.02
	done
}

stop_front() {
	touch "$tmp/stop"
	wait "$fpid"
	fpid=""
}

for f in "$scn"/*.xbs; do
	name=scenario-$(basename "$f" .xbs)
	start_front
	out=$("$sb" scenario --pidfile "$tmp/pid" "$f" 3 2>&1)
	rc=$?
	stop_front
	if [ $rc -eq 0 ] && echo "$out" | grep -q '^PASS scenario'; then
		ok "$name"
	else
		ko "$name" "exit $rc: $out"
	fi
done

# A wrong expectation fails, within its budget.
printf 'name wrong on purpose\nbudget 300\nstate InitWait\nwait Initialised\nexpect Connected\n' \
	>"$tmp/wrong.xbs"
start_front
out=$("$sb" scenario --pidfile "$tmp/pid" "$tmp/wrong.xbs" 3 2>&1)
rc=$?
stop_front
if [ $rc -eq 1 ] && echo "$out" | grep -q '^FAIL scenario wrong on purpose'; then
	ok scenario-wrong-expectation-fails
else
	ko scenario-wrong-expectation-fails "exit $rc: $out"
fi

# Not a fresh device (the front end Connected): refused as a precondition.
start_front
xenstore-write "$BE/state" 2
for i in $(seq 100); do
	[ "$(xenstore-read "$FE/state")" = 3 ] && break
	sleep 0.02
done
xenstore-write "$BE/state" 4
for i in $(seq 100); do
	[ "$(xenstore-read "$FE/state")" = 4 ] && break
	sleep 0.02
done
out=$("$sb" scenario --pidfile "$tmp/pid" "$scn/back-stale-connected.xbs" 3 2>&1)
rc=$?
stop_front
if [ $rc -eq 1 ] && echo "$out" | grep -q '^FAIL scenario .*precondition: front end Connected'; then
	ok scenario-precondition
else
	ko scenario-precondition "exit $rc: $out"
fi

# A serving daemon holds the lock: the scenario must not fight it.
flock "$tmp/lock" sleep 3 &
lpid=$!
sleep 0.3
out=$("$sb" scenario --pidfile "$tmp/lock" "$scn/back-recycles.xbs" 3 2>&1)
rc=$?
kill $lpid 2>/dev/null
wait $lpid 2>/dev/null
if [ $rc -eq 1 ] && echo "$out" | grep -q 'serve.* is running'; then
	ok scenario-refuses-beside-daemon
else
	ko scenario-refuses-beside-daemon "exit $rc: $out"
fi

# --- the daemon's handshake, xenstore only (serve --no-xen) --------------
# wait_for PATH VALUE: up to 5 s for PATH to read VALUE ("" = gone).
wait_for() {
	for i in $(seq 250); do
		if [ -z "$2" ]; then
			xenstore-exists "$1" || return 0
		elif [ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ]; then
			return 0
		fi
		sleep 0.02
	done
	return 1
}
serve() {
	: >"$tmp/serve.log"
	"$sb" serve --no-xen --pidfile "$tmp/pid" 2>>"$tmp/serve.log" &
	spid=$!
	for i in $(seq 250); do
		grep -q serving "$tmp/serve.log" && return
		sleep 0.02
	done
}
unserve() {
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
}

"$sb" detach --force 3 >/dev/null 2>&1
serve
"$sb" attach 3 >/dev/null 2>&1
if wait_for "$BE/state" 2; then
	ok serve-initwait
else
	ko serve-initwait "back end state $(xenstore-read "$BE/state")"
fi

# A predecessor left the device Connected: the new daemon asks the front
# end to let go (Closing), and offers InitWait once it has closed.
unserve
xenstore-write "$BE/state" 4
as3 xenstore-write "$FE/state" 4
serve
if ! wait_for "$BE/state" 5; then
	ko serve-restart-closes "back end state $(xenstore-read "$BE/state"), want 5"
else
	as3 xenstore-write "$FE/state" 6
	if ! wait_for "$BE/state" 2; then
		ko serve-restart-closes "after Closed: $(xenstore-read "$BE/state"), want 2"
	elif xenstore-exists "$BE/pvback-reconnect"; then
		ko serve-restart-closes "the reconnect mark outlived InitWait"
	else
		ok serve-restart-closes
	fi
fi

# The guest shuts down (Linux sets the front end Closing and waits for
# Closed): we go Closing, then Closed, and stay there; a reloaded module
# (Initialising) gets InitWait.
unserve
xenstore-write "$BE/state" 4
as3 xenstore-write "$FE/state" 5
serve
why=""
wait_for "$BE/state" 5 || why="$why state $(xenstore-read "$BE/state"), want 5;"
as3 xenstore-write "$FE/state" 6
wait_for "$BE/state" 6 || why="$why after Closed: $(xenstore-read "$BE/state"), want 6;"
sleep 0.3
[ "$(xenstore-read "$BE/state")" = 6 ] || why="$why left Closed;"
as3 xenstore-write "$FE/state" 1
wait_for "$BE/state" 2 || why="$why after Initialising: $(xenstore-read "$BE/state"), want 2;"
[ -z "$why" ] && ok serve-shutdown-closes || ko serve-shutdown-closes "$why"

# detach with the daemon serving: it reaches Closed, detach returns 0.
out=$("$sb" detach 3 2>&1)
rc=$?
if [ $rc -eq 0 ] && ! xenstore-exists "$BE" && ! xenstore-exists "$FE"; then
	ok serve-detach
else
	ko serve-detach "exit $rc: $out"
fi

# detach, then attach at once, with the daemon serving: the daemon's
# writes must never re-create the removed directory (which would make
# the attach find it "attached already" and leave the guest without it).
# Noise in the daemon's watched tree keeps it rescanning, so a removal
# lands in the middle of its reads (as under a slow TCG dom0).
(while [ ! -e "$tmp/quiet" ]; do
	xenstore-write /local/domain/0/backend/skel/noise x
done) &
npid=$!
why=""
for r in 1 2 3 4 5 6 7 8 9; do
	"$sb" attach 3 >/dev/null 2>&1
	wait_for "$BE/state" 2 || why="$why round $r: state $(xenstore-read "$BE/state");"
	if [ $((r % 2)) -eq 0 ]; then
		"$sb" detach --force 3 >/dev/null 2>&1 || why="$why round $r: detach --force failed;"
	else
		"$sb" detach 3 >/dev/null 2>&1 || why="$why round $r: detach failed;"
	fi
	sleep 0.05
	xenstore-exists "$BE" && why="$why round $r: the directory came back;"
done
touch "$tmp/quiet"
wait $npid
xenstore-rm /local/domain/0/backend/skel/noise
"$sb" attach 3 >/dev/null 2>&1 || why="$why the last attach failed;"
wait_for "$BE/state" 2 || why="$why last attach: state $(xenstore-read "$BE/state");"
[ -z "$why" ] && ok serve-detach-attach-at-once || ko serve-detach-attach-at-once "$why"
"$sb" detach --force 3 >/dev/null 2>&1

# A frontend key naming another domain's directory is not believed.
"$sb" attach 3 >/dev/null 2>&1
wait_for "$BE/state" 2
xenstore-write "$BE/frontend" /local/domain/4/device/skel/0
if wait_for "$BE/state" 6; then
	ok serve-refuses-foreign-frontend
else
	ko serve-refuses-foreign-frontend "state $(xenstore-read "$BE/state"), want 6"
fi
"$sb" detach --force 3 >/dev/null 2>&1

# The guest is destroyed (libxl removes /local/domain/3 only): the daemon
# removes the back-end directory libxl does not know about.
"$sb" attach 3 >/dev/null 2>&1
wait_for "$BE/state" 2
xenstore-rm /local/domain/3
if wait_for /local/domain/0/backend/skel/3 ""; then
	ok serve-reaps-dead-domain
else
	ko serve-reaps-dead-domain "backend/skel/3 still there"
fi
if kill -0 "$spid" 2>/dev/null; then
	ok serve-survived
else
	ko serve-survived "$(tail -3 "$tmp/serve.log")"
fi
unserve

if kill -0 "$xspid" 2>/dev/null; then
	ok xenstored-survived
else
	ko xenstored-survived "$(tail -3 "$tmp/xs.log")"
fi
finish
