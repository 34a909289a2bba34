/* SPDX-License-Identifier: GPL-2.0 */
/* Multiboot2 entry: GRUB2 enters in 32-bit protected mode with paging off.
 * Build boot page tables (identity, direct map and image map of the first
 * 4 GiB with 2 MiB pages), enter long mode, and jump to the image's high
 * address. Everything here is linked at its physical load address. */
#include <asm/config.h>
#include <asm/cpu-info.h>

#define MB2_MAGIC   0xe85250d6
#define MB2_ARCH    0
#define PTE_P       0x001
#define PTE_W       0x002
#define PTE_PSE     0x080
#define L4_SLOT(va) (((va) >> 39) & 511)
#define L3_SLOT(va) (((va) >> 30) & 511)

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH + (mb2_header_end - mb2_header))
	/* Entry address: the ELF entry is not used for 64-bit images. */
	.balign 8
	.short 3, 0
	.long 12
	.long start32
	.balign 8
	/* Page-align modules, so each can be handed out by frame. */
	.short 6, 0
	.long 8
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.section .text.boot, "ax"
	.code32
	.globl start32
start32:
	cli
	cld
	mov	$boot_stack_top, %esp
	cmp	$0x36d76289, %eax
	jne	bad_magic
	mov	%ebx, %edi          /* multiboot2 info, kept for C */

	/* Long mode present? */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	bt	$29, %edx
	jnc	no_long_mode
	mov	%edx, %esi          /* bit 20: NX */

	mov	$boot_l4, %eax
	mov	%eax, %cr3
	mov	%cr4, %eax
	or	$(1 << 5), %eax     /* PAE */
	mov	%eax, %cr4
	mov	$0xc0000080, %ecx   /* EFER */
	rdmsr
	or	$(1 << 8), %eax     /* LME */
	bt	$20, %esi
	jnc	1f
	or	$(1 << 11), %eax    /* NXE */
1:	wrmsr
	mov	%cr0, %eax
	or	$0x80010001, %eax   /* PG | WP | PE */
	mov	%eax, %cr0
	lgdt	boot_gdtr
	ljmp	$0x08, $start64

/* Early failures: say why on COM1, then stop. */
bad_magic:
	mov	$msg_magic, %esi
	jmp	early_fail
no_long_mode:
	mov	$msg_lm, %esi
early_fail:
	mov	$0x3f8, %dx
1:	lodsb
	test	%al, %al
	jz	2f
	out	%al, %dx
	jmp	1b
2:	hlt
	jmp	2b

	.code64
start64:
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	movabs	$high_entry, %rax
	jmp	*%rax

msg_magic:
	.asciz "Xeno: not started by a multiboot2 loader\r\n"
msg_lm:
	.asciz "Xeno: this CPU has no long mode\r\n"

	.section .data.boot, "aw"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff    /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff    /* 0x10: data */
boot_gdt_end:
boot_gdtr:
	.short boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	.balign 4096
	.globl boot_l4
boot_l4:
	.quad boot_l3_low + (PTE_P | PTE_W)
	.fill L4_SLOT(XEN_VIRT_START) - 1, 8, 0
	.quad boot_l3_xen + (PTE_P | PTE_W)
	.quad boot_l3_low + (PTE_P | PTE_W)     /* direct map, slot 262 */
	.fill 512 - L4_SLOT(XEN_VIRT_START) - 2, 8, 0
boot_l3_low:
	.quad boot_l2 + 0x0000 + (PTE_P | PTE_W)
	.quad boot_l2 + 0x1000 + (PTE_P | PTE_W)
	.quad boot_l2 + 0x2000 + (PTE_P | PTE_W)
	.quad boot_l2 + 0x3000 + (PTE_P | PTE_W)
	.fill 508, 8, 0
boot_l3_xen:
	.fill L3_SLOT(XEN_VIRT_START), 8, 0
	.quad boot_l2 + (PTE_P | PTE_W)         /* first GiB at XEN_VIRT_START */
	.fill 511 - L3_SLOT(XEN_VIRT_START), 8, 0
boot_l2:
	.set i, 0
	.rept 2048
	.quad (i << 21) + (PTE_P | PTE_W | PTE_PSE)
	.set i, i + 1
	.endr

	.balign 16
boot_stack:
	.fill 1024, 1, 0
boot_stack_top:

	.text
high_entry:
	/* Clear .bss: the loader should have, but nothing depends on that. */
	mov	%edi, %ebx
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	mov	%ebx, %edi
	lea	cpu0_stack(%rip), %rsp
	add	$(STACK_SIZE - CPU_INFO_SIZE), %rsp
	xor	%ebp, %ebp
	call	start_xen
1:	hlt
	jmp	1b
