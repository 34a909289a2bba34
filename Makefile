# Xeno top level: delegates to the component Makefiles; no compile rules here.
MAKEFLAGS += -rR --no-print-directory

QEMU_MEM  ?= 1024
QEMU_SMP  ?= 2

.PHONY: all deps xen pvlinux small-kernel run run-domu run-bare test test-unit test-boot bench xtf fuzz clean

all: xen pvlinux

pvlinux:
	@$(MAKE) -C pvlinux

small-kernel:
	@$(MAKE) -C pvlinux small-kernel

deps:
	@sh tools/deps.sh

xen:
	@$(MAKE) -C xen

# Suites for `make test`: name:command. Each prints 'N passed, N failed' last.
TEST_SUITES := \
	xen-unit:'$(MAKE) -C xen test-unit' \
	xen-abi:'$(MAKE) -C xen/tests/abi run' \
	xen-boundary:'$(MAKE) -C xen/tests/boundary run' \
	xen-boot:'$(MAKE) -C xen test-boot' \
	xen-guests:'$(MAKE) -C xen test-guests SUITE=basic' \
	xen-guests-mm:'$(MAKE) -C xen/tests/guests run SUITE=mm' \
	xen-guests-smap:'$(MAKE) -C xen/tests/guests run SUITE=smap' \
	xen-guests-evt:'$(MAKE) -C xen/tests/guests run SUITE=evt' \
	xen-fuzz:'$(MAKE) -C xen/tests/guests run SUITE=fuzz' \
	pvlinux:'$(MAKE) -C pvlinux test' \
	linux-boot:'sh xen/tests/linux/run.sh' \
	dom0:'sh xen/tests/dom0/run.sh' \
	dom0-tools:'$(MAKE) -C pvlinux test-dom0-tools' \
	xl:'$(MAKE) -C pvlinux test-xl' \
	io:'$(MAKE) -C pvlinux test-io' \
	bench-harness:'$(MAKE) -C tools/bench check' \
	test-tools:'sh tools/test/test-summary.sh' \
	bench-smoke:'$(MAKE) -C tools/bench smoke'
ifneq ($(wildcard ring-io/Makefile),)
TEST_SUITES += ring-io:'$(MAKE) -C ring-io test'
TEST_SUITES += pvdrv-scaffold:'sh tools/tests/test-new-pvdriver.sh'
TEST_SUITES += pvdrv-xenstore:'sh tools/tests/test-pvback-xenstore.sh'
endif
ifneq ($(wildcard xenstore/Makefile),)
TEST_SUITES += xenstore:'$(MAKE) -C xenstore test'
TEST_SUITES += xenstore-dom0:'sh xenstore/tests/dom0/run.sh'
endif

# Host-only suites (no QEMU) that run in the background beside the xl
# suite, whose QEMU leaves a core idle much of the time and which is not
# timing-sensitive (xen-guests-evt, linux-boot and bench-smoke are: never
# beside those); each one's output is shown whole after xl's. Not ring-io
# (test-ring-stress's hang guard) nor xenstore (test-fuzz's messages in
# 3 s): both failed beside xl once under a host load of 13.
TEST_BESIDE := xl=xen-unit,xen-abi,xen-boundary,pvdrv-scaffold,pvdrv-xenstore,bench-harness,test-tools

test: deps
	@sh tools/test-all.sh -b $(TEST_BESIDE) $(TEST_SUITES)

test-unit: deps
	@sh tools/test-all.sh xen-unit:'$(MAKE) -C xen test-unit'

test-boot: deps
	@sh tools/test-all.sh xen-boot:'$(MAKE) -C xen test-boot'

# The default system: the hypervisor with Debian's Linux as dom0 on QEMU's
# disk and NIC, to a busybox shell (tools/run.sh prints a line per stage).
run: deps
	@MAKE="$(MAKE)" QEMU_MEM=$(QEMU_MEM) QEMU_SMP=$(QEMU_SMP) sh tools/run.sh dom0

# The earlier demo: Debian's Linux as an unprivileged domU (dom0less).
run-domu: deps
	@MAKE="$(MAKE)" QEMU_MEM=$(QEMU_MEM) QEMU_SMP=$(QEMU_SMP) sh tools/run.sh domu

# The bare hypervisor, no domains: boot stages, SMP, timer.
run-bare: deps
	@$(MAKE) -C xen iso
	@echo "Booting the bare hypervisor. Quit: Ctrl-A then X."
	@qemu-system-x86_64 -accel tcg -cpu qemu64 -m $(QEMU_MEM) -smp $(QEMU_SMP) \
		-nographic -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-cdrom build/xeno.iso; rc=$$?; \
		[ $$rc -eq 1 ] || [ $$rc -eq 0 ] || echo "QEMU exited with $$rc"

# The hypercall fuzzer's long run (docs/fuzzing.md): FUZZ_CALLS calls
# from FUZZ_SEED (a new seed each run unless given), with its numbers.
FUZZ_CALLS ?= 10000000
FUZZ_SEED  ?= $(shell date +%s)
fuzz: deps
	@$(MAKE) -C xen
	@FUZZ_CALLS=$(FUZZ_CALLS) FUZZ_SEED=$(FUZZ_SEED) QEMU_TIMEOUT=$${QEMU_TIMEOUT:-7200} \
		sh tools/test-all.sh fuzz:'$(MAKE) -C xen/tests/guests run SUITE=fuzz'

# PV on Xeno and on Debian's Xen 4.17 against the same kernel in plain
# QEMU (docs/benchmarks.md); xenstore and ring-io have their own.
bench: deps
	@$(MAKE) -C xen
	@$(MAKE) -C tools/bench bench

# Xen's XTF pv64 tests, one dom0less boot each (docs/xtf.md). Not in
# `make test`: XTF is not in Debian and comes from GitHub.
xtf: deps
	@[ -n "$(XTF_DIR)" ] || { echo "usage: make xtf XTF_DIR=/path/to/xtf (docs/xtf.md)"; exit 2; }
	@XTF_DIR="$(XTF_DIR)" sh tools/xtf/run-xtf.sh $(XTF_TESTS)

clean:
	rm -rf build xen/xen.elf
