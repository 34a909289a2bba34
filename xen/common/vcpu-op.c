/* SPDX-License-Identifier: GPL-2.0 */
/* vcpu_op: bringing vCPUs up and down, their timers, and the guest memory
 * the hypervisor keeps current for them (vcpu_info, runstate, time).
 * do_vcpu_op only copies: the checks Xen makes before reading the
 * argument (vcpu_op_target), one copy in, the op on our copy
 * (vcpu_op_run, which host tests drive directly), the answer out. */
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
#include <xeno/vcpu-op.h>

#define MIN_PERIOD_NS 1000000ULL   /* 1 ms, as Xen */

/* VCPUOP_register_vcpu_info: move v's vcpu_info out of shared_info into
 * a page of the guest's choice. The page is referenced and kept mapped
 * writable for the domain's life; the current contents move with it, and
 * every event counts as pending once at the new place (the guest rescans
 * its ports) so nothing raised during the move is lost. */
static long op_register_vcpu_info(struct vcpu *caller, struct vcpu *v, void *arg)
{
	const struct vcpu_register_vcpu_info *info = arg;
	struct vcpu_info *new;
	uint64_t none = 0;
	char *page;

	/* Xen's rules: inside the page and 8-byte aligned (-ENXIO), once
	 * only, and not for another vCPU that is running (-EINVAL). rsvd is
	 * not looked at, as on Xen 4.17. */
	if (info->offset > PAGE_SIZE - sizeof(struct vcpu_info) || (info->offset & 7))
		return -ENXIO;
	if (v != caller && v->state != VCPU_DOWN)
		return -EINVAL;
	/* Once only: claimed with one compare-and-swap before the frame is
	 * taken, or two racing callers would both take a writable reference;
	 * the claim is undone if the frame is refused. */
	if (!__atomic_compare_exchange_n(&v->vcpu_info_mfn, &none, info->mfn, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return -EINVAL;
	page = arch_map_guest_page(v->domain, info->mfn);
	if (!page) {
		__atomic_store_n(&v->vcpu_info_mfn, 0, __ATOMIC_RELEASE);
		return -EINVAL;
	}
	new = (struct vcpu_info *)(page + info->offset);
	*new = *v->vcpu_info;
	v->vcpu_info = new;
	guest_time_update(v);
	/* Everything counts as pending once, so nothing is lost in the move. */
	__atomic_store_n(&new->evtchn_pending_sel, ~0UL, __ATOMIC_SEQ_CST);
	__atomic_store_n(&new->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
	vcpu_kick(v);
	return 0;
}

/* VCPUOP_initialise: the architecture checks the context (our heap copy)
 * and loads it as one step (-EEXIST if v already has one): two vCPUs
 * initialising the same one cannot both load it. */
static long op_initialise(struct vcpu *caller, struct vcpu *v, void *arg)
{
	return arch_vcpu_initialise(v, arg);
}

static long op_up(struct vcpu *caller, struct vcpu *v, void *arg)
{
	if (!v->initialised)
		return -EINVAL;
	vcpu_wake(v);
	return 0;
}

static unsigned int vcpus_up(const struct domain *d)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i] && d->vcpu[i]->state != VCPU_DOWN && d->vcpu[i]->state != VCPU_DEAD)
			n++;
	return n;
}

static long op_down(struct vcpu *caller, struct vcpu *v, void *arg)
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

static long op_is_up(struct vcpu *caller, struct vcpu *v, void *arg)
{
	return v->state != VCPU_DOWN && v->state != VCPU_DEAD;
}

static long op_get_runstate_info(struct vcpu *caller, struct vcpu *v, void *arg)
{
	guest_runstate_get(v, arg);
	return 0;
}

/* The address the hypervisor keeps a vcpu_runstate_info (or, for
 * VCPUOP_register_vcpu_time_memory_area, a vcpu_time_info) current at;
 * 0 stops it. It is only checked here: each later write goes through
 * copy_to_guest, which copes with it being unmapped by then. */
static long register_area(struct vcpu *caller, struct vcpu *v, uint64_t gva,
			  uint64_t *slot)
{
	if (gva && !guest_range_ok(gva, sizeof(struct vcpu_runstate_info)))
		return -EFAULT;
	*slot = gva;
	if (v == caller)
		guest_time_update(v);
	return 0;
}

static long op_register_runstate(struct vcpu *caller, struct vcpu *v, void *arg)
{
	return register_area(caller, v, *(const uint64_t *)arg, &v->runstate_gva);
}

static long op_register_time(struct vcpu *caller, struct vcpu *v, void *arg)
{
	return register_area(caller, v, *(const uint64_t *)arg, &v->time_gva);
}

static long op_set_periodic_timer(struct vcpu *caller, struct vcpu *v, void *arg)
{
	const struct vcpu_set_periodic_timer *pt = arg;

	/* At least 1 ms, and below Xen's STIME_DELTA_MAX (2^62 ns). */
	if (pt->period_ns < MIN_PERIOD_NS || pt->period_ns >= (1ULL << 62))
		return -EINVAL;
	vcpu_set_periodic(v, pt->period_ns);
	return 0;
}

static long op_stop_periodic_timer(struct vcpu *caller, struct vcpu *v, void *arg)
{
	vcpu_stop_periodic(v);
	return 0;
}

/* Only on the caller itself (vcpu_op_target saw to it). */
static long op_set_singleshot_timer(struct vcpu *caller, struct vcpu *v, void *arg)
{
	const struct vcpu_set_singleshot_timer *ss = arg;

	if ((ss->flags & VCPU_SSHOTTMR_future) && ss->timeout_abs_ns < system_time_ns())
		return -ETIME;
	vcpu_set_singleshot(v, ss->timeout_abs_ns);
	return 0;
}

static long op_stop_singleshot_timer(struct vcpu *caller, struct vcpu *v, void *arg)
{
	vcpu_stop_singleshot(v);
	return 0;
}

/* No physical CPU ids for PV guests here. */
static long op_get_physid(struct vcpu *caller, struct vcpu *v, void *arg)
{
	return -EINVAL;
}

struct vcpu_subop {
	long (*run)(struct vcpu *caller, struct vcpu *v, void *arg);
	size_t in_size;     /* copied in before run */
	size_t out_size;    /* copied out when run returns 0 */
	bool self_only;     /* -EINVAL on another vCPU, before the copy (Xen's order) */
};

static const struct vcpu_subop subops[] = {
	[VCPUOP_initialise] = { op_initialise, sizeof(struct vcpu_guest_context), 0, false },
	[VCPUOP_up] = { op_up, 0, 0, false },
	[VCPUOP_down] = { op_down, 0, 0, false },
	[VCPUOP_is_up] = { op_is_up, 0, 0, false },
	[VCPUOP_get_runstate_info] = { op_get_runstate_info, 0,
				       sizeof(struct vcpu_runstate_info), false },
	[VCPUOP_register_runstate_memory_area] = { op_register_runstate, sizeof(uint64_t), 0, false },
	[VCPUOP_set_periodic_timer] = { op_set_periodic_timer,
					sizeof(struct vcpu_set_periodic_timer), 0, false },
	[VCPUOP_stop_periodic_timer] = { op_stop_periodic_timer, 0, 0, false },
	[VCPUOP_set_singleshot_timer] = { op_set_singleshot_timer,
					  sizeof(struct vcpu_set_singleshot_timer), 0, true },
	[VCPUOP_stop_singleshot_timer] = { op_stop_singleshot_timer, 0, 0, true },
	[VCPUOP_register_vcpu_info] = { op_register_vcpu_info,
					sizeof(struct vcpu_register_vcpu_info), 0, false },
	[VCPUOP_get_physid] = { op_get_physid, 0, 0, false },
	[VCPUOP_register_vcpu_time_memory_area] = { op_register_time, sizeof(uint64_t), 0, false },
};

_Static_assert(sizeof(struct vcpu_register_runstate_memory_area) == sizeof(uint64_t) &&
	       sizeof(struct vcpu_register_time_memory_area) == sizeof(uint64_t),
	       "a memory-area argument is one guest address");
_Static_assert(sizeof(struct vcpu_runstate_info) <= sizeof(union vcpu_op_arg),
	       "do_vcpu_op answers get_runstate_info from its on-stack copy");

static const struct vcpu_subop *subop_of(uint64_t cmd)
{
	if (cmd >= ARRAY_SIZE(subops) || !subops[cmd].run)
		return NULL;
	return &subops[cmd];
}

/* Always a vCPU of the caller's own domain; the vcpuid is checked first
 * (-ENOENT), then the op, as Xen does. */
long vcpu_op_target(struct vcpu *caller, uint64_t cmd, uint64_t vcpuid, struct vcpu **v)
{
	struct domain *d = caller->domain;
	const struct vcpu_subop *s;

	if (vcpuid >= d->max_vcpus || !d->vcpu[vcpuid])
		return -ENOENT;
	*v = d->vcpu[vcpuid];
	s = subop_of(cmd);
	if (!s)
		return -ENOSYS;
	if (s->self_only && *v != caller)
		return -EINVAL;
	return 0;
}

size_t vcpu_op_in_size(uint64_t cmd)
{
	const struct vcpu_subop *s = subop_of(cmd);

	return s ? s->in_size : 0;
}

size_t vcpu_op_out_size(uint64_t cmd)
{
	const struct vcpu_subop *s = subop_of(cmd);

	return s ? s->out_size : 0;
}

long vcpu_op_run(struct vcpu *caller, struct vcpu *v, uint64_t cmd, void *arg)
{
	const struct vcpu_subop *s = subop_of(cmd);

	return s ? s->run(caller, v, arg) : -ENOSYS;
}

/* VCPUOP_*: bringing vCPUs up and down, their timers, and the memory
 * areas the hypervisor keeps up to date for them. The guest's argument
 * is read once into our copy (the heap for VCPUOP_initialise's context:
 * it is too large for the 48 KiB stack) and answered from it. */
long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t uarg)
{
	struct vcpu *caller = current_vcpu(), *v;
	union vcpu_op_arg small;
	size_t in, out;
	void *arg = &small;
	long rc;

	/* Xen's prototype takes an int cmd and an unsigned int vcpuid: the
	 * upper halves of the registers are not looked at. */
	cmd = (uint64_t)(int64_t)(int32_t)cmd;
	vcpuid = (uint32_t)vcpuid;
	rc = vcpu_op_target(caller, cmd, vcpuid, &v);
	if (rc)
		return rc;
	in = vcpu_op_in_size(cmd);
	out = vcpu_op_out_size(cmd);
	if (in > sizeof(small) && !(arg = xzalloc(in)))
		return -ENOMEM;
	if (in && copy_from_guest(arg, uarg, in))
		rc = -EFAULT;
	else
		rc = vcpu_op_run(caller, v, cmd, arg);
	if (rc == 0 && out && copy_to_guest(uarg, arg, out))
		rc = -EFAULT;   /* read-only ops: nothing was changed */
	if (arg != &small)
		xfree(arg);
	return rc;
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
