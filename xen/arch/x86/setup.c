/* SPDX-License-Identifier: GPL-2.0 */
/* start_xen: the boot sequence of the bootstrap processor, in order. */
#include <asm/apic.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/flush.h>
#include <asm/iomem.h>
#include <asm/irq.h>
#include <asm/l1tf.h>
#include <asm/multiboot2.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <asm/serial.h>
#include <asm/smp.h>
#include <generated/version.h>
#include <xeno/cmdline.h>
#include <xeno/domain.h>
#include <xeno/guest-time.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/setup.h>

char cpu0_stack[STACK_SIZE] __aligned(STACK_SIZE) __section(".bss.stack_aligned");
struct mb2_info boot_info;
struct frame_pool xen_frames;
struct mem_region ram_map[MEMMAP_MAX];
size_t nr_ram_map;

static void print_memory_map(void)
{
	printk("Multiboot2 memory map (%zu entries):\n", boot_info.nr_mmap);
	for (size_t i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];

		printk("  %016lx - %016lx (%s)\n", r->start, r->end,
		       memmap_type_name(r->type));
	}
	printk("Modules: %zu\n", boot_info.nr_mods);
	for (size_t i = 0; i < boot_info.nr_mods; i++)
		printk("  module %zu: %#lx-%#lx (%lu KiB) '%s'\n", i, boot_info.mods[i].start,
		       boot_info.mods[i].end,
		       (boot_info.mods[i].end - boot_info.mods[i].start) >> 10,
		       boot_info.mods[i].string);
}

/* Take [start, end) out of the RAM the frame pool will get. */
static void cut_ram(uint64_t start, uint64_t end)
{
	int n = memmap_remove(ram_map, nr_ram_map, MEMMAP_MAX, start, end);

	if (n < 0)
		panic("memory map too fragmented");
	nr_ram_map = (size_t)n;
}

/* Place the allocator's bitmap in RAM the boot direct map reaches (below
 * 4 GiB), then hand every remaining usable page to the pool. */
static void init_frame_pool(uint64_t mbi_pa)
{
	uint64_t max_pfn, bytes;
	int n = memmap_usable_ram(boot_info.mmap, boot_info.nr_mmap, ram_map, MEMMAP_MAX);

	if (n <= 0)
		panic("no usable RAM in the memory map");
	nr_ram_map = (size_t)n;
	if (opt_mem)
		cut_ram(ALIGN_UP(opt_mem, PAGE_SIZE), UINT64_MAX);
	cut_ram(0, 1UL << 20);   /* real-mode area: trampoline, firmware */
	cut_ram(XEN_PHYS_START, __pa(__xen_end));
	cut_ram(ALIGN_DOWN(mbi_pa, PAGE_SIZE), ALIGN_UP(mbi_pa + boot_info.total_size, PAGE_SIZE));
	for (size_t i = 0; i < boot_info.nr_mods; i++)
		cut_ram(ALIGN_DOWN(boot_info.mods[i].start, PAGE_SIZE),
			ALIGN_UP(boot_info.mods[i].end, PAGE_SIZE));
	if (!nr_ram_map)
		panic("no RAM left for the hypervisor");

	max_pfn = ram_map[nr_ram_map - 1].end >> PAGE_SHIFT;
	bytes = ALIGN_UP(frame_pool_bitmap_bytes(max_pfn), PAGE_SIZE);
	for (size_t i = 0; i < nr_ram_map; i++) {
		uint64_t a = ram_map[i].start;

		if (ram_map[i].end - a >= bytes && a + bytes <= (1ULL << 32)) {
			frame_pool_init(&xen_frames, __va(a), max_pfn);
			cut_ram(a, a + bytes);
			break;
		}
		if (i + 1 == nr_ram_map)
			panic("no room for the frame bitmap");
	}
	for (size_t i = 0; i < nr_ram_map; i++)
		frame_pool_add(&xen_frames, ram_map[i].start >> PAGE_SHIFT,
			       (ram_map[i].end - ram_map[i].start) >> PAGE_SHIFT);
	printk("frames: %lu MiB usable RAM, %lu frames free (%lu MiB), highest frame %#lx\n",
	       memmap_total(ram_map, nr_ram_map) >> 20, xen_frames.nr_free,
	       xen_frames.nr_free >> (20 - PAGE_SHIFT), max_pfn - 1);
}

static void parse_boot_info(uint64_t mbi_pa)
{
	const void *mbi = __va(mbi_pa);
	uint32_t total = *(const uint32_t *)mbi;
	int rc = mb2_parse(mbi, total, &boot_info);

	if (rc)
		panic("multiboot2 information at %#lx is malformed (%d)", mbi_pa, rc);
}

/* Show the periodic tick working on every CPU before guests start
 * (afterwards such a line would land inside a guest's console output). */
static void report_timer_ticking(void)
{
	char line[96];
	int n = 0;

	for (unsigned int c = 0; c < nr_cpus_online; c++)
		while (cpu_ticks[c] < TIMER_HZ / 10)
			safe_halt();
	local_irq_disable();
	for (unsigned int c = 0; c < nr_cpus_online && n < (int)sizeof(line) - 24; c++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, " CPU%u=%lu", c, cpu_ticks[c]);
	printk("timer: ticking at %u Hz on every CPU, ticks:%s\n", TIMER_HZ, line);
}

/* The order matters: the console first (everything after may print), the
 * memory map before the frame pool, paging and the frame table before
 * anything allocates per-frame state, traps before anything can fault,
 * the scheduler and flush IPI handlers before interrupts are enabled, the
 * timer calibrated before it ticks, the other CPUs before the low
 * identity map (their trampoline) goes, and domains last. */
void start_xen(uint64_t mbi_pa)
{
	struct cpu_info *ci = get_cpu_info();

	ci->cpu_id = 0;
	serial_init();
	console_set_sink(serial_write);
	printk("Xeno hypervisor %s (%s), x86-64 PV, Xen 4.17 ABI\n",
	       XENO_VERSION, XENO_CHANGESET);

	parse_boot_info(mbi_pa);
	cmdline_parse_all(boot_info.cmdline);
	printk("Command line: %s\n", boot_info.cmdline);
	printk("Boot loader: %s\n", boot_info.loader_name);
	print_memory_map();
	if (iomem_set_firmware_map(boot_info.mmap, boot_info.nr_mmap))
		panic("memory map has too many entries");
	init_frame_pool(mbi_pa);

	paging_init();
	frame_table_init(xen_frames.nr_frames);
	idt_init();
	desc_init_cpu(0, cpu0_stack);
	cpu_init_features();
	syscall_stub_init(0, ci);
	printk("traps: GDT, IDT and TSS loaded (IST stacks for #DF, NMI, #MC, #DB)\n");
	selftest_run_early();
	l1tf_init();

	sched_init();
	flush_init();
	apic_init_bsp();
	apic_calibrate();
	guest_time_init();
	apic_timer_start();
	local_irq_enable();
	printk("CPU0 online (APIC ID %u)\n", ci->apic_id);
	smp_boot_cpus();
	paging_drop_low_identity();
	printk("smp: %u CPU(s) online\n", nr_cpus_online);
	io_apic_init();
	if (strcmp(opt_console, "none") == 0)
		console_set_sink(NULL);

	report_timer_ticking();
	selftest_run_late();
	boot_domains_start();
	cpu_idle_loop();
}
