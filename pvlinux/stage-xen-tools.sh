#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Lay out the part of dom0's tools image that is not busybox: Debian's
# Xen 4.17 toolstack, its libraries, glibc and bash from the packages
# fetch-xen-utils.sh unpacked (files as the packages ship them), the
# run-time directories the tools expect, and a PV guest (kernel,
# initramfs, /etc/xen/guest.cfg) for `xl create` once the hypervisor has
# domctl, sysctl and grant mapping. mkinitramfs.sh -t copies the tree in.
#
# usage: stage-xen-tools.sh -c XEN_UTILS_CACHE -o TREE -k GUEST_KERNEL
#                           -r GUEST_INITRAMFS -g GUEST_CFG [-e GUEST_ELF]
#                           [-p "PKG:PATH..."] [-i GUEST_IO_INITRAMFS]
#   -p   from package PKG take only PATH (repeatable in the one argument,
#        space separated), e.g. one program out of a large package
set -eu

cache="" tree="" kernel="" initrd="" cfg="" picks=""
io_initrd=""
while getopts c:o:k:r:g:p:e:i: opt; do
	case $opt in
	p) picks=$OPTARG ;;
	c) cache=$OPTARG ;;
	o) tree=$OPTARG ;;
	k) kernel=$OPTARG ;;
	r) initrd=$OPTARG ;;
	g) cfg=$OPTARG ;;
	e) elf=$OPTARG ;;
	i) io_initrd=$OPTARG ;;
	*) exit 2 ;;
	esac
done
die() { echo "stage-xen-tools: $*" >&2; exit 1; }
[ -n "$cache" ] && [ -n "$tree" ] && [ -n "$kernel" ] && [ -n "$initrd" ] && [ -n "$cfg" ] ||
	die "usage: stage-xen-tools.sh -c CACHE -o TREE -k KERNEL -r INITRAMFS -g GUEST_CFG"
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$cache/current" ] || die "no $cache/current (run fetch-xen-utils.sh)"
for f in "$kernel" "$initrd" "$cfg"; do
	[ -f "$f" ] || die "$f missing"
done

# Left out, with the reason: documentation and locales (size); SysV init
# scripts and their defaults (/init starts what dom0 runs); HVM firmware
# (hvmloader, the PV shim: PV guests need neither); Python modules and
# libxenfsimage with its file-system plugins (pygrub's; no Python in the
# image); glibc's iconv modules (nothing converts charsets); bash's
# skeleton files.
EXCLUDE='^\./(usr/share|etc/init\.d|etc/default|etc/skel|usr/lib/xen-4\.17/boot|usr/lib/xen-4\.17/lib|usr/lib/python3[^/]*|usr/lib/x86_64-linux-gnu/gconv)(/|$)|^\./\.unpacked$'

rm -rf "$tree"
mkdir -p "$tree"
while read -r pkg ver; do
	dir=$cache/${pkg}_$(echo "$ver" | tr ':' '_')
	[ -e "$dir/.unpacked" ] || die "$pkg $ver is not unpacked in $cache"
	only=""
	for p in $picks; do
		if [ "${p%%:*}" = "$pkg" ]; then
			only="$only${only:+
}.${p#*:}"
		fi
	done
	if [ -n "$only" ]; then
		for f in $only; do
			[ -e "$dir/$f" ] || die "$pkg has no ${f#.}"
		done
		(cd "$dir" && echo "$only" | cpio -pdm --quiet "$tree") || die "copying $pkg failed"
		continue
	fi
	# Paths, not globs: cpio -p keeps modes and symlinks as shipped.
	(cd "$dir" && find . -mindepth 1 | LC_ALL=C sort | grep -Ev "$EXCLUDE" |
		cpio -pdm --quiet "$tree") || die "copying $pkg failed"
done <"$cache/current"

# Debian's /var/run is /run; the tools keep state in these (libxl's
# domid history in /var/run/xen, xenstored's socket, hotplug locks).
cd "$tree"
# Debian bookworm is merged-/usr (/sbin/X is /usr/sbin/X); the image is
# not, and busybox puts some applets in /usr. The hotplug scripts search
# /usr first, so a package's /bin or /sbin program gets its /usr name.
for f in bin/* sbin/*; do
	[ -e "$f" ] || continue
	[ -e "usr/$f" ] || [ -L "usr/$f" ] || { mkdir -p "usr/${f%/*}"; ln -s "/$f" "usr/$f"; }
done
mkdir -p run/xen run/xenstored run/lock var/lib/xen var/log/xen/console \
	var/lib/xenstored boot
[ -e var/run ] || ln -s ../run var/run
[ -e var/lock ] || ln -s ../run/lock var/lock
cp "$kernel" boot/guest-vmlinuz
cp "$initrd" boot/guest-initrd.gz
cp "$cfg" etc/xen/guest.cfg
chmod 0644 boot/guest-vmlinuz boot/guest-initrd.gz etc/xen/guest.cfg
# The same kernel already unpacked to its ELF: xl loads it without
# libxenguest's xz decoder, which takes most of a create under TCG (the
# xl suite's 20 create/destroy cycles use it).
if [ -n "${elf:-}" ]; then
	cp "$elf" boot/guest-vmlinux
	sed 's|^kernel *=.*|kernel = "/boot/guest-vmlinux"|' "$cfg" >etc/xen/guest-elf.cfg
	chmod 0644 boot/guest-vmlinux etc/xen/guest-elf.cfg
fi
# The io suite's domU: the same kernel, its initramfs with the front ends.
if [ -n "$io_initrd" ]; then
	cp "$io_initrd" boot/guest-io-initrd.gz
	chmod 0644 boot/guest-io-initrd.gz
fi
mkdir -p bin
cp "$here/initramfs/dom0-tools-check" "$here/initramfs/xl-check" "$here/initramfs/io-check" bin/
chmod 0755 bin/dom0-tools-check bin/xl-check bin/io-check
