#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make -C pvlinux test`: run each suite, keep its PASS/FAIL lines, and
# close with the sum. A suite with no closing line, or one that exits
# non-zero with nothing failed, counts as one failure.
#
# usage: run.sh BUILD_DIR CACHE_DIR
set -u

build=$1 cache=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$build/test-work
total_pass=0 total_fail=0

suite() {
	name=$1
	shift
	log=$work/$name.log
	t0=$(date +%s)
	echo "--- $name"
	{ "$@"; echo $? >"$log.rc"; } 2>&1 | tee "$log" |
		grep -vE '^[0-9]+ passed, [0-9]+ failed$'
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$summary" ]; then
		echo "FAIL $name: ended without a closing line"
		total_fail=$((total_fail + 1))
		return
	fi
	p=${summary%% passed*}
	f=${summary#*, }
	f=${f%% failed}
	if [ "$(cat "$log.rc")" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL $name: exited $(cat "$log.rc") with nothing failed"
		f=1
	fi
	echo "--- $name: $p passed, $f failed, $(($(date +%s) - t0)) s"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

mkdir -p "$work"
# Leaks only on a failing case's early exit; ASan would hide the verdict.
export ASAN_OPTIONS=detect_leaks=0
for t in bzimage xen-elf; do
	suite "unit-$t" "$build/unit/test-$t"
done
suite convert sh "$here/convert-test.sh" "$build/bin/bzimage-to-elf" "$cache" "$work/convert"
suite initramfs sh "$here/initramfs-test.sh" "$build/initramfs.cpio.gz" \
	"$build/bin/xeno-probe" "$work/initramfs"
suite dom0-tools-image sh "$here/dom0-tools-image-test.sh" "$work/dom0-tools-image"
suite kmod sh "$here/kmod-test.sh" "$cache" "$work/kmod"
suite qemu-direct sh "$here/qemu-direct-test.sh" "$cache" "$build/initramfs.cpio.gz" \
	"$work/qemu-direct"
echo "$total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
