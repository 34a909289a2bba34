#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bzimage-to-elf against Debian's real kernel: the payload is decompressed
# here with xz (not with the tool), recompressed into every format the
# kernel build can emit, spliced back into a copy of the bzImage, and each
# conversion must give the reference ELF byte for byte. Then the refusals:
# plain ELFs with and without Xen notes, truncated, foreign and damaged
# images, each with its one-line message and no output left behind.
#
# usage: convert-test.sh TOOL CACHE_DIR WORK_DIR
#   KERNEL_LEVELS=1  compress with the kernel build's exact levels (slow:
#                    lzma -9, xz preset 6, zstd -22 take ~30 s each)
set -u

tool=$1 cache=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

rm -rf "$work"
mkdir -p "$work"

# Little-endian u32 at a byte offset, read and written with od and printf.
get32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
put32() {
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($2 & 255)) \
		$((($2 >> 8) & 255)) $((($2 >> 16) & 255)) $((($2 >> 24) & 255)))" |
		dd of="$1" bs=1 seek="$3" conv=notrunc status=none
}
le32() { printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) \
	$((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)))"; }

# expect_ok NAME INPUT [FORMAT]: converts to exactly the reference.
expect_ok() {
	out=$work/$1.elf
	if ! "$tool" -v "$2" "$out" >"$work/$1.log" 2>&1; then
		bad "$1" "$(head -n 1 "$work/$1.log")"
	elif [ -n "${3:-}" ] && ! grep -q " $3 payload " "$work/$1.log"; then
		bad "$1" "format not reported as $3: $(head -n 1 "$work/$1.log")"
	elif ! cmp -s "$out" "$ref"; then
		bad "$1" "output differs from the reference ELF"
	else
		ok "$1"
	fi
	rm -f "$out"
}

# expect_refusal NAME INPUT MESSAGE: exit 1, one line containing MESSAGE,
# and no output file (nor temporary) left.
expect_refusal() {
	out=$work/$1.elf
	"$tool" "$2" "$out" >"$work/$1.log" 2>&1
	rc=$?
	lines=$(wc -l <"$work/$1.log")
	if [ $rc -ne 1 ]; then
		bad "$1" "exit $rc, want 1"
	elif [ "$lines" -ne 1 ]; then
		bad "$1" "$lines lines of error, want 1"
	elif ! grep -qF "$3" "$work/$1.log"; then
		bad "$1" "got '$(cat "$work/$1.log")', want '$3'"
	elif ls "$out"* >/dev/null 2>&1; then
		bad "$1" "output left behind"
	else
		ok "$1"
	fi
}

# Pass-through and refusals that need no kernel.
tiny_ok=1
gcc -DXEN_NOTES -nostdlib -static -no-pie -Wl,--build-id=none \
	-o "$work/tiny-xen" "$here/tiny-elf.S" 2>"$work/cc.log" &&
gcc -nostdlib -static -no-pie -Wl,--build-id=none \
	-o "$work/tiny-plain" "$here/tiny-elf.S" 2>>"$work/cc.log" || tiny_ok=0
if [ $tiny_ok = 1 ]; then
	if "$tool" -v "$work/tiny-xen" "$work/tiny-out" >"$work/tiny.log" 2>&1 &&
	   cmp -s "$work/tiny-xen" "$work/tiny-out" &&
	   grep -q ', hypercall page$' "$work/tiny.log"; then
		ok elf-with-hypercall-page-passes-through
	else
		bad elf-with-hypercall-page-passes-through "$(head -n 1 "$work/tiny.log")"
	fi
	expect_refusal elf-without-xen-notes "$work/tiny-plain" \
		"tiny-plain: no Xen ELF notes: not a PV kernel"
	cp "$work/tiny-xen" "$work/tiny-arm"
	printf '\267' | dd of="$work/tiny-arm" bs=1 seek=18 conv=notrunc status=none
	expect_refusal elf-other-machine "$work/tiny-arm" "e_machine is not EM_X86_64"
else
	for c in elf-with-hypercall-page-passes-through elf-without-xen-notes \
		 elf-other-machine; do
		bad $c "setup: cannot assemble tiny-elf.S: $(head -n 1 "$work/cc.log")"
	done
fi
printf 'just some text, long enough to hold a setup header? no.\n' >"$work/text"
expect_refusal not-a-bzimage "$work/text" 'not a bzImage: no "HdrS" setup header'
: >"$work/empty"
expect_refusal empty-file "$work/empty" 'not a bzImage'
expect_refusal missing-file "$work/no-such-file" 'No such file or directory'

# Everything below needs Debian's kernel.
kernel_cases="xz-as-shipped gzip bzip2 lzma xz lzo lz4 zstd plain-vmlinux
truncated-bzimage truncated-setup-header truncated-vmlinux corrupt-payload
wrong-size-trailer unknown-format old-boot-protocol bzimage-without-xen-notes"
setup_fail() {
	for c in $kernel_cases; do bad "$c" "setup: $1"; done
	echo "$pass passed, $fail failed"
	exit 1
}

sh "$here/../fetch-kernel.sh" -c "$cache" >"$work/fetch.log" 2>&1 ||
	setup_fail "no kernel: $(tail -n 1 "$work/fetch.log")"
vmlinuz=$cache/vmlinuz
sects=$(od -An -tu1 -j 497 -N1 "$vmlinuz" | tr -d ' ')
[ "$sects" = 0 ] && sects=4
start=$(( (sects + 1) * 512 + $(get32 "$vmlinuz" 584) ))
plen=$(get32 "$vmlinuz" 588)
size=$(get32 "$vmlinuz" $((start + plen - 4)))
ref=$work/reference.elf
# The reference comes from xz directly, independent of the tool.
head -c $((start + plen - 4)) "$vmlinuz" | tail -c +$((start + 1)) >"$work/payload.xz"
xz -dc "$work/payload.xz" >"$ref" 2>"$work/xz.log" ||
	setup_fail "reference: xz -dc failed: $(head -n 1 "$work/xz.log")"
[ "$(stat -c %s "$ref")" = "$size" ] ||
	setup_fail "reference is $(stat -c %s "$ref") bytes, trailer says $size"
readelf -nW "$ref" 2>/dev/null | grep -q '^ *Xen ' ||
	setup_fail "the reference has no Xen notes (readelf -n)"

# splice NAME PAYLOAD: a copy of the bzImage carrying PAYLOAD instead.
splice() {
	{ head -c "$start" "$vmlinuz"; cat "$2"; tail -c +$((start + plen + 1)) "$vmlinuz"; } \
		>"$work/$1.bz"
	put32 "$work/$1.bz" "$(stat -c %s "$2")" 588
}

expect_ok xz-as-shipped "$vmlinuz" xz

# The kernel's scripts/Makefile.lib commands; fast levels by default where
# the format is the same whatever the level.
if [ "${KERNEL_LEVELS:-0}" = 1 ]; then
	gz=-9 lzma=-9 xzp=6 lzo=-9 zst="-22 --ultra"
else
	gz=-1 lzma=-0 xzp=0 lzo=-1 zst=-3
fi
compress() {
	case $1 in
	gzip)  gzip -n -f $gz ;;
	bzip2) bzip2 -9 ;;
	lzma)  lzma $lzma ;;
	xz)    xz --check=crc32 --x86 --lzma2=preset=$xzp,dict=32MiB ;;
	lzo)   lzop $lzo ;;
	lz4)   lz4 -l -9 - - ;;
	zstd)  zstd -q -T1 $zst ;;
	esac
}
# Every format compresses in the background at once (each compressor is
# single-threaded; the host's other cores would idle), then each case is
# judged in order as its payload is ready.
t0=$(date +%s)
for f in gzip bzip2 lzma xz lzo lz4 zstd; do
	{ compress $f <"$ref" >"$work/$f.payload" 2>"$work/$f.clog"; echo $? >"$work/$f.rc"; } &
	eval "pid_$f=$!"
done
for f in gzip bzip2 lzma xz lzo lz4 zstd; do
	eval "wait \$pid_$f"
	if [ "$(cat "$work/$f.rc")" != 0 ]; then
		bad $f "setup: compressing failed: $(head -n 1 "$work/$f.clog")"
		continue
	fi
	# gzip's own trailer ends in the size; the build appends it to the rest.
	[ $f = gzip ] || le32 "$size" >>"$work/$f.payload"
	splice $f "$work/$f.payload"
	expect_ok $f "$work/$f.bz" $f
	echo "     $f: payload $(stat -c %s "$work/$f.payload") bytes, done $(($(date +%s) - t0)) s after the start"
	rm -f "$work/$f.payload" "$work/$f.bz"
done

expect_ok plain-vmlinux "$ref"

head -c $((start + plen / 2)) "$vmlinuz" >"$work/trunc.bz"
expect_refusal truncated-bzimage "$work/trunc.bz" "truncated: payload at"
head -c 560 "$vmlinuz" >"$work/trunc-hdr.bz"
expect_refusal truncated-setup-header "$work/trunc-hdr.bz" "truncated: 560 bytes"
head -c 4000000 "$ref" >"$work/trunc.elf"
expect_refusal truncated-vmlinux "$work/trunc.elf" "past the end of the image"

cp "$vmlinuz" "$work/corrupt.bz"
dd if=/dev/zero of="$work/corrupt.bz" bs=1 seek=$((start + plen / 2)) count=64 \
	conv=notrunc status=none
expect_refusal corrupt-payload "$work/corrupt.bz" "xz payload: 'xz' failed"

cp "$vmlinuz" "$work/trailer.bz"
put32 "$work/trailer.bz" $((size + 1)) $((start + plen - 4))
expect_refusal wrong-size-trailer "$work/trailer.bz" \
	"decompressed to $size bytes, its size trailer says $((size + 1))"

cp "$vmlinuz" "$work/unknown.bz"
printf 'QQQQ' | dd of="$work/unknown.bz" bs=1 seek=$start conv=notrunc status=none
expect_refusal unknown-format "$work/unknown.bz" "unknown payload format"

cp "$vmlinuz" "$work/old.bz"
printf '\007\002' | dd of="$work/old.bz" bs=1 seek=518 conv=notrunc status=none
expect_refusal old-boot-protocol "$work/old.bz" "boot protocol 2.07 predates"

if [ $tiny_ok = 1 ]; then
	{ gzip -n -9 <"$work/tiny-plain"; } >"$work/plain.payload"
	splice noxen "$work/plain.payload"
	expect_refusal bzimage-without-xen-notes "$work/noxen.bz" \
		"noxen.bz: no Xen ELF notes: not a PV kernel"
else
	bad bzimage-without-xen-notes "setup: cannot assemble tiny-elf.S"
fi

[ $fail -eq 0 ] && rm -rf "$work"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
