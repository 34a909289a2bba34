/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/regs.h>

#define X86_EXC_DE  0
#define X86_EXC_DB  1
#define X86_EXC_NMI 2
#define X86_EXC_BP  3
#define X86_EXC_OF  4
#define X86_EXC_BR  5
#define X86_EXC_UD  6
#define X86_EXC_NM  7
#define X86_EXC_DF  8
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13
#define X86_EXC_PF  14
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_MC  18
#define X86_EXC_XM  19
#define X86_EXC_CP  21   /* control protection */
#define X86_EXC_VC  29   /* VMM communication (SEV-ES) */
#define X86_EXC_SX  30   /* security exception */

/* The exceptions that push an error code, a bit per vector: entry.S pushes
 * a 0 for every other vector, the bounce code hands the code on for these
 * only. One list for assembly and C. */
#define X86_EXC_HAVE_EC_MASK ((1 << X86_EXC_DF) | (1 << X86_EXC_TS) | (1 << X86_EXC_NP) | \
			      (1 << X86_EXC_SS) | (1 << X86_EXC_GP) | (1 << X86_EXC_PF) | \
			      (1 << X86_EXC_AC) | (1 << X86_EXC_CP) | (1 << X86_EXC_VC) | \
			      (1 << X86_EXC_SX))
#define X86_EXC_HAS_EC(v) ((v) < 32 && ((X86_EXC_HAVE_EC_MASK >> ((v) & 31)) & 1))

/* Linux's int $0x80 reaches a PV guest kernel through a DPL-3 gate. */
#define PV_SYSCALL_INT80 0x80

#ifndef __ASSEMBLY__
void do_entry(struct cpu_regs *regs);
/* #DB on its IST stack (debug-trap.c); does not return if from a guest. */
void do_debug_trap(struct cpu_regs *regs);
void show_registers(const struct cpu_regs *regs);
void show_stack_trace(uint64_t rbp);
const char *symbol_name(uint64_t addr, uint64_t *offset);
__attribute__((noreturn)) void fatal_trap(const struct cpu_regs *regs);

/* Interrupt handlers, one per vector, registered before interrupts are on. */
typedef void (*irq_handler_t)(struct cpu_regs *regs);
void set_irq_handler(unsigned int vector, irq_handler_t h);
#endif

#endif
