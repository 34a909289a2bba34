/* SPDX-License-Identifier: GPL-2.0 */
/* set_trap_table (arch/x86/pv/trap-table.c): an entry's fields into the
 * virtual IDT (code selector RPL 3, DPL, event mask), handlers that are
 * non-canonical or in the hypervisor's range refused (-EINVAL) with the
 * entry untouched; the list walk: NULL clears, a zero address ends it,
 * each entry read once, entries before a bad or unreadable one stay (as
 * in Xen), and a list with no terminator stops after 257 entries. */
#include "guest-fixture.h"
#include <asm/pv/callback.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

#define H(n) (0xffffffff81000000ULL + (n) * 0x10)   /* a good handler */

static struct arch_vcpu arch_before;

static int setup(void **state)
{
	guest_fixture_reset();
	return 0;
}

static void snap(void)
{
	arch_before = vcpus[0].arch;
}

static void assert_unchanged(void)
{
	assert_memory_equal(&arch_before, &vcpus[0].arch, sizeof(arch_before));
}

static long set_trap(unsigned int vector, unsigned int flags, unsigned int cs, uint64_t address)
{
	struct trap_info ti = { .vector = (uint8_t)vector, .flags = (uint8_t)flags,
				.cs = (uint16_t)cs, .address = address };

	return pv_set_trap(&vcpus[0], &ti);
}

static void test_entry_fields(void **state)
{
	const struct pv_trap *t = vcpus[0].arch.traps;

	assert_int_equal(set_trap(14, 0, 0xe033, H(14)), 0);
	assert_int_equal(t[14].address, H(14));
	assert_int_equal(t[14].cs, 0xe033);
	assert_int_equal(t[14].dpl, 0);
	assert_false(t[14].mask_events);
	/* RPL 3 forced; flags: DPL in bits 0-1, mask in bit 2, rest ignored. */
	assert_int_equal(set_trap(0x80, 0xff, 0xe030, H(0x80)), 0);
	assert_int_equal(t[0x80].cs, 0xe033);
	assert_int_equal(t[0x80].dpl, 3);
	assert_true(t[0x80].mask_events);
	assert_int_equal(set_trap(3, 4 | 1, 0, H(3)), 0);
	assert_int_equal(t[3].cs, 3);
	assert_int_equal(t[3].dpl, 1);
	assert_true(t[3].mask_events);
	/* The first and last vectors, the canonical extremes. */
	assert_int_equal(set_trap(0, 0, 0xe033, 0x1000), 0);
	assert_int_equal(set_trap(255, 0, 0xe033, 0x00007fffffffffffULL), 0);
	assert_int_equal(t[255].address, 0x00007fffffffffffULL);
	assert_int_equal(set_trap(254, 0, 0xe033, 0xffff880000000000ULL), 0);
}

static void test_entry_rejects(void **state)
{
	static const uint64_t bad[] = {
		GVA_NONCANON, 0x8000000000000000ULL, 0xffff7fffffffffffULL,
		GVA_HYP, GVA_HYP_LAST, 0xffff87ffffffffffULL,   /* hypervisor range */
		GVA_ALL_ONES,   /* canonical, but its one-byte range wraps */
	};

	assert_int_equal(set_trap(13, 0, 0xe033, H(13)), 0);
	snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(set_trap(13, 0, 0xe033, bad[i]), -EINVAL);
		assert_int_equal(set_trap(0, 3, 0, bad[i]), -EINVAL);
	}
	assert_unchanged();
}

static void test_list(void **state)
{
	struct trap_info list[4] = {
		{ 14, 0, 0xe033, H(14) }, { 13, 0, 0xe033, H(13) },
		{ 0x80, 3, 0xe033, H(0x80) }, { 0 },
	};

	nr_copy_in = 0;
	assert_int_equal(do_set_trap_table(GVA(list)), 0);
	assert_int_equal(nr_copy_in, 4);   /* each entry once, the terminator too */
	assert_int_equal(vcpus[0].arch.traps[14].address, H(14));
	assert_int_equal(vcpus[0].arch.traps[0x80].dpl, 3);
	/* An empty list changes nothing; NULL clears every vector. */
	snap();
	assert_int_equal(do_set_trap_table(GVA(&list[3])), 0);
	assert_unchanged();
	assert_int_equal(do_set_trap_table(0), 0);
	for (unsigned int v = 0; v < PV_TRAP_ENTRIES; v++)
		assert_int_equal(vcpus[0].arch.traps[v].address, 0);
}

/* A bad entry ends the walk: those before it stay, as in Xen. */
static void test_list_bad_entry(void **state)
{
	struct trap_info list[4] = {
		{ 14, 0, 0xe033, H(14) }, { 13, 0, 0xe033, GVA_NONCANON },
		{ 0x80, 3, 0xe033, H(0x80) }, { 0 },
	};

	assert_int_equal(do_set_trap_table(GVA(list)), -EINVAL);
	assert_int_equal(vcpus[0].arch.traps[14].address, H(14));
	assert_int_equal(vcpus[0].arch.traps[13].address, 0);
	assert_int_equal(vcpus[0].arch.traps[0x80].address, 0);
	list[1].address = GVA_HYP;
	assert_int_equal(do_set_trap_table(GVA(list)), -EINVAL);
	assert_int_equal(vcpus[0].arch.traps[13].address, 0);
}

static void test_list_faults(void **state)
{
	static const uint64_t bad_gvas[] = { GVA_HYP, GVA_HYP_LAST, GVA_NONCANON,
					     GVA_NONCANON - 8, GVA_ALL_ONES, 8 };
	struct trap_info list[4] = {
		{ 14, 0, 0xe033, H(14) }, { 13, 0, 0xe033, H(13) },
		{ 0x80, 3, 0xe033, H(0x80) }, { 0 },
	};

	snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_gvas); i++)
		assert_int_equal(do_set_trap_table(bad_gvas[i]), -EFAULT);
	assert_unchanged();
	/* The list runs into an unmapped page at its third entry. */
	hole_start = GVA(&list[2]) + 4;
	hole_end = hole_start + 4096;
	assert_int_equal(do_set_trap_table(GVA(list)), -EFAULT);
	assert_int_equal(vcpus[0].arch.traps[14].address, H(14));
	assert_int_equal(vcpus[0].arch.traps[13].address, H(13));
	assert_int_equal(vcpus[0].arch.traps[0x80].address, 0);
}

/* No terminator: one entry per vector and one more, then stop. */
static void test_list_unterminated(void **state)
{
	struct trap_info *list = calloc(PV_TRAP_ENTRIES + 8, sizeof(*list));

	for (unsigned int i = 0; i < PV_TRAP_ENTRIES + 8; i++)
		list[i] = (struct trap_info){ (uint8_t)i, 0, 0xe033, H(i) };
	nr_copy_in = 0;
	assert_int_equal(do_set_trap_table(GVA(list)), 0);
	assert_int_equal(nr_copy_in, PV_TRAP_ENTRIES + 1);
	/* Entry 256 (vector 0 again) was the last one read. */
	assert_int_equal(vcpus[0].arch.traps[0].address, H(256));
	assert_int_equal(vcpus[0].arch.traps[255].address, H(255));
	free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_entry_fields, setup),
		cmocka_unit_test_setup(test_entry_rejects, setup),
		cmocka_unit_test_setup(test_list, setup),
		cmocka_unit_test_setup(test_list_bad_entry, setup),
		cmocka_unit_test_setup(test_list_faults, setup),
		cmocka_unit_test_setup(test_list_unterminated, setup),
	};

	return RUN(tests);
}
