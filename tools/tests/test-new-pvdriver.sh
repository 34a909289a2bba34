#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/new-pvdriver on the host: bad names and occupied directories are
# refused and leave nothing behind; a fresh driver generated outside the
# tree builds on its own: back end, guest test program, and the module
# against the guests' kernel headers (make -C pvlinux kheaders). One
# PASS/FAIL line per case, then "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen=$top/tools/new-pvdriver
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# --- names ---------------------------------------------------------------
bad_names='Bad 1abc _x a-b a.b a/b ../x abcdefghijklmnop vbd vif console int'
why=""
for n in "" "a b" "$(printf 'a\nb')" $bad_names; do
	if (cd "$tmp" && "$gen" "$n" "out" >/dev/null 2>&1); then
		why="$why '$n' accepted;"
	fi
	[ ! -e "$tmp/out" ] || why="$why '$n' left out/;"
	rm -rf "$tmp/out"
done
[ -z "$(ls -A "$tmp")" ] || why="$why left $(ls -A "$tmp");"
[ -z "$why" ] && ok bad-names-refused || ko bad-names-refused "$why"

why=""
for n in a z9_ abcdefghijklmno; do
	"$gen" "$n" "$tmp/good-$n" >/dev/null 2>&1 || why="$why '$n' refused;"
	[ -f "$tmp/good-$n/$n-ring.h" ] || why="$why no $n-ring.h;"
done
[ -z "$why" ] && ok good-names-accepted || ko good-names-accepted "$why"

# --- directories ---------------------------------------------------------
why=""
mkdir -p "$tmp/full" && echo keep >"$tmp/full/mine"
"$gen" demo "$tmp/full" >/dev/null 2>&1 && why="$why non-empty dir accepted;"
[ "$(ls -A "$tmp/full")" = mine ] || why="$why non-empty dir changed;"
echo x >"$tmp/afile"
"$gen" demo "$tmp/afile" >/dev/null 2>&1 && why="$why a file accepted;"
mkdir "$tmp/empty"
"$gen" demo "$tmp/empty" >/dev/null 2>&1 || why="$why empty dir refused;"
[ -f "$tmp/empty/demo-back.c" ] || why="$why empty dir not filled;"
(cd "$tmp" && "$gen" dflt >/dev/null 2>&1) || why="$why default DIR failed;"
[ -f "$tmp/dflt/dflt-ring.h" ] || why="$why default DIR is not ./NAME;"
ls -A "$tmp" | grep -q '\.new\.' && why="$why staging dir left;"
[ -z "$why" ] && ok directories || ko directories "$why"

# --- a generated driver --------------------------------------------------
d=$tmp/kit/kitdemo
if "$gen" kitdemo "$d" >"$tmp/gen.log" 2>&1; then
	ok generate
else
	ko generate "$(cat "$tmp/gen.log")"
fi

why=""
for f in kitdemo-ring.h kitdemo-front.c kitdemo-back.c kitdemo-test.c \
	Kbuild Makefile kitdemo.cfg front/pvfront.c front/pvfront.h \
	back/pvback.c back/pvback.h back/xb-script.c include/ring-io/ring.h \
	scenarios/back-recycles.xbs; do
	[ -f "$d/$f" ] || why="$why no $f;"
done
left=$(cd "$d" && grep -il skel -- * 2>/dev/null)
[ -z "$left" ] || why="$why 'skel' left in $(echo $left);"
grep -q 'struct kitdemo_request' "$d/kitdemo-ring.h" 2>/dev/null ||
	why="$why no struct kitdemo_request;"
grep -q 'KITDEMO_OP_ECHO' "$d/kitdemo-ring.h" 2>/dev/null ||
	why="$why no KITDEMO_OP_ECHO;"
[ -z "$why" ] && ok layout-and-renames || ko layout-and-renames "$why"

# The ring header needs only the headers copied beside it, freestanding.
if printf '#include "kitdemo-ring.h"\n' | gcc -std=gnu11 -ffreestanding \
	-nostdinc -isystem "$(gcc -print-file-name=include)" -Wall -Werror \
	-I"$d/include" -iquote "$d" -x c -c -o /dev/null - 2>"$tmp/h.log"; then
	ok ring-header-standalone
else
	ko ring-header-standalone "$(head -5 "$tmp/h.log")"
fi

if make -C "$d" back >"$tmp/back.log" 2>&1 && [ -x "$d/build/kitdemo-back" ]; then
	out=$("$d/build/kitdemo-back" 2>&1)
	rc=$?
	if [ $rc -eq 2 ] && echo "$out" | grep -q 'kitdemo-back attach DOMID'; then
		if "$d/build/kitdemo-back" scenario "$d/scenarios/back-recycles.xbs" \
			0 2>&1 | grep -q 'DOMID must be'; then
			ok back-builds
		else
			ko back-builds "scenario mode missing or takes domain 0"
		fi
	else
		ko back-builds "usage: exit $rc, '$out'"
	fi
else
	ko back-builds "$(tail -5 "$tmp/back.log")"
fi

if make -C "$d" test >"$tmp/test.log" 2>&1 && [ -x "$d/build/kitdemo-test" ]; then
	if file "$d/build/kitdemo-test" | grep -q 'statically linked'; then
		ok test-program-builds
	else
		ko test-program-builds "not static: $(file "$d/build/kitdemo-test")"
	fi
else
	ko test-program-builds "$(tail -5 "$tmp/test.log")"
fi

kdir=$(make -s --no-print-directory -C "$top/pvlinux" kheaders 2>"$tmp/kh.log" |
	tail -n 1)
if [ -z "$kdir" ] || [ ! -d "$kdir" ]; then
	ko module-builds "setup: make -C pvlinux kheaders gave no KDIR: $(tail -3 "$tmp/kh.log")"
elif make -C "$d" module KDIR="$kdir" >"$tmp/mod.log" 2>&1 &&
	[ -f "$d/build/kitdemo.ko" ]; then
	# .modinfo holds "vermagic=REL SMP ..." (the host has no modinfo).
	if grep -aq "vermagic=${kdir##*linux-headers-}" "$d/build/kitdemo.ko"; then
		ok module-builds
	else
		ko module-builds "no vermagic in kitdemo.ko"
	fi
else
	ko module-builds "$(tail -5 "$tmp/mod.log")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
