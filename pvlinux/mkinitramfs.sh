#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the guest initramfs: busybox-static with a link per applet, our
# /init, the test lists and xeno-probe, as a gzip'd newc cpio. Needs no
# root (the archive holds no device nodes; /init mounts devtmpfs) and is
# reproducible: fixed owner and mtimes, sorted entries, gzip -n.
#
# usage: mkinitramfs.sh -o OUT -p XENO_PROBE [-a LIST] [-b BUSYBOX]
#                       [-m MODDIR -l "MODULE..."] [-x "KO..."] [-t TREE]
#   -a LIST   also install /tests/autorun (a copy of /tests/LIST), so the
#             guest runs LIST without xeno.test= on its command line
#   -m, -l    kernel modules from the unpacked package's MODDIR (with their
#             dependencies), loaded in order by /init from /etc/xeno-modules
#   -x KO...  out-of-tree module files (built against the same kernel's
#             headers), loaded by /init after those of -l, in the order given
#   -t TREE   also copy TREE's contents in (stage-xen-tools.sh makes one);
#             its files replace busybox's links of the same name
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$here/initramfs
out="" probe="" autorun="" busybox=/bin/busybox moddir="" modules="" tree=""
extra=""
while getopts o:p:a:b:m:l:x:t: opt; do
	case $opt in
	o) out=$OPTARG ;;
	p) probe=$OPTARG ;;
	a) autorun=$OPTARG ;;
	b) busybox=$OPTARG ;;
	m) moddir=$OPTARG ;;
	l) modules=$OPTARG ;;
	t) tree=$OPTARG ;;
	x) extra=$OPTARG ;;
	*) exit 2 ;;
	esac
done
die() { echo "mkinitramfs: $*" >&2; exit 1; }
[ -n "$out" ] && [ -n "$probe" ] ||
	die "usage: mkinitramfs.sh -o OUT -p XENO_PROBE [-a LIST] [-b BUSYBOX]"
[ -x "$busybox" ] || die "$busybox missing: install busybox-static"
# A dynamic busybox (package busybox) would find no libc in the guest.
readelf -lW "$busybox" 2>/dev/null | grep -q 'Requesting program interpreter' &&
	die "$busybox is dynamically linked: install busybox-static"
[ -x "$probe" ] || die "$probe missing (make builds it)"
[ -z "$autorun" ] || [ -f "$src/tests/$autorun" ] || die "no test list $autorun"
[ -z "$tree" ] || [ -d "$tree" ] || die "no tree '$tree'"
for ko in $extra; do
	case $ko in *.ko) [ -f "$ko" ] || die "no module $ko" ;; *) die "-x takes .ko files: '$ko'" ;; esac
done

stage=$(mktemp -d "${TMPDIR:-/tmp}/initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
umask 022
cd "$stage"
mkdir -p bin sbin usr/bin usr/sbin dev proc sys tmp root etc tests run
cp "$busybox" bin/busybox
for applet in $("$busybox" --list-full); do
	[ -e "$applet" ] || [ -L "$applet" ] || ln -s /bin/busybox "$applet"
done
cp "$src/init" init
cp "$probe" bin/xeno-probe
cp "$src/dom0-check" "$src/dom0-dhcp-script" bin/
chmod 0755 init bin/busybox bin/xeno-probe bin/dom0-check bin/dom0-dhcp-script
cp "$src/profile" etc/profile
printf 'root:x:0:0:root:/root:/bin/sh\n' >etc/passwd
printf 'root:x:0:\ntty:x:5:\n' >etc/group
for list in "$src"/tests/*; do
	cp "$list" tests/
done
[ -z "$autorun" ] || cp "tests/$autorun" tests/autorun
if [ -n "$modules" ]; then
	[ -d "$moddir/kernel" ] || die "no kernel modules in '$moddir'"
	mkdir -p lib/modules
	# shellcheck disable=SC2086
	python3 "$here/module-deps.py" "$moddir" $modules >modules.order
	while IFS= read -r ko; do
		cp "$ko" lib/modules/
		basename "$ko" >>etc/xeno-modules
	done <modules.order
	rm modules.order
	chmod 0644 lib/modules/*
fi
if [ -n "$extra" ]; then
	mkdir -p lib/modules
	for ko in $extra; do
		[ ! -e "lib/modules/${ko##*/}" ] || die "two modules named ${ko##*/}"
		cp "$ko" lib/modules/
		chmod 0644 "lib/modules/${ko##*/}"
		echo "${ko##*/}" >>etc/xeno-modules
	done
fi
chmod 0644 etc/* tests/*
if [ -n "$tree" ]; then
	# -u: a file replaces the link busybox left, not its target.
	(cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio -pdmu --quiet "$stage") ||
		die "copying $tree failed"
fi
chmod 1777 tmp
chmod 0700 root

epoch=${SOURCE_DATE_EPOCH:-0}
find . -exec touch -h -d "@$epoch" {} +
find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --reproducible --quiet >"$stage.cpio"
gzip -n -9 <"$stage.cpio" >"$out.tmp"
rm -f "$stage.cpio"
mv "$out.tmp" "$out"
