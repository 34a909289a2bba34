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
		vcpu_unblock(v);
	return 0;
}

/* Block until one of the ports is pending or the timeout passes. The
 * vCPU is blocked, then marked polling, then the ports are checked, so a
 * send in between cannot be lost (it wakes us, or we see its bit). */
static long sched_poll_op(struct vcpu *v, uint64_t arg)
{
	struct domain *d = v->domain;
	struct sched_poll p;

	if (copy_from_guest(&p, arg, sizeof(p)))
		return -EFAULT;
	if (p.nr_ports > POLL_MAX_PORTS)
		return -EINVAL;
	if (copy_from_guest(v->poll_ports, (uint64_t)p.ports.p, p.nr_ports * sizeof(uint32_t)))
		return -EFAULT;
	for (unsigned int i = 0; i < p.nr_ports; i++)
		if (!evtchn_port_valid(d, v->poll_ports[i]))
			return -EINVAL;
	if (p.timeout && p.timeout <= system_time_ns())
		return 0;
	v->poll_nr = p.nr_ports;
	v->poll_deadline_ns = p.timeout;
	/* Blocked before polling is published: a sender or the timeout that
	 * sees poll_active must find us BLOCKED, or its vcpu_unblock finds us
	 * RUNNING, does nothing, and the exchange below then finds
	 * poll_active already taken: nobody wakes us. */
	sched_block(v);
	__atomic_store_n(&v->poll_active, true, __ATOMIC_SEQ_CST);
	if (p.timeout)
		timers_resync_vcpu(v);
	for (unsigned int i = 0; i < p.nr_ports; i++)
		if (evtchn_is_pending(d, v->poll_ports[i]) &&
		    __atomic_exchange_n(&v->poll_active, false, __ATOMIC_ACQ_REL)) {
			vcpu_unblock(v);
			break;
		}
	return 0;
}

/* SCHEDOP_*. A shutdown of one's own domain returns to a vCPU that is
 * already stopped: the exit path switches away and it never runs again. */
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
		/* Not domain_lookup: Xen looks the id up as given, so
		 * DOMID_SELF is no domain here (-ESRCH), and even one's own id
		 * needs privilege. */
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
