#!/bin/sh
# dom0 on QEMU's real devices: Debian's kernel as the privileged initial
# domain, on q35 and on pc, each with a virtio-blk and an AHCI disk, a
# virtio-net and an e1000 NIC on QEMU's user network (restrict=on: no
# packet leaves the emulator). dom0 runs the initramfs list tests/dom0
# (disks written and read back, DHCP leases, gateway pings, xen-pirq
# lines counting, a clean dmesg) and powers off, which ends the machine
# through ACPI S5: QEMU exits with status 0.
. "$(dirname "$0")/../boot/lib.sh"
OUT=$ROOT/build/tests/dom0
mkdir -p "$OUT"
PV=$ROOT/pvlinux
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
INITRD=$ROOT/build/pvlinux/initramfs-dom0.cpio.gz
QEMU_TIMEOUT=${DOM0_TIMEOUT:-400}
XEN="console=com1 loglvl=info dom0_mem=512M,max:512M dom0_max_vcpus=1"
DOM0="console=hvc0 loglevel=4 pci=nomsi xeno.test=dom0"
LIST=$PV/initramfs/tests/dom0

need_make dom0/setup "building the kernel ELF and dom0 initramfs" pvlinux -C "$PV" dom0

# boot_machine NAME MACHINE AHCI-DISK-ARGS: dom0 with both disks and NICs.
boot_machine() {
	truncate -s 64M "$OUT/$1-vd.img" "$OUT/$1-sd.img"
	QEMU_EXTRA="-M $2 -drive file=$OUT/$1-vd.img,if=none,id=vd,format=raw
		-device virtio-blk-pci,drive=vd
		-drive file=$OUT/$1-sd.img,if=none,id=sd,format=raw $3
		-netdev user,id=n1,restrict=on,net=10.0.2.0/24 -device virtio-net-pci,netdev=n1
		-netdev user,id=n2,restrict=on,net=10.0.3.0/24 -device e1000,netdev=n2"
	boot_timed "$1" "$XEN" 2 1536 "$ELF" "$DOM0" "$INITRD" ""
}

for m in q35 pc; do
	case $m in
	q35) ahci="-device ide-hd,drive=sd,bus=ide.0" ;;   # q35's own AHCI (00:1f.2)
	pc) ahci="-device ahci,id=ahci0 -device ide-hd,drive=sd,bus=ahci0.0" ;;
	esac
	boot_machine "dom0-$m" "$m" "$ahci"
	expect_log "dom0-$m/privileged" "domain 0: privileged kernel 'linux'"
	expect_log "dom0-$m/reached-init" "(d0) XENO-INIT: reached /init"
	[ -n "$init_s" ] && echo "dom0-$m: /init after ${init_s}s (QEMU start to marker)"
	judge_list "dom0-$m" "$LIST" "(d0) "
	# What Linux itself tries and the hypervisor keeps: the PIT's gate
	# port, and (q35's AHCI driver) its MSI capability; refused and logged.
	expect_log "dom0-$m/port-0x61-refused" "d0: I/O port read of 0x61 refused"
	expect_log "dom0-$m/pit-refused" "d0: I/O port write to 0x43 refused"
	[ "$m" = q35 ] && expect_log "dom0-$m/msi-cap-write-refused" \
		"d0: PCI config (MSI capability) write to"
	expect_log "dom0-$m/poweroff" "dom0 shut down: the machine powers off"
	expect_exit "dom0-$m/exit-status" 0
	[ "$case_failed" = 0 ] || tail -n 15 "$log" | sed 's/^/    /'
done
summary
