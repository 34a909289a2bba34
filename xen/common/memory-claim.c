/* SPDX-License-Identifier: GPL-2.0 */
/* XENMEM_claim_pages: the toolstack stakes free memory for a domain it is
 * about to populate, so that a domain larger than free memory fails at
 * once, before any frame is given. A claim shrinks as its domain is given
 * frames; other domains' allocations may not eat into it (Xen 4.17's
 * outstanding pages). */
#include <asm/guest-access.h>
#include <public/memory.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/memory-claim.h>
#include <xeno/setup.h>
#include <xeno/spinlock.h>

static spinlock_t claim_lock = SPIN_LOCK_UNLOCKED;
static uint64_t outstanding_claims;   /* the sum of every domain's claim */

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Xen's domain_set_outstanding_pages: 0 cancels; one claim at a time;
 * the total asked must exceed what the domain has and fit its maximum
 * (-EINVAL); the rest must fit free memory not claimed by others. */
static int claim_set(struct domain *d, uint64_t pages)
{
	unsigned long f = spin_lock_irqsave(&claim_lock);
	uint64_t avail, nr_free = xen_frames.nr_free;
	int rc = 0;

	if (pages == 0) {
		outstanding_claims -= d->outstanding_pages;
		d->outstanding_pages = 0;
		goto out;
	}
	rc = -EINVAL;
	if (d->outstanding_pages || pages <= d->tot_pages || pages > d->max_pages)
		goto out;
	avail = nr_free - min_u64(outstanding_claims, nr_free);
	rc = -ENOMEM;
	if (pages - d->tot_pages > avail)
		goto out;
	d->outstanding_pages = pages - d->tot_pages;
	outstanding_claims += d->outstanding_pages;
	rc = 0;
out:
	spin_unlock_irqrestore(&claim_lock, f);
	return rc;
}

long memory_claim_op(struct domain *self, unsigned int start, uint64_t arg)
{
	struct xen_memory_reservation r;
	struct domain *d;

	if (start)
		return -EINVAL;
	if (copy_from_guest(&r, arg, sizeof(r)))
		return -EFAULT;
	if (r.extent_start.p || r.extent_order || r.mem_flags)
		return -EINVAL;
	/* Xen looks the id up as given (no DOMID_SELF): -EINVAL if none,
	 * then the privilege check (XSM_PRIV). */
	d = domain_by_id(r.domid);
	if (!d)
		return -EINVAL;
	if (!self->is_privileged)
		return -EPERM;
	return claim_set(d, r.nr_extents);
}

int memory_claim_charge(struct domain *d, uint64_t n)
{
	unsigned long f = spin_lock_irqsave(&claim_lock);
	uint64_t dec;
	int rc = 0;

	if (outstanding_claims + n > xen_frames.nr_free && d->outstanding_pages < n) {
		rc = -ENOMEM;
	} else {
		dec = min_u64(d->outstanding_pages, n);
		d->outstanding_pages -= dec;
		outstanding_claims -= dec;
	}
	spin_unlock_irqrestore(&claim_lock, f);
	return rc;
}

void memory_claim_cancel(struct domain *d)
{
	claim_set(d, 0);
}

uint64_t memory_claims_outstanding(void)
{
	return __atomic_load_n(&outstanding_claims, __ATOMIC_RELAXED);
}
