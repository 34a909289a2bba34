/* SPDX-License-Identifier: GPL-2.0 */
/* Port I/O a PV kernel issues with I/O privilege (in/out trap with #GP
 * because the kernel runs in ring 3). The privileged domain reaches the
 * hardware except for the ports the hypervisor owns; PCI configuration
 * goes through here so that writes into MSI/MSI-X capabilities (the
 * hypervisor delivers interrupts) are refused. Everyone else reads
 * all-ones and writes nothing, as on Xen. */
#include <asm/io.h>
#include <asm/ioports.h>
#include <asm/pv/pv.h>
#include <xeno/domain.h>
#include <xeno/printk.h>
#include <xeno/spinlock.h>

#define IO_DENIED_LOG_MAX 16

/* One latch+data sequence at a time machine-wide: 0xcf8 is shared. */
static spinlock_t pci_conf_lock = SPIN_LOCK_UNLOCKED;

static uint32_t all_ones(unsigned int size)
{
	return size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
}

static uint32_t hw_in(unsigned int port, unsigned int size)
{
	return size == 1 ? inb((uint16_t)port) : size == 2 ? inw((uint16_t)port)
							   : inl((uint16_t)port);
}

static void hw_out(unsigned int port, unsigned int size, uint32_t val)
{
	if (size == 1)
		outb((uint16_t)port, (uint8_t)val);
	else if (size == 2)
		outw((uint16_t)port, (uint16_t)val);
	else
		outl((uint16_t)port, val);
}

/* Each refused port (or config address) is reported once per domain, up
 * to a limit: Linux's PIT probing alone would otherwise flood the log. */
static void log_denied(struct domain *d, const char *what, unsigned int port, bool is_in)
{
	for (unsigned int i = 0; i < d->arch.io_denied_logged; i++)
		if (d->arch.io_denied_port[i] == port)
			return;
	if (d->arch.io_denied_logged >= IO_DENIED_LOG_MAX)
		return;
	d->arch.io_denied_port[d->arch.io_denied_logged] = port;
	if (++d->arch.io_denied_logged == IO_DENIED_LOG_MAX)
		printk("d%u: %s %s %#x refused (further refusals not logged)\n",
		       d->domain_id, what, is_in ? "read of" : "write to", port);
	else
		printk("d%u: %s %s %#x refused\n", d->domain_id, what,
		       is_in ? "read of" : "write to", port);
}

struct conf_ctx {
	uint32_t cf8;   /* enabled, bus/dev/fn, register bits cleared */
};

/* Called with pci_conf_lock held. */
static uint8_t conf_read8(void *p, uint16_t reg)
{
	const struct conf_ctx *c = p;

	outl(PCI_CONF_ADDR, c->cf8 | (reg & 0xfc));
	return inb((uint16_t)(PCI_CONF_DATA + (reg & 3)));
}

static void pci_conf_io(struct domain *d, bool is_in, unsigned int port, unsigned int size,
			uint32_t *val)
{
	struct pci_conf_addr a;
	struct conf_ctx c;
	unsigned long f;

	if (port == PCI_CONF_ADDR && size == 4) {
		if (is_in)
			*val = d->arch.pci_cf8;
		else
			d->arch.pci_cf8 = *val;
		return;
	}
	/* 0xcf9 (reset control) and other partial accesses of the address
	 * register stay the hypervisor's. */
	if (port < PCI_CONF_DATA || port + size > PCI_CONF_DATA + 4) {
		log_denied(d, "I/O port", port, is_in);
		if (is_in)
			*val = all_ones(size);
		return;
	}
	a = pci_conf_decode(d->arch.pci_cf8, port - PCI_CONF_DATA);
	if (!a.enabled) {
		if (is_in)
			*val = all_ones(size);
		return;
	}
	c.cf8 = d->arch.pci_cf8 & ~0xffu;
	f = spin_lock_irqsave(&pci_conf_lock);
	if (!is_in && pci_conf_in_msi_cap(conf_read8, &c, a.reg, size)) {
		spin_unlock_irqrestore(&pci_conf_lock, f);
		log_denied(d, "PCI config (MSI capability)", (unsigned int)a.bus << 16 |
			   (unsigned int)a.dev << 11 | (unsigned int)a.fn << 8 | a.reg, false);
		return;
	}
	outl(PCI_CONF_ADDR, d->arch.pci_cf8);
	if (is_in)
		*val = hw_in(port, size);
	else
		hw_out(port, size, *val);
	spin_unlock_irqrestore(&pci_conf_lock, f);
}

void pv_port_io(struct vcpu *v, bool is_in, unsigned int port, unsigned int size,
		uint32_t *val)
{
	struct domain *d = v->domain;

	if (d->is_privileged && ioport_dom0_direct(port, size)) {
		if (is_in)
			*val = hw_in(port, size);
		else
			hw_out(port, size, *val);
		return;
	}
	if (d->is_privileged && ioport_is_pci_conf(port, size)) {
		pci_conf_io(d, is_in, port, size, val);
		return;
	}
	if (d->is_privileged)
		log_denied(d, "I/O port", port, is_in);
	if (is_in)
		*val = all_ones(size);
}
