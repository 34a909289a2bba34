#!/bin/sh
# SPDX-License-Identifier: MIT
# Adds the PV driver kit's io-kit cases to dom0's tools tree (pvlinux/Makefile
# calls this after stage-xen-tools.sh), building everything the way a driver
# author would:
#   - Debian's kbuild tree for the guests' kernel (pvlinux/fetch-kheaders.sh)
#   - tools/new-pvdriver kitdemo: a fresh device class in BUILD/kit/kitdemo,
#     its module, back end and test program built there with its own Makefile
#   - the entropy example ring-io/pvdrv/examples/pvrng: module and back end
# and stages the back ends as /usr/lib/xeno/{kitdemo,pvrng}-back, the
# generated xenbus scenarios (/usr/lib/xeno/kitdemo-scenarios), dom0's
# io-kit-check, and the guest initramfs /boot/guest-kit-initrd.gz (pvrng.ko
# then kitdemo.ko loaded by /init, kitdemo-test, io-kit-guest-check).
# /usr/lib/xeno/kit-build.txt records what was built (io-kit's
# kit-generate-build case reads it). Fails loudly when a part is missing.
# -e adds a driver author's own generated drivers (make PVDRV=DIR...), each
# built the same way (outputs under BUILD/kit/extra/NAME, DIR untouched)
# and staged alike: NAME-back (also on PATH as /usr/bin/NAME-back), NAME.ko
# and NAME-test in the guest initramfs, DIR/NAME.cfg as /etc/xen/NAME.cfg,
# DIR/scenarios/*.xbs in /usr/lib/xeno/NAME-scenarios/.
# usage: stage.sh -b PVLINUX_BUILD -c PVLINUX_CACHE -t TREE [-e "DIR..."]
set -eu
build="" cache="" tree="" extra=""
while getopts b:c:t:e: opt; do
	case $opt in
	b) build=$OPTARG ;;
	c) cache=$OPTARG ;;
	t) tree=$OPTARG ;;
	e) extra=$OPTARG ;;
	*) exit 2 ;;
	esac
done
die() { echo "pvdrv/stage.sh: $*" >&2; exit 1; }
[ -n "$build" ] && [ -d "$cache" ] && [ -d "$tree" ] || die "usage: stage.sh -b BUILD -c CACHE -t TREE"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pv=$root/pvlinux
kit=$build/kit
log=$build/kit.log

# step NAME CMD...: run CMD with its output in the log; on failure show
# the log's tail and stop the image build.
step() {
	what=$1
	shift
	echo "== $what: $*" >>"$log"
	"$@" >>"$log" 2>&1 || { tail -n 25 "$log" >&2; die "$what failed (log: $log)"; }
}

rm -rf "$kit"
mkdir -p "$kit"
: >"$log"
kdir=$(sh "$pv/fetch-kheaders.sh" -c "$cache" 2>>"$log") ||
	{ tail -n 10 "$log" >&2; die "fetching the kernel headers failed"; }
# The same bytes from any build directory (dom0-tools-image-test.sh's
# reproducibility check builds in another): paths under it are mapped.
map="-ffile-prefix-map=$root/= -ffile-prefix-map=$kit/=kit/"
step new-pvdriver sh "$root/tools/new-pvdriver" kitdemo "$kit/kitdemo"
step kitdemo-module make -C "$kit/kitdemo" module KDIR="$kdir" KCFLAGS="$map"
step kitdemo-back make -C "$kit/kitdemo" back test CC="gcc $map"
step pvrng-module make -C "$here/examples/pvrng" module KDIR="$kdir" B="$kit/pvrng" KCFLAGS="$map"
step pvrng-back make -C "$here/examples/pvrng" back B="$kit/pvrng" CC="gcc $map"

# The author's drivers: NAME from the generated Makefile's NAME line.
kos="" tests="" names=""
for d in $extra; do
	[ -f "$d/Makefile" ] || die "PVDRV: $d has no Makefile (a tools/new-pvdriver directory?)"
	n=$(sed -n 's/^NAME := *//p' "$d/Makefile" | head -n 1)
	case $n in
	'' | *[!a-z0-9_]*) die "PVDRV: no NAME := line in $d/Makefile" ;;
	kitdemo | pvrng) die "PVDRV: $d is named $n, which the image's own cases use" ;;
	esac
	case " $names " in *" $n "*) die "PVDRV: two drivers named $n" ;; esac
	names="$names $n"
	o=$kit/extra/$n
	step "$n-module" make -C "$d" module KDIR="$kdir" B="$o"
	step "$n-back" make -C "$d" back test B="$o"
	for f in "$o/$n.ko" "$o/$n-back" "$o/$n-test"; do
		[ -s "$f" ] || die "the build of $d left no $f"
	done
	install -D -m 0755 "$o/$n-back" "$tree/usr/lib/xeno/$n-back"
	if [ -f "$d/$n.cfg" ]; then
		install -D -m 0644 "$d/$n.cfg" "$tree/etc/xen/$n.cfg"
	fi
	# Its xenbus scenarios, for `NAME-back scenario FILE DOMID`.
	if ls "$d"/scenarios/*.xbs >/dev/null 2>&1; then
		mkdir -p "$tree/usr/lib/xeno/$n-scenarios"
		install -m 0644 "$d"/scenarios/*.xbs "$tree/usr/lib/xeno/$n-scenarios/"
	fi
	kos="$kos $o/$n.ko"
	tests="$tests $o/$n-test"
done

kd=$kit/kitdemo/build
for f in "$kd/kitdemo.ko" "$kd/kitdemo-back" "$kd/kitdemo-test" "$kit/pvrng/pvrng.ko" "$kit/pvrng/pvrng-back"; do
	[ -s "$f" ] || die "the build left no $f"
done

# What the list checks in dom0: the generated files (none of the class's
# own, the top level, may still say skel; the shared cores' comments use
# it as their example) and each module's vermagic (the guests' kernel).
{
	echo "generated: $(cd "$kit/kitdemo" && find . -path ./build -prune -o -type f -print | wc -l) files"
	echo "skel-left: $(find "$kit/kitdemo" -maxdepth 1 -type f -exec grep -il skel {} + | wc -l)"
	for ko in "$kd/kitdemo.ko" "$kit/pvrng/pvrng.ko"; do
		echo "vermagic ${ko##*/}: $(strings "$ko" | sed -n 's/^vermagic=//p' | head -n 1)"
	done
} >"$kit/kit-build.txt"

install -D -m 0755 "$kd/kitdemo-back" "$tree/usr/lib/xeno/kitdemo-back"
install -D -m 0755 "$kit/pvrng/pvrng-back" "$tree/usr/lib/xeno/pvrng-back"
# Every kit back end on PATH, as a driver author would call it.
mkdir -p "$tree/usr/bin"
for b in "$tree"/usr/lib/xeno/*-back; do
	[ "${b##*/}" = xeno-blkback ] || ln -sf "/usr/lib/xeno/${b##*/}" "$tree/usr/bin/${b##*/}"
done
install -D -m 0644 "$kit/kit-build.txt" "$tree/usr/lib/xeno/kit-build.txt"
mkdir -p "$tree/usr/lib/xeno/kitdemo-scenarios"
install -m 0644 "$kit/kitdemo/scenarios/"*.xbs "$tree/usr/lib/xeno/kitdemo-scenarios/"
install -D -m 0755 "$pv/initramfs/io-kit-check" "$tree/bin/io-kit-check"

gt=$kit/guest-tree
mkdir -p "$gt/bin"
# shellcheck disable=SC2086
install -m 0755 "$kd/kitdemo-test" "$pv/initramfs/io-kit-guest-check" $tests "$gt/bin/"
# pvrng first: the earliest /init can hand the kernel an entropy source.
sh "$pv/mkinitramfs.sh" -o "$build/guest-kit-initrd.gz" -p "$build/bin/xeno-probe" \
	-t "$gt" -x "$kit/pvrng/pvrng.ko $kd/kitdemo.ko$kos"
install -D -m 0644 "$build/guest-kit-initrd.gz" "$tree/boot/guest-kit-initrd.gz"
