/* SPDX-License-Identifier: GPL-2.0 */
/* Loading a vCPU's descriptor tables onto this CPU: its GDT frames are
 * copied below the hypervisor's reserved entries, its LDT into a per-CPU
 * table. The frames were checked and typed as descriptors when set
 * (descriptors.c) and cannot change but through update_descriptor. */
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pv/pv.h>
#include <asm/smp.h>
#include <xeno/domain.h>
#include <xeno/lib.h>

/* This CPU's copy of the running vCPU's LDT, which its GDT's LDT
 * descriptor (LDT_SELECTOR) points at, and how many GDT entries the
 * last vCPU loaded here left behind. */
static uint64_t cpu_ldt[NR_CPUS][PV_LDT_ENTRIES_MAX] __aligned(4096);
static unsigned int gdt_loaded_ents[NR_CPUS];

/* Copy v's GDT into this CPU's table, clearing what a previous vCPU left. */
void pv_load_gdt(struct vcpu *v)
{
	unsigned int cpu = smp_processor_id(), n = v->arch.gdt_ents;
	uint64_t *gdt = per_cpu_gdt[cpu];

	for (unsigned int i = 0; i < n; i += 512)
		memcpy(&gdt[i], __va(v->arch.gdt_frames[i / 512] << PAGE_SHIFT),
		       MIN(512U, n - i) * 8);
	if (gdt_loaded_ents[cpu] > n)
		memset(&gdt[n], 0, (gdt_loaded_ents[cpu] - n) * 8);
	gdt_loaded_ents[cpu] = n;
}

void pv_load_ldt(struct vcpu *v)
{
	unsigned int cpu = smp_processor_id(), n = v->arch.ldt_ents;
	uint64_t *gdt = per_cpu_gdt[cpu];
	uint64_t base = (uint64_t)cpu_ldt[cpu], limit = (uint64_t)n * 8 - 1;
	unsigned int i = LDT_SELECTOR >> 3;

	if (!n) {
		asm volatile("lldt %w0" :: "r"(0));
		return;
	}
	for (unsigned int j = 0; j < n; j += 512)
		memcpy(&cpu_ldt[cpu][j], __va(v->arch.ldt_frames[j / 512] << PAGE_SHIFT),
		       MIN(512U, n - j) * 8);
	gdt[i] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x82ULL << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[i + 1] = base >> 32;
	asm volatile("lldt %w0" :: "r"(LDT_SELECTOR));
}

