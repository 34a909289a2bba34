/* SPDX-License-Identifier: GPL-2.0 */
/* Grant tables, version 1: the table itself (frames a domain gets with
 * setup_table and maps into its own address space to publish grants,
 * query_size, get_version; only version 1 exists here, so set_version is
 * -ENOSYS and guests stay on v1, as with a Xen before v2) and the
 * dispatch of the ops that act on grants (grant-map.c, grant-copy.c).
 * Transfer, dump_table and swap_grant_ref are -ENOSYS. The ops on the
 * table copy their argument in once and call a gnttab_* core on the copy
 * (xeno/grant-table.h), which host tests drive. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <public/grant_table.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/cmdline.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/grant-table.h>
#include <xeno/frame-alloc.h>
#include <xeno/grant.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

/* Xen's boot options (gnttab_max_frames, gnttab_max_maptrack_frames):
 * the default and greatest grant table and maptrack of any domain. The
 * table's frame list is fixed-size, so no option goes past it. */
static uint32_t opt_max_frames = GNTTAB_MAX_FRAMES;
static uint32_t opt_max_maptrack_frames = GNT_DEFAULT_MAPTRACK_FRAMES;
integer_param("gnttab_max_frames", opt_max_frames);
integer_param("gnttab_max_maptrack_frames", opt_max_maptrack_frames);

unsigned int gnttab_opt_max_frames(void)
{
	if (opt_max_frames < 1)
		return 1;
	return opt_max_frames > GNTTAB_MAX_FRAMES ? GNTTAB_MAX_FRAMES : opt_max_frames;
}

unsigned int gnttab_opt_max_maptrack_frames(void)
{
	return opt_max_maptrack_frames;
}

/* A refused domain as a grant status: missing, or not the caller's to
 * manage (Xen's order: the lookup, then the permission check). */
static int16_t lookup_status(struct domain *self, domid_t id, struct domain **d)
{
	int rc = domain_lookup(self, id, true, d);

	return rc == 0 ? GNTST_okay : rc == -ESRCH ? GNTST_bad_domain : GNTST_permission_denied;
}

/* Grow d's table to n frames: hypervisor pages shared with d (so d may
 * map them writable, never use them as page tables), zeroed. */
static int grow_table(struct domain *d, unsigned int n)
{
	unsigned long f = spin_lock_irqsave(&d->lock);
	int rc = 0;

	while (d->nr_gnttab_frames < n) {
		uint64_t pfn;

		if (frame_alloc(&xen_frames, 0, &pfn)) {
			rc = -ENOMEM;
			break;
		}
		memset(__va(pfn << PAGE_SHIFT), 0, PAGE_SIZE);
		share_xen_page_with_guest(d, pfn);
		d->gnttab_mfn[d->nr_gnttab_frames++] = pfn;
	}
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

/* GNTTABOP_setup_table on our copy: make d's table at least nr_frames
 * long (it never shrinks) and write its frames to the guest's list, one
 * element at a time. A list starting where the guest cannot name memory
 * is the call's -EFAULT, before anything else (Xen's order); other
 * failures are answered in op->status, the call itself succeeding, as Xen
 * does; an element of the list that faults is GNTST_bad_virt_addr. */
long gnttab_setup_table(struct domain *self, struct gnttab_setup_table *op)
{
	struct domain *d;

	if (!guest_start_ok((uint64_t)op->frame_list.p))
		return -EFAULT;
	op->status = lookup_status(self, op->dom, &d);
	if (op->status == GNTST_okay && op->nr_frames > d->max_grant_frames) {
		struct grant_state *g = d->gnt;

		/* Once per domain: a guest asking again cannot flood the log. */
		if (!g || !g->table_limit_logged)
			printk("d%u: grant table limit %u frames, %u asked by d%u\n",
			       d->domain_id, d->max_grant_frames, op->nr_frames,
			       self->domain_id);
		if (g)
			g->table_limit_logged = true;
		op->status = GNTST_general_error;
	} else if (op->status == GNTST_okay && grow_table(d, op->nr_frames)) {
		op->status = GNTST_general_error;
	}
	for (uint32_t i = 0; op->status == GNTST_okay && i < op->nr_frames; i++) {
		uint64_t mfn = d->gnttab_mfn[i];

		if (copy_to_guest((uint64_t)op->frame_list.p + i * sizeof(mfn), &mfn, sizeof(mfn)))
			op->status = GNTST_bad_virt_addr;
	}
	return 0;
}

long gnttab_query_size(struct domain *self, struct gnttab_query_size *op)
{
	struct domain *d;

	op->status = lookup_status(self, op->dom, &d);
	if (op->status == GNTST_okay) {
		op->nr_frames = d->nr_gnttab_frames;
		op->max_nr_frames = d->max_grant_frames;
	}
	return 0;
}

/* Unlike the two above, a refused domain is the call's error. */
long gnttab_get_version(struct domain *self, struct gnttab_get_version *op)
{
	struct domain *d;
	int rc;

	rc = domain_lookup(self, op->dom, true, &d);
	if (rc)
		return rc;
	op->version = 1;
	return 0;
}

static long run_setup_table(struct domain *self, void *op)
{
	return gnttab_setup_table(self, op);
}

static long run_query_size(struct domain *self, void *op)
{
	return gnttab_query_size(self, op);
}

static long run_get_version(struct domain *self, void *op)
{
	return gnttab_get_version(self, op);
}

/* The ops on the table itself: one per call (count 1, else -EINVAL, as
 * Xen; get_version ignores the count, as Xen does, but for one with the
 * top bit set, which Xen refuses for every op), the argument copied in once and, on success, back only the part
 * Xen writes: setup_table's status, get_version's version, query_size's
 * whole struct. */
struct gnttab_table_op {
	bool any_count;
	size_t size;
	size_t out_offset, out_size;
	long (*run)(struct domain *self, void *op);
};

#define FIELD(type, f) offsetof(type, f), sizeof(((type *)0)->f)

static const struct gnttab_table_op table_ops[] = {
	[GNTTABOP_setup_table] = { false, sizeof(struct gnttab_setup_table),
				   FIELD(struct gnttab_setup_table, status), run_setup_table },
	[GNTTABOP_query_size] = { false, sizeof(struct gnttab_query_size),
				  0, sizeof(struct gnttab_query_size), run_query_size },
	[GNTTABOP_get_version] = { true, sizeof(struct gnttab_get_version),
				   FIELD(struct gnttab_get_version, version), run_get_version },
};

static long table_op(struct domain *d, const struct gnttab_table_op *t, uint64_t uop,
		     uint32_t count)
{
	union {
		struct gnttab_setup_table setup;
		struct gnttab_query_size query;
		struct gnttab_get_version version;
	} op;
	long rc;

	if (t->any_count ? (int32_t)count < 0 : count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, t->size))
		return -EFAULT;
	rc = t->run(d, &op);
	if (rc == 0 && copy_to_guest(uop + t->out_offset, (char *)&op + t->out_offset,
				     t->out_size))
		rc = -EFAULT;
	return rc;
}

long do_grant_table_op(uint64_t cmd, uint64_t uop, uint64_t count)
{
	struct domain *d = current_vcpu()->domain;

	switch (cmd) {
	case GNTTABOP_setup_table:
	case GNTTABOP_query_size:
	case GNTTABOP_get_version:
		return table_op(d, &table_ops[cmd], uop, (uint32_t)count);
	case GNTTABOP_map_grant_ref:
		return gnttab_map_op(d, uop, (uint32_t)count);
	case GNTTABOP_unmap_grant_ref:
		return gnttab_unmap_op(d, uop, (uint32_t)count);
	case GNTTABOP_unmap_and_replace:
		return gnttab_unmap_and_replace_op(d, uop, (uint32_t)count);
	case GNTTABOP_copy:
		return gnttab_copy_op(d, uop, (uint32_t)count);
	case GNTTABOP_cache_flush:
		return gnttab_cache_flush_op(d, uop, (uint32_t)count);
	default:
		return -ENOSYS;
	}
}

/* Every domain starts with one table frame, as Xen's INITIAL_NR_GRANT_FRAMES
 * (given at creation): query_size says 1 before any setup_table, and a
 * never-granted ref inside it is an empty entry (GNTST_general_error on a
 * map), not past the table's end (GNTST_bad_gntref). */
int gnttab_init(struct domain *d)
{
	return d->max_grant_frames ? grow_table(d, 1) : 0;
}

/* A dead domain's table frames: unshared first, so the frame table
 * forgets the owner before the pool can hand the frame to anyone; a
 * frame the toolstack still maps (acquire_resource) goes at its unmap. */
void gnttab_free(struct domain *d)
{
	gnttab_free_state(d);   /* the shared frames go now in any case */
	for (unsigned int i = 0; i < d->nr_gnttab_frames; i++)
		release_shared_xen_page(d, d->gnttab_mfn[i]);
	d->nr_gnttab_frames = 0;
}

int gnttab_shared_frames(struct domain *d, uint32_t frame, unsigned int n, uint64_t *mfns)
{
	uint64_t last = (uint64_t)frame + n - 1;
	unsigned long f;

	if (!n || last >= d->max_grant_frames || last >= GNTTAB_MAX_FRAMES)
		return -EINVAL;
	if (grow_table(d, (unsigned int)last + 1))
		return -EINVAL;   /* Xen: the table did not grow, so no such frame */
	f = spin_lock_irqsave(&d->lock);
	for (unsigned int i = 0; i < n; i++)
		mfns[i] = d->gnttab_mfn[frame + i];
	spin_unlock_irqrestore(&d->lock, f);
	return 0;
}
