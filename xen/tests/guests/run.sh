#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot the PV test guests under QEMU and judge them: builds the guests,
# then for each scenario builds a GRUB ISO with the hypervisor and the
# guests as modules, boots it (xen/tests/boot/lib.sh), prints every
# guest's PASS/FAIL line as scenario/guest/case, counts a guest without
# its closing line, a QEMU timeout or a wrong exit status as a failure,
# shows the log's tail on failure, and ends with "N passed, N failed".
# XEN_ELF=... picks another hypervisor image; QEMU_TIMEOUT=secs per boot;
# RUN_OUT=dir puts ISOs and logs elsewhere (the runner's own tests do).
GUESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$GUESTS_DIR/../../.." && pwd)
ELF_DIR=$ROOT/build/tests/guests
OUT=${RUN_OUT:-$ELF_DIR}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"

EXIT_OK=1        # every domain shut down cleanly
EXIT_CRASHED=5   # at least one domain crashed
DOMU="console=com1 loglvl=info dom0less domU_mem=32M"
WITH_DOM0="console=com1 loglvl=info dom0_mem=32M domU_mem=32M"

# scenario NAME "XEN CMDLINE" EXIT_STATUS [GUEST "MODULE LINE"]...
# A module line's first word is the guest's name (the image is
# $ELF_DIR/NAME/NAME.elf); expect=crash in it means the hypervisor must
# crash that domain, expect=refused that the builder must not start it,
# expect=initrd that it is the previous kernel's initrd; reason=R that the
# guest shuts down with reason R (default poweroff).
scenario() {
	name=$1; cmdline=$2; want_exit=$3
	shift 3
	mods=$OUT/$name.modules
	: > "$mods"
	set_args=""
	nr_crash=0
	while [ $# -ge 2 ]; do
		printf '%s\n' "$2" >> "$mods"
		case " $2 " in
		*" expect=crash "* | *" reason=crash "*) nr_crash=$((nr_crash + 1)) ;;
		esac
		set_args="$set_args '$ELF_DIR/$1/$1.elf' '$2'"
		shift 2
	done
	# A log left from an earlier run must not stand in for this boot's.
	rm -f "$OUT/$name.log"
	eval "boot \"\$name\" \"\$cmdline\" 2 512 $set_args"
	[ -f "$log" ] || : > "$log"
	awk -v scenario="$name" -f "$GUESTS_DIR/parse-log.awk" "$mods" "$log" > "$OUT/$name.verdicts"
	grep -v '^COUNTS ' "$OUT/$name.verdicts"
	set -- $(sed -n 's/^COUNTS //p' "$OUT/$name.verdicts")
	passed=$((passed + ${1:-0}))
	failed=$((failed + ${2:-1}))
	[ "${2:-1}" -eq 0 ] || case_failed=1
	expect_log "$name/all-shut-down" \
		"${END_LINE:-all domains have shut down ($nr_crash crashed): exiting}"
	expect_exit "$name/exit-status" "$want_exit"
	show_log_on_failure
}

if ! make -C "$GUESTS_DIR" all > "$OUT/build.log" 2>&1; then
	fail build "the guests did not build"
	tail -n 30 "$OUT/build.log"
	summary
	exit 1
fi
if [ ! -f "$XEN_ELF" ]; then
	fail setup "no hypervisor image at $XEN_ELF"
	summary
	exit 1
fi

scenario domUs "$DOMU" $EXIT_OK \
	hello "hello role=domU" \
	hypercalls "hypercalls role=domU" \
	traps "traps role=domU" \
	emul "emul role=domU" \
	hcpage "hcpage role=domU" \
	user "user role=domU" \
	evtchn "evtchn role=domU" \
	events "events role=domU"

# An initrd for hello as dom0: byte i is i % 251 (hello checks all of it).
mkdir -p "$ELF_DIR/initrd"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%c", i % 251 }' </dev/null \
	> "$ELF_DIR/initrd/initrd.elf"

# The initial domain's end is the machine's (as on Xen): its poweroff is
# an ACPI power-off, QEMU's status 0, whatever domUs still run. So dom0
# runs alone here, and the domUs that ran beside it run in dom0less.
END_LINE="dom0 shut down: the machine powers off"
scenario dom0 "$WITH_DOM0" 0 \
	hello "hello role=dom0 initrd=20000" \
	initrd "initrd expect=initrd"
# The dom0-only paths from both sides (dom0ops/main.c); the hypervisor
# logs what it refused dom0.
scenario dom0ops "$WITH_DOM0" 0 \
	dom0ops "dom0ops role=dom0"
expect_log dom0ops/port-refusal-logged "d0: I/O port read of 0x61 refused"
expect_log dom0ops/reset-refusal-logged "d0: I/O port write to 0xcf9 refused"
expect_log dom0ops/lapic-refusal-logged "d0: mapping of machine frame 0xfee00 refused"
expect_log dom0ops/image-refusal-logged "d0: mapping of machine frame 0x200 refused"
# A domain's life through the toolstack's domctls (toolstack/main.c).
scenario toolstack "$WITH_DOM0" 0 \
	toolstack "toolstack role=dom0"
expect_log toolstack/create-logged "domain 1: created by domain 0 (2 vCPUs)"
expect_log toolstack/destroy-logged "destroyed by domain 0"
expect_log toolstack/grant-limit-logged "grant table limit 4 frames, 5 asked by d0"
# The ops xl issues beyond a domain's life (ctlops/main.c).
scenario ctlops "$WITH_DOM0" 0 \
	ctlops "ctlops role=dom0"
unset END_LINE
scenario dom0ops-domU "$DOMU" $EXIT_OK \
	dom0ops "dom0ops role=domU"
scenario toolstack-domU "$DOMU" $EXIT_OK \
	toolstack "toolstack role=domU" \
	ctlops "ctlops role=domU"
scenario domu-pair "$DOMU" $EXIT_OK \
	hypercalls "hypercalls role=domU" \
	shutdown "shutdown role=domU reason=reboot"
# Two domUs on two CPUs opening and closing console lines at once: the
# hypervisor's record of whose line is open is shared (it page-faulted).
scenario conrace "$DOMU" $EXIT_OK \
	conrace "conrace role=domU" \
	conrace "conrace role=domU"

# Images that are not ELF at all or cut short, beside badimage's variants.
mkdir -p "$ELF_DIR/notelf" "$ELF_DIR/truncated"
printf 'this is not an ELF image\n' > "$ELF_DIR/notelf/notelf.elf"
head -c 3000 "$ELF_DIR/hello/hello.elf" > "$ELF_DIR/truncated/truncated.elf"

# A non-kernel module right after a kernel would be its initrd: notelf first.
scenario refused "$DOMU" $EXIT_OK \
	notelf "notelf role=domU expect=refused" \
	badimage-xenver "badimage-xenver role=domU expect=refused" \
	badimage-loader "badimage-loader role=domU expect=refused" \
	badimage-entry "badimage-entry role=domU expect=refused" \
	badimage-features "badimage-features role=domU expect=refused" \
	badimage-hcpage "badimage-hcpage role=domU expect=refused" \
	badimage-big "badimage-big role=domU expect=refused" \
	truncated "truncated role=domU expect=refused" \
	hello "hello role=domU"

scenario crash "$DOMU" $EXIT_CRASHED \
	crash "crash role=domU mode=nohandler expect=crash" \
	hello "hello role=domU" \
	shutdown "shutdown role=domU reason=crash" \
	crash "crash role=domU mode=badstack expect=crash" \
	crash "crash role=domU mode=hvstack expect=crash" \
	crash "crash role=domU mode=badiret expect=crash" \
	crash "crash role=domU mode=iretframe expect=crash" \
	crash "crash role=domU mode=userbounce expect=crash"

summary
