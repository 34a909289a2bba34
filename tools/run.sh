#!/bin/sh
# `make run` (dom0) and `make run-domu`: build everything the system
# needs, one progress line per stage, then boot it in QEMU with the serial
# console on this terminal.
#   dom0: Debian's kernel as the privileged initial domain, with its
#         modules, driving a virtio disk (build/dom0-disk.img) and a
#         virtio NIC on QEMU's user network (restrict=on); Debian's Xen
#         tools with Xeno's xenstored, and a guest for `xl create`.
#   domu: the same kernel as an unprivileged domain (dom0less).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MODE=${1:-dom0}
MAKE=${MAKE:-make}
QEMU_MEM=${QEMU_MEM:-1024}
QEMU_SMP=${QEMU_SMP:-2}
case $MODE in
dom0)
	XEN_CMDLINE=${XEN_CMDLINE:-console=com1 loglvl=info dom0_mem=512M,max:512M}
	GUEST_CMDLINE=${GUEST_CMDLINE:-console=hvc0 loglevel=4 pci=nomsi}
	INITRD=build/pvlinux/initramfs-dom0-tools.cpio.gz
	ISO=build/xeno-dom0.iso
	TARGET=dom0-tools
	;;
domu)
	XEN_CMDLINE=${XEN_CMDLINE:-console=com1 loglvl=info dom0less domU_mem=512M}
	GUEST_CMDLINE=${GUEST_CMDLINE:-console=hvc0 loglevel=4}
	INITRD=build/pvlinux/initramfs.cpio.gz
	ISO=build/xeno-linux.iso
	TARGET=all
	;;
*) echo "usage: run.sh dom0|domu" >&2; exit 2 ;;
esac

echo "[1/5] hypervisor: building xen/xen.elf"
$MAKE -s --no-print-directory -C xen >/dev/null
echo "[2/5] Linux: Debian's kernel (apt-get download, cached) unpacked to an ELF"
$MAKE -s --no-print-directory -C pvlinux fetch
echo "[3/5] Linux: PV kernel ELF and busybox initramfs$([ "$MODE" = dom0 ] && echo " with the kernel's driver modules, Debian's xen-utils-4.17 and a guest")"
$MAKE -s --no-print-directory -C pvlinux $TARGET
DEVICES=""
if [ "$MODE" = dom0 ]; then
	echo "[4/5] devices: 64 MiB disk build/dom0-disk.img (virtio-blk), virtio-net on QEMU's user network"
	[ -f build/dom0-disk.img ] || truncate -s 64M build/dom0-disk.img
	DEVICES="-drive file=build/dom0-disk.img,if=none,id=vd,format=raw -device virtio-blk-pci,drive=vd
		-netdev user,id=n1,restrict=on -device virtio-net-pci,netdev=n1"
else
	echo "[4/5] devices: none (a domU has no hardware)"
fi
echo "[5/5] image: GRUB2 ISO $ISO"
sh xen/tools/mkiso.sh "$ISO" "$XEN_CMDLINE" build/xen/xen.elf \
	build/pvlinux/vmlinux-pv.elf "$GUEST_CMDLINE" "$INITRD" ""
echo
if [ "$MODE" = dom0 ]; then
	echo "Booting Xeno + Debian Linux as dom0 in QEMU (TCG, $QEMU_SMP CPUs, $QEMU_MEM MiB)."
	echo "dom0 drives /dev/vda and eth0 (try: udhcpc -i eth0 -s /bin/dom0-dhcp-script; ping 10.0.2.2)."
	echo "dom0 runs xenstored, xen-init-dom0 and xenconsoled. Start the guest (Debian's"
	echo "kernel, 2 vCPUs, 256 MiB) with:  xl create -c /etc/xen/guest.cfg"
	echo "(Ctrl-] twice leaves its console: one Ctrl-] is the hypervisor's debug-key"
	echo "prefix; then xl list, xl console guest, xl destroy guest)."
	echo "Serial input goes to dom0. 'poweroff' ends dom0 and with it the machine."
else
	echo "Booting Xeno + Debian Linux as a domU in QEMU (TCG, $QEMU_SMP CPUs, $QEMU_MEM MiB)."
	echo "You get a busybox shell in the guest. 'poweroff' ends it (and QEMU)."
fi
echo "Quit QEMU at any time: Ctrl-A then X. Hypervisor debug keys: Ctrl-] then h or d."
echo
status=0
# shellcheck disable=SC2086
qemu-system-x86_64 -accel tcg -cpu qemu64 -M q35 -m "$QEMU_MEM" -smp "$QEMU_SMP" \
	-nographic -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $DEVICES \
	-cdrom "$ISO" || status=$?
case $status in
0|1) ;;
3) echo "QEMU exited: hypervisor panic (status 3)"; exit 1 ;;
5) echo "QEMU exited: a domain crashed (status 5)"; exit 1 ;;
*) echo "QEMU exited with status $status"; exit 1 ;;
esac
