#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The initramfs archive without booting it: what the kernel needs to run
# /init, what /init needs, and that a rebuild gives the same bytes.
#
# usage: initramfs-test.sh INITRAMFS XENO_PROBE WORK_DIR
set -u

initramfs=$1 probe=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
ok() { echo "PASS initramfs/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL initramfs/$1: $2"; fail=$((fail + 1)); }

rm -rf "$work"
mkdir -p "$work"
if ! gzip -dc "$initramfs" >"$work/a.cpio" 2>"$work/err"; then
	bad gzip "setup: $(head -n 1 "$work/err")"
	echo "$pass passed, $fail failed"
	exit 1
fi
ok gzip
cpio -itv --quiet <"$work/a.cpio" >"$work/list" 2>"$work/err" &&
cpio -it --quiet <"$work/a.cpio" >"$work/names" 2>>"$work/err" &&
	ok cpio-newc || bad cpio-newc "$(head -n 1 "$work/err")"
(cd "$work" && mkdir x && cd x && cpio -id --quiet <../a.cpio 2>/dev/null)
x=$work/x

# entry NAME TEST WHAT: one check on the unpacked tree.
entry() { if eval "$2"; then ok "$1"; else bad "$1" "$3"; fi; }
entry init-executable '[ -x "$x/init" ] && head -n 1 "$x/init" | grep -q "^#!/bin/sh"' \
	"/init missing or not a /bin/sh script"
entry init-syntax 'sh -n "$x/init" 2>/dev/null' "/init has a syntax error"
entry busybox-static '[ -x "$x/bin/busybox" ] && ! readelf -lW "$x/bin/busybox" | grep -q interpreter' \
	"/bin/busybox missing or dynamically linked"
entry applet-links '[ "$(readlink "$x/bin/sh")" = /bin/busybox ] && [ -L "$x/sbin/poweroff" ] && [ -L "$x/bin/cttyhack" ] && [ -L "$x/usr/bin/setsid" ]' \
	"sh, poweroff, cttyhack or setsid link missing"
entry xeno-probe-static '[ -x "$x/bin/xeno-probe" ] && ! readelf -lW "$x/bin/xeno-probe" | grep -q interpreter' \
	"/bin/xeno-probe missing or dynamically linked"
entry boot-list '[ -f "$x/tests/boot" ] && grep -q "^dmesg-clean:" "$x/tests/boot"' "/tests/boot missing"
entry mount-points '[ -d "$x/dev" ] && [ -d "$x/proc" ] && [ -d "$x/sys" ] && [ -d "$x/tmp" ]' \
	"dev, proc, sys or tmp missing"
entry no-device-nodes '! grep -q "^[cb]" "$work/list"' "device nodes need root to build"
entry owned-by-root '! awk "{ print \$3\" \"\$4 }" "$work/list" | grep -qv "^root root$"' \
	"entries not owned by root:root"
entry sorted '[ "$(cat "$work/names")" = "$(LC_ALL=C sort "$work/names")" ]' \
	"entries not in sorted order"

# Reproducible: a rebuild from the same inputs is byte-identical.
if sh "$here/../mkinitramfs.sh" -o "$work/again.cpio.gz" -p "$probe" 2>"$work/err" &&
   cmp -s "$initramfs" "$work/again.cpio.gz"; then
	ok reproducible
else
	bad reproducible "a rebuild differs: $(head -n 1 "$work/err")"
fi

# -x: out-of-tree modules land in /lib/modules and /etc/xeno-modules, in
# the order given (the kit's guest image loads pvrng.ko first); a file
# that is not a .ko is refused.
mkdir -p "$work/ko" "$work/y"
printf 'a' >"$work/ko/second.ko"
printf 'b' >"$work/ko/first.ko"
if sh "$here/../mkinitramfs.sh" -o "$work/extra.cpio.gz" -p "$probe" \
		-x "$work/ko/first.ko $work/ko/second.ko" 2>"$work/err" &&
	(cd "$work/y" && gzip -dc ../extra.cpio.gz | cpio -id --quiet 2>/dev/null) &&
	[ "$(cat "$work/y/etc/xeno-modules")" = "$(printf 'first.ko\nsecond.ko')" ] &&
	[ "$(cat "$work/y/lib/modules/first.ko")" = b ]; then
	ok extra-modules
else
	bad extra-modules "-x: $(head -n 1 "$work/err")"
fi
if sh "$here/../mkinitramfs.sh" -o "$work/bad.cpio.gz" -p "$probe" -x "$probe" 2>/dev/null; then
	bad extra-modules-refused "-x took a file that is not a .ko"
else
	ok extra-modules-refused
fi

[ $fail -eq 0 ] && rm -rf "$work"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
