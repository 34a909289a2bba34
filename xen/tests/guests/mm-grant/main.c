/* SPDX-License-Identifier: MIT */
/*
 * mm-grant: grant tables v1 between two domains, one image in two roles.
 *
 * grant=granter (domain 1) publishes grants to domain 2: a read-write
 * mailbox page (ref 8), a read-only page (9), one for the wrong domain
 * (10), a frame it then gives back (11), a pinned page table (12), a page
 * it keeps granted while it dies (13) and an invalid entry (14). It checks
 * that GTF_reading/GTF_writing follow the mapper's pins, that a frame the
 * mapper maps writable cannot become a page table, that a copy into its
 * grant landed, and then shuts down with ref 13 still mapped.
 *
 * grant=mapper (domain 2) maps them by virtual address and through a PTE's
 * machine address, with Xen's GNTST_* for every bad input: bad domain,
 * bad ref, wrong domid, read-only granted mapped writable, a page the
 * granter gave back, a page table mapped writable, no mapping kind, no L1
 * for the address, a misaligned PTE address, unmap of a bad handle, twice
 * or at the wrong address, copies grant->frame, frame->grant, across a
 * page, to a read-only grant, from another domain's frame by number, into
 * its own page table. Finally, with the granter dead, the frame it still
 * maps keeps its contents and unmaps cleanly (the runner checks every
 * frame comes back).
 *
 * A broken hypervisor maps what was not granted, lets a write through a
 * read-only grant or into a page table, leaves the granter's flags stale,
 * or frees a frame that is still mapped.
 */
#include <public/grant_table.h>
#include "mm.h"

enum { P_GT = 0, P_MAIL = 1, P_RO = 2, P_L1 = 3, P_HOLD = 4, P_MAP8 = 5, P_MAP9 = 6,
       P_MAP13 = 7, P_OWN = 8, P_MAP12 = 9 };

#define READY    0x52454144590000aaUL
#define MAPPED   0x4d41505045440001UL
#define CHECKED  0x434845434b454402UL
#define UNMAPPED 0x554e4d4150504503UL
#define RO_MAGIC 0x2121726f2d6f6e6cUL
#define HOLD_MAGIC 0x686f6c642d6d6521UL
#define COPY_OFF 2048
#define WAIT_ROUNDS 20000000UL

static unsigned long peer;

static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *op, unsigned int n)
{
	return hypercall3(__HYPERVISOR_grant_table_op, cmd, gva(op), n);
}

static volatile uint64_t *mail(void)
{
	return pool_page(P_MAIL);
}

/* Spin (yielding) until word w of the page at p reads v. */
static bool wait_word(volatile uint64_t *p, unsigned int w, uint64_t v)
{
	for (unsigned long i = 0; i < WAIT_ROUNDS; i++) {
		if (p[w] == v)
			return true;
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return false;
}

/* ---- granter ---- */

static grant_entry_v1_t *table;
static bool limits;   /* booted with gnttab_max_frames=4 gnttab_max_maptrack_frames=1 */

static void grant(uint32_t ref, uint16_t flags, uint16_t dom, unsigned long mfn)
{
	table[ref].domid = dom;
	table[ref].frame = (uint32_t)mfn;
	__atomic_store_n(&table[ref].flags, flags, __ATOMIC_RELEASE);
}

static uint16_t flags_of(uint32_t ref)
{
	return __atomic_load_n(&table[ref].flags, __ATOMIC_ACQUIRE);
}

static bool granter_setup(void)
{
	struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
	struct gnttab_query_size q0 = { .dom = DOMID_SELF };
	unsigned long gt_mfn = 0, gone;
	uint64_t *l1 = pool_page(P_L1);

	/* Before any setup_table: Xen 4.17 gives a domain its first frame
	 * at creation (INITIAL_NR_GRANT_FRAMES; XTF's xsa-316 relies on it). */
	HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q0, 1);
	expect_eq("granter/first-frame-from-creation", q0.nr_frames, 1);
	set_xen_guest_handle(st.frame_list, &gt_mfn);
	if (!expect_ok("granter/setup-table", HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1)) ||
	    !expect_eq("granter/setup-table-status", (unsigned long)(long)st.status, GNTST_okay))
		return false;
	if (!expect_ok("granter/map-table", HYPERVISOR_update_va_mapping(gva(pool_page(P_GT)),
						pte(gt_mfn, PTE_RW_FLAGS), UVMF_INVLPG)))
		return false;
	table = pool_page(P_GT);
	if (limits) {
		struct gnttab_query_size q = { .dom = DOMID_SELF };
		struct gnttab_setup_table big = { .dom = DOMID_SELF, .nr_frames = 5 };
		unsigned long list[5];

		expect_ok("granter/query-size", HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1));
		expect_eq("granter/max-frames-from-option", q.max_nr_frames, 4);
		set_xen_guest_handle(big.frame_list, list);
		HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &big, 1);
		expect_eq("granter/setup-beyond-limit", (unsigned long)(long)big.status,
			  (unsigned long)(long)GNTST_general_error);
	}
	((uint64_t *)pool_page(P_RO))[0] = RO_MAGIC;
	((uint64_t *)pool_page(P_HOLD))[0] = HOLD_MAGIC;
	/* A pinned L1 (empty, read-only to us) to grant. */
	for (unsigned int i = 0; i < 512; i++)
		l1[i] = 0;
	if (!expect_ok("granter/l1-readonly", set_page_rw(l1, false)) ||
	    !expect_ok("granter/pin-l1", pin_table(1, pool_mfn(P_L1))))
		return false;
	gone = give_back_frame();
	expect_true("granter/give-back", gone != 0, "no frame could be given back");
	grant(8, GTF_permit_access, (uint16_t)peer, pool_mfn(P_MAIL));
	grant(9, GTF_permit_access | GTF_readonly, (uint16_t)peer, pool_mfn(P_RO));
	grant(10, GTF_permit_access, 7, pool_mfn(P_MAIL));
	grant(11, GTF_permit_access, (uint16_t)peer, gone);
	grant(12, GTF_permit_access, (uint16_t)peer, pool_mfn(P_L1));
	grant(13, GTF_permit_access, (uint16_t)peer, pool_mfn(P_HOLD));
	grant(14, GTF_invalid, (uint16_t)peer, pool_mfn(P_MAIL));
	mail()[0] = READY;
	return true;
}

static void granter_main(void)
{
	const uint16_t rw = GTF_reading | GTF_writing;

	if (!granter_setup())
		return;
	if (!expect_true("granter/peer-mapped", wait_word(mail(), 1, MAPPED), "mapper never signalled"))
		return;
	expect_eq("granter/rw-pin-flags", flags_of(8) & rw, rw);
	expect_eq("granter/ro-pin-flags", flags_of(9) & rw, GTF_reading);
	expect_eq("granter/unmapped-ref-flags", flags_of(10) & rw, 0);
	/* Refused read-write, then mapped and unmapped read-only: nothing. */
	expect_eq("granter/failed-map-leaves-no-flags", flags_of(12) & rw, 0);
	expect_eq("granter/held-ref-flags", flags_of(13) & rw, rw);
	/* A frame another domain maps writable cannot turn into a table. */
	expect_rc("granter/pin-mapped-frame-refused", pin_table(1, pool_mfn(P_HOLD)), -XEN_EINVAL);
	mail()[2] = CHECKED;
	if (!expect_true("granter/peer-unmapped", wait_word(mail(), 3, UNMAPPED),
			 "mapper never signalled"))
		return;
	/* The signal came by a grant copy into ref 8, which holds the
	 * entry's flags while it copies: they go a moment after the bytes
	 * land, so wait for that (bounded). */
	for (unsigned long i = 0; i < WAIT_ROUNDS && (flags_of(8) & rw); i++)
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	expect_eq("granter/flags-cleared-after-unmap", flags_of(8) & rw, 0);
	expect_eq("granter/ro-flags-cleared", flags_of(9) & rw, 0);
	expect_eq("granter/held-flags-stay", flags_of(13) & rw, rw);
	expect_eq("granter/copy-landed", mail()[COPY_OFF / 8], 0xc0ffee0000c0ffeeUL);
	expect_eq("granter/copy-landed-2", mail()[COPY_OFF / 8 + 1], 0x1122334455667788UL);
	expect_ok("granter/unpin-l1", unpin_table(pool_mfn(P_L1)));
	/* Dying now, with ref 13 still mapped by the peer. */
}

/* ---- mapper ---- */

static int16_t map(uint32_t ref, uint16_t dom, uint32_t flags, uint64_t addr, uint32_t *handle)
{
	struct gnttab_map_grant_ref m = { .host_addr = addr, .flags = flags, .ref = ref,
					  .dom = dom, .status = 99 };
	long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);

	if (rc)
		return (int16_t)(rc - 1000);   /* a hypercall error is never a GNTST */
	if (handle)
		*handle = m.handle;
	return m.status;
}

static int16_t unmap(uint32_t handle, uint64_t addr)
{
	struct gnttab_unmap_grant_ref u = { .host_addr = addr, .handle = handle, .status = 99 };
	long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1);

	return rc ? (int16_t)(rc - 1000) : u.status;
}

static int16_t copy(uint32_t sref_or_mfn, uint16_t sdom, uint16_t soff, uint32_t dref_or_mfn,
		    uint16_t ddom, uint16_t doff, uint16_t len, uint16_t flags)
{
	struct gnttab_copy c = { .len = len, .flags = flags, .status = 99 };
	long rc;

	c.source.domid = sdom;
	c.source.offset = soff;
	c.dest.domid = ddom;
	c.dest.offset = doff;
	if (flags & GNTCOPY_source_gref)
		c.source.u.ref = sref_or_mfn;
	else
		c.source.u.gmfn = sref_or_mfn;
	if (flags & GNTCOPY_dest_gref)
		c.dest.u.ref = dref_or_mfn;
	else
		c.dest.u.gmfn = dref_or_mfn;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, &c, 1);
	return rc ? (int16_t)(rc - 1000) : c.status;
}

static unsigned long va(unsigned int p)
{
	return gva(pool_page(p));
}

static void mapper_bad_maps(uint16_t g)
{
	uint64_t l1e = l1e_maddr(va(P_MAP12));

	expect_eq("mapper/map-ro-grant-writable", (unsigned long)map(9, g, GNTMAP_host_map, va(P_MAP9), NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/map-wrong-domid", (unsigned long)map(10, g, GNTMAP_host_map, va(P_MAP12), NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/map-given-back-page", (unsigned long)map(11, g, GNTMAP_host_map, va(P_MAP12), NULL),
		  (unsigned long)GNTST_bad_page);
	expect_eq("mapper/map-page-table-writable",
		  (unsigned long)map(12, g, GNTMAP_host_map, va(P_MAP12), NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/map-invalid-entry", (unsigned long)map(14, g, GNTMAP_host_map, va(P_MAP12), NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/map-bad-ref", (unsigned long)map(100000, g, GNTMAP_host_map, va(P_MAP12), NULL),
		  (unsigned long)GNTST_bad_gntref);
	expect_eq("mapper/map-bad-domain", (unsigned long)map(8, 77, GNTMAP_host_map, va(P_MAP12), NULL),
		  (unsigned long)GNTST_bad_domain);
	expect_eq("mapper/map-no-kind", (unsigned long)map(8, g, 0, va(P_MAP12), NULL),
		  (unsigned long)GNTST_bad_gntref);
	expect_eq("mapper/map-no-l1", (unsigned long)map(8, g, GNTMAP_host_map, UNMAPPED_VA, NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/map-misaligned-pte",
		  (unsigned long)map(8, g, GNTMAP_host_map | GNTMAP_contains_pte, l1e + 3, NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/map-pte-not-l1",
		  (unsigned long)map(8, g, GNTMAP_host_map | GNTMAP_contains_pte,
				     (uint64_t)pool_mfn(P_OWN) << 12, NULL),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/unmap-bad-handle", (unsigned long)unmap(12345, va(P_MAP12)),
		  (unsigned long)GNTST_bad_handle);
}

static void mapper_copies(uint16_t g)
{
	uint64_t *own = pool_page(P_OWN);
	unsigned long foreign, unowned;

	own[0] = 0xc0ffee0000c0ffeeUL;
	own[1] = 0x1122334455667788UL;
	expect_eq("mapper/copy-frame-to-grant",
		  (unsigned long)copy(pool_mfn(P_OWN), DOMID_SELF, 0, 8, g, COPY_OFF, 16,
				      GNTCOPY_dest_gref), GNTST_okay);
	expect_eq("mapper/copy-grant-to-frame",
		  (unsigned long)copy(9, g, 0, pool_mfn(P_OWN), DOMID_SELF, 512, 8,
				      GNTCOPY_source_gref), GNTST_okay);
	expect_eq("mapper/copy-grant-to-frame-data", own[64], RO_MAGIC);
	expect_eq("mapper/copy-grant-to-grant",
		  (unsigned long)copy(9, g, 0, 8, g, 3000, 8,
				      GNTCOPY_source_gref | GNTCOPY_dest_gref), GNTST_okay);
	expect_eq("mapper/copy-to-readonly-grant",
		  (unsigned long)copy(pool_mfn(P_OWN), DOMID_SELF, 0, 9, g, 0, 8, GNTCOPY_dest_gref),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/copy-across-page",
		  (unsigned long)copy(pool_mfn(P_OWN), DOMID_SELF, 4090, 8, g, 0, 16, GNTCOPY_dest_gref),
		  (unsigned long)GNTST_bad_copy_arg);
	expect_eq("mapper/copy-foreign-frame-by-number",
		  (unsigned long)copy(pool_mfn(P_MAIL), g, 0, pool_mfn(P_OWN), DOMID_SELF, 0, 8, 0),
		  (unsigned long)GNTST_permission_denied);
	foreign = find_foreign_mfn(&unowned);
	if (foreign)
		expect_eq("mapper/copy-unowned-frame-as-self",
			  (unsigned long)copy(foreign, DOMID_SELF, 0, pool_mfn(P_OWN), DOMID_SELF, 0, 8, 0),
			  (unsigned long)GNTST_bad_page);
	expect_eq("mapper/copy-into-own-page-table",
		  (unsigned long)copy(pool_mfn(P_OWN), DOMID_SELF, 0, boot_l4_mfn(), DOMID_SELF, 0, 8, 0),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/copy-wrong-domid-grant",
		  (unsigned long)copy(10, g, 0, pool_mfn(P_OWN), DOMID_SELF, 0, 8, GNTCOPY_source_gref),
		  (unsigned long)GNTST_general_error);
}

/* One maptrack frame is 256 mappings: with two held, 254 more device
 * mappings of one grant fit and the next finds no handle. All go again. */
static void mapper_maptrack_limit(uint16_t g)
{
	static uint32_t hs[256];
	unsigned int n = 0, freed = 0;
	uint64_t bus = 0;
	int16_t st = GNTST_okay;

	while (n < 256) {
		struct gnttab_map_grant_ref m = { .flags = GNTMAP_device_map | GNTMAP_readonly,
						  .ref = 13, .dom = g, .status = 99 };

		if (HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1) || m.status) {
			st = m.status;
			break;
		}
		hs[n++] = m.handle;
		bus = m.dev_bus_addr;
	}
	expect_eq("mapper/maptrack-fills-one-frame", n, 254);
	expect_eq("mapper/maptrack-exhausted", (unsigned long)(long)st,
		  (unsigned long)(long)GNTST_no_space);
	for (unsigned int i = 0; i < n; i++) {
		struct gnttab_unmap_grant_ref u = { .dev_bus_addr = bus, .handle = hs[i],
						    .status = 99 };

		if (!HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1) &&
		    u.status == GNTST_okay)
			freed++;
	}
	expect_eq("mapper/maptrack-all-unmapped", freed, n);
}

static void mapper_main(void)
{
	uint16_t g = (uint16_t)peer;
	uint32_t h8 = 0, h9 = 0, h13 = 0, h12 = 0;
	volatile uint64_t *m8 = (volatile uint64_t *)va(P_MAP8);
	int16_t st = GNTST_general_error;
	unsigned long v;

	for (unsigned long i = 0; i < WAIT_ROUNDS && st != GNTST_okay; i++) {
		st = map(8, g, GNTMAP_host_map, va(P_MAP8), &h8);
		if (st == GNTST_okay && m8[0] != READY) {
			unmap(h8, va(P_MAP8));   /* mapped before the mailbox was ready */
			st = GNTST_general_error;
		}
		if (st != GNTST_okay)
			HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	if (!expect_eq("mapper/map-rw-by-va", (unsigned long)st, GNTST_okay))
		return;
	expect_eq("mapper/read-through-grant", m8[0], READY);
	{
		/* Another domain's table is the toolstack's only. */
		struct gnttab_setup_table su = { .dom = g, .nr_frames = 1 };
		struct gnttab_query_size q = { .dom = g };
		unsigned long f = 0;

		set_xen_guest_handle(su.frame_list, &f);
		HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &su, 1);
		expect_eq("mapper/setup-peer-table-refused", (unsigned long)(long)su.status,
			  (unsigned long)(long)GNTST_permission_denied);
		HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);
		expect_eq("mapper/query-peer-table-refused", (unsigned long)(long)q.status,
			  (unsigned long)(long)GNTST_permission_denied);
	}
	expect_eq("mapper/map-ro", (unsigned long)map(9, g, GNTMAP_host_map | GNTMAP_readonly,
						     va(P_MAP9), &h9), GNTST_okay);
	expect_eq("mapper/read-ro-grant", *(volatile uint64_t *)va(P_MAP9), RO_MAGIC);
	expect_true("mapper/write-ro-grant-faults", !probe_write(va(P_MAP9), 1), "write went through");
	expect_eq("mapper/ro-grant-still-intact", *(volatile uint64_t *)va(P_MAP9), RO_MAGIC);
	if (limits)
		mapper_maptrack_limit(g);
	expect_eq("mapper/map-page-table-readonly",
		  (unsigned long)map(12, g, GNTMAP_host_map | GNTMAP_readonly, va(P_MAP12), &h12),
		  GNTST_okay);
	expect_eq("mapper/unmap-page-table-grant", (unsigned long)unmap(h12, va(P_MAP12)), GNTST_okay);
	mapper_bad_maps(g);
	mapper_copies(g);
	expect_eq("mapper/map-by-pte-address",
		  (unsigned long)map(13, g, GNTMAP_host_map | GNTMAP_contains_pte,
				     l1e_maddr(va(P_MAP13)), &h13), GNTST_okay);
	mmuext1(MMUEXT_INVLPG_LOCAL, va(P_MAP13), 0);
	expect_eq("mapper/read-by-pte-mapping", *(volatile uint64_t *)va(P_MAP13), HOLD_MAGIC);
	m8[1] = MAPPED;
	if (!expect_true("mapper/granter-checked", wait_word(m8, 2, CHECKED), "granter never signalled"))
		return;
	expect_eq("mapper/unmap-wrong-address", (unsigned long)unmap(h9, va(P_MAP13)),
		  (unsigned long)GNTST_general_error);
	expect_eq("mapper/unmap-ro", (unsigned long)unmap(h9, va(P_MAP9)), GNTST_okay);
	expect_eq("mapper/unmap-rw", (unsigned long)unmap(h8, va(P_MAP8)), GNTST_okay);
	expect_eq("mapper/unmap-twice", (unsigned long)unmap(h8, va(P_MAP8)),
		  (unsigned long)GNTST_bad_handle);
	expect_true("mapper/unmapped-va-faults", !probe_read(va(P_MAP8), &v), "still readable");
	/* The mailbox is no longer mapped: the last word goes by copy. */
	((uint64_t *)pool_page(P_OWN))[8] = UNMAPPED;
	expect_eq("mapper/signal-by-copy",
		  (unsigned long)copy(pool_mfn(P_OWN), DOMID_SELF, 64, 8, g, 24, 8, GNTCOPY_dest_gref),
		  GNTST_okay);
	/* Wait for the granter to die with ref 13 still mapped here. */
	st = GNTST_okay;
	for (unsigned long i = 0; i < WAIT_ROUNDS && st != GNTST_bad_domain; i++) {
		/* Ref 13, pinned anyway: the granter still checks 8 and 9. */
		st = map(13, g, GNTMAP_host_map | GNTMAP_readonly, va(P_MAP8), &h8);
		if (st == GNTST_okay)
			unmap(h8, va(P_MAP8));
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	if (!expect_eq("mapper/granter-gone", (unsigned long)st, (unsigned long)GNTST_bad_domain))
		return;
	expect_eq("mapper/held-frame-survives-granter", *(volatile uint64_t *)va(P_MAP13), HOLD_MAGIC);
	*(volatile uint64_t *)va(P_MAP13) = 42;
	expect_eq("mapper/held-frame-still-writable", *(volatile uint64_t *)va(P_MAP13), 42);
	expect_eq("mapper/unmap-after-granter-died",
		  (unsigned long)unmap(h13, l1e_maddr(va(P_MAP13))), GNTST_okay);
}

void test_main(void)
{
	const char *cmd = guest_cmdline();

	if (!word_value(cmd, "peer", &peer)) {
		fail("setup", "no peer= on the command line");
		return;
	}
	if (!traps_setup("setup/traps"))
		return;
	limits = has_word(cmd, "limits");
	if (has_word(cmd, "grant=granter"))
		granter_main();
	else
		mapper_main();
}
