#!/bin/sh
# Link-time assertion: the high part of the image lies inside the range the
# Xen x86-64 ABI reserves for the hypervisor (L4 slots 256-271).
set -e
nm=$1; elf=$2
start=$($nm "$elf" | awk '$3 == "__xen_high_start" { print $1 }')
end=$($nm "$elf" | awk '$3 == "__xen_end" { print $1 }')
case "$start$end" in
ffff8[0-7]*ffff8[0-7]*) ;;
*) echo "check-layout: image [$start, $end) outside 0xffff800000000000-0xffff87ffffffffff" >&2; exit 1 ;;
esac
if $nm "$elf" | awk '$2 ~ /^[tTdDbBrR]$/' | grep -v '^ffff8[0-7]' | grep -v ' __boot\| boot_\|^0000000000200\|mb2_\|start32\|start64\|trampoline' | grep -q .; then
	echo "check-layout: symbols outside the hypervisor range:" >&2
	$nm "$elf" | awk '$2 ~ /^[tTdDbBrR]$/' | grep -v '^ffff8[0-7]' >&2
	exit 1
fi
