#!/bin/sh
# SPDX-License-Identifier: MIT
# Tests of the runner itself: parse-log.awk's verdicts on canned serial
# logs (clean guest, FAIL lines, no closing line, lost lines, expected and
# unexpected crashes, a guest that never started, refused images,
# EXPECT-LINE, CRLF), then run.sh end
# to end with a stand-in QEMU that hangs, which must give a timeout FAIL
# per scenario, a FAIL per guest and a non-zero exit.
GUESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$GUESTS_DIR/../../.." && pwd)
T=$ROOT/build/tests/guests/check-runner
rm -rf "$T"
mkdir -p "$T"
passed=0
failed=0

check() {
	if [ "$2" = "$3" ]; then
		echo "PASS runner/$1"
		passed=$((passed + 1))
	else
		echo "FAIL runner/$1: got '$2', want '$3'"
		failed=$((failed + 1))
	fi
}

# judge MODULE_LINES LOG_TEXT: verdict lines of parse-log.awk, one per line
judge() {
	printf '%s\n' "$1" > "$T/mods"
	printf '%s\n' "$2" > "$T/log"
	awk -v scenario=s -f "$GUESTS_DIR/parse-log.awk" "$T/mods" "$T/log"
}

out=$(judge "g role=domU" "(XEN) (d1) xeno-test g: start, cmdline 'g role=domU'
(XEN) (d1) PASS a
(XEN) (d1) PASS b
(XEN) (d1) 2 passed, 0 failed
(XEN) domain 1: shut down (poweroff)")
check clean-counts "$(echo "$out" | tail -n 1)" "COUNTS 4 0"
check clean-names "$(echo "$out" | head -n 1)" "PASS s/g/a"

out=$(judge "g role=domU" "(XEN) (d1) xeno-test g: start, cmdline 'g role=domU'
(XEN) (d1) FAIL a: got 1, want 2
(XEN) (d1) 0 passed, 1 failed
(XEN) domain 1: shut down (poweroff)")
check fail-line "$(echo "$out" | head -n 1)" "FAIL s/g/a: got 1, want 2"
check fail-counted "$(echo "$out" | tail -n 1)" "COUNTS 2 1"

out=$(judge "g reason=reboot" "(XEN) (d1) xeno-test g: start, cmdline 'g reason=reboot'
(XEN) (d1) 0 passed, 0 failed
(XEN) domain 1: shut down (poweroff)")
check wrong-reason "$(echo "$out" | grep -c "^FAIL s/g/shutdown-reboot: the hypervisor reported 'poweroff'")" 1

out=$(judge "g role=domU" "(XEN) (d1) xeno-test g: start, cmdline 'g role=domU'
(XEN) (d1) PASS a")
check no-closing-line "$(echo "$out" | grep -c '^FAIL s/g/finished: no closing')" 1
check no-closing-counts "$(echo "$out" | tail -n 1)" "COUNTS 1 1"

out=$(judge "g role=domU" "(XEN) (d1) xeno-test g: start, cmdline 'g role=domU'
(XEN) (d1) PASS a
(XEN) (d1) 2 passed, 0 failed")
check lost-lines "$(echo "$out" | grep -c '^FAIL s/g/finished: closing line')" 1

out=$(judge "c mode=x expect=crash" "(XEN) (d2) xeno-test c: start, cmdline 'c mode=x expect=crash'
(XEN) domain 2 crashed: exception 14 with no handler registered")
check expected-crash "$out" "PASS s/c-x/crashed
COUNTS 1 0"

out=$(judge "c expect=crash" "(XEN) (d2) xeno-test c: start, cmdline 'c expect=crash'
(XEN) (d2) 0 passed, 0 failed")
check crash-missing "$(echo "$out" | tail -n 1)" "COUNTS 0 1"

out=$(judge "g" "(XEN) (d3) xeno-test g: start, cmdline 'g'
(XEN) (d3) PASS a
(XEN) domain 3 crashed: bounce frame on a bad guest kernel stack")
check unexpected-crash "$(echo "$out" | tail -n 1)" "COUNTS 1 1"

out=$(judge "g
h" "(XEN) (d1) xeno-test g: start, cmdline 'g'
(XEN) (d1) 0 passed, 0 failed")
check never-started "$(echo "$out" | grep -c '^FAIL s/h/started')" 1

out=$(judge "g" "$(printf "(XEN) (d0) xeno-test g: start, cmdline 'g'\r\n(XEN) (d0) PASS a\r\n(XEN) (d0) 1 passed, 0 failed\r\n(XEN) domain 0: shut down (poweroff)\r")")
check crlf "$(echo "$out" | tail -n 1)" "COUNTS 3 0"

out=$(judge "g
g" "(XEN) (d1) xeno-test g: start, cmdline 'g'
(XEN) (d2) xeno-test g: start, cmdline 'g'
(XEN) (d2) 0 passed, 0 failed
(XEN) (d1) PASS a
(XEN) (d1) 1 passed, 0 failed
(XEN) domain 2: shut down (poweroff)
(XEN) domain 1: shut down (poweroff)")
check same-line-twice "$(echo "$out" | tail -n 1)" "COUNTS 5 0"

out=$(judge "b expect=refused
g" "(XEN) domain 1: kernel image refused: XEN_VERSION is not \"xen-3.0\"; not started
(XEN) (d2) xeno-test g: start, cmdline 'g'
(XEN) (d2) 0 passed, 0 failed")
check refused "$(echo "$out" | grep -c '^PASS s/b/refused\|^PASS s/refusals-reported')" 2

out=$(judge "b expect=refused" "(XEN) (d1) xeno-test b: start, cmdline 'b expect=refused'")
check refused-but-started "$(echo "$out" | tail -n 1)" "COUNTS 0 2"

out=$(judge "g" "(XEN) (d1) xeno-test g: start, cmdline 'g'
(XEN) (d1) EXPECT-LINE ring text
(XEN) (d1) 0 passed, 0 failed")
check expect-line-missing "$(echo "$out" | grep -c '^FAIL s/g/expected-line-1')" 1

out=$(judge "g" "(XEN) (d1) xeno-test g: start, cmdline 'g'
(XEN) (d1) EXPECT-LINE ring text
(XEN) (d1) ring text
(XEN) (d1) 0 passed, 0 failed
(XEN) domain 1: shut down (poweroff)")
check expect-line-present "$(echo "$out" | tail -n 1)" "COUNTS 3 0"

# End to end with a QEMU that never exits: every scenario must fail.
mkdir -p "$T/bin"
printf '#!/bin/sh\nsleep 30\n' > "$T/bin/qemu-system-x86_64"
chmod +x "$T/bin/qemu-system-x86_64"
xen=${XEN_ELF:-$ROOT/build/xen/xen.elf}
[ -f "$xen" ] || xen=$T/mods   # any file: the fake QEMU never reads it
RUN_OUT=$T/out PATH=$T/bin:$PATH QEMU_TIMEOUT=1 XEN_ELF=$xen sh "$GUESTS_DIR/run.sh" basic > "$T/run.out" 2>&1
rc=$?
suite=$GUESTS_DIR/suites/basic
# Module lines of the suite: those that must start, those that must be refused.
mods=$(grep -E '^[[:space:]]+[a-z0-9-]+ "[a-z0-9-]+ [^"]*"( \\)?$' "$suite")
nr_start=$(echo "$mods" | grep -vcE 'expect=(refused|initrd)')
nr_refused=$(echo "$mods" | grep -c 'expect=refused')
nr_scen=$(grep -c '^scenario ' "$suite")
# Log checks the suite makes after a scenario (its own refusal lines): an empty log fails each.
nr_after=$(grep -c '^scenario_log ' "$suite")
check hang-exit-status "$rc" 1
check hang-timeouts "$(grep -c '^FAIL .*/exit-status: timed out' "$T/run.out")" "$nr_scen"
check hang-not-started "$(grep -c '^FAIL .*/started: ' "$T/run.out")" "$nr_start"
check hang-no-refusals "$(grep -c '^FAIL .*/refusals-reported: 0 ' "$T/run.out")" 1
# Refused images that never started pass; everything else fails.
check hang-summary "$(tail -n 1 "$T/run.out")" \
	"$nr_refused passed, $((nr_start + 2 * nr_scen + nr_after + 1)) failed"

# ONLY skips the other scenarios and their log checks; an unknown suite fails.
RUN_OUT=$T/out2 PATH=$T/bin:$PATH QEMU_TIMEOUT=1 XEN_ELF=$xen ONLY=dom0ops \
	sh "$GUESTS_DIR/run.sh" basic nosuch > "$T/run2.out" 2>&1
check only-one-scenario "$(grep -c '/exit-status: ' "$T/run2.out")" 1
check only-its-log-checks "$(grep -c '^FAIL dom0ops/.*-logged: ' "$T/run2.out")" 4
check unknown-suite "$(grep -c '^FAIL suite/nosuch: no such suite' "$T/run2.out")" 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
