/* SPDX-License-Identifier: GPL-2.0 */
/* GNTTABOP_map_grant_ref, unmap_grant_ref and unmap_and_replace, the
 * maptrack and the active entries (state and locking in xeno/grant.h).
 * Each op is copied in, done, and its status copied out; a bad entry
 * never stops the batch, as in Xen. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/grant_table.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/grant.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include "grant-shared.h"

#define MAPTRACK_CHUNK 256

static struct grant_state *gnt_of(struct domain *d)
{
	if (!d->gnt)
		d->gnt = xzalloc(sizeof(*d->gnt));
	return d->gnt;
}

/* The active entries cover the whole table as it is now. */
static struct gnt_active *active_of(struct domain *rd, uint32_t ref)
{
	struct grant_state *g = gnt_of(rd);
	unsigned int want = rd->nr_gnttab_frames * GNT_ENTRIES_PER_FRAME;

	if (!g)
		return NULL;
	if (g->nr_active < want) {
		struct gnt_active *a = xzalloc(want * sizeof(*a));

		if (!a)
			return NULL;
		if (g->active)
			memcpy(a, g->active, g->nr_active * sizeof(*a));
		xfree(g->active);
		g->active = a;
		g->nr_active = want;
	}
	return ref < g->nr_active ? &g->active[ref] : NULL;
}

static int alloc_handle(struct domain *ld, uint32_t *handle)
{
	struct grant_state *g = gnt_of(ld);
	unsigned int limit = ld->max_maptrack_frames * GNT_MAPTRACK_PER_FRAME;

	if (!g)
		return -ENOMEM;
	/* Every map takes a handle (blkback: one per segment), so the scan
	 * starts at the lowest handle that may be free, and none is made
	 * when all are in use. */
	for (uint32_t h = g->free_hint; g->maptrack_used < g->nr_maptrack &&
				       h < g->nr_maptrack; h++)
		if (!g->maptrack[h].in_use) {
			*handle = h;
			g->free_hint = h;   /* taken only if the map succeeds */
			return 0;
		}
	if (g->nr_maptrack >= limit) {
		if (!g->maptrack_exhausted_logged)
			printk("d%u: grant maptrack exhausted (limit %u frames, %u mappings)\n",
			       ld->domain_id, ld->max_maptrack_frames, limit);
		g->maptrack_exhausted_logged = true;
		return -ENOSPC;
	}
	{
		unsigned int n = g->nr_maptrack + MAPTRACK_CHUNK > limit ? limit
					: g->nr_maptrack + MAPTRACK_CHUNK;
		struct gnt_maptrack *m = xzalloc(n * sizeof(*m));

		if (!m)
			return -ENOMEM;
		if (g->maptrack)
			memcpy(m, g->maptrack, g->nr_maptrack * sizeof(*m));
		xfree(g->maptrack);
		g->maptrack = m;
		*handle = g->nr_maptrack;
		g->free_hint = *handle;
		g->nr_maptrack = n;
	}
	return 0;
}

/* After a pin goes: the granter's flags follow what is still pinned. */
static void unpin(struct domain *rd, uint32_t ref, struct gnt_active *act, bool ro)
{
	if (ro)
		act->pin_ro--;
	else
		act->pin_rw--;
	if (rd->state == DOMAIN_DEAD)
		return;   /* its table is gone */
	if (!act->pin_rw)
		gnt_clear_flags(rd, ref, GTF_writing);
	if (!act->pin_rw && !act->pin_ro)
		gnt_clear_flags(rd, ref, GTF_reading);
}

static int16_t map_locked(struct domain *ld, struct domain *rd, struct gnttab_map_grant_ref *op)
{
	bool ro = op->flags & GNTMAP_readonly;
	struct gnt_active *act;
	struct gnt_maptrack *mt;
	bool first_pin, first_rw;
	uint32_t handle;
	int rc;

	if (alloc_handle(ld, &handle))
		return GNTST_no_space;
	if (op->ref >= gnt_nr_entries(rd) || !(act = active_of(rd, op->ref)))
		return GNTST_bad_gntref;
	first_pin = !act->pin_rw && !act->pin_ro;
	first_rw = !ro && !act->pin_rw;
	if (!first_pin && act->domid != ld->domain_id)
		return GNTST_general_error;   /* pinned by another domain */
	if (act->pin_rw == UINT16_MAX || act->pin_ro == UINT16_MAX)
		return GNTST_general_error;   /* the counts would wrap */
	if (first_pin || first_rw) {
		rc = gnt_set_flags(rd, op->ref, ld->domain_id, ro);
		if (rc)
			return (int16_t)rc;
		if (first_pin)
			act->mfn = gnt_frame(rd, op->ref);
	}
	rc = arch_gnt_get_frame(rd, act->mfn, !ro);
	if (rc == GNTST_okay && (op->flags & GNTMAP_host_map)) {
		rc = arch_gnt_install(ld, op->host_addr, op->flags, act->mfn);
		if (rc)
			arch_gnt_put_frame(rd, act->mfn, !ro);
	}
	if (rc) {
		/* Leave the shared flags as the remaining pins need them. */
		if (first_pin)
			gnt_clear_flags(rd, op->ref, GTF_reading | GTF_writing);
		else if (first_rw)
			gnt_clear_flags(rd, op->ref, GTF_writing);
		return (int16_t)rc;
	}
	act->domid = ld->domain_id;
	if (ro)
		act->pin_ro++;
	else
		act->pin_rw++;
	mt = &ld->gnt->maptrack[handle];
	*mt = (struct gnt_maptrack){ .in_use = true, .rdom = rd->domain_id, .ref = op->ref,
				     .flags = op->flags, .host_addr = op->host_addr,
				     .mfn = act->mfn, .rd = rd };
	ld->gnt->maptrack_used++;
	if (ld->gnt->maptrack_used > ld->gnt->maptrack_peak)
		ld->gnt->maptrack_peak = ld->gnt->maptrack_used;
	op->handle = handle;
	op->dev_bus_addr = (op->flags & GNTMAP_device_map) ? act->mfn << 12 : 0;
	return GNTST_okay;
}

static void map_one(struct domain *ld, struct gnttab_map_grant_ref *op)
{
	struct domain *rd;
	unsigned long f;

	if (!(op->flags & (GNTMAP_host_map | GNTMAP_device_map))) {
		op->status = GNTST_bad_gntref;   /* Xen's answer for no mapping kind */
		return;
	}
	if (domain_lookup(ld, op->dom, false, &rd) || rd->state != DOMAIN_RUNNING) {
		op->status = GNTST_bad_domain;
		return;
	}
	f = gnt_lock();
	op->status = map_locked(ld, rd, op);
	gnt_unlock(f);
}

long gnttab_map_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		uint64_t at = uop + (uint64_t)i * sizeof(struct gnttab_map_grant_ref);
		struct gnttab_map_grant_ref op;

		/* As Xen: the rest of a long batch is a continuation. */
		if (i && hypercall_preempt_check())
			return hypercall_create_continuation(__HYPERVISOR_grant_table_op,
							     GNTTABOP_map_grant_ref, at, count - i,
							     0, 0);

		if (copy_from_guest(&op, at, sizeof(op)))
			return -EFAULT;   /* as Xen: the ops before it stand */
		map_one(ld, &op);
		if (copy_to_guest(at, &op, sizeof(op)))
			return -EFAULT;
	}
	return 0;
}

static bool any_pinned(const struct grant_state *g)
{
	for (uint32_t r = 0; r < g->nr_active; r++)
		if (g->active[r].pin_rw || g->active[r].pin_ro)
			return true;
	return false;
}

/* With the lock held. */
static void free_state(struct domain *d)
{
	xfree(d->gnt->active);
	xfree(d->gnt->maptrack);
	xfree(d->gnt);
	d->gnt = NULL;
}

/* The last part of a mapping went: references, pins and handle. A dead
 * granter's state goes with the last mapping of its frames. */
static void finish_unmap(struct domain *ld, uint32_t handle)
{
	struct gnt_maptrack *mt = &ld->gnt->maptrack[handle];
	struct domain *rd = mt->rd;
	bool ro = mt->flags & GNTMAP_readonly;

	arch_gnt_put_frame(rd, mt->mfn, !ro);
	unpin(rd, mt->ref, &rd->gnt->active[mt->ref], ro);
	*mt = (struct gnt_maptrack){ 0 };
	ld->gnt->maptrack_used--;
	if (handle < ld->gnt->free_hint)
		ld->gnt->free_hint = handle;
	if (rd != ld && rd->state == DOMAIN_DEAD && !any_pinned(rd->gnt))
		free_state(rd);
}

void gnttab_free_state(struct domain *d)
{
	unsigned long f = gnt_lock();

	/* Grants others still map keep the active entries: their unmaps
	 * finish through them, and the last one frees them. */
	if (d->gnt && !any_pinned(d->gnt))
		free_state(d);
	gnt_unlock(f);
}

static int16_t unmap_locked(struct domain *ld, uint64_t host_addr, uint64_t dev_bus_addr,
			    uint32_t handle, uint64_t new_addr, uint32_t batch, bool *flush)
{
	struct grant_state *g = ld->gnt;
	struct gnt_maptrack *mt;
	int rc;

	if (!g || handle >= g->nr_maptrack || !g->maptrack[handle].in_use ||
	    g->maptrack[handle].busy)
		return GNTST_bad_handle;
	mt = &g->maptrack[handle];
	if (dev_bus_addr && (mt->flags & GNTMAP_device_map) && dev_bus_addr != mt->mfn << 12)
		return GNTST_bad_dev_addr;
	if (host_addr && (mt->flags & GNTMAP_host_map)) {
		rc = arch_gnt_remove(ld, host_addr, mt->flags, mt->mfn, new_addr);
		if (rc)
			return (int16_t)rc;
		mt->flags &= ~GNTMAP_host_map;
		*flush = true;
	}
	if (dev_bus_addr)
		mt->flags &= ~GNTMAP_device_map;
	if (!(mt->flags & (GNTMAP_host_map | GNTMAP_device_map)))
		mt->busy = batch;   /* finished once the TLBs are clean */
	return GNTST_okay;
}

/* Unmap a batch: PTEs go under the lock, one TLB flush of the mapper
 * without it, then the frames' references. */
static long unmap_batch(struct domain *ld, uint64_t uop, uint32_t count, bool replace)
{
	size_t sz = replace ? sizeof(struct gnttab_unmap_and_replace)
			    : sizeof(struct gnttab_unmap_grant_ref);
	static uint32_t batches;
	uint32_t batch;
	uint32_t nr = count;
	bool flush = false;
	unsigned long f;
	long rc = 0;

	f = gnt_lock();
	batch = ++batches ? batches : ++batches;   /* never 0: 0 is "not busy" */
	gnt_unlock(f);
	for (uint32_t i = 0; i < count; i++) {
		uint64_t at = uop + (uint64_t)i * sz;
		union {
			struct gnttab_unmap_grant_ref u;
			struct gnttab_unmap_and_replace r;
		} op;
		int16_t *status = replace ? &op.r.status : &op.u.status;

		/* As Xen: stop between two ops when work waits on this CPU; the
		 * ones done are finished below, the rest is a continuation. */
		if (i && !rc && hypercall_preempt_check()) {
			rc = hypercall_create_continuation(__HYPERVISOR_grant_table_op,
							   replace ? GNTTABOP_unmap_and_replace
								   : GNTTABOP_unmap_grant_ref,
							   at, nr - i, 0, 0);
			count = i;
			break;
		}
		if (copy_from_guest(&op, at, sz)) {
			rc = -EFAULT;   /* as Xen: the ops before it stand */
			count = i;
			break;
		}
		f = gnt_lock();
		if (replace)
			*status = unmap_locked(ld, op.r.host_addr, 0, op.r.handle, op.r.new_addr,
					       batch, &flush);
		else
			*status = unmap_locked(ld, op.u.host_addr, op.u.dev_bus_addr, op.u.handle,
					       0, batch, &flush);
		gnt_unlock(f);
		if (copy_to_guest(at, &op, sz))
			rc = -EFAULT;
	}
	if (flush)
		arch_gnt_flush(ld);
	f = gnt_lock();
	/* Only this batch's: another batch's PTEs may predate our flush. */
	for (uint32_t h = 0; ld->gnt && h < ld->gnt->nr_maptrack; h++)
		if (ld->gnt->maptrack[h].busy == batch)
			finish_unmap(ld, h);
	gnt_unlock(f);
	return rc;
}

long gnttab_unmap_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	return unmap_batch(ld, uop, count, false);
}

long gnttab_unmap_and_replace_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	return unmap_batch(ld, uop, count, true);
}

void gnttab_release_mappings(struct domain *ld)
{
	unsigned long f = gnt_lock();

	for (uint32_t h = 0; ld->gnt && h < ld->gnt->nr_maptrack; h++)
		if (ld->gnt->maptrack[h].in_use)
			finish_unmap(ld, h);
	gnt_unlock(f);
}

void gnttab_usage(struct domain *d, unsigned int *active, unsigned int *maps)
{
	unsigned long f = gnt_lock();

	*active = 0;
	*maps = d->gnt ? d->gnt->maptrack_used : 0;
	for (uint32_t r = 0; d->gnt && r < d->gnt->nr_active; r++)
		if (d->gnt->active[r].pin_rw || d->gnt->active[r].pin_ro)
			(*active)++;
	gnt_unlock(f);
}

/* Heap frames the grant state of d holds: its maptrack and active tables
 * grow on demand and stay until d dies, as Xen's do. */
unsigned long gnttab_heap_frames(struct domain *d)
{
	unsigned long f = gnt_lock(), n = 0;

	if (d->gnt) {
		n = xalloc_pages(sizeof(*d->gnt));
		if (d->gnt->maptrack)
			n += xalloc_pages(d->gnt->nr_maptrack * sizeof(struct gnt_maptrack));
		if (d->gnt->active)
			n += xalloc_pages(d->gnt->nr_active * sizeof(struct gnt_active));
	}
	gnt_unlock(f);
	return n;
}

void gnt_release_copy_flags(struct domain *rd, uint32_t ref, bool write)
{
	const struct gnt_active *act = rd->gnt && ref < rd->gnt->nr_active ?
				       &rd->gnt->active[ref] : NULL;
	uint16_t pin_rw = act ? act->pin_rw : 0, pin_ro = act ? act->pin_ro : 0;

	if (write && !pin_rw)
		gnt_clear_flags(rd, ref, GTF_writing);
	if (!pin_rw && !pin_ro)
		gnt_clear_flags(rd, ref, GTF_reading);
}

/* The granter is dying: each frame still mapped by others keeps exactly
 * the references those mappings took (its own page tables are gone), and
 * is flagged so that the release skips it and its last unmap frees it. */
void gnttab_keep_mapped_frames(struct domain *rd)
{
	unsigned long f = gnt_lock();

	for (uint32_t r = 0; rd->gnt && r < rd->gnt->nr_active; r++) {
		const struct gnt_active *act = &rd->gnt->active[r];

		if (act->pin_rw || act->pin_ro)
			arch_gnt_keep_frame(act->mfn);
	}
	for (uint32_t r = 0; rd->gnt && r < rd->gnt->nr_active; r++) {
		const struct gnt_active *act = &rd->gnt->active[r];

		if (act->pin_rw || act->pin_ro)
			arch_gnt_keep_refs(act->mfn, act->pin_rw, act->pin_ro);
	}
	gnt_unlock(f);
}
