/* SPDX-License-Identifier: GPL-2.0 */
/* dom0's port policy and PCI configuration decoding (arch/x86/ioports.c):
 * the hypervisor's ports, accesses straddling them, the 0xcf8 address
 * format, and the MSI/MSI-X capability walk over a fake config space,
 * including a capability list that loops. */
#include "helpers.h"
#include <asm/ioports.h>

static void test_hypervisor_ports(void **state)
{
	static const unsigned int kept[] = { 0x20, 0x21, 0xa0, 0xa1, 0x40, 0x43, 0x61,
					     0xf4, 0x3f8, 0x3ff, 0xcf8, 0xcfc, 0xcff };

	(void)state;
	for (unsigned int i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		assert_false(ioport_dom0_direct(kept[i], 1));
	assert_false(ioport_dom0_direct(0x1e, 4));    /* straddles the PIC */
	assert_false(ioport_dom0_direct(0x3f6, 2) && ioport_dom0_direct(0x3f7, 2));
	assert_true(ioport_dom0_direct(0x70, 1));     /* RTC */
	assert_true(ioport_dom0_direct(0x604, 2));    /* ACPI PM1 control */
	assert_true(ioport_dom0_direct(0xc000, 4));   /* a device's I/O BAR */
	assert_true(ioport_dom0_direct(0x60, 1));     /* i8042 */
	assert_false(ioport_dom0_direct(0xfffe, 4));  /* past the port space */
	assert_true(ioport_is_pci_conf(0xcfe, 2));
	assert_true(ioport_is_pci_conf(0xcf6, 4));    /* touches 0xcf8 */
	assert_false(ioport_is_pci_conf(0xcf4, 4));
}

static void test_conf_decode(void **state)
{
	struct pci_conf_addr a = pci_conf_decode(0x8000fa10u, 2);

	(void)state;
	assert_true(a.enabled);
	assert_int_equal(a.bus, 0);
	assert_int_equal(a.dev, 0x1f);
	assert_int_equal(a.fn, 2);
	assert_int_equal(a.reg, 0x12);
	assert_false(pci_conf_decode(0x0000fa10u, 0).enabled);
}

static uint8_t space[256];

static uint8_t rd(void *ctx, uint16_t reg)
{
	(void)ctx;
	return space[reg & 0xff];
}

static void test_msi_walk(void **state)
{
	(void)state;
	memset(space, 0, sizeof(space));
	space[0x06] = 0x10;                       /* capability list present */
	space[0x34] = 0x40;
	space[0x40] = 0x01; space[0x41] = 0x80;   /* power management -> 0x80 */
	space[0x80] = PCI_CAP_ID_MSI; space[0x81] = 0x00;
	assert_true(pci_conf_in_msi_cap(rd, NULL, 0x82, 2));    /* MSI control */
	assert_true(pci_conf_in_msi_cap(rd, NULL, 0x84, 4));    /* address */
	assert_false(pci_conf_in_msi_cap(rd, NULL, 0x80, 2));   /* ID, next */
	assert_false(pci_conf_in_msi_cap(rd, NULL, 0x44, 4));   /* PM */
	assert_false(pci_conf_in_msi_cap(rd, NULL, 0x10, 4));   /* a BAR */
	space[0x80] = PCI_CAP_ID_MSIX;
	assert_true(pci_conf_in_msi_cap(rd, NULL, 0x82, 2));
	assert_false(pci_conf_in_msi_cap(rd, NULL, 0x8c, 4));   /* past MSI-X's 12 */
	space[0x81] = 0x40; space[0x80] = 0x09;   /* a loop, no MSI: ends */
	assert_false(pci_conf_in_msi_cap(rd, NULL, 0x82, 2));
	space[0x06] = 0;                          /* no list at all */
	assert_false(pci_conf_in_msi_cap(rd, NULL, 0x82, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hypervisor_ports),
		cmocka_unit_test(test_conf_decode),
		cmocka_unit_test(test_msi_walk),
	};

	return RUN(tests);
}
