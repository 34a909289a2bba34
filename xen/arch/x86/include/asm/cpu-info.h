/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU state at the top of each CPU's stack block, found by masking the
 * stack pointer: no segment base is needed, so guest GS stays the guest's. */
#ifndef ASM_CPU_INFO_H
#define ASM_CPU_INFO_H

#include <asm/config.h>
#include <asm/regs.h>

#define CPU_INFO_SIZE 208

#ifndef __ASSEMBLY__
#include <stdint.h>

struct vcpu;

struct cpu_info {
	/* A ring-3 entry's hardware frame lands here (TSS rsp0 points just
	 * above it), so a guest's saved registers have a fixed home. */
	struct cpu_regs guest_regs;
	unsigned int cpu_id;
	uint32_t apic_id;
	struct vcpu *current;
	uint64_t pad[2];
};

/* The size keeps guest_regs' end (TSS rsp0) 16-byte aligned, as the CPU
 * aligns the stack before pushing an interrupt frame. */
_Static_assert(sizeof(struct cpu_info) == CPU_INFO_SIZE, "cpu_info size");

#ifdef XENO_HOST_TEST
/* Host unit tests have no per-CPU stack blocks: the test says which CPU
 * (and which vCPU) the code under test runs on. */
extern struct cpu_info *host_cpu_info;

static inline struct cpu_info *get_cpu_info(void)
{
	return host_cpu_info;
}
#else
static inline struct cpu_info *get_cpu_info(void)
{
	uint64_t sp;

	asm volatile("mov %%rsp, %0" : "=r"(sp));
	return (struct cpu_info *)((sp | (STACK_SIZE - 1)) + 1) - 1;
}
#endif

static inline unsigned int smp_processor_id(void)
{
	return get_cpu_info()->cpu_id;
}

static inline void *stack_block_of(struct cpu_info *ci)
{
	return (char *)(ci + 1) - STACK_SIZE;
}
#endif

#endif
