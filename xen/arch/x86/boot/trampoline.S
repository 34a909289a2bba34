/* SPDX-License-Identifier: GPL-2.0 */
/* AP start-up trampoline, copied to TRAMPOLINE_PHYS and entered in real
 * mode by the STARTUP IPI: protected mode, then long mode on the idle page
 * table (which identity-maps the low 1 MiB during bring-up), then the
 * image's high address with the stack the BSP prepared. */
#include <asm/config.h>

#define TR(x) ((x) - trampoline_start + TRAMPOLINE_PHYS)

	.section .rodata.trampoline, "a"
	.globl trampoline_start, trampoline_end
	.globl tr_cr3, tr_efer, tr_stack, tr_entry
	.code16
trampoline_start:
	cli
	cld
	xor	%ax, %ax
	mov	%ax, %ds
	lgdtl	TR(tr_gdtr)
	mov	%cr0, %eax
	or	$1, %eax
	mov	%eax, %cr0
	ljmpl	$0x08, $TR(tr_prot)

	.code32
tr_prot:
	mov	$0x10, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%cr4, %eax
	or	$(1 << 5), %eax          /* PAE */
	mov	%eax, %cr4
	mov	TR(tr_cr3), %eax
	mov	%eax, %cr3
	mov	$0xc0000080, %ecx
	rdmsr
	or	TR(tr_efer), %eax         /* LME, and NXE when the BSP uses it */
	wrmsr
	mov	%cr0, %eax
	or	$0x80010000, %eax        /* PG | WP */
	mov	%eax, %cr0
	ljmp	$0x18, $TR(tr_long)

	.code64
tr_long:
	mov	TR(tr_stack), %rsp
	mov	TR(tr_entry), %rax
	xor	%ebp, %ebp
	jmp	*%rax

	.balign 8
tr_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff     /* 0x08: 32-bit code */
	.quad 0x00cf92000000ffff     /* 0x10: data */
	.quad 0x00af9a000000ffff     /* 0x18: 64-bit code */
tr_gdtr:
	.short tr_gdtr - tr_gdt - 1
	.long TR(tr_gdt)
	.balign 8
tr_cr3:   .long 0
tr_efer:  .long 0
tr_stack: .quad 0
tr_entry: .quad 0
trampoline_end:

	.text
	.globl ap_entry
ap_entry:
	call	start_secondary
1:	hlt
	jmp	1b
