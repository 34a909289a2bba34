/* SPDX-License-Identifier: GPL-2.0 */
/* physdev_op: the virtual I/O privilege level for every PV kernel, and
 * for the privileged domain the GSI/pirq interface (irq.c), IO-APIC reads
 * and the PCI notifications Linux sends as dom0. MSI is not offered:
 * its map_pirq types get -EOPNOTSUPP and Linux falls back to INTx.
 * Every argument is copied in once; OUT fields are copied back on
 * success only. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/irq.h>
#include <public/physdev.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/printk.h>

#define IOAPIC_PHYS_BASE_MASK 0xfffff000UL

static long set_iopl(struct vcpu *v, uint64_t arg)
{
	struct physdev_set_iopl iopl;

	if (copy_from_guest(&iopl, arg, sizeof(iopl)))
		return -EFAULT;
	if (iopl.iopl > 3)
		return -EINVAL;
	v->arch.iopl = iopl.iopl;
	return 0;
}

static long set_iobitmap(uint64_t arg)
{
	struct physdev_set_iobitmap iob;

	if (copy_from_guest(&iob, arg, sizeof(iob)))
		return -EFAULT;
	if (iob.nr_ports > 65536)
		return -EINVAL;
	/* Accepted: port access is decided per port by emul-io.c, for
	 * every kernel with I/O privilege. */
	return 0;
}

static long map_pirq(struct domain *d, uint64_t arg)
{
	struct physdev_map_pirq m;
	struct domain *t;
	int rc;

	if (copy_from_guest(&m, arg, sizeof(m)))
		return -EFAULT;
	rc = domain_lookup(d, m.domid, true, &t);
	if (rc)
		return rc;
	if (t != d)
		return -EPERM;   /* pirqs for other domains: passthrough, absent */
	switch (m.type) {
	case MAP_PIRQ_TYPE_GSI:
		/* Linux asks for pirq == gsi (or -1: any); we give exactly that. */
		if (m.pirq >= 0 && m.pirq != m.index)
			return -EINVAL;
		rc = pirq_map_gsi(d, m.index, &m.pirq);
		break;
	case MAP_PIRQ_TYPE_MSI:
	case MAP_PIRQ_TYPE_MSI_SEG:
	case MAP_PIRQ_TYPE_MULTI_MSI:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
	if (rc)
		return rc;
	return copy_to_guest(arg, &m, sizeof(m)) ? -EFAULT : 0;
}

static long unmap_pirq(struct domain *d, uint64_t arg)
{
	struct physdev_unmap_pirq u;
	struct domain *t;
	int rc;

	if (copy_from_guest(&u, arg, sizeof(u)))
		return -EFAULT;
	rc = domain_lookup(d, u.domid, true, &t);
	if (rc)
		return rc;
	if (t != d)
		return -EPERM;
	return pirq_unmap(d, u.pirq);
}

static long setup_gsi(struct domain *d, uint64_t arg)
{
	struct physdev_setup_gsi g;

	if (copy_from_guest(&g, arg, sizeof(g)))
		return -EFAULT;
	return pirq_setup_gsi(d, g.gsi, g.triggering, g.polarity);
}

static long irq_status_query(struct domain *d, uint64_t arg)
{
	struct physdev_irq_status_query q;
	int rc;

	if (copy_from_guest(&q, arg, sizeof(q)))
		return -EFAULT;
	rc = pirq_status_flags(d, q.irq, &q.flags);
	if (rc)
		return rc;
	return copy_to_guest(arg, &q, sizeof(q)) ? -EFAULT : 0;
}

static long eoi(struct domain *d, uint64_t arg)
{
	struct physdev_eoi e;

	if (copy_from_guest(&e, arg, sizeof(e)))
		return -EFAULT;
	return pirq_eoi(d, e.irq);
}

/* Vectors are the hypervisor's business: the answer is a dummy, as on
 * Xen, for an IRQ dom0 may use. */
static long alloc_irq_vector(uint64_t arg)
{
	struct physdev_irq irq;

	if (copy_from_guest(&irq, arg, sizeof(irq)))
		return -EFAULT;
	if (irq.irq >= NR_GSIS)
		return -EINVAL;
	irq.vector = 0;
	return copy_to_guest(arg, &irq, sizeof(irq)) ? -EFAULT : 0;
}

static long apic_read(uint64_t arg)
{
	struct physdev_apic a;

	if (copy_from_guest(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.reg > 0xff)
		return -EINVAL;
	a.value = io_apic_read_reg(a.reg);
	return copy_to_guest(arg, &a, sizeof(a)) ? -EFAULT : 0;
}

/* PCI device and MMCONFIG notifications: nothing to do without MSI or
 * passthrough, but the answer is Xen's success, so Linux stays quiet. */
static long pci_notice(unsigned int cmd, uint64_t arg)
{
	uint8_t buf[32];
	size_t len = cmd == PHYSDEVOP_pci_device_add ? sizeof(struct physdev_pci_device_add)
		   : cmd == PHYSDEVOP_pci_mmcfg_reserved ? sizeof(struct physdev_pci_mmcfg_reserved)
		   : cmd == PHYSDEVOP_manage_pci_add_ext ? sizeof(struct physdev_manage_pci_ext)
		   : cmd == PHYSDEVOP_pci_device_remove ? sizeof(struct physdev_pci_device)
		   : sizeof(struct physdev_manage_pci);

	if (len > sizeof(buf))
		len = sizeof(buf);   /* only the fixed head is read */
	return copy_from_guest(buf, arg, len) ? -EFAULT : 0;
}

static bool dom0_only(unsigned int cmd)
{
	switch (cmd) {
	case PHYSDEVOP_map_pirq: case PHYSDEVOP_unmap_pirq: case PHYSDEVOP_setup_gsi:
	case PHYSDEVOP_alloc_irq_vector: case PHYSDEVOP_apic_read:
	case PHYSDEVOP_apic_write: case PHYSDEVOP_pci_device_add:
	case PHYSDEVOP_pci_device_remove: case PHYSDEVOP_pci_mmcfg_reserved:
	case PHYSDEVOP_manage_pci_add: case PHYSDEVOP_manage_pci_remove:
	case PHYSDEVOP_manage_pci_add_ext:
		return true;
	default:
		return false;
	}
}

long do_physdev_op(uint64_t cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	struct domain *d = v->domain;

	if (dom0_only((unsigned int)cmd) && !d->is_privileged)
		return -EPERM;
	switch (cmd) {
	case PHYSDEVOP_set_iopl:
		return set_iopl(v, arg);
	case PHYSDEVOP_set_iobitmap:
		return set_iobitmap(arg);
	case PHYSDEVOP_map_pirq:
		return map_pirq(d, arg);
	case PHYSDEVOP_unmap_pirq:
		return unmap_pirq(d, arg);
	case PHYSDEVOP_setup_gsi:
		return setup_gsi(d, arg);
	case PHYSDEVOP_irq_status_query:
		return irq_status_query(d, arg);
	case PHYSDEVOP_eoi:
		return eoi(d, arg);
	case PHYSDEVOP_alloc_irq_vector:
		return alloc_irq_vector(arg);
	case PHYSDEVOP_apic_read:
		return apic_read(arg);
	case PHYSDEVOP_apic_write:
		return -EPERM;   /* the IO-APIC is the hypervisor's */
	case PHYSDEVOP_pci_device_add: case PHYSDEVOP_pci_device_remove:
	case PHYSDEVOP_pci_mmcfg_reserved: case PHYSDEVOP_manage_pci_add:
	case PHYSDEVOP_manage_pci_remove: case PHYSDEVOP_manage_pci_add_ext:
		return pci_notice((unsigned int)cmd, arg);
	default:
		/* pirq_eoi_gmfn: -ENOSYS makes Linux use PHYSDEVOP_eoi. */
		return -ENOSYS;
	}
}
