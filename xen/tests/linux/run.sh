#!/bin/sh
# Linux boot tests: Debian's stock kernel as a PV domU on Xeno, running the
# initramfs's test lists (pvlinux/initramfs/tests) and judged by
# pvlinux/tests/check-boot-log.sh; plus the hypervisor's own view (domain
# started, shut down cleanly, QEMU's exit status) and boot-to-/init time
# against the same kernel booted directly in QEMU (the HVM stand-in).
# QEMU_EXTRA adds QEMU options to the Xeno boots (boot/lib.sh), e.g.
# QEMU_EXTRA="-cpu qemu64,+smep,+smap" for a CPU with SMEP and SMAP.
. "$(dirname "$0")/../boot/lib.sh"
OUT=$ROOT/build/tests/linux
mkdir -p "$OUT"
PV=$ROOT/pvlinux
ELF=$ROOT/build/pvlinux/vmlinux-pv.elf
INITRD=$ROOT/build/pvlinux/initramfs.cpio.gz
CHECK=$PV/tests/check-boot-log.sh
QEMU_TIMEOUT=${LINUX_TIMEOUT:-400}
GUEST="console=hvc0 loglevel=3"
EXIT_OK=1

need_make linux/setup "building the kernel ELF and initramfs" pvlinux -C "$PV" all

# judge PREFIX LIST CPUS TAG: run check-boot-log.sh, add its counts to ours.
judge() {
	sh "$CHECK" -p "$1" -l "$PV/initramfs/tests/$2" -c "$3" -t "$4" \
		-w "$w_start:$w_end" "$log" >"$OUT/judge.log" 2>&1
	grep -E '^(PASS|FAIL) ' "$OUT/judge.log"
	sum_suite "$4/judge" "$OUT/judge.log" 0 || case_failed=1
}

# 1 vCPU: the boot list (uname, /sys/hypervisor, fork/exec, memory, sleep,
# date, a clean dmesg).
boot_timed linux-1cpu "console=com1 dom0less domU_mem=512M" 2 1024 \
	"$ELF" "$GUEST xeno.test=boot" "$INITRD" ""
expect_log linux-1cpu/domain-built "domain 1: unprivileged kernel 'linux'"
expect_log linux-1cpu/reached-init "(d1) XENO-INIT: reached /init"
judge "(XEN) (d1) " boot 1 linux-1cpu
expect_log linux-1cpu/poweroff "domain 1: shut down (poweroff)"
expect_exit linux-1cpu/exit-status $EXIT_OK
xeno_init=$init_s
show_log_on_failure

# 2 vCPUs: the second brought up with VCPUOP_initialise/up; nproc 2 and
# two CPU-bound processes running at once.
boot_timed linux-2cpu "console=com1 dom0less domU_mem=512M domU_max_vcpus=2" 2 1024 \
	"$ELF" "$GUEST xeno.test=smp" "$INITRD" ""
judge "(XEN) (d1) " smp 2 linux-2cpu
expect_log linux-2cpu/poweroff "domain 1: shut down (poweroff)"
expect_exit linux-2cpu/exit-status $EXIT_OK
show_log_on_failure

# Two guests side by side, their console lines told apart by domain id.
boot_timed linux-two "console=com1 dom0less domU_mem=384M" 2 1024 \
	"$ELF" "$GUEST xeno.test=smp" "$INITRD" "" \
	"$ELF" "$GUEST xeno.test=smp" "$INITRD" ""
judge "(XEN) (d1) " smp 1 linux-two/d1
judge "(XEN) (d2) " smp 1 linux-two/d2
expect_log linux-two/d1-poweroff "domain 1: shut down (poweroff)"
expect_log linux-two/d2-poweroff "domain 2: shut down (poweroff)"
expect_exit linux-two/exit-status $EXIT_OK
show_log_on_failure

# A panic in the guest kernel is a crash: reported, and QEMU ends non-zero.
EXIT_CRASHED=5
boot_timed linux-panic "console=com1 dom0less domU_mem=256M" 2 1024 \
	"$ELF" "$GUEST xeno.test=panic" "$INITRD" ""
expect_log linux-panic/kernel-panic "Kernel panic"
expect_log linux-panic/reported "domain 1: shut down (crash)"
expect_log linux-panic/counted "all domains have shut down (1 crashed)"
expect_exit linux-panic/exit-nonzero $EXIT_CRASHED
show_log_on_failure

# The small PV-only kernel (guest-patches/build-small-kernel.sh), when it
# has been built: its build takes minutes, so make test does not start it.
SMALL=$ROOT/build/pvlinux/vmlinux-small-pv.elf
if [ -f "$SMALL" ]; then
	boot_timed linux-small "console=com1 dom0less domU_mem=512M" 2 1024 \
		"$SMALL" "$GUEST xeno.test=boot" "$INITRD" ""
	judge "(XEN) (d1) " boot 1 linux-small
	expect_log linux-small/poweroff "domain 1: shut down (poweroff)"
	expect_exit linux-small/exit-status $EXIT_OK
	show_log_on_failure
else
	echo "note: no small kernel built (make -C pvlinux small-kernel): only the stock kernel ran"
fi

# The HVM stand-in: the same kernel and initramfs straight in QEMU.
VMLINUZ=$(ls "${PVLINUX_CACHE:-$ROOT/cache/pvlinux}"/vmlinuz 2>/dev/null)
if [ -n "$VMLINUZ" ]; then
	log=$OUT/direct.log
	: >"$log"
	t0=$(date +%s.%N)
	timeout 300 qemu-system-x86_64 -accel tcg -cpu qemu64 -m 1024 -smp 2 \
		-display none -no-reboot -serial "file:$log" -monitor none \
		-kernel "$VMLINUZ" -initrd "$INITRD" \
		-append "console=ttyS0 loglevel=3 xeno.test=none" </dev/null >/dev/null 2>&1 &
	time_init $! "$t0"
	direct_init=$init_s
	direct_uptime=$(sed -n 's/.*XENO-INIT: reached \/init (uptime \([0-9.]*\) s).*/\1/p' "$log" | head -n 1)
	xeno_uptime=$(sed -n 's/.*(d1) XENO-INIT: reached \/init (uptime \([0-9.]*\) s).*/\1/p' \
		"$OUT/linux-1cpu.log" | head -n 1)
	if [ -n "$direct_init" ] && [ -n "$xeno_init" ]; then
		pass "linux/boot-time ($(printf 'QEMU start to /init: xeno %.1f s (incl. GRUB), direct %.1f s, ratio %.2f; guest uptime at /init: xeno %s s, direct %s s' \
			"$xeno_init" "$direct_init" "$(echo "$xeno_init / $direct_init" | bc -l)" \
			"${xeno_uptime:-?}" "${direct_uptime:-?}"))"
	else
		fail linux/boot-time "no /init marker (xeno '$xeno_init', direct '$direct_init')"
	fi
else
	fail linux/boot-time "setup: no cached vmlinuz for the direct boot"
fi

summary
