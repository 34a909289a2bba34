#!/bin/sh
# Client tests: our xenstored on temporary sockets, driven by Debian's
# xenstore-utils (found through XENSTORED_PATH) and by wire-cases.py for
# what the tools cannot say. Domains 5 and 6 are test-only guest sockets:
# their clients act as those unprivileged domains. Prints a PASS/FAIL line
# per case. Usage: run.sh PATH/TO/xenstored PATH/TO/xs-bench
set -u
daemon=$1
bench=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/xenstore-client.XXXXXX)
log=$tmp/xenstored.log
pid=
failed=0

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

pass() { echo "PASS client/$1"; }
fail() { echo "FAIL client/$1: $2"; failed=1; }

start_daemon() {
	"$daemon" --socket "$tmp/sock" --guest-socket "$tmp/g5:5" \
		--guest-socket "$tmp/g6:6" --state "$tmp/state" \
		--quota nodes=40 --quota watches=4 --quota transactions=2 \
		--quota node-size=1024 >> "$log" 2>&1 &
	pid=$!
	i=0
	while ! XENSTORED_PATH=$tmp/sock xenstore-exists / 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			fail setup "xenstored did not come up: $(tail -n 3 "$log")"
			exit 1
		fi
		sleep 0.05
	done
}

d0() { XENSTORED_PATH=$tmp/sock "$@"; }
g5() { XENSTORED_PATH=$tmp/g5 "$@"; }
g6() { XENSTORED_PATH=$tmp/g6 "$@"; }

# check NAME EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$3', want '$2'"; fi
}

start_daemon

d0 xenstore-write /tool/a hello
check write-read hello "$(d0 xenstore-read /tool/a)"

d0 xenstore-write /tool/x 1 /tool/y 2
# /tool/xenstored is there from the start, as with Xen's C daemon.
check list "xenstored a x y" "$(d0 xenstore-list /tool | tr '\n' ' ' | sed 's/ $//')"

check ls 'xenstored = "" a = "hello" x = "1" y = "2"' \
	"$(d0 xenstore-ls /tool | sed 's/^ *//' | tr '\n' ' ' | sed 's/ $//')"

if d0 xenstore-exists /tool/x && ! d0 xenstore-exists /tool/none; then
	pass exists
else
	fail exists "wrong answer"
fi

d0 xenstore-rm /tool/x
if d0 xenstore-exists /tool/x; then fail rm "still there"; else pass rm; fi

d0 xenstore-write /tree/a/b/c deep
d0 xenstore-rm /tree
if d0 xenstore-exists /tree/a/b/c || d0 xenstore-exists /tree; then
	fail rm-recursive "subtree survived"
else
	pass rm-recursive
fi

if d0 xenstore-read /absent 2>/dev/null; then
	fail read-missing "read succeeded"
else
	pass read-missing
fi

# Permissions: dom0 hands domain 5 its home; 5 may write there only.
d0 xenstore-write /local/domain/5 ""
d0 xenstore-chmod /local/domain/5 n5
g5 xenstore-write data/own mine
check guest-writes-home mine "$(d0 xenstore-read /local/domain/5/data/own)"

if g5 xenstore-write /forbidden x 2>/dev/null; then
	fail guest-denied-root "write to / allowed"
elif d0 xenstore-exists /forbidden; then
	fail guest-denied-root "node created anyway"
else
	pass guest-denied-root
fi

if g6 xenstore-read /local/domain/5/data/own 2>/dev/null; then
	fail perms-hide-from-others "domain 6 read domain 5's node"
else
	pass perms-hide-from-others
fi

g5 xenstore-chmod data/own n5 r6
if [ "$(g6 xenstore-read /local/domain/5/data/own 2>/dev/null)" = mine ] &&
   ! g6 xenstore-write /local/domain/5/data/own theirs 2>/dev/null; then
	pass chmod-grants-read-only
else
	fail chmod-grants-read-only "domain 6 could not read, or could write"
fi

if g5 xenstore-chmod /tool/a b5 2>/dev/null; then
	fail chmod-needs-ownership "guest changed dom0's node"
else
	pass chmod-needs-ownership
fi

check ls-perms "n5 r6" \
	"$(d0 xenstore-ls -p /local/domain/5/data | sed 's/.*(\(.*\))/\1/; s/,/ /g')"

# Watches: the first event is the watch itself, then the change.
d0 xenstore-watch -n 2 /w > "$tmp/watch.out" 2>&1 &
wpid=$!
i=0
while [ "$(head -n 1 "$tmp/watch.out")" != /w ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
d0 xenstore-write /w/k v
i=0
while kill -0 $wpid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill $wpid 2>/dev/null
check watch-fires "/w /w/k" "$(tr '\n' ' ' < "$tmp/watch.out" | sed 's/ $//')"

# A guest's relative watch sees relative paths, and only changes to what
# it may read, or whose parent it may read (as with Xen's daemons).
d0 xenstore-write /local/domain/5/data/hid/secret s
d0 xenstore-chmod /local/domain/5/data/hid n0
d0 xenstore-chmod /local/domain/5/data/hid/secret n0
g5 xenstore-watch -n 2 data > "$tmp/gwatch.out" 2>&1 &
wpid=$!
i=0
while [ "$(head -n 1 "$tmp/gwatch.out")" != data ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
d0 xenstore-write /local/domain/5/data/hid/secret t   # unreadable: no event
d0 xenstore-write /local/domain/5/data/visible v   # inherits owner 5
i=0
while kill -0 $wpid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill $wpid 2>/dev/null
check guest-watch-relative "data data/visible" \
	"$(tr '\n' ' ' < "$tmp/gwatch.out" | sed 's/ $//')"

# Many tools racing on one node: each wraps its write in a transaction and
# retries on EAGAIN, so every one must succeed.
pids=
for n in 1 2 3 4 5 6 7 8; do
	( for j in 1 2 3 4 5; do d0 xenstore-write /race/k "$n-$j" /race/$n "$j" || exit 1; done ) &
	pids="$pids $!"
done
ok=1
for p in $pids; do wait "$p" || ok=0; done
[ "$(d0 xenstore-list /race | wc -l)" = 9 ] || ok=0
[ $ok = 1 ] && pass concurrent-writers-retry || fail concurrent-writers-retry "a write failed"

# Quotas: domain 5 may own 40 nodes; the refusal is logged once.
i=0
while g5 xenstore-write "data/q$i" x 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && break
done
if [ $i -gt 30 ] && [ $i -lt 40 ] &&
   grep -q 'domain 5: quota nodes=40 reached' "$log"; then
	pass quota-nodes
else
	fail quota-nodes "stopped after $i writes; log: $(grep quota "$log" | head -n 2)"
fi
[ "$(grep -c 'domain 5: quota nodes=40' "$log")" = 1 ] &&
	pass quota-logged-once || fail quota-logged-once "logged $(grep -c 'domain 5: quota nodes' "$log") times"

big=$(head -c 1500 /dev/zero | tr '\0' 'z')
if g5 xenstore-write data/own "$big" 2>/dev/null; then
	fail quota-node-size "1500-byte value accepted"
elif ! d0 xenstore-write /tool/big "$big"; then
	fail quota-node-size "dom0 refused too"
else
	pass quota-node-size
fi

# Long listings go through DIRECTORY_PART in libxenstore.
for i in $(seq 0 399); do echo "/long/entry-with-a-long-name-$i"; echo v; done |
	xargs -n 200 env XENSTORED_PATH="$tmp/sock" xenstore-write
check directory-part 400 "$(d0 xenstore-list /long | wc -l)"

python3 "$here/wire-cases.py" "$tmp/sock" "$tmp/g5" "$tmp/g6" || failed=1

# Guests over rings (the --ring-dir stand-in for grant page and event
# channel): 20 domains introduced at once, each watching and writing its
# front-end nodes through its own ring.
mkdir "$tmp/rings"
"$daemon" --socket "$tmp/ringsock" --ring-dir "$tmp/rings" >> "$log" 2>&1 &
rpid=$!
i=0
while [ ! -S "$tmp/ringsock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if out=$("$bench" storm "$tmp/ringsock" "$tmp/rings" 20 2>&1); then
	pass ring-guests
else
	fail ring-guests "$(echo "$out" | tail -n 2 | tr '\n' ' ')"
fi
kill $rpid; wait $rpid 2>/dev/null

# Durability: a clean stop and a crash both keep acknowledged writes.
d0 xenstore-write /durable/clean yes
kill -TERM "$pid"; wait "$pid"; pid=
start_daemon
check restart-keeps-tree yes "$(d0 xenstore-read /durable/clean 2>&1)"
check restart-keeps-perms "n5 r6" \
	"$(d0 xenstore-ls -p /local/domain/5/data | grep own | sed 's/.*(\(.*\))/\1/; s/,/ /g')"
d0 xenstore-write /durable/crash acked
kill -KILL "$pid"; wait "$pid" 2>/dev/null; pid=
start_daemon
check crash-keeps-acked-write acked "$(d0 xenstore-read /durable/crash 2>&1)"

# A dom0 without usable event channels (here: a fake xenfs directory on a
# host with no /dev/xen): the daemon says why and serves the socket.
mkdir "$tmp/xenfs"
head -c 4096 /dev/zero > "$tmp/xenfs/xsd_kva"
echo 7 > "$tmp/xenfs/xsd_port"
"$daemon" --socket "$tmp/xsock" --xen-proc "$tmp/xenfs" > "$tmp/xen.log" 2>&1 &
xpid=$!
i=0
while ! XENSTORED_PATH=$tmp/xsock xenstore-write /tool/x ok 2>/dev/null &&
	[ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.05
done
check no-xen-socket-serves ok "$(XENSTORED_PATH=$tmp/xsock xenstore-read /tool/x 2>&1)"
if grep -q "dom0's ring from $tmp/xenfs: .*: dom0 has the socket only" "$tmp/xen.log"; then
	pass no-xen-says-why
else
	fail no-xen-says-why "log: $(tr '\n' ' ' < "$tmp/xen.log")"
fi
kill $xpid; wait $xpid 2>/dev/null

exit $failed
