/* SPDX-License-Identifier: MIT */
/*
 * Generators for memory_op and grant_table_op. Frames given away
 * (decrease_reservation, exchange, transfer) or written through a grant
 * (copy) are never ones we run on (fz_mfn_w); output lists go to the
 * argument areas; entries of our own grant table are rewritten at random
 * before the call, as a hostile granter would.
 */
#include "fuzz.h"

#define MEMOP_SHIFT 6   /* the continuation's start extent sits above the sub-op */

static unsigned long order(void)
{
	static const unsigned long v[] = { 0, 0, 0, 1, 2, 9, 10, 18, 20, 31, 32, 63, 0xffffffffUL };

	return FZ_PICK(v);
}

static unsigned long list_ptr(unsigned long n, bool writes_ours)
{
	unsigned long *l = fz_area(1, n * 8, true);

	for (unsigned long i = 0; i < n; i++)
		l[i] = writes_ours ? fz_mfn_w() : fz_word();
	return fz_chance(85) ? (unsigned long)l : fz_hostile_ptr();
}

static void reservation(struct xen_memory_reservation *r, bool gives_frames)
{
	unsigned long n = fz_chance(50) ? 1 : fz_below(33);

	FZ_SET_HANDLE(r->extent_start, list_ptr(n, gives_frames));
	r->nr_extents = fz_chance(70) ? n : fz_count(n);
	r->extent_order = (unsigned int)order();
	r->mem_flags = fz_chance(70) ? 0 : (unsigned int)fz_rand();
	r->domid = fz_domid();
}

static unsigned long memop_arg(unsigned long cmd)
{
	void *a = fz_area(0, 256, fz_chance(50));

	fz_fill(a, 256);
	switch (cmd) {
	case XENMEM_increase_reservation:
	case XENMEM_populate_physmap:
		reservation(a, false);
		break;
	case XENMEM_decrease_reservation:
		reservation(a, true);
		break;
	case XENMEM_exchange: {
		struct xen_memory_exchange *x = a;

		reservation(&x->in, true);
		reservation(&x->out, false);
		x->nr_exchanged = fz_chance(80) ? 0 : fz_count(4);
		break;
	}
	case XENMEM_maximum_ram_page:
		return fz_chance(50) ? 0 : fz_word();
	case XENMEM_current_reservation:
	case XENMEM_maximum_reservation:
	case XENMEM_maximum_gpfn:
		*(domid_t *)a = fz_domid();
		break;
	case XENMEM_machphys_mfn_list: {
		struct xen_machphys_mfn_list *l = a;

		l->max_extents = (unsigned int)fz_count(4);
		FZ_SET_HANDLE(l->extent_start, fz_ptr(1, 64));
		break;
	}
	case XENMEM_memory_map:
	case XENMEM_machine_memory_map: {
		struct xen_memory_map *m = a;

		m->nr_entries = (unsigned int)fz_count(8);
		FZ_SET_HANDLE(m->buffer, fz_ptr(1, 160));
		break;
	}
	case XENMEM_set_memory_map: {
		struct xen_foreign_memory_map *m = a;

		m->domid = fz_domid();
		m->map.nr_entries = (unsigned int)fz_count(8);
		FZ_SET_HANDLE(m->map.buffer, fz_ptr(1, 160));
		break;
	}
	case XENMEM_add_to_physmap: {
		struct xen_add_to_physmap *p = a;

		p->domid = fz_domid();
		p->space = (unsigned int)fz_op(5);
		p->idx = fz_count(4);
		p->gpfn = fz_mfn_w();
		break;
	}
	case XENMEM_acquire_resource: {
		struct xen_mem_acquire_resource *r = a;

		r->domid = fz_domid();
		r->type = (uint16_t)fz_op(2);
		r->id = (uint32_t)fz_op(1);
		r->nr_frames = (uint32_t)fz_count(2);
		r->pad = fz_chance(80) ? 0 : (uint32_t)fz_rand();
		r->frame = fz_count(1);
		FZ_SET_HANDLE(r->frame_list, fz_chance(20) ? 0 : fz_ptr(1, 64));
		break;
	}
	default:
		break;
	}
	return fz_chance(92) ? (unsigned long)a : fz_chance(50) ? fz_ro_ptr() : fz_hostile_ptr();
}

void fz_gen_memory_op(struct fz_call *c)
{
	unsigned long cmd = fz_op(XENMEM_acquire_resource);

	c->nr = __HYPERVISOR_memory_op;
	c->a[1] = memop_arg(cmd & 63);
	if (fz_chance(8))
		cmd |= fz_count(4) << MEMOP_SHIFT;
	c->a[0] = cmd;
}

/* ---- grant tables ---- */

static void scribble_grant_entries(void)
{
	volatile struct grant_entry_v1 *e = (volatile struct grant_entry_v1 *)fz.grant_va;
	static const unsigned long flags[] = {
		GTF_permit_access, GTF_permit_access | GTF_readonly, GTF_accept_transfer,
		GTF_transitive, GTF_invalid, GTF_permit_access | GTF_sub_page,
		GTF_permit_access | GTF_PCD | GTF_PWT, 0xffff,
	};

	for (unsigned int i = (unsigned int)fz_below(4); i-- > 0;) {
		unsigned int ref = (unsigned int)fz_below(16);
		uint16_t f = (uint16_t)FZ_PICK(flags);

		e[ref].domid = fz_chance(50) ? fz.self : fz_domid();
		/* A writable grant of a frame we run on is ours to write
		 * through a copy: only read-only ones may name it. */
		e[ref].frame = (uint32_t)((f & GTF_readonly) ? fz_mfn() : fz_mfn_w());
		e[ref].flags = f;
	}
}

static void copy_ptr(struct gnttab_copy_ptr *p, bool dest, bool by_gref)
{
	if (by_gref)
		p->u.ref = fz_gref();
	else
		p->u.gmfn = dest ? fz_mfn_w() : fz_mfn();
	p->domid = fz_chance(60) ? DOMID_SELF : fz_domid();
	p->offset = (uint16_t)(fz_chance(70) ? fz_below(4096) : fz_rand());
}

static void one_gnttab(unsigned long cmd, void *u)
{
	switch ((uint32_t)cmd) {
	case GNTTABOP_map_grant_ref: {
		struct gnttab_map_grant_ref *m = u;

		m->flags = (uint32_t)(fz_chance(70) ? GNTMAP_host_map | (fz_rand() & 0x1d)
						    : fz_rand());
		m->host_addr = (m->flags & GNTMAP_contains_pte) ? fz_entry_maddr() & ~7UL
								 : fz_scratch_va();
		m->ref = fz_gref();
		m->dom = fz_chance(60) ? fz.self : fz_domid();
		break;
	}
	case GNTTABOP_unmap_grant_ref:
	case GNTTABOP_unmap_and_replace: {
		struct gnttab_unmap_and_replace *r = u;

		r->host_addr = fz_scratch_va();
		r->new_addr = fz_chance(50) ? 0 : fz_scratch_va();
		r->handle = (grant_handle_t)(fz_chance(70) ? fz_below(16) : fz_rand());
		break;
	}
	case GNTTABOP_setup_table: {
		struct gnttab_setup_table *s = u;

		s->dom = fz_domid();
		s->nr_frames = (uint32_t)fz_count(2);
		FZ_SET_HANDLE(s->frame_list, fz_ptr(1, 64));
		break;
	}
	case GNTTABOP_transfer: {
		struct gnttab_transfer *t = u;

		t->mfn = fz_mfn_w();
		t->domid = fz_domid();
		t->ref = fz_gref();
		break;
	}
	case GNTTABOP_copy: {
		struct gnttab_copy *cp = u;

		cp->flags = (uint16_t)(fz_chance(80) ? fz_below(4) : fz_rand());
		copy_ptr(&cp->source, false, cp->flags & GNTCOPY_source_gref);
		copy_ptr(&cp->dest, true, cp->flags & GNTCOPY_dest_gref);
		cp->len = (uint16_t)(fz_chance(70) ? fz_below(4097) : fz_rand());
		break;
	}
	default:
		/* query_size, dump_table, get_version, set_version, status
		 * frames, swap, cache_flush: a domain id first, words after. */
		*(domid_t *)u = fz_domid();
		break;
	}
}

/* The hypervisor reads the elements at the op's own size: a wrong
 * stride would put our random words where a host address is read. */
static size_t gnttab_size(unsigned long cmd)
{
	switch ((uint32_t)cmd) {
	case GNTTABOP_map_grant_ref: return sizeof(struct gnttab_map_grant_ref);
	case GNTTABOP_unmap_grant_ref: return sizeof(struct gnttab_unmap_grant_ref);
	case GNTTABOP_unmap_and_replace: return sizeof(struct gnttab_unmap_and_replace);
	case GNTTABOP_setup_table: return sizeof(struct gnttab_setup_table);
	case GNTTABOP_transfer: return sizeof(struct gnttab_transfer);
	case GNTTABOP_copy: return sizeof(struct gnttab_copy);
	default: return 16;
	}
}

void fz_gen_grant_table_op(struct fz_call *c)
{
	unsigned long cmd = fz_op(GNTTABOP_cache_flush), n = fz_chance(60) ? 1 : fz_below(9);
	const size_t size = gnttab_size(cmd);
	uint8_t *u = fz_area(0, n * size, true);

	if (fz_chance(30))
		scribble_grant_entries();
	fz_fill(u, n * size);
	for (unsigned long i = 0; i < n; i++)
		one_gnttab(cmd, u + i * size);
	c->nr = __HYPERVISOR_grant_table_op;
	c->a[0] = cmd;
	c->a[1] = fz_chance(90) ? (unsigned long)u : fz_chance(50) ? fz_ro_ptr() : fz_hostile_ptr();
	c->a[2] = fz_chance(70) ? n : fz_count(n);
}
