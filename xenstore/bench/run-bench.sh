#!/bin/sh
# make bench: throughput beside an echo baseline, memory with 100,000
# nodes, and the 300-domain start storm. Usage: run-bench.sh BUILD_DIR
set -eu
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/xenstore-bench.XXXXXX)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

wait_socket() {
	i=0
	while [ ! -S "$1" ]; do
		i=$((i + 1)); [ $i -lt 200 ] || { echo "no socket $1"; exit 1; }
		sleep 0.05
	done
	sleep 0.1
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# Both servers on the same CPU, so neither gets a better seat.
pin=
command -v taskset >/dev/null && pin="taskset -c 0"
$pin "$top/xenstored" --quiet --socket "$tmp/xs" &
xs=$!; pids="$pids $xs"
$pin "$build/bench/echo-server" "$tmp/echo" &
pids="$pids $!"
wait_socket "$tmp/xs"
wait_socket "$tmp/echo"

echo "== throughput over a Unix socket (best of 5 x 0.4 s, echo alternating)"
"$build/bench/xs-bench" throughput "$tmp/xs" "$tmp/echo"

echo "== memory with 100,000 small nodes"
before=$(rss_kib $xs)
"$build/bench/xs-bench" populate "$tmp/xs" 100000
after=$(rss_kib $xs)
echo "xenstored RSS: $before KiB before, $after KiB after:" \
	"$(( (after - before) * 1024 / 100000 )) bytes per node"

echo "== domain-start storm: 300 domains over rings"
mkdir "$tmp/rings"
"$top/xenstored" --quiet --socket "$tmp/xs2" --ring-dir "$tmp/rings" &
pids="$pids $!"
wait_socket "$tmp/xs2"
"$build/bench/xs-bench" storm "$tmp/xs2" "$tmp/rings" 300
