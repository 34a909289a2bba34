/* SPDX-License-Identifier: GPL-2.0 */
/* Application-processor bring-up: INIT, STARTUP, STARTUP to each APIC the
 * MADT lists, with a stack block and GDT prepared for it by the BSP. */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/iomem.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

#define AP_WAIT_MS 1000



unsigned int nr_cpus_online = 1;
volatile bool cpu_online[NR_CPUS] = { true };
uint32_t cpu_apic_id[NR_CPUS];

static void *trampoline_var(const char *sym)
{
	return __va(TRAMPOLINE_PHYS + (uint64_t)(sym - trampoline_start));
}

/* Only memory the firmware map describes is in the direct map. */
static const void *acpi_map(uint64_t pa, size_t len)
{
	for (size_t i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];

		if (pa >= r->start && len <= r->end - pa)
			return __va(pa);
	}
	return NULL;
}

static void *alloc_zeroed(unsigned int order)
{
	uint64_t pfn;
	void *p;

	if (frame_alloc(&xen_frames, order, &pfn))
		return NULL;
	p = __va(pfn << PAGE_SHIFT);
	memset(p, 0, PAGE_SIZE << order);
	return p;
}

/* Bring up one AP as CPU cpu. The BSP prepares everything the AP needs
 * before it sends INIT: a stack block whose cpu_info names the CPU, a GDT,
 * and the trampoline's variables (page tables, EFER, stack, C entry). The
 * AP comes up in real mode at TRAMPOLINE_PHYS, switches to long mode with
 * those, and ends in start_secondary, which sets cpu_online[cpu] with a
 * release store once its GDT, IDT, TSS, syscall MSRs and APIC are ready;
 * the BSP's acquire load here pairs with it. Only then is the CPU counted
 * (nr_cpus_online), so no vCPU is ever placed on a CPU that is not up. */
static bool start_ap(unsigned int cpu, uint32_t apic)
{
	char *block = alloc_zeroed(STACK_ORDER);
	uint64_t *gdt = alloc_zeroed(GDT_ORDER);
	struct cpu_info *ci;

	if (!block || !gdt) {
		printk(XENLOG_ERR "smp: no memory for CPU%u\n", cpu);
		return false;
	}
	ci = (struct cpu_info *)(block + STACK_SIZE) - 1;
	ci->cpu_id = cpu;
	ci->apic_id = apic;
	per_cpu_gdt[cpu] = gdt;
	cpu_apic_id[cpu] = apic;

	*(uint32_t *)trampoline_var(tr_cr3) = (uint32_t)__pa(idle_pg_table);
	*(uint32_t *)trampoline_var(tr_efer) = (uint32_t)(EFER_LME | cpu_efer_nx);
	*(uint64_t *)trampoline_var(tr_stack) = (uint64_t)ci;
	*(uint64_t *)trampoline_var(tr_entry) = (uint64_t)ap_entry;

	/* The MP specification's sequence: INIT, 10 ms for the CPU to
	 * reset, then up to two STARTUP IPIs 200 us apart (the second only
	 * for CPUs that miss the first); the vector is the trampoline's
	 * page number. */
	apic_send_init(apic);
	udelay(10000);
	for (int i = 0; i < 2 && !cpu_online[cpu]; i++) {
		apic_send_startup(apic, TRAMPOLINE_PHYS >> PAGE_SHIFT);
		udelay(200);
	}
	for (uint64_t end = now_ns() + AP_WAIT_MS * 1000000ULL; now_ns() < end;)
		if (__atomic_load_n(&cpu_online[cpu], __ATOMIC_ACQUIRE))
			return true;
	printk(XENLOG_ERR "smp: CPU%u (APIC ID %u) did not come up\n", cpu, apic);
	return false;
}

struct acpi_cpus boot_madt;
struct acpi_sleep boot_sleep;

/* One AP at a time, in MADT order, from the BSP before any domain
 * exists; the trampoline is copied below 1 MiB once for all of them. */
unsigned int smp_boot_cpus(void)
{
	struct acpi_cpus cpus;
	uint32_t me = apic_id();
	int rc;

	cpu_apic_id[0] = me;
	rc = acpi_find_cpus(boot_info.rsdp, boot_info.rsdp_len, acpi_map, &cpus);
	boot_madt = cpus;   /* the IO-APIC and overrides, for io-apic.c */
	if (acpi_find_sleep(boot_info.rsdp, boot_info.rsdp_len, acpi_map, &boot_sleep) == 0)
		printk("acpi: PM1a control at %#x, S5 sleep type %u\n", boot_sleep.pm1a_cnt,
		       boot_sleep.slp_typ[0]);
	if (rc) {
		printk(XENLOG_WARNING "smp: no usable MADT (%d): running on one CPU\n", rc);
		return nr_cpus_online;
	}
	printk("smp: MADT lists %u CPU(s)\n", cpus.nr);
	memcpy(__va(TRAMPOLINE_PHYS), trampoline_start,
	       (size_t)(trampoline_end - trampoline_start));
	/* Kept for CPU start-up: no domain may map it (iomem.c lets the
	 * privileged domain map the rest of the first MiB). */
	iomem_reserve(TRAMPOLINE_PHYS,
		      ALIGN_UP(TRAMPOLINE_PHYS + (uint64_t)(trampoline_end - trampoline_start),
			       PAGE_SIZE));
	for (unsigned int i = 0; i < cpus.nr; i++) {
		if (cpus.apic_id[i] == me)
			continue;
		if (nr_cpus_online == NR_CPUS) {
			printk(XENLOG_WARNING "smp: more than %u CPUs, rest ignored\n", NR_CPUS);
			break;
		}
		if (start_ap(nr_cpus_online, cpus.apic_id[i]))
			nr_cpus_online++;
	}
	return nr_cpus_online;
}

void start_secondary(void)
{
	struct cpu_info *ci = get_cpu_info();
	unsigned int cpu = ci->cpu_id;

	desc_init_cpu(cpu, stack_block_of(ci));
	cpu_init_features();
	syscall_stub_init(cpu, ci);
	apic_init_cpu();
	printk("CPU%u online (APIC ID %u)\n", cpu, ci->apic_id);
	__atomic_store_n(&cpu_online[cpu], true, __ATOMIC_RELEASE);
	apic_timer_start();
	cpu_idle_loop();
}
