/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU GDT and TSS, and the IDT shared by all CPUs. */
#include <asm/config.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/processor.h>
#include <asm/smap.h>
#include <asm/traps.h>
#include <xeno/lib.h>

#define DESC_CODE64_DPL0 0x00af9b000000ffffULL
#define DESC_DATA_DPL0   0x00cf93000000ffffULL
#define DESC_CODE32_DPL3 0x00cffb000000ffffULL
#define DESC_DATA_DPL3   0x00cff3000000ffffULL
#define DESC_CODE64_DPL3 0x00affb000000ffffULL
#define DESC_CODE32_DPL0 0x00cf9b000000ffffULL
#define GATE_INTERRUPT   0x8e   /* present, DPL0, 64-bit interrupt gate */
#define GATE_DPL3        0x60   /* ring 3 may raise it with int n */

static struct idt_entry idt[IDT_ENTRIES] __aligned(4096);
static struct tss64 tss[NR_CPUS];
static uint64_t cpu0_gdt[GDT_ENTRIES] __aligned(4096);
uint64_t *per_cpu_gdt[NR_CPUS] = { cpu0_gdt };


static void set_gate(unsigned int vec, const void *handler, unsigned int ist,
		     uint8_t type_attr)
{
	uint64_t a = (uint64_t)handler;

	idt[vec] = (struct idt_entry){
		.offset_lo = (uint16_t)a,
		.selector = __HYPERVISOR_CS,
		.ist = (uint8_t)ist,
		.type_attr = type_attr,
		.offset_mid = (uint16_t)(a >> 16),
		.offset_hi = (uint32_t)(a >> 32),
	};
}

void idt_init(void)
{
	for (unsigned int v = 0; v < IDT_ENTRIES; v++)
		set_gate(v, entry_stubs + 16 * v, 0, GATE_INTERRUPT);
	/* Faults that can hit on a broken stack get known-good stacks. */
	idt[X86_EXC_DF].ist = 1;
	idt[X86_EXC_NMI].ist = 2;
	idt[X86_EXC_MC].ist = 3;
	/* A guest can make #DB hit at CPL 0 on its own stack (syscall stub). */
	idt[X86_EXC_DB].ist = 4;
	/* int3, into and int $0x80 must reach a PV guest from ring 3. */
	idt[X86_EXC_BP].type_attr = GATE_INTERRUPT | GATE_DPL3;
	idt[X86_EXC_OF].type_attr = GATE_INTERRUPT | GATE_DPL3;
	idt[PV_SYSCALL_INT80].type_attr = GATE_INTERRUPT | GATE_DPL3;
}

void idt_load(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (uint64_t)idt };

	asm volatile("lidt %0" :: "m"(p));
}

static void write_tss_desc(uint64_t *gdt, const struct tss64 *t)
{
	uint64_t base = (uint64_t)t, limit = sizeof(*t) - 1;
	unsigned int i = (TSS_SELECTOR >> 3);

	gdt[i] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) |                     /* present, 64-bit TSS */
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[i + 1] = base >> 32;
}

static void load_segments(const uint64_t *gdt)
{
	struct desc_ptr p = { GDT_ENTRIES * 8 - 1, (uint64_t)gdt };

	asm volatile("lgdt %0" :: "m"(p));
	/* Reload CS with a far return, then the data segments and TR. */
	asm volatile("pushq %0\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "mov %1, %%ss\n\t"
		     "mov %2, %%ds\n\t"
		     "mov %2, %%es\n\t"
		     "mov %2, %%fs\n\t"
		     "mov %2, %%gs\n\t"
		     "ltr %w3"
		     :: "i"(__HYPERVISOR_CS), "r"(__HYPERVISOR_DS), "r"(0),
			"r"(TSS_SELECTOR) : "rax", "memory");
}

/* gdt: a zeroed GDT_ENTRIES table; stack_block: this CPU's stack block. */
void desc_init_cpu(unsigned int cpu, void *stack_block)
{
	uint64_t *gdt = per_cpu_gdt[cpu];
	uint64_t *res = &gdt[FIRST_RESERVED_GDT_ENTRY];
	struct tss64 *t = &tss[cpu];
	char *block = stack_block;
	struct cpu_info *ci = (struct cpu_info *)(block + STACK_SIZE) - 1;

	res[__HYPERVISOR_CS >> 3 & 511] = DESC_CODE64_DPL0;
	res[__HYPERVISOR_DS >> 3 & 511] = DESC_DATA_DPL0;
	res[__GUEST_CS32 >> 3 & 511] = DESC_CODE32_DPL3;
	res[__GUEST_DS >> 3 & 511] = DESC_DATA_DPL3;
	res[__GUEST_CS64 >> 3 & 511] = DESC_CODE64_DPL3;
	res[__HYPERVISOR_CS32 >> 3 & 511] = DESC_CODE32_DPL0;

	*t = (struct tss64){ .iomap_base = sizeof(*t) };   /* no I/O bitmap */
	t->rsp[0] = (uint64_t)(&ci->guest_regs + 1);
	t->ist[0] = (uint64_t)block + (IST_DF_PAGE + 1) * PAGE_SIZE;
	t->ist[1] = (uint64_t)block + (IST_NMI_PAGE + 1) * PAGE_SIZE;
	t->ist[2] = (uint64_t)block + (IST_MC_PAGE + 1) * PAGE_SIZE;
	t->ist[3] = (uint64_t)block + (IST_DB_PAGE + 1) * PAGE_SIZE;
	write_tss_desc(gdt, t);
	load_segments(gdt);
	idt_load();
}

/* Control-register set-up each CPU needs to run PV guests: FXSAVE/SSE
 * usable by guests (OSFXSR, OSXMMEXCPT), native x87 errors (NE), no TS;
 * SMEP and SMAP when the CPU has them. */
void cpu_init_features(void)
{
	uint64_t cr0 = read_cr0();

	cr0 = (cr0 | X86_CR0_MP | (1UL << 5)) & ~(X86_CR0_TS | (1UL << 2));
	write_cr0(cr0);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | (1UL << 10));
	cpu_init_smep_smap();
}
