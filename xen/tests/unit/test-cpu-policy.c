/* SPDX-License-Identifier: GPL-2.0 */
/* CPU policies as the toolstack exchanges them (pv/cpu-policy.c), over a
 * fake PV maximum: Xen's serialised order and round trip, the merge's
 * range checks and culprits, the MSR rules, the compatibility audit,
 * featureset words, and what a domain's CPUID answers under a policy
 * (features only taken away, other registers the policy's, leaves past
 * the policy's maxima zero). Guest copies are plain memcpy here. */
#include "helpers.h"
#include <asm/pv/cpu-policy.h>
#include <public/xen.h>
#include <xeno/errno.h>

#define BAD_GADDR 0xdead0000ull
#define NO_SUB XEN_CPUID_NO_SUBLEAF

int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
	if (gva == BAD_GADDR)
		return -EFAULT;
	memcpy(dst, (const void *)(uintptr_t)gva, len);
	return 0;
}

int copy_to_guest(uint64_t gva, const void *src, size_t len)
{
	if (gva == BAD_GADDR)
		return -EFAULT;
	memcpy((void *)(uintptr_t)gva, src, len);
	return 0;
}

/* The fake maximum: basic leaves to 0xd, one cache level, extended to
 * 0x80000008; recognisable values elsewhere. */
void pv_cpuid_max(bool privileged, uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	memset(r, 0, 4 * sizeof(uint32_t));
	switch (leaf) {
	case 0: r[0] = 0xd; r[1] = 0x68747541; break;   /* "Auth" */
	case 1: r[0] = 0x663; r[1] = 0x00000800; r[2] = 0x80002201; r[3] = 0x0789a1f1;
		if (privileged)
			r[3] |= 1u << 9;                  /* APIC: the privileged domain's */
		break;
	case 4: if (sub == 0) r[0] = 0x121; break;      /* one cache, then type 0 */
	case 0x80000000u: r[0] = 0x80000008u; break;
	case 0x80000001u: r[2] = 0x1; r[3] = 0x20100800; break;
	case 0x80000007u: r[3] = 1u << 8; break;
	case 0x80000008u: r[0] = 0x3028; break;
	default: break;
	}
}

static struct cpu_policy max, p, q;
static xen_cpuid_leaf_t buf[CPUID_MAX_SERIALISED_LEAVES + 1];
static xen_msr_entry_t msrs[3];

static int setup(void **state)
{
	cpu_policy_build(&max, CPU_POLICY_PV);
	memset(&p, 0, sizeof(p));
	memset(&q, 0, sizeof(q));
	memset(buf, 0, sizeof(buf));
	return 0;
}

static uint64_t ga(const void *x)
{
	return (uint64_t)(uintptr_t)x;
}

static void test_serialised_in_xens_order(void **state)
{
	uint32_t n = CPUID_MAX_SERIALISED_LEAVES;

	assert_int_equal(cpu_policy_leaves_out(&max, ga(buf), &n), 0);
	/* 0-3, 4:0, 4:1, 5-6, 7:0, 8-0xa, 0xb:0, 0xc, 0xd:0, 0xd:1, two hv, 9 extended */
	assert_int_equal(buf[0].leaf, 0);
	assert_int_equal(buf[0].subleaf, NO_SUB);
	assert_int_equal(buf[4].leaf, 4);
	assert_int_equal(buf[4].subleaf, 0);
	assert_int_equal(buf[5].leaf, 4);
	assert_int_equal(buf[5].subleaf, 1);            /* the type-0 terminator */
	assert_int_equal(buf[n - 10].leaf, 0x40000100u);
	assert_int_equal(buf[n - 9].leaf, 0x80000000u);
	assert_int_equal(buf[n - 1].leaf, 0x80000008u);
	assert_int_equal(n, 16 + 2 + 9);
}

static void test_short_buffer_and_bad_pointer(void **state)
{
	uint32_t n = 5;

	assert_int_equal(cpu_policy_leaves_out(&max, ga(buf), &n), -ENOBUFS);
	assert_int_equal(n, 5);                          /* unchanged on failure */
	n = CPUID_MAX_SERIALISED_LEAVES;
	assert_int_equal(cpu_policy_leaves_out(&max, BAD_GADDR, &n), -EFAULT);
	n = 1;
	assert_int_equal(cpu_policy_msrs_out(&max, ga(msrs), &n), -ENOBUFS);
}

static void test_round_trip(void **state)
{
	uint32_t n = CPUID_MAX_SERIALISED_LEAVES, el, es;

	cpu_policy_leaves_out(&max, ga(buf), &n);
	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), n, &el, &es), 0);
	assert_memory_equal(&p, &max, sizeof(p));
	assert_int_equal(el, ~0u);
}

static void test_merge_refusals(void **state)
{
	uint32_t el, es, em;

	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), CPUID_MAX_SERIALISED_LEAVES + 1, &el, &es),
			 -E2BIG);
	assert_int_equal(cpu_policy_leaves_in(&p, BAD_GADDR, 1, &el, &es), -EFAULT);
	buf[0] = (xen_cpuid_leaf_t){ 0xe, NO_SUB, 1, 2, 3, 4 };
	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), 1, &el, &es), -ERANGE);
	assert_int_equal(el, 0xe);
	assert_int_equal(es, NO_SUB);
	buf[0] = (xen_cpuid_leaf_t){ 4, CPUID_NR_CACHE, 0, 0, 0, 0 };
	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), 1, &el, &es), -ERANGE);
	assert_int_equal(es, CPUID_NR_CACHE);
	buf[0] = (xen_cpuid_leaf_t){ 0x80000022u, NO_SUB, 0, 0, 0, 0 };
	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), 1, &el, &es), -ERANGE);
	buf[0] = (xen_cpuid_leaf_t){ 0x40000000u, 0, 0, 0, 0, 0 };
	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), 1, &el, &es), -ERANGE);
	buf[0] = (xen_cpuid_leaf_t){ 0x40000000u, NO_SUB, 7, 0, 0, 0 };
	assert_int_equal(cpu_policy_leaves_in(&p, ga(buf), 1, &el, &es), 0);
	assert_int_equal(p.hv_limit, 7);

	assert_int_equal(cpu_policy_msrs_in(&p, ga(msrs), 3, &em), -E2BIG);
	msrs[0] = (xen_msr_entry_t){ .idx = MSR_ARCH_CAPABILITIES, .flags = 1 };
	assert_int_equal(cpu_policy_msrs_in(&p, ga(msrs), 1, &em), -EINVAL);
	assert_int_equal(em, MSR_ARCH_CAPABILITIES);
	msrs[0] = (xen_msr_entry_t){ .idx = MSR_INTEL_PLATFORM_INFO, .val = 1ull << 32 };
	assert_int_equal(cpu_policy_msrs_in(&p, ga(msrs), 1, &em), -EOVERFLOW);
	msrs[0] = (xen_msr_entry_t){ .idx = 0x10b };
	assert_int_equal(cpu_policy_msrs_in(&p, ga(msrs), 1, &em), -ERANGE);
	assert_int_equal(em, 0x10b);
	msrs[0] = (xen_msr_entry_t){ .idx = MSR_ARCH_CAPABILITIES, .val = 1ull << 40 };
	assert_int_equal(cpu_policy_msrs_in(&p, ga(msrs), 1, &em), 0);
	assert_true(p.arch_caps == 1ull << 40);
}

static void test_audit(void **state)
{
	uint32_t el, es, em;

	q = max;
	assert_int_equal(cpu_policy_check(&max, &q, &el, &es, &em), 0);
	q.basic[0].a = 0xe;
	assert_int_equal(cpu_policy_check(&max, &q, &el, &es, &em), -EINVAL);
	assert_int_equal(el, 0);
	q = max;
	q.feat[0].a = 1;
	assert_int_equal(cpu_policy_check(&max, &q, &el, &es, &em), -EINVAL);
	assert_int_equal(el, 7);
	assert_int_equal(es, 0);
	q = max;
	q.extd[0].a = 0x80000009u;
	assert_int_equal(cpu_policy_check(&max, &q, &el, &es, &em), -EINVAL);
	assert_int_equal(el, 0x80000000u);
	q = max;
	q.platform_info = 1u << 31;
	assert_int_equal(cpu_policy_check(&max, &q, &el, &es, &em), -EINVAL);
	assert_int_equal(em, MSR_INTEL_PLATFORM_INFO);
	q = max;
	q.basic[0].a = 4;                                 /* lower maxima are fine */
	assert_int_equal(cpu_policy_check(&max, &q, &el, &es, &em), 0);
}

static void test_featureset_words(void **state)
{
	uint32_t fs[FSCAPINTS];

	q = max;
	q.arch_caps = 0x1122334455667788ull;
	cpu_policy_featureset(&q, fs);
	assert_int_equal(fs[0], 0x0789a1f1);              /* 1.edx */
	assert_int_equal(fs[1], 0x80002201);              /* 1.ecx */
	assert_int_equal(fs[2], 0x20100800);              /* e1.edx */
	assert_int_equal(fs[3], 0x1);                     /* e1.ecx */
	assert_int_equal(fs[7], 1u << 8);                 /* e7.edx */
	assert_int_equal(fs[16], 0x55667788);
	assert_int_equal(fs[17], 0x11223344);
}

static void answer(const struct cpu_policy *pol, uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	pv_cpuid_max(false, leaf, sub, r);
	cpu_policy_apply(pol, leaf, sub, r);
}

static void test_domain_sees_policy(void **state)
{
	uint32_t r[4];

	q = max;
	q.basic[1].d &= ~1u;                              /* the toolstack hides FPU */
	q.basic[1].c |= 1u << 5;                          /* and asks for VMX: not in the max */
	q.basic[1].a = 0x777;                             /* family/model: the policy's */
	q.extd[7].d = 0;                                  /* no invariant TSC (xl's itsc) */
	answer(&q, 1, 0, r);
	assert_int_equal(r[3], 0x0789a1f0);
	assert_int_equal(r[2] & (1u << 5), 0);
	assert_int_equal(r[2], 0x80002201);
	assert_int_equal(r[0], 0x777);
	answer(&q, 0x80000007u, 0, r);
	assert_int_equal(r[3], 0);
	answer(&q, 0, 0, r);
	assert_int_equal(r[1], 0x68747541);

	q.basic[0].a = 4;                                 /* a lower maximum */
	answer(&q, 0, 0, r);
	assert_int_equal(r[0], 4);
	answer(&q, 6, 0, r);
	assert_int_equal(r[0] | r[1] | r[2] | r[3], 0);
	answer(&q, 7, 1, r);                              /* past feat's max sub-leaf */
	assert_int_equal(r[0] | r[1] | r[2] | r[3], 0);
	answer(&q, 0x80000009u, 0, r);                    /* past the extended range */
	assert_int_equal(r[0] | r[1] | r[2] | r[3], 0);
	answer(&q, 4, 0, r);                              /* sub-leaves from the policy */
	assert_int_equal(r[0], 0x121);
}

/* The privileged domain's policy (get_cpu_policy before any set) is its
 * own maximum, not an unprivileged guest's. */
static void test_privileged_build(void **state)
{
	cpu_policy_build(&q, CPU_POLICY_PV_PRIVILEGED);
	assert_int_equal(q.basic[1].d & (1u << 9), 1u << 9);
	assert_int_equal(max.basic[1].d & (1u << 9), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_serialised_in_xens_order, setup),
		cmocka_unit_test_setup(test_short_buffer_and_bad_pointer, setup),
		cmocka_unit_test_setup(test_round_trip, setup),
		cmocka_unit_test_setup(test_merge_refusals, setup),
		cmocka_unit_test_setup(test_audit, setup),
		cmocka_unit_test_setup(test_featureset_words, setup),
		cmocka_unit_test_setup(test_domain_sees_policy, setup),
		cmocka_unit_test_setup(test_privileged_build, setup),
	};

	return RUN(tests);
}
