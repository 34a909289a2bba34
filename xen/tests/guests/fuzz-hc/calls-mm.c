/* SPDX-License-Identifier: MIT */
/*
 * Generators for the page-table and descriptor hypercalls: mmu_update,
 * mmuext_op, update_va_mapping(_otherdomain), set_gdt, update_descriptor.
 * Entries written are the scratch L1's, free slots of our live L2 and
 * L4, and frames the hypervisor may write (fz_mfn_w): never an entry
 * our own code, data or stack is mapped through.
 */
#include "fuzz.h"

/* A batch: n generated elements, placed so that a count past n runs into
 * the area's guard page. Returns the pointer argument. */
static unsigned long batch_ptr(size_t elem, unsigned long n, bool hostile_ok)
{
	if (hostile_ok && fz_chance(8))
		return fz_hostile_ptr();
	return (unsigned long)fz_area(0, n * elem, true);
}

static unsigned long batch_n(unsigned long cap)
{
	return fz_chance(40) ? 1 : fz_below(cap + 1);
}

static unsigned long done_ptr(void)
{
	return fz_chance(50) ? 0 : fz_ptr(1, 8);
}

static unsigned long foreigndom(void)
{
	if (fz_chance(70))
		return DOMID_SELF;
	if (fz_chance(50))
		return fz_domid();
	/* the high half: one more than the owner of the tables */
	return (unsigned long)(fz_domid() + 1) << 16 | fz_domid();
}

void fz_gen_mmu_update(struct fz_call *c)
{
	unsigned long n = batch_n(64);
	struct mmu_update *r = fz_area(0, n * sizeof(*r), true);

	for (unsigned long i = 0; i < n; i++) {
		r[i].ptr = fz_entry_maddr();
		if ((r[i].ptr & 7) == MMU_MACHPHYS_UPDATE)
			r[i].ptr = fz_mfn_w() << 12 | MMU_MACHPHYS_UPDATE;
		r[i].val = fz_chance(85) ? fz_pte() : fz_word();
	}
	c->nr = __HYPERVISOR_mmu_update;
	/* Never a request list read from our page tables: their entries,
	 * taken as requests, rewrite the tables we run on. */
	c->a[0] = batch_ptr(sizeof(*r), n, true);
	c->a[1] = fz_chance(70) ? n : fz_count(n);
	c->a[2] = done_ptr();
	c->a[3] = foreigndom();
}

static void one_mmuext(struct mmuext_op *op)
{
	op->cmd = (unsigned int)fz_op(MMUEXT_UNMARK_SUPER);
	op->arg1.mfn = fz_mfn();
	op->arg2.src_mfn = fz_mfn();
	switch (op->cmd) {
	case MMUEXT_NEW_BASEPTR:
		/* A valid base other than ours switches us to tables we do not
		 * run on: only ours, or frames that must be refused. */
		op->arg1.mfn = fz_chance(50) ? fz.l4_mfn :
			fz_chance(50) ? fz.scratch_l1_mfn : fz.nr_peer ? fz.peer_mfn[0] : ~0UL;
		break;
	case MMUEXT_INVLPG_LOCAL:
	case MMUEXT_INVLPG_ALL:
		op->arg1.linear_addr = fz_chance(50) ? fz_scratch_va() : fz_word();
		break;
	case MMUEXT_TLB_FLUSH_MULTI:
	case MMUEXT_INVLPG_MULTI:
		op->arg1.linear_addr = fz_scratch_va();
		if (fz_chance(50)) {
			unsigned long *mask = fz_area(1, 8, fz_chance(50));

			*mask = fz_chance(50) ? fz_below(4) : fz_word();
			FZ_SET_HANDLE(op->arg2.vcpumask, mask);
		} else {
			FZ_SET_HANDLE(op->arg2.vcpumask, fz_hostile_ptr());
		}
		break;
	case MMUEXT_SET_LDT:
		op->arg1.linear_addr = fz_chance(50) ? fz_scratch_va() : fz_word();
		op->arg2.nr_ents = (unsigned int)fz_count(8192);
		break;
	case MMUEXT_CLEAR_PAGE:
		op->arg1.mfn = fz_mfn_w();
		break;
	case MMUEXT_COPY_PAGE:
		op->arg1.mfn = fz_mfn_w();   /* destination */
		break;
	default:
		break;
	}
}

void fz_gen_mmuext_op(struct fz_call *c)
{
	unsigned long n = batch_n(32);
	struct mmuext_op *op = fz_area(0, n * sizeof(*op), true);

	for (unsigned long i = 0; i < n; i++) {
		one_mmuext(&op[i]);
		if (op[i].cmd == MMUEXT_SET_LDT)
			c->restore |= FZ_RESTORE_LDT;
	}
	c->nr = __HYPERVISOR_mmuext_op;
	c->a[0] = batch_ptr(sizeof(*op), n, true);
	c->a[1] = fz_chance(70) ? n : fz_count(n);
	c->a[2] = done_ptr();
	c->a[3] = foreigndom();
}

static unsigned long uvm_flags(void)
{
	unsigned long f = fz_below(8);

	if (fz_chance(30))
		f |= fz_ptr(1, 8) & ~7UL;   /* a vCPU bitmap */
	return fz_chance(5) ? fz_rand() : f;
}

void fz_gen_update_va_mapping(struct fz_call *c)
{
	c->nr = __HYPERVISOR_update_va_mapping;
	c->a[0] = fz_scratch_va();
	c->a[1] = fz_pte();
	c->a[2] = uvm_flags();
}

void fz_gen_update_va_mapping_otherdomain(struct fz_call *c)
{
	c->nr = __HYPERVISOR_update_va_mapping_otherdomain;
	c->a[0] = fz_scratch_va();
	c->a[1] = fz_pte();
	c->a[2] = uvm_flags();
	c->a[3] = fz_domid();
}

void fz_gen_set_gdt(struct fz_call *c)
{
	unsigned long n = fz_below(17);
	unsigned long *frames = fz_area(0, n * 8 + 8, true);

	for (unsigned long i = 0; i < n + 1; i++)
		frames[i] = fz_mfn();
	c->nr = __HYPERVISOR_set_gdt;
	c->a[0] = fz_chance(80) ? (unsigned long)frames : fz_ptr(0, 128);
	c->a[1] = fz_chance(60) ? n * 512 - fz_below(512) : fz_count(65536);
	c->restore |= FZ_RESTORE_GDT;
}

void fz_gen_update_descriptor(struct fz_call *c)
{
	static const unsigned long kinds[] = {
		0x00cf9a000000ffffUL, 0x00cf92000000ffffUL, 0x00af9a000000ffffUL,
		0x00cffa000000ffffUL, 0x0000e90000000067UL, 0x0000ec0000000000UL, /* call gate */
		0x0000820000000000UL, /* LDT */ 0,
	};
	uint64_t d = fz_chance(60) ? FZ_PICK(kinds) ^ (fz_chance(30) ? 1UL << fz_below(64) : 0)
				   : fz_rand();

	c->nr = __HYPERVISOR_update_descriptor;
	/* Xen writes a valid descriptor into any writable page: never one
	 * we run on. */
	c->a[0] = fz_chance(90) ? fz_mfn_w() << 12 | fz_below(512) * 8 : fz_entry_maddr();
	c->a[1] = d;
}
