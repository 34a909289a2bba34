#!/bin/sh
# `make run`: build everything the default system needs, one progress line
# per stage, then boot it in QEMU with the serial console on this terminal.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MAKE=${MAKE:-make}
QEMU_MEM=${QEMU_MEM:-1024}
QEMU_SMP=${QEMU_SMP:-2}
XEN_CMDLINE=${XEN_CMDLINE:-console=com1 loglvl=info dom0less domU_mem=512M}
GUEST_CMDLINE=${GUEST_CMDLINE:-console=hvc0 loglevel=4}
ISO=build/xeno-linux.iso

echo "[1/4] hypervisor: building xen/xen.elf"
$MAKE -s --no-print-directory -C xen >/dev/null
echo "[2/4] Linux: Debian's kernel (apt-get download, cached) unpacked to an ELF"
$MAKE -s --no-print-directory -C pvlinux fetch
echo "[3/4] Linux: PV kernel ELF and busybox initramfs"
$MAKE -s --no-print-directory -C pvlinux all
echo "[4/4] image: GRUB2 ISO $ISO"
sh xen/tools/mkiso.sh "$ISO" "$XEN_CMDLINE" build/xen/xen.elf \
	build/pvlinux/vmlinux-pv.elf "$GUEST_CMDLINE" build/pvlinux/initramfs.cpio.gz ""
echo
echo "Booting Xeno + Debian Linux in QEMU (TCG, $QEMU_SMP CPUs, $QEMU_MEM MiB)."
echo "You get a busybox shell in the guest. 'poweroff' ends it (and QEMU)."
echo "Quit QEMU at any time: Ctrl-A then X. Hypervisor debug keys: Ctrl-] then h or d."
echo
status=0
qemu-system-x86_64 -accel tcg -cpu qemu64 -m "$QEMU_MEM" -smp "$QEMU_SMP" \
	-nographic -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom "$ISO" || status=$?
case $status in
0|1) ;;
3) echo "QEMU exited: hypervisor panic (status 3)"; exit 1 ;;
5) echo "QEMU exited: a domain crashed (status 5)"; exit 1 ;;
*) echo "QEMU exited with status $status"; exit 1 ;;
esac
