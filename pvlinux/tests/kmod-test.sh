#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Out-of-tree modules against Debian's linux-headers for the guests' kernel:
# fetch-kheaders.sh gives a KDIR, a module including every ring-io header
# builds there with -Werror and W=1 and carries the guests' vermagic, and a
# module with a warning does not build (so "no warnings" is enforced); the
# kit's template and pvrng modules (ring-io/pvdrv) build the same way.
#
# usage: kmod-test.sh CACHE_DIR WORK_DIR
set -u

cache=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0 fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ $fail -eq 0 ]; exit; }

rm -rf "$work"
mkdir -p "$work"

# The kernel first (its version picks the headers); offline, a cache serves.
if ! sh "$root/pvlinux/fetch-kernel.sh" -c "$cache" >"$work/fetch.log" 2>&1 ||
	! kdir=$(sh "$root/pvlinux/fetch-kheaders.sh" -c "$cache" 2>>"$work/fetch.log"); then
	bad kheaders-fetch "setup: $(tail -n 1 "$work/fetch.log")"
	finish
fi
rel=$(sed -n 's/^linux-image-\(.*\) .*/\1/p' "$cache/current")
if [ -f "$kdir/.config" ] && [ -f "$kdir/Module.symvers" ] &&
	[ "$(readlink -f "$cache/kdir")" = "$(readlink -f "$kdir")" ] &&
	grep -q "^include /.*-common/Makefile\$" "$kdir/Makefile"; then
	ok kheaders-fetch
else
	bad kheaders-fetch "$kdir is not a usable kbuild tree"
fi

# A cache copied with hard links (cp -al, as worktrees copy it) gets its
# own Makefile pointer, and the original's stays as it was: the script
# writes a new file, never through the shared inode.
copy=$(cd "$work" && pwd)/cache-copy
mkdir -p "$copy"
before=$(cat "$kdir/Makefile")
if ! cp -al "${kdir%/usr/src/*}" "$copy/" || ! cp "$cache/current" "$copy/"; then
	bad kheaders-hardlinked-copy "setup: cp -al of ${kdir%/usr/src/*} failed"
elif ! ckdir=$(sh "$root/pvlinux/fetch-kheaders.sh" -c "$copy" 2>>"$work/fetch.log"); then
	bad kheaders-hardlinked-copy "fetch-kheaders.sh on the copy: $(tail -n 1 "$work/fetch.log")"
elif [ "$(cat "$kdir/Makefile")" != "$before" ]; then
	bad kheaders-hardlinked-copy "the original's Makefile changed to: $(cat "$kdir/Makefile")"
elif ! grep -qF "include $copy/" "$ckdir/Makefile"; then
	bad kheaders-hardlinked-copy "the copy's Makefile: $(cat "$ckdir/Makefile")"
else
	ok kheaders-hardlinked-copy
fi
rm -rf "$copy"

# build DIR: kbuild in DIR, output in DIR/build.log; returns make's status.
build() {
	make -C "$kdir" M="$1" RING_IO_INC="$root/ring-io/include" W=1 \
		modules >"$1/build.log" 2>&1
}

mkdir -p "$work/ring-io"
cp "$here/kmod/ring-io-kmod.c" "$here/kmod/Kbuild" "$work/ring-io/"
if ! build "$work/ring-io"; then
	bad kmod-ring-io "$(grep -m1 -E 'error|warning' "$work/ring-io/build.log")"
elif grep -q 'warning:' "$work/ring-io/build.log"; then
	bad kmod-ring-io "$(grep -m1 'warning:' "$work/ring-io/build.log")"
elif [ ! -s "$work/ring-io/ring-io-kmod.ko" ]; then
	bad kmod-ring-io "no ring-io-kmod.ko"
else
	ok kmod-ring-io
fi

# vermagic is what insmod in the guest compares against its kernel.
magic=$(strings "$work/ring-io/ring-io-kmod.ko" 2>/dev/null | sed -n 's/^vermagic=//p')
case $magic in
"$rel "*) ok kmod-vermagic ;;
*) bad kmod-vermagic "got '$magic', want '$rel ...'" ;;
esac

# kit_module CASE DIR NAME: a kit class (pvfront + its interface) through
# its own Makefile, outputs redirected here.
kit_module() {
	if ! make -C "$root/ring-io/pvdrv/$2" module KDIR="$kdir" \
		B="$work/$3" >"$work/$3.log" 2>&1; then
		bad "$1" "$(grep -m1 -E 'error|warning|Error' "$work/$3.log")"
	elif grep -q 'warning:' "$work/$3.log"; then
		bad "$1" "$(grep -m1 'warning:' "$work/$3.log")"
	elif [ ! -s "$work/$3/$3.ko" ]; then
		bad "$1" "no $3.ko"
	else
		ok "$1"
	fi
}
kit_module kmod-skel template skel
kit_module kmod-pvrng examples/pvrng pvrng

mkdir -p "$work/warn"
cp "$here/kmod/Kbuild" "$work/warn/"
{ cat "$here/kmod/ring-io-kmod.c"
  echo 'void ring_io_kmod_warn(void) { int unused_on_purpose = 0; }'
} >"$work/warn/ring-io-kmod.c"
if build "$work/warn"; then
	bad kmod-werror "a module with a warning built"
elif ! grep -q 'unused_on_purpose' "$work/warn/build.log"; then
	bad kmod-werror "failed for another reason: $(grep -m1 error "$work/warn/build.log")"
else
	ok kmod-werror
fi
finish
