/* SPDX-License-Identifier: GPL-2.0 */
/* Port I/O for the privileged domain: which ports reach the hardware and
 * which stay the hypervisor's, and the PCI configuration mechanism #1
 * (0xcf8/0xcfc) that it mediates. Policy is pure logic (host-tested). */
#ifndef ASM_IOPORTS_H
#define ASM_IOPORTS_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_CONF_ADDR 0xcf8
#define PCI_CONF_DATA 0xcfc

/* Every byte of [port, port+size) may be accessed directly by dom0: not
 * the PIC, the PIT, port 0x61, the hypervisor's UART or debug-exit port,
 * and not the PCI configuration ports (emulated). */
bool ioport_dom0_direct(unsigned int port, unsigned int size);
/* The access touches 0xcf8-0xcff. */
bool ioport_is_pci_conf(unsigned int port, unsigned int size);

/* Config-space address latched in 0xcf8, as bus/dev/fn/register. */
struct pci_conf_addr {
	bool enabled;           /* bit 31 */
	uint8_t bus, dev, fn;
	uint16_t reg;           /* byte offset in the 256-byte space */
};
struct pci_conf_addr pci_conf_decode(uint32_t cf8, unsigned int data_off);

/* Capability IDs the hypervisor keeps (interrupt delivery is its own). */
#define PCI_CAP_ID_MSI  0x05
#define PCI_CAP_ID_MSIX 0x11

/* Given a device's config space reader, is [reg, reg+size) inside an MSI
 * or MSI-X capability? The capability list is followed at most 48 hops
 * (a looped list cannot hang the hypervisor). */
typedef uint8_t (*pci_read8_t)(void *ctx, uint16_t reg);
bool pci_conf_in_msi_cap(pci_read8_t rd, void *ctx, uint16_t reg, unsigned int size);

struct vcpu;
/* in/out from a PV kernel with I/O privilege: dom0's real access, or the
 * all-ones/dropped answer everyone else gets. */
void pv_port_io(struct vcpu *v, bool is_in, unsigned int port, unsigned int size,
		uint32_t *val);

#endif
