/* SPDX-License-Identifier: GPL-2.0 */
/* The IO-APIC is the hypervisor's: found in the MADT, every pin masked at
 * boot, its page kept out of every domain's reach, pins routed to the
 * boot CPU on vector VECTOR_GSI_BASE + pin as the privileged domain maps
 * and binds them (irq.c). */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/iomem.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/printk.h>
#include <xeno/spinlock.h>

#define IOREGSEL   0x00
#define IOWIN      0x10
#define IOAPIC_VER 0x01
#define RTE_LO(p)  (0x10 + 2 * (p))
#define RTE_HI(p)  (0x11 + 2 * (p))
#define RTE_MASKED (1u << 16)
#define RTE_LEVEL  (1u << 15)
#define RTE_LOW    (1u << 13)

/* MPS interrupt flags in a MADT source override. */
#define MPS_POL_MASK  0x3
#define MPS_POL_LOW   0x3
#define MPS_TRIG_MASK 0xc
#define MPS_TRIG_LVL  0xc

static volatile uint8_t *ioapic;
static unsigned int nr_pins;
static uint32_t dest_apic_id;
/* IOREGSEL then IOWIN is a two-step access. */
static spinlock_t ioapic_lock = SPIN_LOCK_UNLOCKED;

static uint32_t ioapic_read(uint32_t reg)
{
	mmio_write32(ioapic + IOREGSEL, reg);
	return mmio_read32(ioapic + IOWIN);
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
	mmio_write32(ioapic + IOREGSEL, reg);
	mmio_write32(ioapic + IOWIN, v);
}

uint32_t io_apic_read_reg(uint32_t reg)
{
	unsigned long f;
	uint32_t v;

	if (!ioapic)
		return 0xffffffffu;
	f = spin_lock_irqsave(&ioapic_lock);
	v = ioapic_read(reg);
	spin_unlock_irqrestore(&ioapic_lock, f);
	return v;
}

unsigned int ioapic_nr_pins(void)
{
	return nr_pins;
}

void ioapic_program(unsigned int gsi, unsigned int vector, bool level, bool low)
{
	uint32_t lo = vector | RTE_MASKED | (level ? RTE_LEVEL : 0) | (low ? RTE_LOW : 0);
	unsigned long f;

	if (gsi >= nr_pins)
		return;
	f = spin_lock_irqsave(&ioapic_lock);
	ioapic_write(RTE_LO(gsi), RTE_MASKED);
	ioapic_write(RTE_HI(gsi), dest_apic_id << 24);   /* physical mode */
	ioapic_write(RTE_LO(gsi), lo);
	spin_unlock_irqrestore(&ioapic_lock, f);
}

void ioapic_set_masked(unsigned int gsi, bool masked)
{
	unsigned long f;
	uint32_t lo;

	if (gsi >= nr_pins)
		return;
	f = spin_lock_irqsave(&ioapic_lock);
	lo = ioapic_read(RTE_LO(gsi));
	ioapic_write(RTE_LO(gsi), masked ? lo | RTE_MASKED : lo & ~RTE_MASKED);
	spin_unlock_irqrestore(&ioapic_lock, f);
}

void pirq_notify(struct domain *d, uint32_t port)
{
	evtchn_set_pending(d, port);
}

static void gsi_interrupt(struct cpu_regs *regs)
{
	pirq_raise((unsigned int)regs->entry_vector - VECTOR_GSI_BASE);
	apic_eoi();
}

/* ISA IRQs are edge/active-high unless the MADT overrides them; PCI
 * lines (GSI 16 and up) are level/active-low. */
static void set_defaults(const struct acpi_cpus *m)
{
	for (unsigned int g = 0; g < nr_pins && g < NR_GSIS; g++)
		pirq_set_default_mode(g, g >= 16, g >= 16);
	for (unsigned int i = 0; i < m->nr_isos; i++) {
		const struct acpi_iso *o = &m->iso[i];
		uint16_t pol = o->flags & MPS_POL_MASK, trig = o->flags & MPS_TRIG_MASK;

		pirq_set_default_mode(o->gsi, trig == MPS_TRIG_LVL, pol == MPS_POL_LOW);
	}
}

void io_apic_init(void)
{
	const struct acpi_cpus *m = &boot_madt;
	uint64_t pa = m->ioapic_addr;

	if (!m->nr_ioapics || !pa || m->ioapic_gsi_base != 0) {
		printk(XENLOG_WARNING "io-apic: none usable in the MADT: no device interrupts\n");
		return;
	}
	if (map_pages(DIRECTMAP_VIRT_START + pa, pa, 1, PAGE_HYPERVISOR_UC))
		panic("io-apic: cannot map %#lx", pa);
	iomem_reserve(pa, pa + PAGE_SIZE);
	ioapic = __va(pa);
	nr_pins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	if (nr_pins > NR_GSIS)
		nr_pins = NR_GSIS;
	dest_apic_id = cpu_apic_id[0];
	for (unsigned int p = 0; p < nr_pins; p++) {
		ioapic_write(RTE_LO(p), RTE_MASKED);
		set_irq_handler(VECTOR_GSI_BASE + p, gsi_interrupt);
	}
	set_defaults(m);
	printk("io-apic: id %u at %#lx, %u pins masked, GSIs on vectors %#x-%#x%s\n",
	       m->ioapic_id, pa, nr_pins, VECTOR_GSI_BASE, VECTOR_GSI_BASE + nr_pins - 1,
	       m->nr_ioapics > 1 ? " (further IO-APICs ignored)" : "");
}
