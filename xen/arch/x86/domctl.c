/* SPDX-License-Identifier: GPL-2.0 */
/* The x86 domctls and sysctls xl issues (common/domctl.c and sysctl.c
 * hand over what they do not know): address size (64-bit PV only: Xeno
 * has no compat layer, so 32 is Xen's answer without one, -EOPNOTSUPP),
 * TSC mode (never emulated here), and the CPUID/MSR policies. Each sets
 * *copyback when Xen copies the struct back to the caller. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/cpu-policy.h>
#include <asm/time.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

/* Xen's TSC modes (xl.cfg tsc_mode; not in the public headers). */
#define TSC_MODE_DEFAULT         0
#define TSC_MODE_ALWAYS_EMULATE  1
#define TSC_MODE_NEVER_EMULATE   2

static long set_address_size(const struct xen_domctl_address_size *a)
{
	if (a->size == 64)
		return 0;
	return a->size == 32 ? -EOPNOTSUPP : -EINVAL;   /* no 32-bit PV */
}

/* Xeno never traps RDTSC: the guest reads the host TSC in either mode
 * it accepts. Emulation (always_emulate) is refused, not faked. */
static long settscinfo(struct domain *d, const struct xen_domctl_tsc_info *t)
{
	if (d == current_vcpu()->domain)
		return -EINVAL;
	if (d->is_privileged)
		return 0;   /* Xen: the hardware domain keeps the native TSC */
	if (t->tsc_mode == TSC_MODE_ALWAYS_EMULATE)
		return -EOPNOTSUPP;
	if (t->tsc_mode != TSC_MODE_DEFAULT && t->tsc_mode != TSC_MODE_NEVER_EMULATE)
		return -EINVAL;
	d->arch.tsc_mode = t->tsc_mode;
	d->arch.tsc_incarnation = t->incarnation + 1;
	return 0;
}

static long gettscinfo(struct domain *d, struct xen_domctl_tsc_info *t)
{
	if (d == current_vcpu()->domain)
		return -EINVAL;
	t->tsc_mode = d->arch.tsc_mode;
	t->incarnation = d->arch.tsc_incarnation;
	t->pad = 0;
	if (d->arch.tsc_mode == TSC_MODE_NEVER_EMULATE) {
		t->elapsed_nsec = 0;
		t->gtsc_khz = 0;
	} else {
		t->elapsed_nsec = system_time_ns_at(rdtsc());
		t->gtsc_khz = (uint32_t)(tsc_hz / 1000);
	}
	return 0;
}

/* A policy out to the caller's arrays, as domctl and sysctl both answer:
 * a NULL array asks for the room it needs. */
static long policy_out(const struct cpu_policy *p, uint64_t leaves, uint32_t *nr_leaves,
		       uint64_t msrs, uint32_t *nr_msrs)
{
	long rc = 0;

	if (!leaves)
		*nr_leaves = CPUID_MAX_SERIALISED_LEAVES;
	else
		rc = cpu_policy_leaves_out(p, leaves, nr_leaves);
	if (rc)
		return rc;
	if (!msrs)
		*nr_msrs = MSR_MAX_SERIALISED_ENTRIES;
	else
		rc = cpu_policy_msrs_out(p, msrs, nr_msrs);
	return rc;
}

/* XEN_DOMCTL_get_cpu_policy: the domain's (the PV maximum until set).
 * NULL arrays ask for the room needed. */
static long get_domain_policy(struct domain *d, struct xen_domctl_cpu_policy *cp)
{
	struct cpu_policy *p = xzalloc(sizeof(*p));
	long rc;

	if (!p)
		return -ENOMEM;
	if (d->arch.cpuid.valid)
		*p = d->arch.cpuid;
	else
		cpu_policy_build(p, d->is_privileged ? CPU_POLICY_PV_PRIVILEGED : CPU_POLICY_PV);
	rc = policy_out(p, (uint64_t)cp->leaves.p, &cp->nr_leaves, (uint64_t)cp->msrs.p,
			&cp->nr_msrs);
	xfree(p);
	return rc;
}

/* XEN_DOMCTL_set_cpu_policy: the toolstack's leaves and MSRs merged over
 * the domain's policy, audited against the PV maximum, before it first
 * runs (-EEXIST after). On failure err_* name the culprit. */
static long set_domain_policy(struct domain *d, struct xen_domctl_cpu_policy *cp)
{
	struct cpu_policy *max, *p;
	long rc;

	if (d == current_vcpu()->domain)
		return -EINVAL;
	if (d->creation_finished || !d->toolstack_built)
		return -EEXIST;   /* no changes once it has run */
	max = xzalloc(sizeof(*max));
	p = xzalloc(sizeof(*p));
	if (!max || !p) {
		rc = -ENOMEM;
		goto out;
	}
	cpu_policy_build(max, CPU_POLICY_PV);   /* toolstack domains are unprivileged */
	*p = d->arch.cpuid.valid ? d->arch.cpuid : *max;
	rc = cpu_policy_leaves_in(p, (uint64_t)cp->leaves.p, cp->nr_leaves, &cp->err_leaf,
				  &cp->err_subleaf);
	if (!rc)
		rc = cpu_policy_msrs_in(p, (uint64_t)cp->msrs.p, cp->nr_msrs, &cp->err_msr);
	if (!rc)
		rc = cpu_policy_check(max, p, &cp->err_leaf, &cp->err_subleaf, &cp->err_msr);
	if (!rc) {
		p->valid = true;
		d->arch.cpuid = *p;
	}
out:
	xfree(max);
	xfree(p);
	return rc;
}

long arch_do_domctl(struct domain *d, struct xen_domctl *op, bool *copyback)
{
	long rc;

	switch (op->cmd) {
	case XEN_DOMCTL_set_address_size:
		return set_address_size(&op->u.address_size);
	case XEN_DOMCTL_get_address_size:
		op->u.address_size.size = 64;
		*copyback = true;
		return 0;
	case XEN_DOMCTL_settscinfo:
		return settscinfo(d, &op->u.tsc_info);
	case XEN_DOMCTL_gettscinfo:
		rc = gettscinfo(d, &op->u.tsc_info);
		*copyback = rc == 0;
		return rc;
	case XEN_DOMCTL_get_cpu_policy:
		rc = get_domain_policy(d, &op->u.cpu_policy);
		*copyback = rc == 0;
		return rc;
	case XEN_DOMCTL_set_cpu_policy:
		rc = set_domain_policy(d, &op->u.cpu_policy);
		*copyback = rc != 0;   /* Xen returns err_* with a failure */
		return rc;
	default:
		return -ENOSYS;
	}
}

/* XEN_SYSCTL_get_cpu_policy: raw and host are the CPU's own CPUID, PV
 * default and maximum are the same here; no HVM (-EOPNOTSUPP, as Xen
 * built without it). */
static long get_system_policy(struct xen_sysctl_cpu_policy *cp)
{
	struct cpu_policy *p;
	long rc;

	if (cp->_rsvd || cp->index > XEN_SYSCTL_cpu_policy_hvm_default)
		return -EINVAL;
	if (cp->index == XEN_SYSCTL_cpu_policy_hvm_max ||
	    cp->index == XEN_SYSCTL_cpu_policy_hvm_default)
		return -EOPNOTSUPP;
	p = xzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	cpu_policy_build(p, cp->index <= XEN_SYSCTL_cpu_policy_host ? CPU_POLICY_RAW : CPU_POLICY_PV);
	rc = policy_out(p, (uint64_t)cp->leaves.p, &cp->nr_leaves, (uint64_t)cp->msrs.p,
			&cp->nr_msrs);
	xfree(p);
	return rc;
}

/* XEN_SYSCTL_get_cpu_featureset: the words written (at most FSCAPINTS)
 * go back in nr_features; -ENOBUFS when the caller's room was short. */
static long get_featureset(struct xen_sysctl_cpu_featureset *f)
{
	uint32_t fs[FSCAPINTS], nr;
	struct cpu_policy *p;

	if (!f->features.p) {
		f->nr_features = FSCAPINTS;
		return 0;
	}
	nr = f->nr_features < FSCAPINTS ? f->nr_features : FSCAPINTS;
	if (f->index > XEN_SYSCTL_cpu_featureset_hvm_max)
		return -EINVAL;
	if (f->index == XEN_SYSCTL_cpu_featureset_hvm ||
	    f->index == XEN_SYSCTL_cpu_featureset_hvm_max)
		return -EOPNOTSUPP;
	p = xzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	cpu_policy_build(p, f->index <= XEN_SYSCTL_cpu_featureset_host ? CPU_POLICY_RAW : CPU_POLICY_PV);
	cpu_policy_featureset(p, fs);
	xfree(p);
	if (nr && copy_to_guest((uint64_t)f->features.p, fs, nr * sizeof(fs[0])))
		return -EFAULT;
	f->nr_features = nr;
	return nr < FSCAPINTS ? -ENOBUFS : 0;
}

long arch_do_sysctl(struct xen_sysctl *op, bool *copyback)
{
	long rc;

	switch (op->cmd) {
	case XEN_SYSCTL_get_cpu_policy:
		rc = get_system_policy(&op->u.cpu_policy);
		*copyback = rc == 0;
		return rc;
	case XEN_SYSCTL_get_cpu_featureset:
		rc = get_featureset(&op->u.cpu_featureset);
		*copyback = rc == 0 || rc == -ENOBUFS;
		return rc;
	default:
		return -ENOSYS;
	}
}
