#!/bin/sh
# Build a GRUB2 (multiboot2) ISO: mkiso.sh OUT.iso "XEN CMDLINE" XEN_ELF
#   [MODULE_FILE "MODULE ARGS"]...
# Each module is a module2 line; its string is the words after the path.
set -e
out=$1; cmdline=$2; xen=$3
shift 3
stage=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$stage" "$log"' EXIT
mkdir -p "$stage/boot/grub"
cp "$xen" "$stage/boot/xen.elf"
{
	echo 'set timeout=0'
	echo 'set default=0'
	echo 'serial --unit=0 --speed=115200'
	echo 'terminal_input serial console'
	echo 'terminal_output serial console'
	echo 'menuentry "Xeno" {'
	echo "	multiboot2 /boot/xen.elf $cmdline"
	i=0
	while [ $# -ge 2 ]; do
		cp "$1" "$stage/boot/mod$i"
		echo "	module2 /boot/mod$i $2"
		i=$((i + 1))
		shift 2
	done
	echo '	boot'
	echo '}'
} > "$stage/boot/grub/grub.cfg"
mkdir -p "$(dirname "$out")"
# A fixed date keeps ISOs reproducible.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000} \
	grub-mkrescue -o "$out" "$stage" >"$log" 2>&1 || {
	cat "$log" >&2
	exit 1
}
