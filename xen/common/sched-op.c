/* SPDX-License-Identifier: GPL-2.0 */
/* sched_op: yield, block, poll, and shutting a domain down. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/hypercall.h>
#include <xeno/sched.h>
#include <xeno/timer.h>

#define POLL_MAX_PORTS 128

/* Events on again, then sleep unless one is already waiting; the event
 * is delivered on the way out. */
static long sched_block_op(struct vcpu *v)
{
	struct vcpu_info *vi = v->vcpu_info;

	__atomic_store_n(&vi->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST))
		return 0;
	sched_block(v);
	/* An event that raced with the check above must not be lost. */
	if (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST))
		vcpu_wake(v);
	return 0;
}

static long sched_poll_op(struct vcpu *v, uint64_t arg)
{
	struct sched_poll p;
	uint32_t port;

	if (copy_from_guest(&p, arg, sizeof(p)))
		return -EFAULT;
	if (p.nr_ports > POLL_MAX_PORTS)
		return -EINVAL;
	if (!guest_range_ok((uint64_t)p.ports.p, p.nr_ports * sizeof(uint32_t)))
		return -EFAULT;
	v->poll_active = true;
	for (unsigned int i = 0; i < p.nr_ports; i++) {
		if (copy_from_guest(&port, (uint64_t)p.ports.p + i * sizeof(port), sizeof(port))) {
			v->poll_active = false;
			return -EFAULT;
		}
		if (port >= v->domain->max_evtchns) {
			v->poll_active = false;
			return -EINVAL;
		}
		if (evtchn_is_pending(v->domain, port)) {
			v->poll_active = false;
			return 0;
		}
	}
	if (p.timeout && p.timeout <= system_time_ns()) {
		v->poll_active = false;
		return 0;
	}
	if (p.timeout)
		vcpu_set_singleshot(v, p.timeout);
	sched_block(v);
	return 0;
}

long do_sched_op(uint64_t cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	struct sched_shutdown sd;
	struct sched_remote_shutdown rs;
	struct domain *t;

	switch (cmd) {
	case SCHEDOP_yield:
		vcpu_yield(v);
		return 0;
	case SCHEDOP_block:
		return sched_block_op(v);
	case SCHEDOP_shutdown:
		if (copy_from_guest(&sd, arg, sizeof(sd)))
			return -EFAULT;
		domain_shutdown(v->domain, (uint8_t)sd.reason);
		return 0;
	case SCHEDOP_shutdown_code:
		if (copy_from_guest(&sd, arg, sizeof(sd)))
			return -EFAULT;
		v->domain->shutdown_code = (uint8_t)sd.reason;
		return 0;
	case SCHEDOP_poll:
		return sched_poll_op(v, arg);
	case SCHEDOP_remote_shutdown:
		if (copy_from_guest(&rs, arg, sizeof(rs)))
			return -EFAULT;
		t = domain_by_id(rs.domain_id);
		if (!t)
			return -ESRCH;
		if (!v->domain->is_privileged)
			return -EPERM;
		domain_shutdown(t, (uint8_t)rs.reason);
		return 0;
	default:
		return -ENOSYS;
	}
}
