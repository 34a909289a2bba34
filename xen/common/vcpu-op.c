/* SPDX-License-Identifier: GPL-2.0 */
/* vcpu_op: bringing vCPUs up and down, their timers, and the guest memory
 * the hypervisor keeps current for them (vcpu_info, runstate, time). */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/xen.h>
#include <xeno/arch-domain.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/guest-time.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/timer.h>

#define MIN_PERIOD_NS 1000000ULL   /* 1 ms, as Xen */

/* VCPUOP_register_vcpu_info: move v's vcpu_info out of shared_info into
 * a page of the guest's choice. The page is referenced and kept mapped
 * writable for the domain's life; the current contents move with it, and
 * every event counts as pending once at the new place (the guest rescans
 * its ports) so nothing raised during the move is lost. */
static long register_vcpu_info(struct vcpu *v, uint64_t arg)
{
	struct vcpu_register_vcpu_info info;
	struct vcpu_info *new;
	uint64_t none = 0;
	char *page;

	if (copy_from_guest(&info, arg, sizeof(info)))
		return -EFAULT;
	/* Xen's rules: inside the page and 8-byte aligned (-ENXIO), once
	 * only, and not for another vCPU that is running (-EINVAL). */
	if (info.offset > PAGE_SIZE - sizeof(struct vcpu_info) || (info.offset & 7))
		return -ENXIO;
	if (info.rsvd)
		return -EINVAL;
	if (v != current_vcpu() && v->state != VCPU_DOWN)
		return -EINVAL;
	/* Once only: claimed with one compare-and-swap before the frame is
	 * taken, or two racing callers would both take a writable reference;
	 * the claim is undone if the frame is refused. */
	if (!__atomic_compare_exchange_n(&v->vcpu_info_mfn, &none, info.mfn, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return -EINVAL;
	page = arch_map_guest_page(v->domain, info.mfn);
	if (!page) {
		__atomic_store_n(&v->vcpu_info_mfn, 0, __ATOMIC_RELEASE);
		return -EINVAL;
	}
	new = (struct vcpu_info *)(page + info.offset);
	*new = *v->vcpu_info;
	v->vcpu_info = new;
	guest_time_update(v);
	/* Everything counts as pending once, so nothing is lost in the move. */
	__atomic_store_n(&new->evtchn_pending_sel, ~0UL, __ATOMIC_SEQ_CST);
	__atomic_store_n(&new->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
	vcpu_kick(v);
	return 0;
}

/* VCPUOP_initialise: copy the guest's context in once (it is large, so
 * it goes on the heap, not the 48 KiB stack), then let the architecture
 * check and load it (arch_vcpu_initialise). */
static long initialise(struct vcpu *v, uint64_t arg)
{
	struct vcpu_guest_context *ctx;
	long rc;

	ctx = xzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	/* The context is read first: a bad pointer is -EFAULT, as in Xen. */
	if (copy_from_guest(ctx, arg, sizeof(*ctx))) {
		rc = -EFAULT;
	} else {
		/* Checked (-EEXIST) and loaded as one step by the architecture:
		 * two vCPUs initialising the same one cannot both load it. */
		rc = arch_vcpu_initialise(v, ctx);
	}
	xfree(ctx);
	return rc;
}

static unsigned int vcpus_up(const struct domain *d)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i] && d->vcpu[i]->state != VCPU_DOWN && d->vcpu[i]->state != VCPU_DEAD)
			n++;
	return n;
}

static long vcpu_down(struct vcpu *v)
{
	struct domain *d = v->domain;

	vcpu_stop(v, false);
	if (vcpus_up(d) == 0) {
		/* Xen treats the last vCPU going down as the domain's end. */
		printk("domain %u: last vCPU down\n", d->domain_id);
		domain_shutdown(d, SHUTDOWN_poweroff);
	}
	return 0;
}

static long timer_op(struct vcpu *v, uint64_t cmd, uint64_t arg)
{
	struct vcpu_set_singleshot_timer ss;
	struct vcpu_set_periodic_timer pt;

	switch (cmd) {
	case VCPUOP_set_periodic_timer:
		if (copy_from_guest(&pt, arg, sizeof(pt)))
			return -EFAULT;
		if (pt.period_ns < MIN_PERIOD_NS || pt.period_ns >= (1ULL << 62))
			return -EINVAL;
		vcpu_set_periodic(v, pt.period_ns);
		return 0;
	case VCPUOP_stop_periodic_timer:
		vcpu_stop_periodic(v);
		return 0;
	case VCPUOP_set_singleshot_timer:
		if (v != current_vcpu())
			return -EINVAL;   /* only one's own, as in Xen */
		if (copy_from_guest(&ss, arg, sizeof(ss)))
			return -EFAULT;
		if ((ss.flags & VCPU_SSHOTTMR_future) && ss.timeout_abs_ns < system_time_ns())
			return -ETIME;
		vcpu_set_singleshot(v, ss.timeout_abs_ns);
		return 0;
	default:   /* VCPUOP_stop_singleshot_timer */
		if (v != current_vcpu())
			return -EINVAL;
		vcpu_stop_singleshot(v);
		return 0;
	}
}

/* VCPUOP_*: always on a vCPU of the caller's own domain (vcpuid is
 * checked first: -ENOENT for one that does not exist). Bringing vCPUs up
 * and down, their timers, and the memory areas the hypervisor keeps up to
 * date for them. */
long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;
	struct vcpu *v;
	uint64_t gva;

	if (vcpuid >= d->max_vcpus || !(v = d->vcpu[vcpuid]))
		return -ENOENT;
	switch (cmd) {
	case VCPUOP_initialise:
		return initialise(v, arg);
	case VCPUOP_up:
		if (!v->initialised)
			return -EINVAL;
		vcpu_wake(v);
		return 0;
	case VCPUOP_down:
		return vcpu_down(v);
	case VCPUOP_is_up:
		return v->state != VCPU_DOWN && v->state != VCPU_DEAD;
	case VCPUOP_get_runstate_info: {
		struct vcpu_runstate_info ri;

		guest_runstate_get(v, &ri);
		return copy_to_guest(arg, &ri, sizeof(ri)) ? -EFAULT : 0;
	}
	case VCPUOP_register_runstate_memory_area:
	case VCPUOP_register_vcpu_time_memory_area:
		if (copy_from_guest(&gva, arg, sizeof(gva)))
			return -EFAULT;
		if (gva && !guest_range_ok(gva, sizeof(struct vcpu_runstate_info)))
			return -EFAULT;
		if (cmd == VCPUOP_register_runstate_memory_area)
			v->runstate_gva = gva;
		else
			v->time_gva = gva;
		if (v == current_vcpu())
			guest_time_update(v);
		return 0;
	case VCPUOP_set_periodic_timer: case VCPUOP_stop_periodic_timer:
	case VCPUOP_set_singleshot_timer: case VCPUOP_stop_singleshot_timer:
		return timer_op(v, cmd, arg);
	case VCPUOP_register_vcpu_info:
		return register_vcpu_info(v, arg);
	case VCPUOP_get_physid:
		return -EINVAL;   /* no physical CPU ids for PV guests here */
	default:
		return -ENOSYS;
	}
}

/* The old one-shot timer interface: an absolute deadline, 0 cancels. */
long do_set_timer_op(uint64_t deadline)
{
	struct vcpu *v = current_vcpu();

	uint64_t now = system_time_ns();

	if (deadline == 0) {
		vcpu_stop_singleshot(v);
		return 0;
	}
	/* Xen's guard against a broken guest: a deadline that is negative
	 * or absurdly far (past 2^50 ns from now) fires in 100 ms instead. */
	if ((int64_t)deadline < 0 || deadline > now + (1ULL << 50))
		deadline = now + 100000000ULL;
	vcpu_set_singleshot(v, deadline);
	return 0;
}
