/* SPDX-License-Identifier: GPL-2.0 */
/* The hypervisor's own page tables: the image with per-section rights, a
 * direct map of every region in the memory map, and MMIO it needs. Built
 * while running on the boot tables, whose direct map covers 4 GiB. */
#include <asm/page.h>
#include <asm/processor.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/page-type.h>
#include <xeno/setup.h>

uint64_t idle_pg_table[PT_ENTRIES] __aligned(4096) __section(".bss.page_aligned");
uint64_t cpu_efer_nx;

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[];

static uint64_t strip_nx(uint64_t flags)
{
	return cpu_efer_nx ? flags : flags & ~_PAGE_NX;
}

/* The next-level table under *entry, allocated zeroed when absent. A 2 MiB
 * mapping in the way is split into 512 small ones with the same rights. */
static uint64_t *next_table(uint64_t *entry)
{
	uint64_t pfn, *t;

	if ((*entry & _PAGE_PRESENT) && !(*entry & _PAGE_PSE))
		return __va(*entry & PADDR_MASK);
	/* Below 4 GiB: reachable through the boot direct map too. */
	if (frame_alloc_below(&xen_frames, 0, 1ULL << (32 - PAGE_SHIFT), &pfn))
		return NULL;
	t = __va(pfn << PAGE_SHIFT);
	if (*entry & _PAGE_PRESENT) {
		uint64_t base = *entry & PADDR_MASK, flags = *entry & ~PADDR_MASK & ~_PAGE_PSE;

		for (unsigned int i = 0; i < PT_ENTRIES; i++)
			t[i] = (base + ((uint64_t)i << PAGE_SHIFT)) | flags;
	} else {
		memset(t, 0, PAGE_SIZE);
	}
	*entry = (pfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;
	return t;
}

/* Map nr pages of pa at va in the hypervisor's own tables (idle_pg_table,
 * whose upper slots every guest L4 shares), with 2 MiB pages where both
 * addresses and the remaining length allow. Missing intermediate tables
 * are allocated; -ENOMEM when that fails, with what was mapped so far
 * left in place. No TLB flush: callers map only what was not mapped. */
int map_pages(uint64_t va, uint64_t pa, uint64_t nr, uint64_t flags)
{
	flags = strip_nx(flags);
	while (nr) {
		uint64_t *l3 = next_table(&idle_pg_table[pt_index(va, L4_SHIFT)]);
		uint64_t *l2 = l3 ? next_table(&l3[pt_index(va, L3_SHIFT)]) : NULL;
		uint64_t *l1;

		if (!l2)
			return -ENOMEM;
		if (IS_ALIGNED(va | pa, 1UL << L2_SHIFT) && nr >= 512) {
			l2[pt_index(va, L2_SHIFT)] = pa | flags | _PAGE_PSE;
			va += 1UL << L2_SHIFT;
			pa += 1UL << L2_SHIFT;
			nr -= 512;
			continue;
		}
		l1 = next_table(&l2[pt_index(va, L2_SHIFT)]);
		if (!l1)
			return -ENOMEM;
		l1[pt_index(va, L1_SHIFT)] = pa | flags;
		va += PAGE_SIZE;
		pa += PAGE_SIZE;
		nr--;
	}
	return 0;
}

static void map_image_part(const char *start, const char *end, uint64_t flags)
{
	uint64_t va = (uint64_t)start;

	if (map_pages(va, __pa(start), ((uint64_t)end - va) >> PAGE_SHIFT, flags))
		panic("paging: out of memory mapping the image");
}

static void map_direct(void)
{
	const struct mb2_info *mbi = &boot_info;

	for (size_t i = 0; i < mbi->nr_mmap; i++) {
		/* Firmware may reserve huge holes high up (QEMU: 12 GiB below
		 * 1 TiB); only RAM, ACPI tables and low regions are of use. */
		if (mbi->mmap[i].type == MEM_RESERVED && mbi->mmap[i].start >= (1ULL << 32))
			continue;
		uint64_t a = ALIGN_DOWN(mbi->mmap[i].start, PAGE_SIZE);
		uint64_t b = ALIGN_UP(mbi->mmap[i].end, PAGE_SIZE);

		if (b > DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)
			b = DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START;
		if (a < b && map_pages(DIRECTMAP_VIRT_START + a, a, (b - a) >> PAGE_SHIFT,
				       PAGE_HYPERVISOR_RW))
			panic("paging: out of memory for the direct map");
	}
}

void paging_init(void)
{
	uint32_t a, b, c, d;

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_efer_nx = (d >> 20) & 1 ? EFER_NXE : 0;

	map_image_part(__text_start, __text_end, PAGE_HYPERVISOR_RX);
	map_image_part(__rodata_start, __rodata_end, PAGE_HYPERVISOR_RO);
	map_image_part(__data_start, __data_end, PAGE_HYPERVISOR_RW);
	map_image_part(__data_end, __xen_end, PAGE_HYPERVISOR_RO);
	map_direct();
	/* Low 1 MiB identity-mapped for the AP start-up trampoline only. */
	if (map_pages(0, 0, 256, PAGE_HYPERVISOR_RW & ~_PAGE_NX))
		panic("paging: out of memory for the trampoline map");
	write_cr3(__pa(idle_pg_table));
	printk("paging: own page tables live (image %#lx-%#lx, direct map at %#lx, NX %s)\n",
	       (uint64_t)__xen_high_start, (uint64_t)__xen_end, DIRECTMAP_VIRT_START,
	       cpu_efer_nx ? "on" : "off");
}

void paging_drop_low_identity(void)
{
	idle_pg_table[0] = 0;
	write_cr3(__pa(idle_pg_table));
}

/* Page-type core hooks (xeno/page-type.h). */
uint64_t *pgt_map(uint64_t mfn)
{
	return __va(mfn << PAGE_SHIFT);
}

/* The hypervisor's slots of every guest L4: ours, copied from the idle
 * table; slot 256 (the read-only M2P) is user-accessible there. */
void pgt_init_xen_l4_slots(uint64_t *l4)
{
	for (unsigned int i = HYPERVISOR_L4_FIRST; i <= HYPERVISOR_L4_LAST; i++)
		l4[i] = idle_pg_table[i];
}
