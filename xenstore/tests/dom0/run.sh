#!/bin/sh
# xenstored as dom0's store daemon under Xeno: Debian's Linux boots as
# dom0 (as xen/tests/dom0/run.sh does) from pvlinux's dom0 initramfs with
# one more archive appended: xenstored, the host's libxenevtchn,
# libxengnttab, libxenctrl and xenstore-utils with their libraries, the
# kernel's xenfs/xen-evtchn/xen-gntdev/xen-privcmd modules and the list
# tests/dom0/list. dom0 loads them, mounts xenfs, starts xenstored, which
# serves dom0's ring, and Debian's clients talk to it through the kernel
# (/dev/xen/xenbus, /proc/xen/xenbus) and through the socket.
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=$ROOT/build/tests/xenstore-dom0
. "$ROOT/xen/tests/boot/lib.sh"
HERE=$ROOT/xenstore/tests/dom0
PV=$ROOT/pvlinux
CACHE=${PVLINUX_CACHE:-$ROOT/cache/pvlinux}
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
BASE=$ROOT/build/pvlinux/initramfs-dom0.cpio.gz
INITRD=$OUT/initramfs-xs.cpio.gz
QEMU_TIMEOUT=${XS_DOM0_TIMEOUT:-150}
XEN="console=com1 loglvl=info dom0_mem=512M,max:512M dom0_max_vcpus=1"
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=xenstore"
MODULES="xenfs xen-evtchn xen-gntdev xen-privcmd"
mkdir -p "$OUT"

build() {
	make -s --no-print-directory -C "$ROOT/xen" &&
	make -s --no-print-directory -C "$PV" dom0 &&
	make -s --no-print-directory -C "$ROOT/xenstore" xenstored
}

# Copies ELF and what it loads (ldd's resolution) under $stage.
add_elf() {
	cp -L "$1" "$stage$2"
	ldd "$1" | awk '/=> \//{print $3} /^\t\/lib64/{print $1}' |
		while read -r lib; do
			case $lib in
			/lib64/*) cp -L "$lib" "$stage/lib64/" ;;
			*) cp -L "$lib" "$stage/lib/x86_64-linux-gnu/" ;;
			esac
		done
}

# The appended archive; Linux unpacks it over pvlinux's.
make_archive() {
	stage=$(mktemp -d "${TMPDIR:-/tmp}/xs-dom0.XXXXXX")
	mkdir -p "$stage/lib64" "$stage/lib/x86_64-linux-gnu" \
		"$stage/lib/modules-xs" "$stage/usr/sbin" "$stage/usr/bin" \
		"$stage/etc" "$stage/tests" "$stage/bin" || return 1
	add_elf "$ROOT/xenstore/build/xenstored" /usr/sbin/xenstored &&
	add_elf /usr/bin/xenstore /usr/bin/xenstore || return 1
	# dlopen'd by xenstored: ldd cannot see them.
	for lib in libxenevtchn.so.1 libxengnttab.so.1 libxenctrl.so.4.17; do
		add_elf "/usr/lib/x86_64-linux-gnu/$lib" \
			"/lib/x86_64-linux-gnu/$lib" || return 1
	done
	for tool in read write watch ls rm; do
		ln -s xenstore "$stage/usr/bin/xenstore-$tool"
	done
	kver=$(ls "$CACHE/$(tr ' ' _ <"$CACHE/current")/lib/modules")
	moddir=$CACHE/$(tr ' ' _ <"$CACHE/current")/lib/modules/$kver
	# shellcheck disable=SC2086
	python3 "$PV/module-deps.py" "$moddir" $MODULES >"$stage/order" || return 1
	while IFS= read -r ko; do
		cp "$ko" "$stage/lib/modules-xs/"
		basename "$ko" >>"$stage/etc/xs-modules"
	done <"$stage/order"
	rm "$stage/order"
	cp "$HERE/list" "$stage/tests/xenstore"
	cp "$HERE/xs-dom0-test" "$stage/bin/xs-dom0-test"
	chmod 0755 "$stage/bin/xs-dom0-test"
	(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) | gzip -n >"$OUT/xs.cpio.gz"
	rc=$?
	rm -rf "$stage"
	# One gzip stream: GRUB unpacks a gzip'd module itself and reads only
	# its first member; Linux then takes the two archives back to back.
	[ $rc -eq 0 ] && { gzip -dc "$BASE" && gzip -dc "$OUT/xs.cpio.gz"; } |
		gzip -n >"$INITRD"
}

if ! build >"$OUT/build.log" 2>&1; then
	fail xenstore-dom0/setup "build failed: $(tail -n 3 "$OUT/build.log")"
	summary
	exit 1
fi
if ! make_archive 2>"$OUT/archive.log"; then
	fail xenstore-dom0/setup "archive: $(tail -n 3 "$OUT/archive.log")"
	summary
	exit 1
fi

name=xenstore-dom0
iso=$OUT/$name.iso
log=$OUT/$name.log
case_failed=0
if ! sh "$MKISO" "$iso" "$XEN" "$XEN_ELF" "$ELF" "$DOM0" "$INITRD" "" \
	2>"$OUT/$name.mkiso"; then
	fail "$name/setup" "could not build the ISO: $(tail -n 3 "$OUT/$name.mkiso")"
	summary
	exit 1
fi
timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu qemu64 -M q35 \
	-m 1024 -smp 2 -display none -no-reboot \
	-serial "file:$log" -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-net none -cdrom "$iso" </dev/null >"$OUT/$name.qemu" 2>&1
rc=$?

expect_log "$name/reached-init" "(d0) XENO-INIT: reached /init"
judge_list "$name" "$HERE/list" "(d0) "
expect_log "$name/poweroff" "dom0 shut down: the machine powers off"
expect_exit "$name/exit-status" 0
[ "$case_failed" = 0 ] || tail -n 15 "$log" | sed 's/^/    /'
summary
