/* SPDX-License-Identifier: GPL-2.0 */
/* Emulation of what a PV guest may not execute natively. Each returns 0
 * when it handled the instruction (rip advanced), or a negative code when
 * the guest should get the exception it raised. */
#ifndef ASM_PV_EMUL_H
#define ASM_PV_EMUL_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/regs.h>
#include <asm/x86-insn.h>

struct vcpu;
struct domain;

/* Copy up to X86_MAX_INSN_LEN bytes from rip; returns how many were readable. */
unsigned int pv_fetch_insn(uint64_t rip, uint8_t *buf);

int pv_emulate_gp(struct vcpu *v, struct cpu_regs *regs);
/* An emulated instruction retired: with the guest's TF set, the single-step
 * #DB it would have raised natively; set_bs also records it in the virtual
 * DR6 (Xen 4.17 leaves DR6 alone after page-table write emulation). */
void pv_emulated_insn_done(struct vcpu *v, struct cpu_regs *regs, bool set_bs);
int pv_emulate_invalid_op(struct vcpu *v, struct cpu_regs *regs);
int pv_ptwr_emulate(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2);

/* The PV view of CPUID leaf/subleaf: res = eax, ebx, ecx, edx. */
void pv_cpuid(const struct domain *d, uint32_t leaf, uint32_t subleaf, uint32_t res[4]);

int pv_read_msr(struct vcpu *v, uint32_t msr, uint64_t *val);
int pv_write_msr(struct vcpu *v, uint32_t msr, uint64_t val);

#endif
