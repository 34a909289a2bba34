#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot the direct-paging test guests under QEMU and judge them, as
# ../guests/run.sh does for the others (same parse-log.awk, same
# ../boot/lib.sh): every guest's PASS/FAIL line as scenario/guest/case, a
# guest without its closing line, a timeout or a wrong exit status is a
# failure, and the last line is "N passed, N failed". Each scenario boots
# the hostile guests beside mm-peer, a bystander that must finish its own
# checks. XEN_ELF=... picks another hypervisor image; QEMU_TIMEOUT=secs
# per boot (default: 30, and 90 for the 1,000-tree accounting guest); RUN_OUT=dir puts ISOs and logs elsewhere; ONLY="name ..." boots
# only those scenarios (for debugging: the full run is the verdict).
MM_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$MM_DIR/../../.." && pwd)
ELF_DIR=$ROOT/build/tests/guests
OUT=${RUN_OUT:-$ROOT/build/tests/guests-mm}
TIMEOUT_ARG=${QEMU_TIMEOUT:-}
export ROOT OUT
. "$ROOT/xen/tests/boot/lib.sh"

EXIT_OK=1        # every domain shut down cleanly
EXIT_CRASHED=5   # at least one domain crashed (expect=crash on its line)
DOMU="console=com1 loglvl=info dom0less domU_mem=32M"

# Frame accounting: every frame the boot domains took (memory, page
# tables, ballooning, event channels, vCPUs) is back in the pool once
# they are gone, apart from the dead domains' own records, which the
# hypervisor reports separately.
frames_balance() {
	before=$(sed -n 's/.*frames: \([0-9]*\) free before boot domains.*/\1/p' "$log" | head -n 1)
	after=$(sed -n "s/.*frames: \([0-9]*\) free at exit, \([0-9]*\) more in dead domains' records.*/\1 \2/p" "$log" | head -n 1)
	if [ -z "$before" ] || [ -z "$after" ]; then
		fail "$1/frames-balance" "no free-frame counts in the log"
	elif [ $((${after% *} + ${after#* })) -eq "$before" ]; then
		pass "$1/frames-balance ($before frames before and after)"
	else
		fail "$1/frames-balance" "$before free before the domains, ${after% *} + ${after#* } after"
	fi
}

# scenario NAME SECS "XEN CMDLINE" EXIT_STATUS [GUEST "MODULE LINE"]...
scenario() {
	name=$1; QEMU_TIMEOUT=${TIMEOUT_ARG:-$2}; cmdline=$3; want_exit=$4
	shift 4
	case " ${ONLY:-$name} " in *" $name "*) ;; *) return ;; esac
	mods=$OUT/$name.modules
	: > "$mods"
	set_args=""
	nr_crash=0
	while [ $# -ge 2 ]; do
		printf '%s\n' "$2" >> "$mods"
		case " $2 " in *" expect=crash "*) nr_crash=$((nr_crash + 1)) ;; esac
		set_args="$set_args '$ELF_DIR/$1/$1.elf' '$2'"
		shift 2
	done
	rm -f "$OUT/$name.log"
	eval "boot \"\$name\" \"\$cmdline\" 2 512 $set_args"
	[ -f "$log" ] || : > "$log"
	awk -v scenario="$name" -f "$ROOT/xen/tests/guests/parse-log.awk" "$mods" "$log" \
		> "$OUT/$name.verdicts"
	grep -v '^COUNTS ' "$OUT/$name.verdicts"
	set -- $(sed -n 's/^COUNTS //p' "$OUT/$name.verdicts")
	passed=$((passed + ${1:-0}))
	failed=$((failed + ${2:-1}))
	[ "${2:-1}" -eq 0 ] || case_failed=1
	if [ -n "${END_LINE:-}" ]; then
		# dom0's end is the machine's: no closing frame count, the guest
		# compares free pages itself.
		expect_log "$name/dom0-end" "$END_LINE"
	else
		expect_log "$name/all-shut-down" "all domains have shut down ($nr_crash crashed): exiting"
		frames_balance "$name"
	fi
	expect_exit "$name/exit-status" "$want_exit"
	show_log_on_failure
}

if ! make -C "$MM_DIR" all > "$OUT/build.log" 2>&1; then
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

scenario mm-pgtable 30 "$DOMU" $EXIT_OK \
	mm-pgtable "mm-pgtable role=domU" \
	mm-peer "mm-peer role=domU"

scenario mm-ptwr 30 "$DOMU" $EXIT_OK \
	mm-ptwr "mm-ptwr role=domU" \
	mm-peer "mm-peer role=domU"

scenario mm-desc 30 "$DOMU" $EXIT_OK \
	mm-desc "mm-desc role=domU" \
	mm-peer "mm-peer role=domU"

scenario mm-hostile 30 "$DOMU" $EXIT_OK \
	mm-hostile "mm-hostile role=domU" \
	mm-peer "mm-peer role=domU"

# L1TF checks forced on (qemu64 is not affected): an unsafe not-present
# entry crashes the domain, as Xen 4.17 without shadow paging.
scenario mm-l1tf 30 "$DOMU pv-l1tf=domu" $EXIT_CRASHED \
	mm-hostile "mm-hostile role=domU mode=l1tf expect=crash" \
	mm-peer "mm-peer role=domU"

# Grant tables between two domains (mm-grant/main.c): the granter dies
# with a frame still mapped, which must survive it and come back after.
scenario mm-grant 60 "$DOMU" $EXIT_OK \
	mm-grant "mm-grant role=domU grant=granter peer=2" \
	mm-grant "mm-grant role=domU grant=mapper peer=1"

# The same with Xen's boot options for the grant limits: a 4-frame table
# and one maptrack frame (256 mappings); both refusals are logged.
scenario mm-grant-limits 60 "$DOMU gnttab_max_frames=4 gnttab_max_maptrack_frames=1" $EXIT_OK \
	mm-grant "mm-grant role=domU grant=granter peer=2 limits" \
	mm-grant "mm-grant role=domU grant=mapper peer=1 limits"
case " ${ONLY:-mm-grant-limits} " in *" mm-grant-limits "*)
	expect_log mm-grant-limits/table-limit-logged "d1: grant table limit 4 frames, 5 asked by d1"
	expect_log mm-grant-limits/maptrack-limit-logged "d2: grant maptrack exhausted (limit 1 frames, 256 mappings)" ;;
esac

scenario mm-memory 90 "$DOMU" $EXIT_OK \
	mm-memory "mm-memory role=domU" \
	mm-peer "mm-peer role=domU"

# Foreign mappings and memory for another domain (mm-foreign/main.c):
# dom0 builds a domain, maps and pins its frames and destroys it while
# mapped; a domU is refused each foreign op.
END_LINE="dom0 shut down: the machine powers off"
scenario mm-foreign 60 "console=com1 loglvl=info dom0_mem=32M domU_mem=32M" 0 \
	mm-foreign "mm-foreign role=dom0"
unset END_LINE
scenario mm-foreign-domU 30 "$DOMU" $EXIT_OK \
	mm-foreign "mm-foreign role=domU self=1 other=2" \
	mm-peer "mm-peer role=domU"

summary
