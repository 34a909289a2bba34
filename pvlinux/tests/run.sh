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
. "$here/../../tools/test/summary.sh"

suite() {
	name=$1
	shift
	log=$work/$name.log
	t0=$(date +%s)
	echo "--- $name"
	{ "$@"; echo $? >"$log.rc"; } 2>&1 | tee "$log" |
		grep -vE '^[0-9]+ passed, [0-9]+ failed$'
	sum_suite "$name" "$log" "$(cat "$log.rc")"
	echo "--- $name: $sum_p passed, $sum_f failed, $(($(date +%s) - t0)) s"
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
sum_close
