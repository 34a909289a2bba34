/* SPDX-License-Identifier: GPL-2.0 */
/* The meeting points of assembly and C on x86: what the entry code calls
 * and what C calls in it. Each is defined once (file named beside it). */
#ifndef ASM_ENTRY_H
#define ASM_ENTRY_H

#include <stdint.h>

struct cpu_regs;

/* boot/head.S jumps here on the bootstrap CPU (setup.c). */
void start_xen(uint64_t mbi_pa);
/* pv/entry.S: a syscall from the guest, either mode (pv/syscall.c). */
void do_syscall_entry(struct cpu_regs *regs);
/* pv/entry.S: iretq to the guest's frame faulted (pv/bounce.c). */
void pv_iret_fault(struct cpu_regs *regs);

/* entry.S: one 16-byte stub per vector, the IDT's targets (desc.c). */
extern const char entry_stubs[];
/* pv/entry.S: where every CPU's syscall stub jumps (pv/syscall.c). */
extern const char syscall_common[];
/* boot/trampoline.S: the AP start code copied below 1 MiB, its
 * variables (filled in by smpboot.c) and the C-side entry it reaches. */
extern const char trampoline_start[], trampoline_end[];
extern const char tr_cr3[], tr_efer[], tr_stack[], tr_entry[];
extern const char ap_entry[];

/* entry.S: the exit path that restores guest_regs and iretqs. */
extern const char ret_to_guest[];
/* entry.S: switch to stack sp (the top of this CPU's stack block) and
 * jump to fn; everything on the old stack is forgotten. */
void reset_stack_and_jump(void *sp, const void *fn) __attribute__((noreturn));

#endif
