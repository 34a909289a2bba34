#!/bin/sh
# Conformance with Xen 4.17's C xenstored: conform.py replays the review's
# divergences over the wire; dirpart-race and txn-loop drive Debian's
# libxenstore (xs_directory on a 5,000-name directory that shrinks and
# grows; three clients in a transaction loop). A fresh daemon with default
# quotas for each part. Prints a PASS/FAIL line per case.
# Usage: run.sh PATH/TO/xenstored DIR_WITH_dirpart-race_AND_txn-loop
set -u
daemon=$1
bins=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/xenstore-conform.XXXXXX)
pid=
failed=0

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# start_daemon NAME: a fresh daemon on $tmp/NAME.sock, guests 5 and 6.
start_daemon() {
	"$daemon" --socket "$tmp/$1.sock" --guest-socket "$tmp/$1.g5:5" \
		--guest-socket "$tmp/$1.g6:6" --state "$tmp/$1.state" \
		>> "$tmp/xenstored.log" 2>&1 &
	pid=$!
	i=0
	while ! XENSTORED_PATH=$tmp/$1.sock xenstore-exists / 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "FAIL conform/$1: xenstored did not come up: $(tail -n 3 "$tmp/xenstored.log")"
			exit 1
		fi
		sleep 0.05
	done
}

stop_daemon() {
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=
}

start_daemon wire
python3 "$here/conform.py" "$tmp/wire.sock" "$tmp/wire.g5" "$tmp/wire.g6" ||
	failed=1
stop_daemon

for t in "dirpart-race 6" "txn-loop 4"; do
	set -- $t
	start_daemon "$1"
	XENSTORED_PATH=$tmp/$1.sock timeout 200 "$bins/$1" "$2" || failed=1
	stop_daemon
done

if grep -q 'quota memory=.*wanted [0-9]\{10,\}' "$tmp/xenstored.log"; then
	echo "FAIL conform/no-bogus-quota-refusal: $(grep 'quota memory' "$tmp/xenstored.log" | head -n 1)"
	failed=1
else
	echo "PASS conform/no-bogus-quota-refusal"
fi
exit $failed
