#!/bin/sh
# Emit an assembly symbol table (address, name) of the hypervisor's text
# symbols, sorted by address, for stack traces. Usage: gen-symtab.sh NM ELF
set -e
nm=$1; elf=$2
echo '.section .xeno_symtab,"a"'
echo '.balign 8'
echo '.globl symtab_data'
echo 'symtab_data:'
$nm -n "$elf" | awk '
	$2 ~ /^[tT]$/ && $1 ~ /^ffff8/ { addr[n] = $1; name[n] = $3; n++ }
	END {
		printf ".quad %d\n", n
		for (i = 0; i < n; i++) printf ".quad 0x%s, .Lsym%d\n", addr[i], i
		for (i = 0; i < n; i++) printf ".Lsym%d: .asciz \"%s\"\n", i, name[i]
	}'
