/* SPDX-License-Identifier: MIT */
/*
 * ctlops: the domctls and sysctls Xen 4.17's xl issues beyond a domain's
 * life (toolstack/ has that), from the privileged domain, with hostile
 * inputs, and each refused to a domU.
 *
 * role=dom0: vCPU affinity (xl vcpu-pin) with Xen's bitmap rules and
 * codes, and the pin obeyed: a new domain's vCPU and dom0's own running
 * vCPU move to the CPU they are pinned to and stay there; node affinity;
 * credit2's weight, cap and rate limit (xl sched-credit2), the scheduler
 * named credit2 by sched_id and the pool; address size (64 only); TSC
 * mode; the CPU policies (sysctl get_cpu_policy, get_cpu_featureset,
 * domctl get/set_cpu_policy) with Xen's -ERANGE/-E2BIG/-EINVAL and the
 * culprit named, a feature hidden by the toolstack gone from the
 * domain's policy, and no change once the domain has run (-EEXIST);
 * the console history as xl dmesg reads it (incremental, clear) and
 * debug keys run from xl debug-keys (the grant-table key's lines, a
 * batch longer than one call). A
 * hypervisor that ignored the pin would leave the vCPU where it was; one
 * that took any leaf would answer 0 where Xen answers -ERANGE.
 *
 * role=domU: every one of these is -EPERM.
 */
#include <public/domctl.h>
#include <public/physdev.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include "guest.h"

#define NR_LEAVES_MAX 120   /* Xen 4.17's CPUID_MAX_SERIALISED_LEAVES */
#define FSCAPINTS     19

static struct xen_domctl op;
static struct xen_sysctl sop;
static xen_cpuid_leaf_t leaves[NR_LEAVES_MAX + 1];
static xen_msr_entry_t msrs[3];
static uint32_t fs[FSCAPINTS + 1];
static uint8_t map_hard[16], map_soft[16];

static long domctl(uint32_t cmd, domid_t dom)
{
	op.cmd = cmd;
	op.domain = dom;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	return hypercall1(__HYPERVISOR_domctl, gva(&op));
}

static long sysctl(uint32_t cmd)
{
	sop.cmd = cmd;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	return hypercall1(__HYPERVISOR_sysctl, gva(&sop));
}

static long create(domid_t *id)
{
	struct xen_domctl_createdomain *c = &op.u.createdomain;
	long rc;

	memset(&op, 0, sizeof(op));
	c->max_vcpus = 2;
	c->max_evtchn_port = 1023;
	c->max_grant_frames = -1;
	c->max_maptrack_frames = -1;
	c->grant_opts = XEN_DOMCTL_GRANT_version(2);
	rc = domctl(XEN_DOMCTL_createdomain, 0);
	*id = op.domain;
	return rc;
}

static long destroy(domid_t id)
{
	long rc;
	unsigned int tries = 0;

	while ((rc = domctl(XEN_DOMCTL_destroydomain, id)) == -XEN_EAGAIN && ++tries < 1000000)
		;
	return rc;
}

/* setvcpuaffinity/getvcpuaffinity with 'bits' bits in each map. */
static long affinity(uint32_t cmd, domid_t id, uint32_t vcpu, uint32_t flags, uint32_t bits)
{
	memset(&op, 0, sizeof(op));
	op.u.vcpuaffinity.vcpu = vcpu;
	op.u.vcpuaffinity.flags = flags;
	op.u.vcpuaffinity.cpumap_hard.bitmap.p = map_hard;
	op.u.vcpuaffinity.cpumap_hard.nr_bits = bits;
	op.u.vcpuaffinity.cpumap_soft.bitmap.p = map_soft;
	op.u.vcpuaffinity.cpumap_soft.nr_bits = bits;
	return domctl(cmd, id);
}

static long vcpu_cpu(domid_t id, uint32_t vcpu)
{
	memset(&op, 0, sizeof(op));
	op.u.getvcpuinfo.vcpu = vcpu;
	if (domctl(XEN_DOMCTL_getvcpuinfo, id))
		return -1;
	return op.u.getvcpuinfo.cpu;
}

static void affinity_cases(domid_t id)
{
	const uint32_t H = XEN_VCPUAFFINITY_HARD, S = XEN_VCPUAFFINITY_SOFT;
	bool stayed = true;

	map_hard[0] = 1;
	expect_rc("dom0/affinity-vcpu-2", affinity(XEN_DOMCTL_setvcpuaffinity, id, 2, H, 8), -XEN_EINVAL);
	expect_rc("dom0/affinity-no-flags", affinity(XEN_DOMCTL_setvcpuaffinity, id, 0, 0, 8), -XEN_EINVAL);
	affinity(XEN_DOMCTL_setvcpuaffinity, id, 0, H, 8);   /* warm op up */
	op.u.vcpuaffinity.cpumap_hard.bitmap.p = NULL;
	expect_rc("dom0/affinity-null-map", domctl(XEN_DOMCTL_setvcpuaffinity, id), -XEN_EINVAL);
	map_hard[0] = 0x80;   /* CPU 7: not online (2 CPUs) */
	expect_rc("dom0/affinity-offline-cpus", affinity(XEN_DOMCTL_setvcpuaffinity, id, 0, H, 8),
		  -XEN_EINVAL);
	map_hard[0] = 0xfe;   /* only bit 0 is counted: nr_bits 1 */
	expect_rc("dom0/affinity-bits-past-count", affinity(XEN_DOMCTL_setvcpuaffinity, id, 0, H, 1),
		  -XEN_EINVAL);
	affinity(XEN_DOMCTL_setvcpuaffinity, id, 0, H, 8);
	op.u.vcpuaffinity.cpumap_hard.bitmap.p = (void *)HV_RANGE_START;
	expect_rc("dom0/affinity-hypervisor-pointer", domctl(XEN_DOMCTL_setvcpuaffinity, id),
		  -XEN_EFAULT);

	/* Pin vCPU 1 of the new domain to CPU 1: it goes there at once. */
	map_hard[0] = 2;
	map_soft[0] = 3;
	if (expect_ok("dom0/affinity-pin", affinity(XEN_DOMCTL_setvcpuaffinity, id, 1, H | S, 8))) {
		expect_eq("dom0/affinity-hard-echoed", map_hard[0], 2);
		expect_eq("dom0/affinity-soft-within-hard", map_soft[0], 2);
	}
	expect_eq("dom0/affinity-pin-moves", vcpu_cpu(id, 1), 1);
	memset(map_hard, 0xff, sizeof(map_hard));
	memset(map_soft, 0xff, sizeof(map_soft));
	if (expect_ok("dom0/affinity-get", affinity(XEN_DOMCTL_getvcpuaffinity, id, 1, H | S, 128))) {
		expect_eq("dom0/affinity-get-hard", map_hard[0], 2);
		expect_eq("dom0/affinity-get-soft", map_soft[0], 3);
		expect_eq("dom0/affinity-get-zero-padded", map_hard[1] | map_hard[15], 0);
	}
	map_hard[0] = 1;
	affinity(XEN_DOMCTL_setvcpuaffinity, id, 1, H, 8);
	expect_eq("dom0/affinity-repin-moves", vcpu_cpu(id, 1), 0);

	/* Our own running vCPU: pinned to CPU 1, it runs there from the
	 * hypercall's return on, and stays. */
	map_hard[0] = 2;
	if (!expect_ok("dom0/affinity-pin-self", affinity(XEN_DOMCTL_setvcpuaffinity, 0, 0, H, 8)))
		return;
	for (unsigned int i = 0; i < 20; i++) {
		hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
		stayed &= vcpu_cpu(0, 0) == 1;
	}
	expect_true("dom0/affinity-self-runs-on-cpu-1", stayed, "seen on CPU %ld", vcpu_cpu(0, 0));
	map_hard[0] = 1;
	affinity(XEN_DOMCTL_setvcpuaffinity, 0, 0, H, 8);
	expect_eq("dom0/affinity-self-back-on-cpu-0", vcpu_cpu(0, 0), 0);
	map_hard[0] = 3;
	affinity(XEN_DOMCTL_setvcpuaffinity, 0, 0, H, 8);
}

static void node_cases(domid_t id)
{
	memset(&op, 0, sizeof(op));
	map_hard[0] = 2;   /* node 1 only: there is none */
	op.u.nodeaffinity.nodemap.bitmap.p = map_hard;
	op.u.nodeaffinity.nodemap.nr_bits = 8;
	expect_rc("dom0/node-affinity-no-node-0", domctl(XEN_DOMCTL_setnodeaffinity, id), -XEN_EINVAL);
	map_hard[0] = 1;
	expect_ok("dom0/node-affinity-node-0", domctl(XEN_DOMCTL_setnodeaffinity, id));
	map_hard[0] = 0xff;
	op.u.nodeaffinity.nodemap.nr_bits = 8;
	if (expect_ok("dom0/node-affinity-get", domctl(XEN_DOMCTL_getnodeaffinity, id)))
		expect_eq("dom0/node-affinity-get-map", map_hard[0], 1);
}

static long sched_op(domid_t id, uint32_t sched, uint32_t cmd, uint16_t weight, uint16_t cap)
{
	memset(&op, 0, sizeof(op));
	op.u.scheduler_op.sched_id = sched;
	op.u.scheduler_op.cmd = cmd;
	op.u.scheduler_op.u.credit2.weight = weight;
	op.u.scheduler_op.u.credit2.cap = cap;
	return domctl(XEN_DOMCTL_scheduler_op, id);
}

static void sched_cases(domid_t id)
{
	const uint32_t C2 = XEN_SCHEDULER_CREDIT2;

	memset(&sop, 0, sizeof(sop));
	if (expect_ok("dom0/sched-id", sysctl(XEN_SYSCTL_sched_id)))
		expect_eq("dom0/sched-id-credit2", sop.u.sched_id.sched_id, C2);
	memset(&sop, 0, sizeof(sop));
	sop.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_INFO;
	if (expect_ok("dom0/pool-info", sysctl(XEN_SYSCTL_cpupool_op)))
		expect_eq("dom0/pool-sched-credit2", sop.u.cpupool_op.sched_id, C2);

	expect_rc("dom0/sched-wrong-scheduler", sched_op(id, XEN_SCHEDULER_CREDIT,
		  XEN_DOMCTL_SCHEDOP_getinfo, 0, 0), -XEN_EINVAL);
	expect_rc("dom0/sched-bad-cmd", sched_op(id, C2, 7, 0, 0), -XEN_EINVAL);
	expect_rc("dom0/sched-vcpuinfo", sched_op(id, C2, XEN_DOMCTL_SCHEDOP_getvcpuinfo, 0, 0),
		  -XEN_EINVAL);
	if (expect_ok("dom0/sched-get", sched_op(id, C2, XEN_DOMCTL_SCHEDOP_getinfo, 0, 0)))
		expect_eq("dom0/sched-default-weight", op.u.scheduler_op.u.credit2.weight, 256);
	expect_ok("dom0/sched-put", sched_op(id, C2, XEN_DOMCTL_SCHEDOP_putinfo, 512, 150));
	expect_rc("dom0/sched-cap-past-vcpus", sched_op(id, C2, XEN_DOMCTL_SCHEDOP_putinfo, 0, 201),
		  -XEN_EINVAL);
	if (expect_ok("dom0/sched-get-again", sched_op(id, C2, XEN_DOMCTL_SCHEDOP_getinfo, 0, 0))) {
		expect_eq("dom0/sched-weight-kept", op.u.scheduler_op.u.credit2.weight, 512);
		expect_eq("dom0/sched-cap-kept", op.u.scheduler_op.u.credit2.cap, 150);
	}

	memset(&sop, 0, sizeof(sop));
	sop.u.scheduler_op.sched_id = C2;
	sop.u.scheduler_op.cmd = XEN_SYSCTL_SCHEDOP_getinfo;
	if (expect_ok("dom0/sched-ratelimit-get", sysctl(XEN_SYSCTL_scheduler_op)))
		expect_eq("dom0/sched-ratelimit-default", sop.u.scheduler_op.u.sched_credit2.ratelimit_us,
			  1000);
	sop.u.scheduler_op.cmd = XEN_SYSCTL_SCHEDOP_putinfo;
	sop.u.scheduler_op.u.sched_credit2.ratelimit_us = 50;
	expect_rc("dom0/sched-ratelimit-too-small", sysctl(XEN_SYSCTL_scheduler_op), -XEN_EINVAL);
	sop.u.scheduler_op.cpupool_id = 1;
	expect_rc("dom0/sched-ratelimit-no-pool", sysctl(XEN_SYSCTL_scheduler_op), -XEN_ESRCH);
}

/* xl mem-max: KiB to pages, clamped to Xen's 32-bit count, never refused. */
static void max_mem_cases(domid_t id)
{
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = 1024;
	expect_ok("dom0/max-mem-1m", domctl(XEN_DOMCTL_max_mem, id));
	domctl(XEN_DOMCTL_getdomaininfo, id);
	expect_eq("dom0/max-mem-1m-pages", op.u.getdomaininfo.max_pages, 256);
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = ~0ull;
	expect_ok("dom0/max-mem-unlimited", domctl(XEN_DOMCTL_max_mem, id));
	domctl(XEN_DOMCTL_getdomaininfo, id);
	expect_eq("dom0/max-mem-clamped", op.u.getdomaininfo.max_pages, 0xffffffffu);
}

static void x86_cases(domid_t id)
{
	memset(&op, 0, sizeof(op));
	op.u.address_size.size = 64;
	expect_ok("dom0/address-size-64", domctl(XEN_DOMCTL_set_address_size, id));
	op.u.address_size.size = 32;
	expect_rc("dom0/address-size-32", domctl(XEN_DOMCTL_set_address_size, id), -XEN_EOPNOTSUPP);
	op.u.address_size.size = 48;
	expect_rc("dom0/address-size-48", domctl(XEN_DOMCTL_set_address_size, id), -XEN_EINVAL);
	op.u.address_size.size = 0;
	if (expect_ok("dom0/address-size-get", domctl(XEN_DOMCTL_get_address_size, id)))
		expect_eq("dom0/address-size-is-64", op.u.address_size.size, 64);

	memset(&op, 0, sizeof(op));
	expect_ok("dom0/tsc-default", domctl(XEN_DOMCTL_settscinfo, id));
	op.u.tsc_info.tsc_mode = 1;
	expect_rc("dom0/tsc-always-emulate", domctl(XEN_DOMCTL_settscinfo, id), -XEN_EOPNOTSUPP);
	op.u.tsc_info.tsc_mode = 7;
	expect_rc("dom0/tsc-bad-mode", domctl(XEN_DOMCTL_settscinfo, id), -XEN_EINVAL);
	expect_rc("dom0/tsc-self", domctl(XEN_DOMCTL_gettscinfo, 0), -XEN_EINVAL);
	memset(&op, 0, sizeof(op));
	if (expect_ok("dom0/tsc-get", domctl(XEN_DOMCTL_gettscinfo, id))) {
		expect_eq("dom0/tsc-mode", op.u.tsc_info.tsc_mode, 0);
		expect_eq("dom0/tsc-incarnation", op.u.tsc_info.incarnation, 1);
		expect_true("dom0/tsc-khz", op.u.tsc_info.gtsc_khz > 0, "0 kHz");
	}
}

static long sys_policy(uint32_t index, uint32_t nr, void *l, void *m)
{
	memset(&sop, 0, sizeof(sop));
	sop.u.cpu_policy.index = index;
	sop.u.cpu_policy.nr_leaves = nr;
	sop.u.cpu_policy.nr_msrs = 2;
	sop.u.cpu_policy.leaves.p = l;
	sop.u.cpu_policy.msrs.p = m;
	return sysctl(XEN_SYSCTL_get_cpu_policy);
}

static long featureset(uint32_t index, uint32_t nr, void *p)
{
	memset(&sop, 0, sizeof(sop));
	sop.u.cpu_featureset.index = index;
	sop.u.cpu_featureset.nr_features = nr;
	sop.u.cpu_featureset.features.p = p;
	return sysctl(XEN_SYSCTL_get_cpu_featureset);
}

static void system_policy_cases(void)
{
	if (expect_ok("dom0/policy-size", sys_policy(0, 0, NULL, NULL))) {
		expect_eq("dom0/policy-size-leaves", sop.u.cpu_policy.nr_leaves, NR_LEAVES_MAX);
		expect_eq("dom0/policy-size-msrs", sop.u.cpu_policy.nr_msrs, 2);
	}
	expect_rc("dom0/policy-hvm", sys_policy(XEN_SYSCTL_cpu_policy_hvm_max, NR_LEAVES_MAX, leaves,
		  msrs), -XEN_EOPNOTSUPP);
	expect_rc("dom0/policy-index-6", sys_policy(6, NR_LEAVES_MAX, leaves, msrs), -XEN_EINVAL);
	sys_policy(XEN_SYSCTL_cpu_policy_pv_default, NR_LEAVES_MAX, leaves, msrs);
	sop.u.cpu_policy._rsvd = 1;
	expect_rc("dom0/policy-reserved", sysctl(XEN_SYSCTL_get_cpu_policy), -XEN_EINVAL);
	expect_rc("dom0/policy-short-buffer", sys_policy(XEN_SYSCTL_cpu_policy_pv_default, 3, leaves,
		  msrs), -XEN_ENOBUFS);
	expect_rc("dom0/policy-bad-pointer", sys_policy(XEN_SYSCTL_cpu_policy_pv_default,
		  NR_LEAVES_MAX, (void *)HV_RANGE_START, msrs), -XEN_EFAULT);
	if (expect_ok("dom0/policy-pv-default", sys_policy(XEN_SYSCTL_cpu_policy_pv_default,
						       NR_LEAVES_MAX, leaves, msrs))) {
		expect_true("dom0/policy-leaf-0-first", leaves[0].leaf == 0 &&
			    leaves[0].subleaf == XEN_CPUID_NO_SUBLEAF, "leaf %#x", leaves[0].leaf);
		expect_true("dom0/policy-count", sop.u.cpu_policy.nr_leaves > 4 &&
			    sop.u.cpu_policy.nr_leaves <= NR_LEAVES_MAX, "%u", sop.u.cpu_policy.nr_leaves);
		expect_eq("dom0/policy-msrs", msrs[0].idx == 0xce && msrs[1].idx == 0x10a, 1);
	}

	if (expect_ok("dom0/featureset-size", featureset(1, 0, NULL)))
		expect_eq("dom0/featureset-size-19", sop.u.cpu_featureset.nr_features, FSCAPINTS);
	expect_ok("dom0/featureset-host", featureset(XEN_SYSCTL_cpu_featureset_host, FSCAPINTS, fs));
	expect_true("dom0/featureset-host-fpu", fs[0] & 1, "word 0 %#x", fs[0]);
	fs[4] = 0x5a5a5a5a;
	expect_rc("dom0/featureset-short", featureset(XEN_SYSCTL_cpu_featureset_pv, 4, fs),
		  -XEN_ENOBUFS);
	expect_eq("dom0/featureset-short-count", sop.u.cpu_featureset.nr_features, 4);
	expect_eq("dom0/featureset-short-untouched", fs[4], 0x5a5a5a5a);
	expect_rc("dom0/featureset-hvm", featureset(XEN_SYSCTL_cpu_featureset_hvm, FSCAPINTS, fs),
		  -XEN_EOPNOTSUPP);
	expect_rc("dom0/featureset-index-9", featureset(9, FSCAPINTS, fs), -XEN_EINVAL);
}

static long set_policy(domid_t id, uint32_t nr_leaves, uint32_t nr_msrs)
{
	memset(&op, 0, sizeof(op));
	op.u.cpu_policy.nr_leaves = nr_leaves;
	op.u.cpu_policy.nr_msrs = nr_msrs;
	op.u.cpu_policy.leaves.p = leaves;
	op.u.cpu_policy.msrs.p = msrs;
	op.u.cpu_policy.err_leaf = op.u.cpu_policy.err_subleaf = op.u.cpu_policy.err_msr = ~0u;
	return domctl(XEN_DOMCTL_set_cpu_policy, id);
}

static long get_policy(domid_t id)
{
	memset(&op, 0, sizeof(op));
	op.u.cpu_policy.nr_leaves = NR_LEAVES_MAX;
	op.u.cpu_policy.nr_msrs = 2;
	op.u.cpu_policy.leaves.p = leaves;
	op.u.cpu_policy.msrs.p = msrs;
	return domctl(XEN_DOMCTL_get_cpu_policy, id);
}

static xen_cpuid_leaf_t *find_leaf(uint32_t n, uint32_t leaf, uint32_t sub)
{
	for (uint32_t i = 0; i < n; i++)
		if (leaves[i].leaf == leaf && leaves[i].subleaf == sub)
			return &leaves[i];
	return NULL;
}

static void domain_policy_cases(domid_t id)
{
	uint32_t n;
	xen_cpuid_leaf_t *l1;

	if (!expect_ok("dom0/domain-policy-get", get_policy(id)))
		return;
	n = op.u.cpu_policy.nr_leaves;
	l1 = find_leaf(n, 1, XEN_CPUID_NO_SUBLEAF);
	if (!expect_true("dom0/domain-policy-has-leaf-1", l1 != NULL, "setup: no leaf 1"))
		return;
	expect_rc("dom0/set-policy-self", set_policy(0, n, 0), -XEN_EINVAL);
	expect_rc("dom0/set-policy-too-many", set_policy(id, NR_LEAVES_MAX + 1, 0), -XEN_E2BIG);
	expect_rc("dom0/set-policy-bad-pointer", (memset(&op, 0, sizeof(op)),
		  op.u.cpu_policy.nr_leaves = 1, op.u.cpu_policy.leaves.p = (void *)HV_RANGE_START,
		  domctl(XEN_DOMCTL_set_cpu_policy, id)), -XEN_EFAULT);

	leaves[n] = (xen_cpuid_leaf_t){ 0x20, XEN_CPUID_NO_SUBLEAF, 0, 0, 0, 0 };
	expect_rc("dom0/set-policy-leaf-0x20", set_policy(id, n + 1, 0), -XEN_ERANGE);
	expect_eq("dom0/set-policy-leaf-0x20-named", op.u.cpu_policy.err_leaf, 0x20);
	leaves[n] = (xen_cpuid_leaf_t){ 1, 0, 0, 0, 0, 0 };
	expect_rc("dom0/set-policy-leaf-1-subleaf", set_policy(id, n + 1, 0), -XEN_ERANGE);
	expect_eq("dom0/set-policy-leaf-1-subleaf-named", op.u.cpu_policy.err_subleaf, 0);
	leaves[n] = (xen_cpuid_leaf_t){ 0, XEN_CPUID_NO_SUBLEAF, 0x1f, 0, 0, 0 };
	expect_rc("dom0/set-policy-max-leaf-up", set_policy(id, n + 1, 0), -XEN_EINVAL);
	expect_eq("dom0/set-policy-max-leaf-named", op.u.cpu_policy.err_leaf, 0);
	msrs[0] = (xen_msr_entry_t){ .idx = 0xce, .flags = 1 };
	expect_rc("dom0/set-policy-msr-flags", set_policy(id, n, 1), -XEN_EINVAL);
	expect_eq("dom0/set-policy-msr-flags-named", op.u.cpu_policy.err_msr, 0xce);
	msrs[0] = (xen_msr_entry_t){ .idx = 0x123 };
	expect_rc("dom0/set-policy-msr-unknown", set_policy(id, n, 1), -XEN_ERANGE);
	msrs[0] = (xen_msr_entry_t){ .idx = 0xce, .val = 1ull << 40 };
	expect_rc("dom0/set-policy-msr-overflow", set_policy(id, n, 1), -XEN_EOVERFLOW);
	msrs[0] = (xen_msr_entry_t){ .idx = 0xce, .val = 1u << 31 };   /* CPUID faulting */
	expect_rc("dom0/set-policy-faulting", set_policy(id, n, 1), -XEN_EINVAL);
	expect_rc("dom0/set-policy-three-msrs", set_policy(id, n, 3), -XEN_E2BIG);

	/* The toolstack hides a feature (leaf 1 EDX bit 0, FPU, which every
	 * CPU has): the domain's policy lacks it from then on. */
	l1->d &= ~1u;
	expect_ok("dom0/set-policy", set_policy(id, n, 0));
	if (expect_ok("dom0/domain-policy-get-again", get_policy(id))) {
		l1 = find_leaf(op.u.cpu_policy.nr_leaves, 1, XEN_CPUID_NO_SUBLEAF);
		expect_true("dom0/domain-policy-fpu-hidden", l1 && !(l1->d & 1), "leaf 1 edx %#x",
			    l1 ? l1->d : 0);
	}
	domctl(XEN_DOMCTL_unpausedomain, id);
	get_policy(id);
	expect_rc("dom0/set-policy-after-run", set_policy(id, op.u.cpu_policy.nr_leaves, 0),
		  -XEN_EEXIST);
}

static char ring[20000];

/* readconsole into ring[] (NUL-terminated); the count, or -1. */
static long readconsole(bool clear, bool incremental, uint32_t *index)
{
	memset(&sop, 0, sizeof(sop));
	sop.u.readconsole.clear = clear;
	sop.u.readconsole.incremental = incremental;
	sop.u.readconsole.index = index ? *index : 0;
	sop.u.readconsole.buffer.p = ring;
	sop.u.readconsole.count = sizeof(ring) - 1;
	if (sysctl(XEN_SYSCTL_readconsole))
		return -1;
	ring[sop.u.readconsole.count] = 0;
	if (index)
		*index = sop.u.readconsole.index;
	return sop.u.readconsole.count;
}

static bool ring_has(const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = ring; *p; p++)
		if (strncmp(p, needle, n) == 0)
			return true;
	return false;
}

static unsigned int ring_count(const char *needle)
{
	size_t n = strlen(needle);
	unsigned int c = 0;

	for (const char *p = ring; *p; p++)
		c += strncmp(p, needle, n) == 0;
	return c;
}

static long debug_keys(const char *keys, uint32_t n)
{
	memset(&sop, 0, sizeof(sop));
	sop.u.debug_keys.keys.p = keys;
	sop.u.debug_keys.nr_keys = n;
	return sysctl(XEN_SYSCTL_debug_keys);
}

/* xl dmesg [-c] and xl debug-keys: the hypervisor's console history. */
static void console_cases(void)
{
	uint32_t idx = 0;
	static const char seventeen[] = "ggggggggggggggggg";

	printf("ctlops marker one\n");
	expect_true("dom0/dmesg-has-marker", readconsole(false, true, &idx) > 0 &&
		    ring_has("(d0) ctlops marker one"), "marker not read");
	printf("ctlops marker two\n");
	expect_true("dom0/dmesg-incremental", readconsole(false, true, &idx) > 0 &&
		    ring_has("ctlops marker two") && !ring_has("ctlops marker one"),
		    "read from the wrong place");
	expect_true("dom0/dmesg-full-again", readconsole(false, false, NULL) > 0 &&
		    ring_has("ctlops marker one"), "history lost without a clear");
	expect_true("dom0/dmesg-clear", readconsole(true, false, NULL) > 0, "nothing read");
	expect_true("dom0/dmesg-cleared", readconsole(false, false, NULL) >= 0 &&
		    !ring_has("ctlops marker"), "cleared bytes read again");
	memset(&sop, 0, sizeof(sop));
	sop.u.readconsole.buffer.p = (void *)HV_RANGE_START;
	sop.u.readconsole.count = 100;
	printf("ctlops something to read\n");
	expect_rc("dom0/dmesg-bad-pointer", sysctl(XEN_SYSCTL_readconsole), -XEN_EFAULT);

	readconsole(true, false, NULL);
	expect_ok("dom0/debug-keys-g", debug_keys("g", 1));
	expect_true("dom0/debug-keys-g-output", readconsole(false, false, NULL) > 0 &&
		    ring_has("d0 grant table: ") && ring_has("maptrack 0 of "),
		    "no grant-table line");
	readconsole(true, false, NULL);
	expect_ok("dom0/debug-keys-17", debug_keys(seventeen, 17));
	readconsole(false, false, NULL);
	expect_eq("dom0/debug-keys-17-all-run", ring_count("d0 grant table: "), 17);
	expect_rc("dom0/debug-keys-bad-pointer", debug_keys((void *)HV_RANGE_START, 2), -XEN_EFAULT);
	expect_ok("dom0/debug-keys-none", debug_keys(NULL, 0));
}

static struct xen_sysctl_cputopo topo[4];

/* xl info and xl info -n: the topology adds up, a short buffer gets
 * nothing but the count (as Xen), every CPU is in pool 0. */
static void topology_cases(void)
{
	uint32_t tpc, cps, nr;
	unsigned int sockets = 0;
	uint8_t freemap[8];

	memset(&sop, 0, sizeof(sop));
	if (!expect_ok("dom0/physinfo", sysctl(XEN_SYSCTL_physinfo)))
		return;
	tpc = sop.u.physinfo.threads_per_core;
	cps = sop.u.physinfo.cores_per_socket;
	nr = sop.u.physinfo.nr_cpus;
	expect_eq("dom0/physinfo-cpus", nr, 2);
	expect_true("dom0/physinfo-hw-cap", sop.u.physinfo.hw_cap[0] & 1, "no FPU in word 0");
	memset(&sop, 0, sizeof(sop));
	memset(topo, 0xee, sizeof(topo));
	sop.u.cputopoinfo.num_cpus = 1;
	sop.u.cputopoinfo.cputopo.p = topo;
	expect_rc("dom0/cputopo-short", sysctl(XEN_SYSCTL_cputopoinfo), -XEN_ENOBUFS);
	expect_eq("dom0/cputopo-short-count", sop.u.cputopoinfo.num_cpus, nr);
	expect_eq("dom0/cputopo-short-untouched", topo[0].core, 0xeeeeeeee);
	sop.u.cputopoinfo.num_cpus = 4;
	if (expect_ok("dom0/cputopo", sysctl(XEN_SYSCTL_cputopoinfo))) {
		for (unsigned int c = 0; c < nr && c < 4; c++) {
			bool seen = false;

			for (unsigned int o = 0; o < c; o++)
				seen |= topo[o].socket == topo[c].socket;
			sockets += !seen;
		}
		expect_true("dom0/topology-adds-up", tpc && cps && sockets * cps * tpc == nr,
			    "%u sockets x %u cores x %u threads for %u CPUs", sockets, cps, tpc, nr);
	}
	memset(&sop, 0, sizeof(sop));
	memset(freemap, 0xff, sizeof(freemap));
	sop.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_FREEINFO;
	sop.u.cpupool_op.cpumap.bitmap.p = freemap;
	sop.u.cpupool_op.cpumap.nr_bits = 64;
	if (expect_ok("dom0/pool-freeinfo", sysctl(XEN_SYSCTL_cpupool_op)))
		expect_eq("dom0/pool-no-free-cpus", freemap[0] | freemap[7], 0);
}

/* xl info -n's device list: every device gets "no node" (Xen's answer
 * without proximity data); NULL arrays -EINVAL, bad ones -EFAULT. */
static void pcitopo_cases(void)
{
	static physdev_pci_device_t devs[3] = { { 0, 0, 0x08 }, { 0, 0, 0x10 }, { 0, 1, 0 } };
	static uint32_t nodes[3];

	memset(&sop, 0, sizeof(sop));
	sop.u.pcitopoinfo.num_devs = 3;
	expect_rc("dom0/pcitopo-null", sysctl(XEN_SYSCTL_pcitopoinfo), -XEN_EINVAL);
	sop.u.pcitopoinfo.devs.p = devs;
	sop.u.pcitopoinfo.nodes.p = nodes;
	if (expect_ok("dom0/pcitopo", sysctl(XEN_SYSCTL_pcitopoinfo))) {
		expect_eq("dom0/pcitopo-count", sop.u.pcitopoinfo.num_devs, 3);
		expect_eq("dom0/pcitopo-no-node", nodes[0] == XEN_INVALID_NODE_ID &&
			  nodes[2] == XEN_INVALID_NODE_ID, 1);
	}
	sop.u.pcitopoinfo.nodes.p = (void *)HV_RANGE_START;
	expect_rc("dom0/pcitopo-bad-pointer", sysctl(XEN_SYSCTL_pcitopoinfo), -XEN_EFAULT);
}

static void domu_cases(void)
{
	static const struct { const char *name; uint32_t cmd; } dom[] = {
		{ "domU/setvcpuaffinity", XEN_DOMCTL_setvcpuaffinity },
		{ "domU/getvcpuaffinity", XEN_DOMCTL_getvcpuaffinity },
		{ "domU/setnodeaffinity", XEN_DOMCTL_setnodeaffinity },
		{ "domU/scheduler-op", XEN_DOMCTL_scheduler_op },
		{ "domU/set-address-size", XEN_DOMCTL_set_address_size },
		{ "domU/get-address-size", XEN_DOMCTL_get_address_size },
		{ "domU/settscinfo", XEN_DOMCTL_settscinfo },
		{ "domU/gettscinfo", XEN_DOMCTL_gettscinfo },
		{ "domU/get-cpu-policy", XEN_DOMCTL_get_cpu_policy },
		{ "domU/set-cpu-policy", XEN_DOMCTL_set_cpu_policy },
	};
	static const struct { const char *name; uint32_t cmd; } sys[] = {
		{ "domU/sysctl-sched-id", XEN_SYSCTL_sched_id },
		{ "domU/sysctl-scheduler-op", XEN_SYSCTL_scheduler_op },
		{ "domU/sysctl-get-cpu-policy", XEN_SYSCTL_get_cpu_policy },
		{ "domU/sysctl-get-cpu-featureset", XEN_SYSCTL_get_cpu_featureset },
		{ "domU/sysctl-readconsole", XEN_SYSCTL_readconsole },
		{ "domU/sysctl-debug-keys", XEN_SYSCTL_debug_keys },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(dom); i++) {
		memset(&op, 0, sizeof(op));
		expect_rc(dom[i].name, domctl(dom[i].cmd, DOMID_SELF), -XEN_EPERM);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(sys); i++) {
		memset(&sop, 0, sizeof(sop));
		expect_rc(sys[i].name, sysctl(sys[i].cmd), -XEN_EPERM);
	}
}

void test_main(void)
{
	domid_t id = 0;

	if (!has_word(guest_cmdline(), "role=dom0")) {
		domu_cases();
		return;
	}
	system_policy_cases();
	console_cases();
	topology_cases();
	pcitopo_cases();
	if (!expect_ok("dom0/create", create(&id)))
		return;
	affinity_cases(id);
	node_cases(id);
	sched_cases(id);
	x86_cases(id);
	max_mem_cases(id);
	domain_policy_cases(id);
	expect_ok("dom0/destroy", destroy(id));
}
