/* SPDX-License-Identifier: GPL-2.0 */
/* The domctls that give a toolstack-built domain its vCPUs: max_vcpus
 * (the count was fixed at createdomain, this confirms it), setvcpucontext
 * (vCPU 0's start state, from libxenguest) and hypercall_init. The
 * context is copied in once; the architecture checks and loads it
 * (arch_vcpu_initialise, the same path as VCPUOP_initialise). */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/domctl.h>
#include <public/vcpu.h>
#include <public/xen.h>
#include <xeno/arch-domain.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/sched.h>

long domctl_max_vcpus(struct domain *d, const struct xen_domctl_max_vcpus *m)
{
	/* Xen: the count must repeat createdomain's, and never for oneself. */
	if (d == current_vcpu()->domain || m->max != d->max_vcpus)
		return -EINVAL;
	return 0;
}

long domctl_setvcpucontext(struct domain *d, const struct xen_domctl_vcpucontext *vc)
{
	struct vcpu_guest_context *ctx;
	struct vcpu *v;
	long rc;

	if (d == current_vcpu()->domain || vc->vcpu >= d->max_vcpus || !(v = d->vcpu[vc->vcpu]))
		return -EINVAL;
	if (!vc->ctxt.p)
		return -EOPNOTSUPP;   /* a vCPU reset: not offered (docs/abi-notes.md) */
	ctx = xzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	if (copy_from_guest(ctx, (uint64_t)vc->ctxt.p, sizeof(*ctx))) {
		rc = -EFAULT;
		goto out;
	}
	/* vCPU 0 carries the domain's vm_assist bits (Xen's order: checked
	 * before anything is loaded, set once the load succeeded). */
	if (v->vcpu_id == 0 && !vm_assist_mask_valid(ctx->vm_assist)) {
		rc = -EINVAL;
		goto out;
	}
	rc = arch_vcpu_initialise(v, ctx);
	if (rc)
		goto out;
	if (v->vcpu_id == 0)
		__atomic_store_n(&d->vm_assist, ctx->vm_assist, __ATOMIC_RELAXED);
	/* Online means up: it runs once the domain is unpaused. */
	if (ctx->flags & VGCF_online)
		vcpu_wake(v);
out:
	xfree(ctx);
	return rc;
}

long domctl_hypercall_init(struct domain *d, const struct xen_domctl_hypercall_init *h)
{
	return arch_hypercall_page_init(d, h->gmfn);
}
