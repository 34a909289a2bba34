/* SPDX-License-Identifier: GPL-2.0 */
/* Which machine frames the privileged domain may map (arch/x86/mm/
 * iomem.c) over QEMU q35's firmware map: RAM never (whoever owns it),
 * the first MiB and every hole yes, the hypervisor's reserved windows
 * never; and the machine memory map it is shown. */
#include "helpers.h"
#include <asm/iomem.h>
#include <xeno/errno.h>

static const struct mem_region q35[] = {
	{ 0x0, 0x9fc00, MEM_RAM },
	{ 0x9fc00, 0xa0000, MEM_RESERVED },
	{ 0xf0000, 0x100000, MEM_RESERVED },
	{ 0x100000, 0x5ffdf000, MEM_RAM },
	{ 0x5ffdf000, 0x60000000, MEM_RESERVED },
	{ 0xb0000000, 0xc0000000, MEM_RESERVED },
	{ 0xfffc0000, 0x100000000, MEM_RESERVED },
};

static int setup(void **state)
{
	(void)state;
	assert_int_equal(iomem_set_firmware_map(q35, sizeof(q35) / sizeof(q35[0])), 0);
	assert_int_equal(iomem_reserve(0xfee00000, 0xfef00000), 0);   /* LAPIC + MSI */
	assert_int_equal(iomem_reserve(0xfec00000, 0xfec01000), 0);   /* IO-APIC */
	assert_int_equal(iomem_reserve(0x8000, 0x9000), 0);           /* trampoline */
	return 0;
}

static void test_ram_is_never_mappable(void **state)
{
	(void)state;
	assert_true(iomem_is_ram(0x100));
	assert_false(iomem_dom0_may_map(0x100));
	assert_false(iomem_dom0_may_map(0x5ffde));   /* last RAM frame */
	assert_false(iomem_dom0_may_map(0x20000));
}

static void test_firmware_and_holes_are(void **state)
{
	(void)state;
	assert_true(iomem_dom0_may_map(0x9f));      /* EBDA page (partly RAM, low MiB) */
	assert_true(iomem_dom0_may_map(0xa0));      /* VGA */
	assert_true(iomem_dom0_may_map(0xf5));      /* BIOS, RSDP */
	assert_true(iomem_dom0_may_map(0x5ffe0));   /* ACPI tables */
	assert_true(iomem_dom0_may_map(0xb0000));   /* MMCONFIG */
	assert_true(iomem_dom0_may_map(0xfd000));   /* a BAR in the PCI hole */
	assert_true(iomem_dom0_may_map(0x1000000)); /* above RAM */
}

static void test_the_hypervisors_windows_are_not(void **state)
{
	(void)state;
	assert_false(iomem_dom0_may_map(0xfee00));  /* local APIC */
	assert_false(iomem_dom0_may_map(0xfeeff));  /* MSI window */
	assert_true(iomem_dom0_may_map(0xfef00));   /* just past it */
	assert_false(iomem_dom0_may_map(0xfec00));  /* IO-APIC */
	assert_true(iomem_dom0_may_map(0xfec01));
	assert_false(iomem_dom0_may_map(0x8));      /* the trampoline */
	assert_false(iomem_dom0_may_map(1ULL << 40)); /* no PTE names it */
	assert_int_equal(iomem_reserve(5, 5), -EINVAL);
}

static void test_machine_map(void **state)
{
	struct mem_region m[16];
	int n;

	(void)state;
	n = iomem_machine_map(m, 16);
	assert_int_equal(n, 9);   /* the firmware's 7, the IO-APIC and the MSI window */
	for (int i = 1; i < n; i++)
		assert_true(m[i - 1].start <= m[i].start);
	assert_int_equal(m[7].start, 0xfee00000);
	assert_int_equal(m[7].type, MEM_RESERVED);
	assert_int_equal(m[6].start, 0xfec00000);
	assert_int_equal(iomem_machine_map(m, 8), -E2BIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ram_is_never_mappable),
		cmocka_unit_test(test_firmware_and_holes_are),
		cmocka_unit_test(test_the_hypervisors_windows_are_not),
		cmocka_unit_test(test_machine_map),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
