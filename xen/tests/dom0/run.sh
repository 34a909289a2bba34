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

if ! make -s --no-print-directory -C "$PV" dom0 >"$OUT/pvlinux.log" 2>&1; then
	fail dom0/setup "building the kernel ELF and dom0 initramfs failed: $(tail -n 3 "$OUT/pvlinux.log")"
	summary
	exit 1
fi

# boot_machine NAME MACHINE AHCI-DISK-ARGS
boot_machine() {
	name=$1; machine=$2; ahci=$3
	iso=$OUT/$name.iso
	log=$OUT/$name.log
	case_failed=0
	init_s=""
	truncate -s 64M "$OUT/$name-vd.img" "$OUT/$name-sd.img"
	if ! sh "$MKISO" "$iso" "$XEN" "$XEN_ELF" "$ELF" "$DOM0" "$INITRD" "" \
		2>"$OUT/$name.mkiso"; then
		fail "$name/setup" "could not build the ISO: $(tail -n 3 "$OUT/$name.mkiso")"
		rc=255
		: >"$log"
		return
	fi
	: >"$log"
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu qemu64 -M "$machine" \
		-m 1536 -smp 2 -display none -no-reboot \
		-serial "file:$log" -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-drive "file=$OUT/$name-vd.img,if=none,id=vd,format=raw" \
		-device virtio-blk-pci,drive=vd \
		-drive "file=$OUT/$name-sd.img,if=none,id=sd,format=raw" $ahci \
		-netdev user,id=n1,restrict=on,net=10.0.2.0/24 -device virtio-net-pci,netdev=n1 \
		-netdev user,id=n2,restrict=on,net=10.0.3.0/24 -device e1000,netdev=n2 \
		-cdrom "$iso" </dev/null >"$OUT/$name.qemu" 2>&1 &
	qpid=$!
	while kill -0 $qpid 2>/dev/null; do
		if [ -z "$init_s" ] && grep -aq "XENO-INIT: reached /init" "$log"; then
			init_s=$(echo "$(date +%s.%N) - $t0" | bc)
		fi
		sleep 0.1
	done
	wait $qpid
	rc=$?
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
