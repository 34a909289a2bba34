#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host checks of the dom0-tools image (no boot): built by make (packages
# fetched; no network is a FAIL with the reason), every program's
# libraries resolvable inside the image (tests/elf-closure.py, with
# negative cases proving it cannot pass on the host's libraries), the
# packages' files unmodified, the Xen modules and guest files present,
# and the build reproducible.
#
# usage: dom0-tools-image-test.sh WORK_DIR
set -u

here=$(cd "$(dirname "$0")" && pwd)
pv=$(dirname "$here")
work=$(mkdir -p "$1" && cd "$1" && pwd)   # make -C must find it
image=$pv/../build/pvlinux/initramfs-dom0-tools.cpio.gz
cache=${XEN_UTILS_CACHE:-$pv/../cache/xen-utils}
passed=0 failed=0
pass() { echo "PASS $1${2:+: $2}"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
rebuild_pid=""
finish() {
	[ -z "$rebuild_pid" ] || wait "$rebuild_pid"
	echo "$passed passed, $failed failed"; [ $failed -eq 0 ]; exit $?
}

rm -rf "${work:?}"/*
if ! make -s --no-print-directory -C "$pv" dom0-tools >"$work/make.log" 2>&1; then
	fail build "make dom0-tools failed: $(tail -n 3 "$work/make.log" | tr '\n' ' ')"
	finish
fi
pass build "$(stat -c %s "$image") bytes compressed"

# Same inputs, same bytes: a second build in another directory (its own
# staging tree), in the background while the checks below read the first;
# judged at the end.
{
	make -s --no-print-directory -C "$pv" BUILD="$work/rebuild" \
		"$work/rebuild/initramfs-dom0-tools.cpio.gz" >"$work/rebuild.log" 2>&1
	echo $? >"$work/rebuild.rc"
} &
rebuild_pid=$!

root=$work/root
mkdir -p "$root"
(cd "$root" && gzip -dc "$image" | cpio -id --quiet) || { fail unpack "cpio -i failed"; finish; }
echo "image: $(du -s --apparent-size -k "$root" | cut -f1) KiB unpacked," \
	"$(find "$root" ! -type d | wc -l) files"

# The programs dom0 runs, and the rest of the image.
PROGRAMS="/usr/lib/xen-4.17/bin/xl /usr/lib/xen-4.17/bin/xenconsoled
/usr/lib/xen-4.17/bin/xen-init-dom0 /usr/bin/xenstore-ls
/usr/lib/xen-4.17/bin/xenstored /usr/lib/xen-4.17/bin/libxl-save-helper /bin/bash
/usr/sbin/brctl /usr/bin/flock"
# shellcheck disable=SC2086
python3 "$here/elf-closure.py" "$root" $PROGRAMS >"$work/closure.out"
grep -E '^(PASS|FAIL) ' "$work/closure.out"
passed=$((passed + $(grep -c '^PASS' "$work/closure.out")))
failed=$((failed + $(grep -c '^FAIL' "$work/closure.out")))

# The checker must fail when a piece is gone, though the host has it.
# neg NAME PATH-TO-REMOVE PROGRAM EXPECTED-TEXT
neg() {
	rm -rf "$work/neg"
	cp -al "$root" "$work/neg"
	rm -f "$work/neg$2"
	out=$(python3 "$here/elf-closure.py" "$work/neg" "$3")
	if [ $? -ne 0 ] && echo "$out" | grep -q "^FAIL closure $3: .*$4"; then
		pass "$1" "$(echo "$out" | grep "^FAIL closure $3" | cut -c1-120)"
	else
		fail "$1" "removing $2 went unnoticed: $out"
	fi
	rm -rf "$work/neg"
}
neg negative/missing-library /usr/lib/x86_64-linux-gnu/libyajl.so.2 \
	/usr/lib/xen-4.17/bin/xl "libyajl.so.2 (needed by /usr/lib/xen-4.17/bin/xl) not found"
neg negative/missing-indirect-library /lib/x86_64-linux-gnu/liblzma.so.5 \
	/usr/lib/xen-4.17/bin/xen-init-dom0 "liblzma.so.5 (needed by .*libxenguest.so.4.17.0) not found"
neg negative/missing-libc-host-has-one /lib/x86_64-linux-gnu/libc.so.6 \
	/usr/bin/xenstore-ls "libc.so.6 .* not found"
neg negative/missing-interpreter /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
	/usr/lib/xen-4.17/bin/xenconsoled "interpreter /lib64/ld-linux-x86-64.so.2 missing"

# Every file taken from a package is as Debian ships it (files of a
# package the image took only a part of may be busybox links there).
changed=0 compared=0
while read -r pkg ver; do
	dir=$cache/${pkg}_$(echo "$ver" | tr ':' '_')
	for f in $(cd "$dir" && find . -type f ! -name .unpacked); do
		[ -f "$root/$f" ] && [ ! -L "$root/$f" ] || continue
		compared=$((compared + 1))
		cmp -s "$dir/$f" "$root/$f" || { echo "    changed: $f ($pkg)"; changed=$((changed + 1)); }
	done
done <"$cache/current"
if [ $changed -eq 0 ] && [ $compared -gt 100 ]; then
	pass packages-unmodified "$compared files equal to the packages'"
else
	fail packages-unmodified "$changed of $compared files differ"
fi

# What the tools and xl need at known paths.
missing=""
for f in /etc/xen/xl.conf /etc/xen/scripts/block /etc/xen/scripts/vif-bridge \
	/etc/xen/scripts/xen-hotplug-common.sh /usr/sbin/xl /usr/bin/xenstore-write \
	/usr/bin/flock /sbin/brctl \
	/bin/dom0-tools-check /boot/guest-vmlinuz /boot/guest-initrd.gz /etc/xen/guest.cfg \
	/var/run/xen /var/log/xen /var/lib/xen; do
	[ -e "$root$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && pass files "tools, hotplug scripts, xl.conf, guest" ||
	fail files "missing:$missing"

# guest.cfg's kernel and ramdisk are in the image.
k=$(sed -n 's/^kernel *= *"\(.*\)"/\1/p' "$root/etc/xen/guest.cfg")
r=$(sed -n 's/^ramdisk *= *"\(.*\)"/\1/p' "$root/etc/xen/guest.cfg")
if [ -n "$k" ] && [ -f "$root$k" ] && [ -n "$r" ] && [ -f "$root$r" ]; then
	pass guest-cfg "kernel $k, ramdisk $r"
else
	fail guest-cfg "kernel '$k' or ramdisk '$r' not in the image"
fi

mods=""
for m in xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs xen-blkback \
	xen-netback bridge loop; do
	grep -qx "$m.ko" "$root/etc/xeno-modules" && [ -f "$root/lib/modules/$m.ko" ] ||
		mods="$mods $m"
done
[ -z "$mods" ] && pass xen-modules "in /etc/xeno-modules and /lib/modules" ||
	fail xen-modules "missing:$mods"

wait "$rebuild_pid"
rebuild_pid=""
if [ "$(cat "$work/rebuild.rc")" = 0 ]; then
	if cmp -s "$image" "$work/rebuild/initramfs-dom0-tools.cpio.gz"; then
		pass reproducible "$(sha256sum <"$image" | cut -c1-16)"
	else
		fail reproducible "a second build differs"
	fi
else
	fail reproducible "second build failed: $(tail -n 3 "$work/rebuild.log" | tr '\n' ' ')"
fi
rm -rf "$work/rebuild" "$root"
finish
