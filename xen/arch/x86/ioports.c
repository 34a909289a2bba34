/* SPDX-License-Identifier: GPL-2.0 */
/* Which I/O ports the privileged domain reaches directly, and decoding of
 * PCI configuration mechanism #1. Pure logic: the host tests build it. */
#include <asm/ioports.h>

struct port_range {
	uint16_t first, last;
};

/* Ports the hypervisor owns: the legacy PIC (kept masked: interrupts come
 * through the IO-APIC, which is the hypervisor's), the PIT and its gate
 * port 0x61 (the hypervisor's calibration clock), COM1 (its console),
 * QEMU's isa-debug-exit (its exit status), and the PCI configuration
 * ports, which are emulated so that MSI stays the hypervisor's. */
static const struct port_range xen_ports[] = {
	{ 0x20, 0x21 }, { 0xa0, 0xa1 }, { 0x40, 0x43 }, { 0x61, 0x61 },
	{ 0xf4, 0xf7 }, { 0x3f8, 0x3ff }, { 0xcf8, 0xcff },
};

static bool overlaps(unsigned int port, unsigned int size, const struct port_range *r)
{
	return port <= r->last && r->first <= port + size - 1;
}

bool ioport_dom0_direct(unsigned int port, unsigned int size)
{
	if (size == 0 || port + size > 0x10000)
		return false;
	for (unsigned int i = 0; i < sizeof(xen_ports) / sizeof(xen_ports[0]); i++)
		if (overlaps(port, size, &xen_ports[i]))
			return false;
	return true;
}

bool ioport_is_pci_conf(unsigned int port, unsigned int size)
{
	static const struct port_range conf = { 0xcf8, 0xcff };

	return size && port + size <= 0x10000 && overlaps(port, size, &conf);
}

struct pci_conf_addr pci_conf_decode(uint32_t cf8, unsigned int data_off)
{
	return (struct pci_conf_addr){
		.enabled = (cf8 >> 31) & 1,
		.bus = (uint8_t)(cf8 >> 16),
		.dev = (cf8 >> 11) & 0x1f,
		.fn = (cf8 >> 8) & 7,
		.reg = (uint16_t)((cf8 & 0xfc) + (data_off & 3)),
	};
}

#define PCI_STATUS          0x06
#define PCI_STATUS_CAP_LIST 0x10
#define PCI_CAP_PTR         0x34
#define CAP_HOPS            48
#define MSI_CAP_LEN         24   /* the longest form: 64-bit with masking */
#define MSIX_CAP_LEN        12

bool pci_conf_in_msi_cap(pci_read8_t rd, void *ctx, uint16_t reg, unsigned int size)
{
	uint8_t pos;

	if (!(rd(ctx, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return false;
	pos = rd(ctx, PCI_CAP_PTR) & 0xfc;
	for (unsigned int hop = 0; hop < CAP_HOPS && pos >= 0x40; hop++) {
		uint8_t id = rd(ctx, pos);
		unsigned int len = id == PCI_CAP_ID_MSI ? MSI_CAP_LEN :
				   id == PCI_CAP_ID_MSIX ? MSIX_CAP_LEN : 0;

		/* The ID and next-pointer bytes are left alone by the write
		 * check: only the capability's body is the hypervisor's. */
		if (len && (unsigned int)reg < pos + len && (unsigned int)pos + 2 < reg + size)
			return true;
		pos = rd(ctx, (uint16_t)(pos + 1)) & 0xfc;
	}
	return false;
}
