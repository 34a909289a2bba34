/* SPDX-License-Identifier: GPL-2.0 */
/* XENMEM_claim_pages (common/memory-claim.c) against a fake pool: Xen's
 * argument checks and codes in order, one claim per domain, claims that
 * must exceed the domain's pages and fit its maximum and the free memory
 * not claimed by others, a claim shrinking as frames are given, and other
 * domains' allocations refused when they would eat a claim. */
#include "helpers.h"
#include <public/memory.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/memory-claim.h>
#include <xeno/setup.h>

struct domain *domain_list[MAX_DOMAINS];
struct frame_pool xen_frames;

static struct domain dom0 = { .domain_id = 0, .is_privileged = true, .state = DOMAIN_RUNNING };
static struct domain a = { .domain_id = 1, .state = DOMAIN_RUNNING };
static struct domain b = { .domain_id = 2, .state = DOMAIN_RUNNING };

/* The guest's argument: a reservation at a fake address. */
static struct xen_memory_reservation arg;
static bool fault;
#define ARG_GVA 0x1000

int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
	if (fault || gva != ARG_GVA || len != sizeof(arg))
		return -EFAULT;
	memcpy(dst, &arg, len);
	return 0;
}

static long claim(struct domain *self, domid_t id, uint64_t pages)
{
	memset(&arg, 0, sizeof(arg));
	arg.domid = id;
	arg.nr_extents = pages;
	return memory_claim_op(self, 0, ARG_GVA);
}

static int setup(void **state)
{
	(void)state;
	memset(domain_list, 0, sizeof(domain_list));
	domain_list[0] = &dom0;
	domain_list[1] = &a;
	domain_list[2] = &b;
	a.tot_pages = b.tot_pages = 0;
	a.max_pages = b.max_pages = 1000;
	memory_claim_cancel(&a);
	memory_claim_cancel(&b);
	xen_frames.nr_free = 500;
	fault = false;
	return 0;
}

static void test_argument_checks(void **state)
{
	(void)state;
	fault = true;
	assert_int_equal(claim(&dom0, 1, 10), -EFAULT);
	fault = false;
	memset(&arg, 0, sizeof(arg));
	arg.domid = 1;
	arg.nr_extents = 10;
	assert_int_equal(memory_claim_op(&dom0, 1, ARG_GVA), -EINVAL);   /* a continuation */
	arg.extent_order = 1;
	assert_int_equal(memory_claim_op(&dom0, 0, ARG_GVA), -EINVAL);
	arg.extent_order = 0;
	arg.mem_flags = 1;
	assert_int_equal(memory_claim_op(&dom0, 0, ARG_GVA), -EINVAL);
	arg.mem_flags = 0;
	arg.extent_start.p = (void *)0x2000;
	assert_int_equal(memory_claim_op(&dom0, 0, ARG_GVA), -EINVAL);
	assert_int_equal(claim(&dom0, 9, 10), -EINVAL);            /* no such domain */
	assert_int_equal(claim(&dom0, DOMID_SELF, 10), -EINVAL);   /* by id only */
	assert_int_equal(claim(&a, 2, 10), -EPERM);
	assert_int_equal(claim(&a, 1, 10), -EPERM);                /* even for itself */
	assert_int_equal(a.outstanding_pages, 0);
	assert_int_equal(memory_claims_outstanding(), 0);
}

static void test_claim_limits(void **state)
{
	(void)state;
	a.tot_pages = 10;
	assert_int_equal(claim(&dom0, 1, 10), -EINVAL);     /* not above what it has */
	assert_int_equal(claim(&dom0, 1, 1001), -EINVAL);   /* above its maximum */
	assert_int_equal(claim(&dom0, 1, 511), -ENOMEM);    /* 501 more than 500 free */
	assert_int_equal(claim(&dom0, 1, 510), 0);
	assert_int_equal(a.outstanding_pages, 500);
	assert_int_equal(claim(&dom0, 1, 20), -EINVAL);     /* one claim at a time */
	assert_int_equal(claim(&dom0, 2, 1), -ENOMEM);      /* nothing left unclaimed */
	assert_int_equal(claim(&dom0, 1, 0), 0);            /* cancelled */
	assert_int_equal(a.outstanding_pages, 0);
	assert_int_equal(memory_claims_outstanding(), 0);
	assert_int_equal(claim(&dom0, 2, 1), 0);
}

static void test_charging(void **state)
{
	(void)state;
	assert_int_equal(claim(&dom0, 1, 400), 0);
	/* b may take what is not claimed (100 of 500), not more. */
	assert_int_equal(memory_claim_charge(&b, 100), 0);
	xen_frames.nr_free = 400;
	assert_int_equal(memory_claim_charge(&b, 1), -ENOMEM);
	/* a's own frames come out of its claim. */
	assert_int_equal(memory_claim_charge(&a, 300), 0);
	xen_frames.nr_free = 100;
	assert_int_equal(a.outstanding_pages, 100);
	assert_int_equal(memory_claims_outstanding(), 100);
	assert_int_equal(memory_claim_charge(&b, 1), -ENOMEM);
	assert_int_equal(memory_claim_charge(&a, 100), 0);
	assert_int_equal(a.outstanding_pages, 0);
	assert_int_equal(memory_claims_outstanding(), 0);
	xen_frames.nr_free = 0;
	/* Past its claim a domain competes like any other. */
	assert_int_equal(memory_claim_charge(&a, 1), -ENOMEM);
	xen_frames.nr_free = 10;
	assert_int_equal(memory_claim_charge(&a, 1), 0);
}

static void test_cancel_on_death(void **state)
{
	(void)state;
	assert_int_equal(claim(&dom0, 1, 300), 0);
	assert_int_equal(claim(&dom0, 2, 100), 0);
	memory_claim_cancel(&a);
	assert_int_equal(memory_claims_outstanding(), 100);
	assert_int_equal(claim(&dom0, 1, 400), 0);           /* 500 - 100 claimed by b */
	assert_int_equal(claim(&dom0, 2, 0), 0);
	assert_int_equal(memory_claims_outstanding(), 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_argument_checks, setup),
		cmocka_unit_test_setup(test_claim_limits, setup),
		cmocka_unit_test_setup(test_charging, setup),
		cmocka_unit_test_setup(test_cancel_on_death, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
