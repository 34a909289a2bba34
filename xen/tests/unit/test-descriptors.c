/* SPDX-License-Identifier: GPL-2.0 */
/* set_gdt and update_descriptor (arch/x86/pv/descriptors.c) over a fake
 * frame table, with the real page-type rules (mm/page-type.c) and
 * descriptor checks (pv/descriptor-check.c): the entry count bounded
 * before it sizes the copy, frames that are foreign, past the table, of
 * another type or holding a refused descriptor rejected (-EINVAL) with
 * the old GDT and every reference count as they were; a frame in both
 * the old and the new GDT keeps its type; update_descriptor's alignment,
 * owner and type rules, the descriptor rewritten as Xen rewrites it;
 * set_ldt's pages checked at once, an unusable one leaving it empty. */
#include "frame-fixture.h"
#include "guest-fixture.h"
#include <asm/desc.h>
#include <asm/pv/pv.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

#define NR       NR_FRAMES
#define FOREIGN  FOREIGN_MFN
#define UNOWNED  UNOWNED_MFN

#define CODE64_DPL3 0x00affb000000ffffULL
#define CODE64_DPL0 0x00af9b000000ffffULL   /* stored with DPL 3 */
#define DATA_DPL3   0x00cff3000000ffffULL
#define TSS_AVAIL   0x0000890000000067ULL   /* a system descriptor: refused */

static unsigned int nr_gdt_loads;

void pv_load_gdt(struct vcpu *v) { nr_gdt_loads++; }
void pv_load_ldt(struct vcpu *v) { }
/* The guest's page tables: one L1 (frame L1_MFN) maps LDT_VA onwards;
 * below it nothing is mapped. */
#define L1_MFN 20
#define LDT_VA 0x7f0000200000ULL
int pv_l1e_of(struct vcpu *v, uint64_t va, uint64_t *l1_mfn, unsigned int *idx)
{
	if (va < LDT_VA || va >= LDT_VA + (512ULL << 12))
		return -EFAULT;
	*l1_mfn = L1_MFN;
	*idx = (unsigned int)((va - LDT_VA) >> 12);
	return 0;
}

/* Everything a rejection must leave alone: the frame table's counts,
 * the frames' contents, the vCPU, the live GDT. */
static uint64_t frames_before[NR][512];
static struct arch_vcpu arch_before;
static unsigned int loads_before;

static void snap(void)
{
	frames_snap();
	memcpy(frames_before, frames, sizeof(frames));
	arch_before = vcpus[0].arch;
	loads_before = nr_gdt_loads;
}

static void assert_unchanged(void)
{
	assert_frames_unchanged();
	assert_memory_equal(frames_before, frames, sizeof(frames));
	assert_memory_equal(&arch_before, &vcpus[0].arch, sizeof(arch_before));
	assert_int_equal(nr_gdt_loads, loads_before);
}

static int setup(void **state)
{
	guest_fixture_reset();
	frame_fixture_reset();
	nr_gdt_loads = 0;
	return 0;
}

static long set_gdt(const uint64_t *list, uint64_t entries)
{
	nr_copy_in = 0;
	return do_set_gdt(GVA(list), entries);
}

static void assert_typed(uint64_t mfn, unsigned int type_count)
{
	assert_int_equal(frame_info[mfn].type_count, type_count);
	if (type_count)
		assert_int_equal(frame_info[mfn].type, PGT_seg_desc);
}

static void test_set_gdt(void **state)
{
	uint64_t list[FIRST_RESERVED_GDT_PAGE] = { 1, 2 };

	frames[1][0] = CODE64_DPL0;
	frames[2][1] = DATA_DPL3;
	assert_int_equal(set_gdt(list, 513), 0);
	assert_int_equal(nr_copy_in, 1);
	assert_int_equal(vcpus[0].arch.gdt_ents, 513);
	assert_int_equal(vcpus[0].arch.gdt_frames[0], 1);
	assert_int_equal(vcpus[0].arch.gdt_frames[1], 2);
	assert_typed(1, 1);
	assert_typed(2, 1);
	/* Entries are checked and rewritten when the frame is typed. */
	assert_int_equal(frames[1][0], CODE64_DPL3);
	assert_int_equal(nr_gdt_loads, 1);   /* the caller's: live at once */
	/* A frame in both the old and the new table keeps its type; the
	 * one left out is released. */
	list[0] = 2;
	list[1] = 3;
	assert_int_equal(set_gdt(list, 1024), 0);
	assert_typed(1, 0);
	assert_int_equal(frame_info[1].count, 0);
	assert_typed(2, 1);
	assert_typed(3, 1);
	/* No entries: every frame released. */
	assert_int_equal(set_gdt(list, 0), 0);
	assert_int_equal(vcpus[0].arch.gdt_ents, 0);
	assert_typed(2, 0);
	assert_typed(3, 0);
	assert_int_equal(lock_depth, 0);
}

static void test_set_gdt_full(void **state)
{
	uint64_t list[FIRST_RESERVED_GDT_PAGE];

	for (unsigned int i = 0; i < ARRAY_SIZE(list); i++)
		list[i] = i + 1;
	assert_int_equal(set_gdt(list, FIRST_RESERVED_GDT_ENTRY), 0);
	assert_int_equal(vcpus[0].arch.gdt_ents, FIRST_RESERVED_GDT_ENTRY);
	for (unsigned int i = 0; i < ARRAY_SIZE(list); i++)
		assert_typed(i + 1, 1);
}

/* The count sizes the copy, so it is judged before anything is read. */
static void test_set_gdt_count(void **state)
{
	static const uint64_t bad[] = { FIRST_RESERVED_GDT_ENTRY + 1, 8192, 0x100000000ULL,
					0x100000000ULL + 1, ~0ULL };
	uint64_t list[FIRST_RESERVED_GDT_PAGE + 4] = { 1 };

	snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(set_gdt(list, bad[i]), -EINVAL);
		assert_int_equal(nr_copy_in, 0);
	}
	assert_unchanged();
}

static void test_set_gdt_bad_list(void **state)
{
	static const uint64_t gvas[] = { GVA_NULL, GVA_HYP, GVA_HYP_LAST, GVA_NONCANON - 4,
					 GVA_ALL_ONES };
	uint64_t list[2] = { 1, 2 };

	snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(gvas); i++)
		assert_int_equal(do_set_gdt(gvas[i], 1), -EFAULT);
	/* The second frame number lies in an unmapped page. */
	hole_start = GVA(&list[1]);
	hole_end = hole_start + 8;
	assert_int_equal(set_gdt(list, 1024), -EFAULT);
	assert_int_equal(set_gdt(list, 513), -EFAULT);
	assert_unchanged();
	/* 512 entries need only the first frame number. */
	assert_int_equal(set_gdt(list, 512), 0);
}

/* Each bad frame, first or last: nothing taken, the old GDT stays. */
static void test_set_gdt_bad_frames(void **state)
{
	uint64_t list[FIRST_RESERVED_GDT_PAGE] = { 4, 5 };
	const uint64_t bad[] = { FOREIGN, UNOWNED, NR, ~0ULL, 6, 7 };

	frames[6][100] = TSS_AVAIL;
	/* A frame typed as a page table cannot be a GDT. */
	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 1 }, 7, PGT_l1), 0);
	assert_int_equal(set_gdt(list, 1024), 0);
	snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		list[0] = 8;
		list[1] = bad[i];
		assert_int_equal(set_gdt(list, 1024), -EINVAL);
		list[0] = bad[i];
		list[1] = 8;
		assert_int_equal(set_gdt(list, 1024), -EINVAL);
	}
	/* The same frame twice is fine: two type references. */
	list[0] = list[1] = 8;
	assert_unchanged();
	assert_int_equal(set_gdt(list, 1024), 0);
	assert_typed(8, 2);
	assert_typed(4, 0);
}

static long update(uint64_t mfn, unsigned int idx, uint64_t desc)
{
	return pv_update_descriptor(&vcpus[0], (mfn << 12) + idx * 8, desc);
}

static void test_update_descriptor(void **state)
{
	uint64_t list[1] = { 9 };

	/* A frame of no type: writable for the moment of the write. */
	assert_int_equal(update(10, 511, CODE64_DPL0), 0);
	assert_int_equal(frames[10][511], CODE64_DPL3);
	assert_int_equal(frame_info[10].count, 0);
	assert_int_equal(frame_info[10].type_count, 0);
	assert_int_equal(nr_gdt_loads, 0);
	/* A frame of the live GDT: written, and the live copy refreshed. */
	assert_int_equal(set_gdt(list, 512), 0);
	assert_int_equal(update(9, 3, DATA_DPL3), 0);
	assert_int_equal(frames[9][3], DATA_DPL3);
	assert_typed(9, 1);
	assert_int_equal(nr_gdt_loads, 2);
	/* Not present: stored as given. */
	assert_int_equal(update(9, 0, 0x12345), 0);
	assert_int_equal(frames[9][0], 0x12345);
	assert_int_equal(do_update_descriptor(10ULL << 12, 0), 0);
	assert_int_equal(lock_depth, 0);
}

static void test_update_descriptor_rejects(void **state)
{
	static const unsigned int misaligned[] = { 1, 4, 7, 0xffc };

	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 1 }, 11, PGT_l1), 0);
	/* Another domain's GDT frame: typed as descriptors, but not ours. */
	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 2 }, FOREIGN,
					       PGT_seg_desc), 0);
	snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(misaligned); i++)
		assert_int_equal(pv_update_descriptor(&vcpus[0], (10ULL << 12) + misaligned[i],
						      DATA_DPL3), -EINVAL);
	assert_int_equal(update(10, 0, TSS_AVAIL), -EINVAL);    /* refused type */
	assert_int_equal(update(FOREIGN, 0, DATA_DPL3), -EINVAL);
	assert_int_equal(update(UNOWNED, 0, DATA_DPL3), -EINVAL);
	assert_int_equal(update(NR, 0, DATA_DPL3), -EINVAL);      /* past the table */
	assert_int_equal(pv_update_descriptor(&vcpus[0], ~7ULL, DATA_DPL3), -EINVAL);
	assert_int_equal(update(11, 0, DATA_DPL3), -EINVAL);      /* a page table */
	assert_unchanged();
}

static void map_ldt_page(unsigned int i, uint64_t mfn)
{
	frames[L1_MFN][i] = (mfn << 12) | PTE_P;
}

/* set_ldt (through mmuext_op): Xen checks the pages on first use and
 * faults then; here they are checked at once, and pages that cannot be
 * used leave the LDT empty while the call succeeds, as in Xen. */
static void test_set_ldt(void **state)
{
	map_ldt_page(0, 12);
	map_ldt_page(1, 13);
	frames[13][5] = CODE64_DPL0;
	assert_int_equal(pv_set_ldt(&vcpus[1], LDT_VA, 513), 0);
	assert_int_equal(vcpus[1].arch.ldt_ents, 513);
	assert_int_equal(vcpus[1].arch.ldt_req_ents, 513);
	assert_int_equal(vcpus[1].arch.ldt_base, LDT_VA);
	assert_typed(12, 1);
	assert_typed(13, 1);
	assert_int_equal(frames[13][5], CODE64_DPL3);
	/* The second page not present: empty, the old pages released, and
	 * nothing recorded as asked for (a selector load gets #GP, not the
	 * #PF a refused page gives). */
	frames[L1_MFN][1] = 0;
	assert_int_equal(pv_set_ldt(&vcpus[1], LDT_VA, 513), 0);
	assert_int_equal(vcpus[1].arch.ldt_ents, 0);
	assert_int_equal(vcpus[1].arch.ldt_req_ents, 0);
	assert_typed(12, 0);
	assert_typed(13, 0);
	/* Unmapped, foreign, or holding a refused descriptor: empty too. */
	assert_int_equal(pv_set_ldt(&vcpus[1], LDT_VA - 4096, 512), 0);
	assert_int_equal(vcpus[1].arch.ldt_ents, 0);
	map_ldt_page(2, FOREIGN);
	assert_int_equal(pv_set_ldt(&vcpus[1], LDT_VA + 2 * 4096, 1), 0);
	assert_int_equal(vcpus[1].arch.ldt_ents, 0);
	map_ldt_page(3, 14);
	frames[14][511] = TSS_AVAIL;
	assert_int_equal(pv_set_ldt(&vcpus[1], LDT_VA + 3 * 4096, 512), 0);
	assert_int_equal(vcpus[1].arch.ldt_ents, 0);
	assert_int_equal(vcpus[1].arch.ldt_req_ents, 512);
	assert_typed(14, 0);
	/* No entries: no LDT, nothing held. */
	assert_int_equal(pv_set_ldt(&vcpus[1], LDT_VA, 1), 0);
	assert_typed(12, 1);
	assert_int_equal(pv_set_ldt(&vcpus[1], 0, 0), 0);
	assert_typed(12, 0);
	assert_int_equal(vcpus[1].arch.ldt_ents, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_set_gdt, setup),
		cmocka_unit_test_setup(test_set_gdt_full, setup),
		cmocka_unit_test_setup(test_set_gdt_count, setup),
		cmocka_unit_test_setup(test_set_gdt_bad_list, setup),
		cmocka_unit_test_setup(test_set_gdt_bad_frames, setup),
		cmocka_unit_test_setup(test_update_descriptor, setup),
		cmocka_unit_test_setup(test_update_descriptor_rejects, setup),
		cmocka_unit_test_setup(test_set_ldt, setup),
	};

	return RUN(tests);
}
