/* SPDX-License-Identifier: GPL-2.0 */
/* GSI -> pirq -> event channel for the privileged domain (the state
 * machine is in asm/irq.h). One lock covers the table; it is taken with
 * interrupts off because pirq_raise runs in the interrupt handler.
 * Pure logic: the host tests build this file with fake hardware. */
#include <asm/irq.h>
#include <stddef.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/spinlock.h>

struct gsi_state {
	struct domain *owner;   /* mapped by; NULL: free */
	uint32_t port;          /* bound event channel; 0: none */
	bool level, low;        /* trigger mode and polarity in use */
	bool set_up;            /* PHYSDEVOP_setup_gsi done */
	bool in_flight;         /* level line masked until the owner's EOI */
	uint64_t count;
};

static struct gsi_state gsis[NR_GSIS];
static spinlock_t pirq_lock = SPIN_LOCK_UNLOCKED;

/* GSI 0 stays the hypervisor's, as on Xen (dom0's IRQ rights start at 1);
 * the PIT's IRQ0 arrives on GSI 2 and is free: the hypervisor only polls
 * the PIT, at boot. */
static bool gsi_is_xen(unsigned int gsi)
{
	return gsi == 0;
}

static bool gsi_ok(int gsi)
{
	return gsi >= 0 && (unsigned int)gsi < NR_GSIS && (unsigned int)gsi < ioapic_nr_pins();
}

void pirq_set_default_mode(unsigned int gsi, bool level, bool low)
{
	if (gsi < NR_GSIS) {
		gsis[gsi].level = level;
		gsis[gsi].low = low;
	}
}

static void route(unsigned int gsi)
{
	ioapic_program(gsi, VECTOR_GSI_BASE + gsi, gsis[gsi].level, gsis[gsi].low);
}

int pirq_map_gsi(struct domain *d, int gsi, int *pirq)
{
	unsigned long f;
	int rc = 0;

	if (!gsi_ok(gsi))
		return -EINVAL;
	if (gsi_is_xen((unsigned int)gsi))
		return -EPERM;
	f = spin_lock_irqsave(&pirq_lock);
	if (gsis[gsi].owner && gsis[gsi].owner != d)
		rc = -EEXIST;
	else if (!gsis[gsi].owner) {
		gsis[gsi].owner = d;
		route((unsigned int)gsi);   /* masked until bound */
	}
	spin_unlock_irqrestore(&pirq_lock, f);
	if (rc == 0)
		*pirq = gsi;
	return rc;
}

/* Called with pirq_lock held. */
static void free_gsi(unsigned int gsi)
{
	ioapic_set_masked(gsi, true);
	gsis[gsi].owner = NULL;
	gsis[gsi].port = 0;
	gsis[gsi].in_flight = false;
}

int pirq_unmap(struct domain *d, int pirq)
{
	unsigned long f;
	int rc = 0;

	if (!gsi_ok(pirq))
		return -EINVAL;
	f = spin_lock_irqsave(&pirq_lock);
	if (gsis[pirq].owner != d)
		rc = -EINVAL;
	else if (gsis[pirq].port)
		rc = -EBUSY;   /* close the event channel first, as on Xen */
	else
		free_gsi((unsigned int)pirq);
	spin_unlock_irqrestore(&pirq_lock, f);
	return rc;
}

int pirq_setup_gsi(struct domain *d, int gsi, unsigned int trigger, unsigned int polarity)
{
	unsigned long f;
	int rc = 0;

	if (!gsi_ok(gsi) || trigger > 1 || polarity > 1)
		return -EINVAL;
	if (gsi_is_xen((unsigned int)gsi))
		return -EEXIST;   /* Xen's answer for the lines it keeps */
	f = spin_lock_irqsave(&pirq_lock);
	if (gsis[gsi].set_up) {
		rc = -EEXIST;
	} else if (gsis[gsi].owner && gsis[gsi].owner != d) {
		rc = -EPERM;
	} else {
		gsis[gsi].set_up = true;
		gsis[gsi].level = trigger == 0;
		gsis[gsi].low = polarity == 1;
		route((unsigned int)gsi);
		/* Reprogramming masks the line: a bound one stays live. */
		if (gsis[gsi].port && !gsis[gsi].in_flight)
			ioapic_set_masked((unsigned int)gsi, false);
	}
	spin_unlock_irqrestore(&pirq_lock, f);
	return rc;
}

int pirq_status_flags(struct domain *d, uint32_t pirq, uint32_t *flags)
{
	if (pirq >= NR_GSIS || gsis[pirq].owner != d)
		return -EINVAL;
	/* Xen asks for an EOI on every pirq; one is harmless on an edge. */
	*flags = 1u /* XENIRQSTAT_needs_eoi */;
	return 0;
}

int pirq_eoi(struct domain *d, uint32_t pirq)
{
	unsigned long f;
	int rc = 0;

	if (pirq >= NR_GSIS)
		return -EINVAL;
	f = spin_lock_irqsave(&pirq_lock);
	if (gsis[pirq].owner != d) {
		rc = -EINVAL;
	} else if (gsis[pirq].in_flight) {
		gsis[pirq].in_flight = false;
		if (gsis[pirq].port)
			ioapic_set_masked(pirq, false);
	}
	spin_unlock_irqrestore(&pirq_lock, f);
	return rc;
}

int pirq_bind(struct domain *d, uint32_t pirq, uint32_t port)
{
	unsigned long f;
	int rc = 0;

	if (pirq >= NR_GSIS)
		return -EINVAL;
	f = spin_lock_irqsave(&pirq_lock);
	if (gsis[pirq].owner != d)
		rc = -EINVAL;   /* not mapped: Xen's answer too */
	else if (gsis[pirq].port)
		rc = -EEXIST;
	else {
		gsis[pirq].port = port;
		gsis[pirq].in_flight = false;
		ioapic_set_masked(pirq, false);
	}
	spin_unlock_irqrestore(&pirq_lock, f);
	return rc;
}

void pirq_unbind(struct domain *d, uint32_t pirq)
{
	unsigned long f = spin_lock_irqsave(&pirq_lock);

	if (pirq < NR_GSIS && gsis[pirq].owner == d) {
		ioapic_set_masked(pirq, true);
		gsis[pirq].port = 0;
		gsis[pirq].in_flight = false;
	}
	spin_unlock_irqrestore(&pirq_lock, f);
}

void pirq_release_domain(struct domain *d)
{
	unsigned long f = spin_lock_irqsave(&pirq_lock);

	for (unsigned int g = 0; g < NR_GSIS; g++)
		if (gsis[g].owner == d)
			free_gsi(g);
	spin_unlock_irqrestore(&pirq_lock, f);
}

void pirq_raise(unsigned int gsi)
{
	struct domain *d = NULL;
	uint32_t port = 0;

	if (gsi >= NR_GSIS)
		return;
	spin_lock(&pirq_lock);
	gsis[gsi].count++;
	if (!gsis[gsi].owner || !gsis[gsi].port) {
		ioapic_set_masked(gsi, true);   /* nobody listens: silence it */
	} else {
		if (gsis[gsi].level) {
			ioapic_set_masked(gsi, true);
			gsis[gsi].in_flight = true;
		}
		d = gsis[gsi].owner;
		port = gsis[gsi].port;
	}
	spin_unlock(&pirq_lock);
	if (d)
		pirq_notify(d, port);
}

uint64_t pirq_count(unsigned int gsi)
{
	return gsi < NR_GSIS ? gsis[gsi].count : 0;
}
