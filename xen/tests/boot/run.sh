#!/bin/sh
# Boot tests of the bare hypervisor (no domains): each stage of boot, the
# command line, the fault paths and the exit status, one check per line.
. "$(dirname "$0")/lib.sh"

EXIT_OK=1      # machine_exit(0)
EXIT_PANIC=3   # machine_exit(1)

boot boot-2cpu "console=com1 loglvl=info selftest=boot" 2 1024
expect_log boot/banner "Xeno hypervisor 0.1"
expect_log boot/cmdline "Command line: console=com1 loglvl=info selftest=boot"
expect_log boot/loader "Boot loader: GRUB"
expect_log_re boot/memory-map "\(XEN\)   0000000000100000 - 000000003ffe0000 \(RAM\)"
expect_log boot/no-modules "Modules: 0"
expect_log_re boot/frames-free "frames: 10[0-9][0-9] MiB usable RAM, [0-9]+ frames free"
expect_log boot/paging "paging: own page tables live"
expect_log boot/direct-map "direct map at 0xffff830000000000"
expect_log boot/traps "traps: GDT, IDT and TSS loaded"
expect_log_re boot/calibrated "time: TSC [0-9]+\.[0-9]+ MHz, APIC timer"
expect_log boot/cpu0-online "CPU0 online"
expect_log boot/cpu1-online "CPU1 online (APIC ID 1)"
expect_log boot/two-cpus "smp: 2 CPU(s) online"
expect_log_re boot/cpu0-ticks "selftest: CPU0 timer ticks [0-9]+"
expect_log_re boot/cpu1-ticks "selftest: CPU1 timer ticks [0-9]+"
expect_log_re boot/timer-ticking "timer: ticking at 100 Hz on every CPU, ticks: CPU0=[0-9]+ CPU1=[0-9]+"
expect_no_log boot/no-warnings "cmdline:"
expect_log boot/no-smep-smap "cpu: SMEP off (not offered), SMAP off (not offered)"
expect_exit boot/exit-status $EXIT_OK
show_log_on_failure

printf 'module one\n' > "$OUT/mod0.bin"
head -c 10000 /dev/zero > "$OUT/mod1.bin"
boot modules "selftest=boot" 2 1024 "$OUT/mod0.bin" "kernel root=/dev/xvda1" "$OUT/mod1.bin" "initrd"
expect_log modules/count "Modules: 2"
expect_log_re modules/first "module 0: 0x[0-9a-f]+-0x[0-9a-f]+ \(0 KiB\) 'kernel root=/dev/xvda1'"
expect_log_re modules/second "module 1: 0x[0-9a-f]+-0x[0-9a-f]+ \(9 KiB\) 'initrd'"
expect_exit modules/exit-status $EXIT_OK
show_log_on_failure

boot options "bogus_option=1 no-such loglvl=debug/info mem=256M selftest=boot" 2 1024
expect_log options/unknown-warned "cmdline: unknown option 'bogus_option=1' ignored"
expect_log options/unknown-bool-warned "cmdline: unknown option 'no-such' ignored"
expect_log_re options/mem-limit "frames: 2[0-9][0-9] MiB usable RAM"
expect_exit options/still-boots $EXIT_OK
show_log_on_failure

boot bad-value "mem=lots loglvl=loud selftest=boot" 2 1024
expect_log bad-value/mem "cmdline: bad value 'mem=lots' ignored"
expect_log bad-value/loglvl "loglvl 'loud' not understood"
expect_exit bad-value/still-boots $EXIT_OK
show_log_on_failure

boot quiet "loglvl=warning selftest=boot" 2 1024
expect_no_log quiet/info-suppressed "frames:"
expect_exit quiet/exit-status $EXIT_OK
show_log_on_failure

boot one-cpu "selftest=boot" 1 512
expect_log one-cpu/online "smp: 1 CPU(s) online"
expect_exit one-cpu/exit-status $EXIT_OK
show_log_on_failure

boot fault "selftest=fault" 2 1024
expect_log fault/named "Xeno fatal trap: #PF page fault (vector 14)"
expect_log_re fault/rip "RIP: +\[<ffff82d0402[0-9a-f]+>\] [a-z_]+\+0x"
expect_log fault/cr2 "cr2: ffff87fffffff000"
expect_log_re fault/gprs "rax: [0-9a-f]{16}  rbx: [0-9a-f]{16}"
expect_log fault/stack-trace "Stack trace:"
expect_log_re fault/trace-symbol "\] (selftest_run_early|start_xen)\+0x"
expect_log fault/panic "Panic: fatal trap 14"
expect_exit fault/exit-nonzero $EXIT_PANIC
show_log_on_failure

boot doublefault "selftest=doublefault" 2 1024
expect_log doublefault/named "#DF double fault (vector 8)"
expect_log doublefault/dump "Stack trace:"
expect_exit doublefault/exit-nonzero $EXIT_PANIC
show_log_on_failure

boot ud "selftest=ud" 1 512
expect_log ud/named "#UD invalid opcode (vector 6)"
expect_exit ud/exit-nonzero $EXIT_PANIC
show_log_on_failure

# A guest can make a #DB arrive in hypervisor context (MOV SS + TF before
# int3 or syscall): it is survived, on its own IST stack (XSA-260 class).
boot debug "selftest=debug" 2 1024
expect_log debug/single-step "selftest: single-step #DB in hypervisor context survived"
expect_log debug/bad-stack "selftest: breakpoint #DB on an unusable stack survived"
expect_exit debug/exit-status $EXIT_OK
show_log_on_failure

# SMEP and SMAP (qemu64 lacks them; TCG implements them): on, on both
# CPUs; copy_from_guest may read a user page, a plain read or a call into
# one is a fatal #PF in the hypervisor (not "unhindered").
QEMU_EXTRA="-cpu qemu64,+smep,+smap"
boot smep-smap "selftest=boot" 2 1024
expect_log smep-smap/on "cpu: SMEP on, SMAP on"
expect_log smep-smap/two-cpus "smp: 2 CPU(s) online"
expect_exit smep-smap/exit-status $EXIT_OK
show_log_on_failure

boot smap-read "selftest=smap" 2 1024
expect_log smap-read/copy-allowed "selftest: copy_from_guest read a user page (SMAP on)"
expect_log smap-read/fault "Xeno fatal trap: #PF page fault (vector 14), error code 0x1 ]"
expect_log smap-read/cr2 "cr2: 0000008000000000"
expect_no_log smap-read/not-unhindered "unhindered"
expect_exit smap-read/exit-nonzero $EXIT_PANIC
show_log_on_failure

boot smep-run "selftest=smep" 2 1024
expect_log smep-run/fault "Xeno fatal trap: #PF page fault (vector 14), error code 0x11 ]"
expect_log smep-run/cr2 "cr2: 0000008000000000"
expect_no_log smep-run/not-unhindered "unhindered"
expect_exit smep-run/exit-nonzero $EXIT_PANIC
show_log_on_failure
unset QEMU_EXTRA

boot panic "selftest=panic" 1 512
expect_log panic/message "Panic: selftest: panic requested"
expect_exit panic/exit-nonzero $EXIT_PANIC
show_log_on_failure

summary
