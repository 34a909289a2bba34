/* SPDX-License-Identifier: GPL-2.0 */
/* Control registers, MSRs, CPUID and other single-instruction helpers. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <stdint.h>

#define X86_CR0_PE   (1UL << 0)
#define X86_CR0_MP   (1UL << 1)
#define X86_CR0_TS   (1UL << 3)
#define X86_CR0_WP   (1UL << 16)
#define X86_CR0_PG   (1UL << 31)
#define X86_CR4_DE   (1UL << 3)
#define X86_CR4_PAE  (1UL << 5)
#define X86_CR4_MCE  (1UL << 6)
#define X86_CR4_PGE  (1UL << 7)
#define X86_CR4_OSFXSR (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_SMEP (1UL << 20)
#define X86_CR4_SMAP (1UL << 21)

#include <asm/msr-index.h>

#define X86_EFLAGS_FIXED  (1UL << 1)    /* always one */
#define X86_EFLAGS_TF     (1UL << 8)
#define X86_EFLAGS_IF     (1UL << 9)
#define X86_EFLAGS_DF     (1UL << 10)
#define X86_EFLAGS_IOPL   (3UL << 12)
#define X86_EFLAGS_NT     (1UL << 14)
#define X86_EFLAGS_RF     (1UL << 16)
#define X86_EFLAGS_VM     (1UL << 17)
#define X86_EFLAGS_AC     (1UL << 18)

static inline uint64_t read_cr0(void) { uint64_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr2(void) { uint64_t v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint64_t v) { asm volatile("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr3(uint64_t v) { asm volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }
static inline void write_cr4(uint64_t v) { asm volatile("mov %0, %%cr4" :: "r"(v) : "memory"); }

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
			 uint32_t *c, uint32_t *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline void cpu_relax(void) { asm volatile("pause" ::: "memory"); }
#ifdef XENO_HOST_TEST
/* Host unit tests run in user mode, where cli, sti and hlt fault: there,
 * interrupts are always on and a halt returns at once. Where the code
 * disables interrupts, a test may run what another CPU does at that moment
 * (the hook, NULL for nothing; a test linking a caller defines it). */
extern void (*host_irq_disable_hook)(void);

static inline void local_irq_enable(void) { }
static inline void local_irq_disable(void)
{
	if (host_irq_disable_hook)
		host_irq_disable_hook();
}
static inline void halt(void) { }
static inline void safe_halt(void) { }
static inline uint64_t local_save_flags(void) { return X86_EFLAGS_IF; }
#else
static inline void local_irq_enable(void) { asm volatile("sti" ::: "memory"); }
static inline void local_irq_disable(void) { asm volatile("cli" ::: "memory"); }
static inline void halt(void) { asm volatile("hlt" ::: "memory"); }
/* sti;hlt is atomic with respect to interrupts: no wake-up is lost. */
static inline void safe_halt(void) { asm volatile("sti; hlt" ::: "memory"); }

static inline uint64_t local_save_flags(void)
{
	uint64_t f;

	asm volatile("pushf; pop %0" : "=r"(f) :: "memory");
	return f;
}
#endif

static inline void invlpg(const void *va)
{
	asm volatile("invlpg (%0)" :: "r"(va) : "memory");
}

#endif
