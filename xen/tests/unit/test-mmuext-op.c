/* SPDX-License-Identifier: GPL-2.0 */
/* mmuext_op (arch/x86/pv/mmuext-op.c) over a fake frame table with the
 * real page-type rules: pins and unpins of each level, base pointers
 * moving their references, page clear/copy, each refusal with Xen 4.17's
 * code and every reference count unchanged (foreign, unowned and
 * out-of-range frames, a dead owner, another domain's frames for ops that
 * are the caller's own, set_ldt's bounds, the cache flushes, superpages,
 * unknown ops), and the batch: each entry read once, the first failure
 * stopping it, *done, the continuation's count, the page owner checks. */
#include "frame-fixture.h"
#include "guest-fixture.h"
#include <asm/pv/mm.h>
#include <asm/pv/pv.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

static struct domain other;
static unsigned int nr_cr3_loads, nr_flush_local, nr_flush_all, nr_set_ldt;
static uint64_t last_flush_va;
static unsigned int preempt_after;
static uint64_t cont_a1, cont_a2;

void pv_load_cr3(struct vcpu *v) { nr_cr3_loads++; }
int pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents) { nr_set_ldt++; return 0; }

void flush_tlb(enum flush_scope scope, uint64_t va)
{
	if (scope == FLUSH_LOCAL)
		nr_flush_local++;
	else
		nr_flush_all++;
	last_flush_va = va;
}

bool hypercall_preempt_check(void)
{
	return preempt_after && --preempt_after == 0;
}

long hypercall_create_continuation(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
				   uint64_t a4, uint64_t a5)
{
	cont_a1 = a1;
	cont_a2 = a2;
	return 0x5eed;
}

/* As mmu-update.c's (its contract in asm/pv/mm.h): self, DOMID_IO, or
 * domain 2; anything else -ESRCH. */
int pv_get_pg_owner(struct domain *self, uint16_t id, struct pv_pg_owner *po)
{
	if (id == DOMID_SELF)
		po->d = self;
	else if (id == DOMID_IO)
		po->d = NULL;
	else if (id == 2)
		po->d = &other;
	else
		return -ESRCH;
	po->id = id;
	return 0;
}

static int setup(void **state)
{
	guest_fixture_reset();
	frame_fixture_reset();
	memset(&other, 0, sizeof(other));
	other.domain_id = 2;
	other.state = DOMAIN_RUNNING;
	nr_cr3_loads = nr_flush_local = nr_flush_all = nr_set_ldt = 0;
	last_flush_va = 0;
	preempt_after = 0;
	vcpus[0].arch.kernel_mode = true;
	return 0;
}

static long op1(unsigned int cmd, uint64_t arg1, uint64_t arg2)
{
	struct mmuext_op op = { .cmd = cmd };

	op.arg1.mfn = arg1;
	op.arg2.src_mfn = arg2;
	return pv_mmuext_one(&vcpus[0], &dom, &op);
}

static void test_pin(void **state)
{
	for (unsigned int lvl = 0; lvl < 4; lvl++) {
		assert_int_equal(op1(MMUEXT_PIN_L1_TABLE + lvl, 2 + lvl, 0), 0);
		assert_int_equal(frame_info[2 + lvl].type, PGT_l1 + lvl);
		assert_int_equal(frame_info[2 + lvl].type_count, 1);
	}
	/* Pinned once only; unpinned once only (Xen: -EINVAL). */
	frames_snap();
	assert_int_equal(op1(MMUEXT_PIN_L1_TABLE, 2, 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_PIN_L2_TABLE, 2, 0), -EINVAL);   /* another type */
	assert_frames_unchanged();
	assert_int_equal(op1(MMUEXT_UNPIN_TABLE, 2, 0), 0);
	assert_int_equal(frame_info[2].type_count, 0);
	assert_int_equal(frame_info[2].count, 0);
	frames_snap();
	assert_int_equal(op1(MMUEXT_UNPIN_TABLE, 2, 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_UNPIN_TABLE, 10, 0), -EINVAL);
	assert_frames_unchanged();
}

static void test_pin_rejects(void **state)
{
	static const uint64_t bad[] = { FOREIGN_MFN, UNOWNED_MFN, NR_FRAMES, ~0ULL };

	/* A frame mapped writable cannot become a page table. */
	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 1 }, 9, PGT_writable),
			 0);
	frames_snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		for (unsigned int cmd = MMUEXT_PIN_L1_TABLE; cmd <= MMUEXT_UNPIN_TABLE; cmd++)
			assert_int_equal(op1(cmd, bad[i], 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_PIN_L1_TABLE, 9, 0), -EINVAL);
	/* An L1 mapping another domain's frame fails validation with Xen's
	 * get_page_from_l1e code. */
	frames[3][7] = ((uint64_t)FOREIGN_MFN << 12) | 1;
	assert_int_equal(op1(MMUEXT_PIN_L1_TABLE, 3, 0), -EBUSY);
	/* A dying owner's frames are going back to the pool. */
	dom.releasing = true;
	assert_int_equal(op1(MMUEXT_PIN_L1_TABLE, 4, 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_CLEAR_PAGE, 4, 0), -EINVAL);
	dom.releasing = false;
	dom.state = DOMAIN_DEAD;
	assert_int_equal(op1(MMUEXT_UNPIN_TABLE, 4, 0), -EINVAL);
	assert_frames_unchanged();
}

static void test_baseptr(void **state)
{
	assert_int_equal(op1(MMUEXT_PIN_L4_TABLE, 4, 0), 0);
	assert_int_equal(op1(MMUEXT_NEW_BASEPTR, 4, 0), 0);
	assert_int_equal(vcpus[0].arch.kernel_cr3, 4ULL << 12);
	assert_int_equal(frame_info[4].type_count, 2);
	assert_int_equal(nr_cr3_loads, 1);   /* kernel mode: the live one */
	assert_int_equal(op1(MMUEXT_NEW_USER_BASEPTR, 4, 0), 0);
	assert_int_equal(frame_info[4].type_count, 3);
	assert_int_equal(nr_cr3_loads, 1);
	/* The old L4's references go after the switch. */
	assert_int_equal(op1(MMUEXT_NEW_BASEPTR, 5, 0), 0);
	assert_int_equal(frame_info[4].type_count, 2);
	assert_int_equal(frame_info[5].type, PGT_l4);
	/* User base pointer 0: none; the kernel's cannot be 0. */
	assert_int_equal(op1(MMUEXT_NEW_USER_BASEPTR, 0, 0), 0);
	assert_int_equal(vcpus[0].arch.user_cr3, 0);
	assert_int_equal(frame_info[4].type_count, 1);
	frames_snap();
	assert_int_equal(op1(MMUEXT_NEW_BASEPTR, FOREIGN_MFN, 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_NEW_BASEPTR, NR_FRAMES, 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_PIN_L1_TABLE, 6, 0), 0);
	frames_snap();
	assert_int_equal(op1(MMUEXT_NEW_BASEPTR, 6, 0), -EINVAL);   /* an L1 */
	assert_frames_unchanged();
	assert_int_equal(vcpus[0].arch.kernel_cr3, 5ULL << 12);
}

static void test_pages(void **state)
{
	frames[8][3] = 0x1234;
	frames[7][0] = 0xff;
	assert_int_equal(op1(MMUEXT_COPY_PAGE, 7, 8), 0);
	assert_int_equal(frames[7][3], 0x1234);
	assert_int_equal(frames[7][0], 0);
	assert_int_equal(op1(MMUEXT_CLEAR_PAGE, 8, 0), 0);
	assert_int_equal(frames[8][3], 0);
	/* Destination a page table, or a source not the owner's. */
	assert_int_equal(op1(MMUEXT_PIN_L1_TABLE, 6, 0), 0);
	frames[FOREIGN_MFN][0] = 0x5ec;
	frames_snap();
	assert_int_equal(op1(MMUEXT_CLEAR_PAGE, 6, 0), -EINVAL);
	assert_int_equal(op1(MMUEXT_COPY_PAGE, 7, FOREIGN_MFN), -EINVAL);
	assert_int_equal(op1(MMUEXT_COPY_PAGE, FOREIGN_MFN, 7), -EINVAL);
	assert_int_equal(op1(MMUEXT_COPY_PAGE, 7, NR_FRAMES), -EINVAL);
	assert_frames_unchanged();
	assert_int_equal(frames[7][0], 0);
}

static void test_flushes(void **state)
{
	uint64_t mask = 1;
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_MULTI };

	assert_int_equal(op1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
	assert_int_equal(op1(MMUEXT_INVLPG_LOCAL, 0x7f0000001000ULL, 0), 0);
	assert_int_equal(last_flush_va, 0x7f0000001000ULL);
	/* An address the guest cannot name is no entry to drop. */
	assert_int_equal(op1(MMUEXT_INVLPG_LOCAL, GVA_HYP, 0), 0);
	assert_int_equal(nr_flush_local, 2);
	assert_int_equal(op1(MMUEXT_TLB_FLUSH_ALL, 0, 0), 0);
	assert_int_equal(op1(MMUEXT_INVLPG_ALL, GVA_NONCANON, 0), 0);
	assert_int_equal(last_flush_va, 0);
	op.arg2.vcpumask.p = &mask;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), 0);
	assert_int_equal(nr_flush_all, 3);
	/* An unreadable vCPU mask: Xen's -EINVAL, nothing flushed. */
	op.cmd = MMUEXT_INVLPG_MULTI;
	op.arg2.vcpumask.p = (void *)GVA_HYP;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), -EINVAL);
	op.arg2.vcpumask.p = NULL;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), -EINVAL);
	assert_int_equal(nr_flush_all, 3);
	/* No domain here may flush the host's caches. */
	assert_int_equal(op1(MMUEXT_FLUSH_CACHE, 0, 0), -EACCES);
	assert_int_equal(op1(MMUEXT_FLUSH_CACHE_GLOBAL, 0, 0), -EACCES);
}

static void test_set_ldt(void **state)
{
	struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };

	op.arg1.linear_addr = 0x7f0000200000ULL;
	op.arg2.nr_ents = PV_LDT_ENTRIES_MAX;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), 0);
	op.arg2.nr_ents = PV_LDT_ENTRIES_MAX + 1;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), -EINVAL);
	op.arg2.nr_ents = 1;
	op.arg1.linear_addr = 0x7f0000200008ULL;   /* not page-aligned */
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), -EINVAL);
	op.arg1.linear_addr = GVA_HYP;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), -EINVAL);
	op.arg1.linear_addr = GVA_NONCANON - 4096;   /* runs off the lower half */
	op.arg2.nr_ents = 513;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &dom, &op), -EINVAL);
	assert_int_equal(nr_set_ldt, 1);
}

/* Ops on another domain's frames: pins and pages only. */
static void test_other_owner(void **state)
{
	static const unsigned int own_only[] = {
		MMUEXT_NEW_BASEPTR, MMUEXT_NEW_USER_BASEPTR, MMUEXT_TLB_FLUSH_LOCAL,
		MMUEXT_INVLPG_LOCAL, MMUEXT_TLB_FLUSH_MULTI, MMUEXT_INVLPG_MULTI,
		MMUEXT_TLB_FLUSH_ALL, MMUEXT_INVLPG_ALL, MMUEXT_FLUSH_CACHE,
		MMUEXT_FLUSH_CACHE_GLOBAL, MMUEXT_SET_LDT,
	};
	struct mmuext_op op = { .cmd = MMUEXT_PIN_L1_TABLE };

	frames_snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(own_only); i++) {
		op.cmd = own_only[i];
		op.arg1.mfn = FOREIGN_MFN;
		assert_int_equal(pv_mmuext_one(&vcpus[0], &other, &op), -EPERM);
	}
	assert_int_equal(nr_flush_local + nr_flush_all + nr_cr3_loads + nr_set_ldt, 0);
	assert_frames_unchanged();
	op.cmd = MMUEXT_PIN_L1_TABLE;
	assert_int_equal(pv_mmuext_one(&vcpus[0], &other, &op), 0);
	assert_int_equal(frame_info[FOREIGN_MFN].type, PGT_l1);
}

static void test_unknown(void **state)
{
	static const unsigned int bad[] = { 14, 21, 22, 0x80000000u, ~0u };

	frames_snap();
	assert_int_equal(op1(MMUEXT_MARK_SUPER, 2, 0), -EOPNOTSUPP);
	assert_int_equal(op1(MMUEXT_UNMARK_SUPER, 2, 0), -EOPNOTSUPP);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(op1(bad[i], 2, 0), -ENOSYS);
	assert_frames_unchanged();
}

/* The batch: each entry read once, the first failure stops it, *done. */
static void test_batch(void **state)
{
	struct mmuext_op ops[4] = {
		{ .cmd = MMUEXT_PIN_L1_TABLE }, { .cmd = MMUEXT_PIN_L2_TABLE },
		{ .cmd = MMUEXT_PIN_L1_TABLE }, { .cmd = MMUEXT_PIN_L1_TABLE },
	};
	uint32_t done = 0xdead;

	ops[0].arg1.mfn = 2;
	ops[1].arg1.mfn = 3;
	ops[2].arg1.mfn = 2;   /* already pinned */
	ops[3].arg1.mfn = 4;
	nr_copy_in = 0;
	assert_int_equal(do_mmuext_op(GVA(ops), 4, GVA(&done), DOMID_SELF), -EINVAL);
	assert_int_equal(done, 2);
	assert_int_equal(nr_copy_in, 3);
	assert_int_equal(frame_info[4].type_count, 0);
	/* The entries run into an unmapped page at the fourth. */
	ops[2].arg1.mfn = 5;
	hole_start = GVA(&ops[3]);
	hole_end = hole_start + 1;
	assert_int_equal(do_mmuext_op(GVA(&ops[2]), 2, GVA(&done), DOMID_SELF), -EFAULT);
	assert_int_equal(done, 1);
	hole_start = hole_end = 0;
	/* A continuation: the count's top bit, *done carried on. */
	ops[3].cmd = MMUEXT_UNPIN_TABLE;
	ops[3].arg1.mfn = 5;
	done = 7;
	assert_int_equal(do_mmuext_op(GVA(&ops[3]), 1 | MMU_UPDATE_PREEMPTED, GVA(&done),
				      DOMID_SELF), 0);
	assert_int_equal(done, 8);
	/* A faulting *done is ignored: the operations stand. */
	assert_int_equal(do_mmuext_op(GVA(&ops[3]), 0, GVA_HYP, DOMID_SELF), 0);
	assert_int_equal(lock_depth, 0);
}

static void test_batch_preempted(void **state)
{
	struct mmuext_op ops[3] = {
		{ .cmd = MMUEXT_TLB_FLUSH_LOCAL }, { .cmd = MMUEXT_TLB_FLUSH_LOCAL },
		{ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
	};
	uint32_t done = 0;

	preempt_after = 2;
	assert_int_equal(do_mmuext_op(GVA(ops), 3, GVA(&done), DOMID_SELF), 0x5eed);
	assert_int_equal(done, 2);
	assert_int_equal(cont_a1, GVA(&ops[2]));
	assert_int_equal(cont_a2, 1 | MMU_UPDATE_PREEMPTED);
}

/* Xen's order: the page owner (-ESRCH), the privilege (-EPERM), and
 * DOMID_IO owns no page tables (-EINVAL). Nothing is read before. */
static void test_batch_owner(void **state)
{
	struct mmuext_op op = { .cmd = MMUEXT_PIN_L1_TABLE };

	op.arg1.mfn = FOREIGN_MFN;
	nr_copy_in = 0;
	assert_int_equal(do_mmuext_op(GVA(&op), 1, 0, 77), -ESRCH);
	assert_int_equal(do_mmuext_op(GVA(&op), 1, 0, 2), -EPERM);
	dom.is_privileged = true;
	assert_int_equal(do_mmuext_op(GVA(&op), 1, 0, DOMID_IO), -EINVAL);
	assert_int_equal(nr_copy_in, 0);
	assert_int_equal(do_mmuext_op(GVA(&op), 1, 0, 2), 0);
	assert_int_equal(frame_info[FOREIGN_MFN].type, PGT_l1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_pin, setup),
		cmocka_unit_test_setup(test_pin_rejects, setup),
		cmocka_unit_test_setup(test_baseptr, setup),
		cmocka_unit_test_setup(test_pages, setup),
		cmocka_unit_test_setup(test_flushes, setup),
		cmocka_unit_test_setup(test_set_ldt, setup),
		cmocka_unit_test_setup(test_other_owner, setup),
		cmocka_unit_test_setup(test_unknown, setup),
		cmocka_unit_test_setup(test_batch, setup),
		cmocka_unit_test_setup(test_batch_preempted, setup),
		cmocka_unit_test_setup(test_batch_owner, setup),
	};

	return RUN(tests);
}
