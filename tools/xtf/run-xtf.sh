#!/bin/sh
# Xen's XTF pv64 tests on Xeno: XTF_DIR=/path/to/xtf sh tools/xtf/run-xtf.sh
# [NAME...]. Builds XTF in XTF_DIR with the host toolchain (XTF's own
# Makefile), then boots every pv64 test instance (test-pv64-NAME[~VARIATION],
# from XTF's generated .cfg files) as a dom0less domU under QEMU TCG, one
# boot per instance, and reads XTF's "Test result:" line. XTF itself is never
# part of this repository (docs/xtf.md says how to get it).
#
# Verdicts: SUCCESS and SKIP pass; FAILURE, ERROR and CRASH fail (CRASH: no
# result line, the domain crashed, QEMU timed out or the hypervisor
# panicked). A hypervisor panic fails the instance whatever the guest said.
# Logs: build/tests/xtf/NAME.log (serial), results.txt (one line each).
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=${OUT:-$ROOT/build/tests/xtf}
XEN_ELF=${XEN_ELF:-$ROOT/build/xen/xen.elf}
MKISO=$ROOT/xen/tools/mkiso.sh
TIMEOUT=${XTF_TIMEOUT:-120}
JOBS=${XTF_JOBS:-2}
CPU=${XTF_CPU:-qemu64}   # QEMU -cpu, as make test's boots; docs/xtf.md
# A domain 0 beside the test (xen/tests/guests/xtf-dom0: it waits for
# domain 1 to shut down), so the test is a domU as under xl; XTF_DOM0=0
# boots the test alone, dom0less.
WITH_DOM0=${XTF_DOM0:-1}
DOM0_ELF=$ROOT/build/tests/guests/xtf-dom0/xtf-dom0.elf

if [ -z "${XTF_DIR:-}" ] || [ ! -f "$XTF_DIR/xtf-runner" ]; then
	echo "usage: XTF_DIR=/path/to/xtf-checkout sh $0 [test-name...]" >&2
	echo "(docs/xtf.md: how to get XTF)" >&2
	exit 2
fi
XTF_DIR=$(cd "$XTF_DIR" && pwd)
mkdir -p "$OUT"
passed=0
failed=0

if [ -z "${XEN_ELF_GIVEN:-}" ] && ! make -s -C "$ROOT/xen" >"$OUT/xen-build.log" 2>&1; then
	echo "FAIL xtf/setup: building the hypervisor failed: $(tail -n 3 "$OUT/xen-build.log")"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ "$WITH_DOM0" = 1 ] && ! make -s -C "$ROOT/xen/tests/guests" xtf-dom0 >"$OUT/dom0-build.log" 2>&1; then
	echo "FAIL xtf/setup: building xtf-dom0 failed: $(tail -n 3 "$OUT/dom0-build.log")"
	echo "0 passed, 1 failed"
	exit 1
fi
# XTF's own build (every environment: its Makefile has no pv64-only switch
# that works for every test). xtfdir: the path the .cfg files name.
if ! make -s -C "$XTF_DIR" -j"$JOBS" xtfdir="$XTF_DIR" >"$OUT/xtf-build.log" 2>&1; then
	echo "FAIL xtf/setup: building XTF failed: $(tail -n 3 "$OUT/xtf-build.log")"
	echo "0 passed, 1 failed"
	exit 1
fi

# cfg_get FILE KEY: the value of KEY=... in an xl .cfg, quotes removed.
cfg_get() {
	sed -n "s/^$2[ ]*=[ ]*\"\{0,1\}\([^\"]*\)\"\{0,1\}.*/\1/p" "$1" | head -n 1 |
		sed 's/[ ]*$//'
}

# classify LOG RC: prints RESULT and a reason (stdout, one line).
classify() {
	log=$1; rc=$2
	# Guest lines are "(XEN) (d1) ..."; XTF writes its result through
	# console_io and its ring, printed once (a domU's console_io is
	# refused) or, with domU_console_io, twice.
	res=$(tr -d '\r' <"$log" | grep -a '(d1) Test result:' | head -n 1 |
		sed 's/.*Test result: *//' | cut -d' ' -f1)
	why=""
	# The hypervisor's panic (panic.c): "Panic: ..." not from a guest.
	hv_panic=$(tr -d '\r' <"$log" | grep -av '(d[0-9]*)' | grep -a 'Panic: ' | head -n 1)
	if [ -n "$hv_panic" ]; then
		echo "CRASH hypervisor ${hv_panic#*(XEN) }"
		return
	fi
	if [ "$rc" = 124 ]; then
		echo "CRASH timed out after ${TIMEOUT}s${res:+ (guest said $res)}"
		return
	fi
	if grep -aqF 'domain 1: shut down (crash)' "$log" && [ -z "$res" ]; then
		# XTF's panic() says why; else the hypervisor's last d1 lines.
		why=$(tr -d '\r' <"$log" | grep -a '(d1) ' | sed 's/.*(d1) *//' |
			awk '!seen[$0]++' | grep -aE 'PANIC|Unhandled|Vec ' | head -n 2 |
			tr '\n' '|' | sed 's/|$//')
		[ -n "$why" ] || why=$(tr -d '\r' <"$log" | grep -aE 'domain 1|d1v0' | tail -n 2 |
			tr '\n' '|' | sed 's/|$//')
		echo "CRASH domain crashed: $why"
		return
	fi
	case $res in
	SUCCESS|SKIP|FAILURE|ERROR) ;;
	'') echo "CRASH no result line (QEMU rc $rc)"; return ;;
	*) echo "CRASH unknown result '$res'"; return ;;
	esac
	# XTF's reason: the guest's lines after its three banner lines (XTF,
	# environment, title) and before the result, duplicates dropped; a
	# SKIP gives its last line, FAILURE/ERROR their first two.
	body=$(tr -d '\r' <"$log" | grep -a '(d1) ' | sed 's/.*(d1) *//' |
		awk '!seen[$0]++' | sed -n '4,$p' | grep -av '^Test result:')
	case $res in
	SKIP) why=$(printf '%s\n' "$body" | tail -n 1) ;;
	FAILURE|ERROR) why=$(printf '%s\n' "$body" | grep -aiE 'fail|error|expected|unexpected' |
		head -n 2 | tr '\n' '|' | sed 's/|$//') ;;
	esac
	echo "$res $why"
}

FILTER="$*"   # the positional parameters carry each boot's modules below
: >"$OUT/results.txt"
t_all=$(date +%s)
for cfg in "$XTF_DIR"/tests/*/test-pv64-*.cfg; do
	inst=$(basename "$cfg" .cfg)
	inst=${inst#test-pv64-}
	name=${inst%%~*}
	if [ -n "$FILTER" ]; then
		want=0
		for a in $FILTER; do [ "$a" = "$name" ] || [ "$a" = "$inst" ] && want=1; done
		[ $want = 1 ] || continue
	fi
	kernel=$(cfg_get "$cfg" kernel)
	vcpus=$(cfg_get "$cfg" vcpus); vcpus=${vcpus:-1}
	mem=$(cfg_get "$cfg" memory); mem=${mem:-128}
	cmdline=$(cfg_get "$cfg" cmdline)
	cat=$(sed -n 's/.*"category": *"\([a-z-]*\)".*/\1/p' "$(dirname "$cfg")/info.json")
	log=$OUT/$inst.log
	iso=$OUT/$inst.iso
	if [ "$WITH_DOM0" = 1 ]; then
		xencmd="console=com1 dom0_mem=32M domU_mem=${mem}M domU_max_vcpus=$vcpus"
		set -- "$DOM0_ELF" "xtf-dom0 role=dom0" "$kernel" "$cmdline"
	else
		xencmd="console=com1 dom0less domU_mem=${mem}M domU_max_vcpus=$vcpus"
		set -- "$kernel" "$cmdline"
	fi
	if ! sh "$MKISO" "$iso" "$xencmd" "$XEN_ELF" "$@" 2>"$OUT/$inst.mkiso"; then
		line="CRASH could not build the ISO"
		rc=255; secs=0
	else
		t0=$(date +%s)
		timeout "$TIMEOUT" qemu-system-x86_64 -accel tcg -cpu "$CPU" \
			-m 512 -smp 2 -display none -no-reboot \
			-serial "file:$log" -monitor none \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
			-cdrom "$iso" </dev/null >"$OUT/$inst.qemu" 2>&1
		rc=$?
		secs=$(($(date +%s) - t0))
		rm -f "$iso"
		line=$(classify "$log" "$rc")
	fi
	res=${line%% *}
	why=${line#"$res"}; why=${why# }
	printf '%s %s %s %ss %s\n' "$inst" "$cat" "$res" "$secs" "$why" >>"$OUT/results.txt"
	case $res in
	SUCCESS|SKIP) echo "PASS xtf/$inst: $res${why:+ ($why)} ${secs}s"; passed=$((passed + 1)) ;;
	*) echo "FAIL xtf/$inst: $res${why:+ ($why)} ${secs}s (log $log)"; failed=$((failed + 1)) ;;
	esac
done
echo "xtf: $((passed + failed)) instances in $(($(date +%s) - t_all))s; results in $OUT/results.txt"
for r in SUCCESS SKIP FAILURE ERROR CRASH; do
	printf '%s %s  ' "$r" "$(grep -c "^[^ ]* [^ ]* $r " "$OUT/results.txt")"
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
