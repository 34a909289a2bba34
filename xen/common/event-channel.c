/* SPDX-License-Identifier: GPL-2.0 */
/* Event-channel ports: allocation, binding and closing, sending, and the
 * EVTCHNOP_* dispatch. Each sub-op copies its argument in once, runs on
 * the copy, and copies OUT fields back only on success.
 *
 * Locking:
 *  - d->lock guards d's port table (d->evtchn[], its states and bindings)
 *    and d->virq_to_port / global_virq_to_port. Every change to a port
 *    happens under its domain's lock, interrupts off.
 *  - An interdomain channel has an end in each of two domains; binding
 *    and closing it change both, under both locks, taken in domid order
 *    (lock_pair) so that two CPUs working on the same pair from opposite
 *    ends cannot deadlock. close_port reads the peer under d->lock alone,
 *    drops it, takes the pair, and re-checks (close_if_open): the port may
 *    have been closed, or closed and bound again, in between.
 *  - The table never moves or shrinks while the domain lives: it is
 *    allocated whole at creation. valid_evtchns only grows, a bucket at a
 *    time, and is published with a release store (alloc_port) after the
 *    new port's entry is written; port_of reads it with acquire, so a
 *    port below it always has an initialised entry.
 *  - A sender reads the entry once, under d->lock (a struct copy), and
 *    acts on that snapshot after letting go: a close racing with a send
 *    is seen before or after, never half done; the event may still be
 *    set on the old binding, which the guest sees as a spurious event, as
 *    with Xen. The peer domain's struct stays allocated after death (see
 *    domain.c), and evtchn_set_pending checks it is still running.
 *  - Pending and mask bits live in guest-writable shared memory and are
 *    only touched with atomic operations (evtchn-2l.c), never under a
 *    lock the guest could hold up. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <public/event_channel.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/evtchn-2l.h>
#include <xeno/evtchn-fifo.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/sched.h>

/* Like Xen, ports become valid a bucket at a time as they are first
 * allocated: a port beyond the buckets in use is -EINVAL, not "closed". */
#define EVTCHN_BUCKET 64

static bool virq_is_per_vcpu(uint32_t virq)
{
	return virq == VIRQ_TIMER || virq == VIRQ_DEBUG || virq == VIRQ_XENOPROF ||
	       virq == VIRQ_XENPMU;
}

int evtchn_init(struct domain *d)
{
	/* A limit the toolstack set at creation stands; else ours. */
	if (!d->max_evtchns)
		d->max_evtchns = d->is_privileged ? EVTCHN_2L_NR_PORTS : EVTCHN_DOMU_PORTS;
	d->evtchn = xzalloc(d->max_evtchns * sizeof(struct evtchn));
	if (!d->evtchn)
		return -ENOMEM;
	d->evtchn[0].state = ECS_RESERVED;
	d->valid_evtchns = EVTCHN_BUCKET;
	return 0;
}

/* The entry of a port that exists, or NULL. The acquire pairs with the
 * release in alloc_port: entries below valid_evtchns are initialised. */
static struct evtchn *port_of(struct domain *d, uint32_t port)
{
	if (port >= __atomic_load_n(&d->valid_evtchns, __ATOMIC_ACQUIRE))
		return NULL;
	return &d->evtchn[port];
}

static int alloc_port(struct domain *d, uint32_t *port)
{
	for (uint32_t p = 1; p < d->max_evtchns; p++)
		if (d->evtchn[p].state == ECS_FREE) {
			d->evtchn[p] = (struct evtchn){ .state = ECS_RESERVED };
			/* Publish the bucket after the entry (pairs with the
			 * acquire in port_of); callers hold d->lock, so the plain
			 * read of valid_evtchns here cannot race a writer. */
			if (p >= d->valid_evtchns)
				__atomic_store_n(&d->valid_evtchns,
						 ALIGN_UP(p + 1, EVTCHN_BUCKET), __ATOMIC_RELEASE);
			*port = p;
			return 0;
		}
	return -ENOSPC;
}

/* SCHEDOP_poll waiters on port (any vCPU of d) wake: both ABIs call
 * this when a port newly becomes pending, masked or not. */
void evtchn_wake_pollers(struct domain *d, uint32_t port)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *p = d->vcpu[i];
		bool hit = false;

		if (!p || !__atomic_load_n(&p->poll_active, __ATOMIC_ACQUIRE))
			continue;
		/* Polling several ports: any event wakes it, as Xen does. */
		hit = p->poll_nr != 1;
		for (unsigned int j = 0; j < p->poll_nr && !hit; j++)
			hit = p->poll_ports[j] == port;
		if (hit && __atomic_exchange_n(&p->poll_active, false, __ATOMIC_ACQ_REL))
			vcpu_unblock(p);
	}
}

static struct vcpu *notify_vcpu_of(struct domain *d, const struct evtchn *c)
{
	unsigned int id = c->notify_vcpu < d->max_vcpus ? c->notify_vcpu : 0;

	return d->vcpu[id];
}

/* The domain's ABI: FIFO once it registered a control block. */
static void deliver(struct vcpu *v, uint32_t port)
{
	if (__atomic_load_n(&v->domain->evtchn_fifo, __ATOMIC_ACQUIRE))
		evtchn_fifo_set_pending(v, port);
	else
		evtchn_2l_set_pending(v, port);
}

void evtchn_set_pending(struct domain *d, uint32_t port)
{
	struct evtchn *c = port_of(d, port);

	if (c && d->state == DOMAIN_RUNNING)
		deliver(notify_vcpu_of(d, c), port);
}

bool evtchn_port_valid(struct domain *d, uint32_t port)
{
	return port_of(d, port) != NULL;
}

bool evtchn_is_pending(struct domain *d, uint32_t port)
{
	if (!port_of(d, port))
		return false;
	return __atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE) ? evtchn_fifo_is_pending(d, port)
								  : evtchn_2l_is_pending(d, port);
}

void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq)
{
	uint32_t port = virq < NR_VIRQS ? v->virq_to_port[virq] : 0;

	if (port)
		deliver(v, port);
}

void send_guest_global_virq(struct domain *d, uint32_t virq)
{
	uint32_t port = virq < NR_VIRQS ? d->global_virq_to_port[virq] : 0;

	if (port)
		evtchn_set_pending(d, port);
}

void evtchn_send_dom_exc(struct domain *dying)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d != dying && d->is_privileged && d->state == DOMAIN_RUNNING)
			send_guest_global_virq(d, VIRQ_DOM_EXC);
	}
}

int evtchn_alloc_xen_port(struct domain *d, xen_port_handler_t handler, uint32_t *port)
{
	unsigned long f = spin_lock_irqsave(&d->lock);
	int rc = alloc_port(d, port);

	if (rc == 0)
		d->evtchn[*port] = (struct evtchn){ .state = ECS_XEN, .u.xen_handler = handler };
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

/* Lock two domains in a fixed order (by id) for interdomain changes. */
static unsigned long lock_pair(struct domain *a, struct domain *b)
{
	struct domain *first = a->domain_id <= b->domain_id ? a : b;
	unsigned long f = local_save_flags();

	/* Interrupts go off before either lock, as spin_lock_irqsave would. */
	local_irq_disable();
	spin_lock(&first->lock);
	if (a != b)
		spin_lock(&(first == a ? b : a)->lock);
	return f;
}

static void unlock_pair(struct domain *a, struct domain *b, unsigned long f)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

static int ev_alloc_unbound(struct domain *d, void *argp)
{
	struct evtchn_alloc_unbound *a = argp;
	struct domain *owner;
	domid_t remote = a->remote_dom == DOMID_SELF ? d->domain_id : a->remote_dom;
	unsigned long f;
	int rc;

	rc = domain_lookup(d, a->dom, true, &owner);
	if (rc)
		return rc;
	f = spin_lock_irqsave(&owner->lock);
	rc = alloc_port(owner, &a->port);
	if (rc == 0)
		owner->evtchn[a->port] = (struct evtchn){ .state = ECS_UNBOUND,
							  .u.unbound_remote = remote };
	spin_unlock_irqrestore(&owner->lock, f);
	return rc;
}

/* Connect a new local port to the remote domain's port, which must be
 * unbound and offered to us. Both ends change together under both locks,
 * so neither domain ever sees a half-made channel. */
static int ev_bind_interdomain(struct domain *ld, void *argp)
{
	struct evtchn_bind_interdomain *a = argp;
	struct domain *rd;
	struct evtchn *rc_chan;
	unsigned long f;
	uint32_t lport;
	int rc = domain_lookup(ld, a->remote_dom, false, &rd);

	if (rc)
		return rc;
	f = lock_pair(ld, rd);
	rc_chan = port_of(rd, a->remote_port);
	rc = -EINVAL;
	if (!rc_chan || rc_chan->state != ECS_UNBOUND ||
	    rc_chan->u.unbound_remote != ld->domain_id)
		goto out;
	rc = alloc_port(ld, &lport);
	if (rc)
		goto out;
	ld->evtchn[lport] = (struct evtchn){ .state = ECS_INTERDOMAIN,
					     .u.inter = { rd, a->remote_port } };
	rc_chan->state = ECS_INTERDOMAIN;
	rc_chan->u.inter.d = ld;
	rc_chan->u.inter.port = lport;
	a->local_port = lport;
out:
	unlock_pair(ld, rd, f);
	/* A send to the unbound port may have been lost: notify once. */
	if (rc == 0)
		evtchn_set_pending(ld, lport);
	return rc;
}

/* A VIRQ gets at most one port: per vCPU for the per-vCPU VIRQs (timer,
 * debug...), per domain for the global ones, which are delivered to
 * vCPU 0 until EVTCHNOP_bind_vcpu moves them. */
static int ev_bind_virq(struct domain *d, void *argp)
{
	struct evtchn_bind_virq *a = argp;
	uint32_t *slot;
	unsigned long f;
	int rc;

	if (a->virq >= NR_VIRQS)
		return -EINVAL;
	/* Before the vCPU lookup, as Xen: a global VIRQ off vCPU 0 is -EINVAL
	 * whether or not that vCPU exists. */
	if (!virq_is_per_vcpu(a->virq) && a->vcpu != 0)
		return -EINVAL;
	if (a->vcpu >= d->max_vcpus || !d->vcpu[a->vcpu])
		return -ENOENT;
	slot = virq_is_per_vcpu(a->virq) ? &d->vcpu[a->vcpu]->virq_to_port[a->virq]
					 : &d->global_virq_to_port[a->virq];
	f = spin_lock_irqsave(&d->lock);
	rc = -EEXIST;
	if (*slot == 0 && (rc = alloc_port(d, &a->port)) == 0) {
		d->evtchn[a->port] = (struct evtchn){ .state = ECS_VIRQ,
						      .notify_vcpu = (uint16_t)a->vcpu,
						      .u.virq = a->virq };
		*slot = a->port;
	}
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

static int ev_bind_ipi(struct domain *d, void *argp)
{
	struct evtchn_bind_ipi *a = argp;
	unsigned long f;
	int rc;

	if (a->vcpu >= d->max_vcpus || !d->vcpu[a->vcpu])
		return -ENOENT;
	f = spin_lock_irqsave(&d->lock);
	rc = alloc_port(d, &a->port);
	if (rc == 0)
		d->evtchn[a->port] = (struct evtchn){ .state = ECS_IPI,
						      .notify_vcpu = (uint16_t)a->vcpu };
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

/* Only the privileged domain has physical IRQs (GSIs it mapped with
 * PHYSDEVOP_map_pirq). The port is in place before the line unmasks, so
 * the first interrupt finds it. */
static int ev_bind_pirq(struct domain *d, void *argp)
{
	struct evtchn_bind_pirq *a = argp;
	unsigned long f;
	int rc;

	if (a->pirq >= 256)
		return -EINVAL;
	if (!d->is_privileged)
		return -EPERM;
	f = spin_lock_irqsave(&d->lock);
	rc = alloc_port(d, &a->port);
	if (rc == 0) {
		d->evtchn[a->port] = (struct evtchn){ .state = ECS_PIRQ, .u.pirq = a->pirq };
		rc = pirq_bind(d, a->pirq, a->port);
		if (rc)
			d->evtchn[a->port] = (struct evtchn){ .state = ECS_FREE };
	}
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

/* Close with d->lock (and the peer's, for interdomain) held by the caller. */
static void close_locked(struct domain *d, uint32_t port)
{
	struct evtchn *c = &d->evtchn[port];

	switch (c->state) {
	case ECS_VIRQ:
		if (virq_is_per_vcpu(c->u.virq))
			notify_vcpu_of(d, c)->virq_to_port[c->u.virq] = 0;
		else
			d->global_virq_to_port[c->u.virq] = 0;
		break;
	case ECS_PIRQ:
		pirq_unbind(d, c->u.pirq);   /* masks the line */
		break;
	case ECS_INTERDOMAIN: {
		struct evtchn *peer = &c->u.inter.d->evtchn[c->u.inter.port];

		/* The peer's end waits for us again, as Xen leaves it. */
		peer->state = ECS_UNBOUND;
		peer->u.unbound_remote = d->domain_id;
		break;
	}
	default:
		break;
	}
	*c = (struct evtchn){ .state = ECS_FREE };
	if (d->evtchn_fifo) {
		evtchn_fifo_clear(d, port);
		evtchn_fifo_port_closed(d, port);
	} else {
		evtchn_2l_clear(d, port);
	}
}

/* With d's lock, and peer's when it is not d: -EINVAL for a port closed
 * since the caller looked at it, or closed and bound elsewhere (as Xen). */
static int close_if_open(struct domain *d, uint32_t port, struct domain *peer)
{
	const struct evtchn *c = &d->evtchn[port];

	if (c->state == ECS_FREE || c->state == ECS_RESERVED ||
	    (c->state == ECS_INTERDOMAIN && c->u.inter.d != peer))
		return -EINVAL;
	close_locked(d, port);
	return 0;
}

/* Close one of d's ports (EVTCHNOP_close, reset, domain death). */
static int close_port(struct domain *d, uint32_t port)
{
	struct evtchn *c = port_of(d, port);
	struct domain *peer;
	unsigned long f;
	int rc;

	if (!c)
		return -EINVAL;
	/* Read the peer under our lock. With none, close under that lock
	 * alone: letting go would let a remote bind make the close fail, and
	 * Linux BUG()s when a close fails. */
	f = spin_lock_irqsave(&d->lock);
	peer = c->state == ECS_INTERDOMAIN ? c->u.inter.d : d;
	if (peer == d) {
		rc = close_if_open(d, port, d);
		spin_unlock_irqrestore(&d->lock, f);
		return rc;
	}
	spin_unlock_irqrestore(&d->lock, f);
	f = lock_pair(d, peer);
	rc = close_if_open(d, port, peer);
	unlock_pair(d, peer, f);
	return rc;
}

static int ev_close(struct domain *d, void *argp)
{
	return close_port(d, ((struct evtchn_close *)argp)->port);
}

static int evtchn_send_port(struct domain *d, uint32_t port)
{
	struct evtchn *c = port_of(d, port);
	struct evtchn snap;
	unsigned long f;

	if (!c)
		return -EINVAL;
	/* One read, under the lock that closes and binds take: a racing
	 * close and rebind is seen before or after, never half done (the
	 * Xen handler shares its slot with a domain pointer). */
	f = lock_pair(d, d);
	snap = *c;
	unlock_pair(d, d, f);
	switch (snap.state) {
	case ECS_INTERDOMAIN:
		evtchn_set_pending(snap.u.inter.d, snap.u.inter.port);
		return 0;
	case ECS_IPI:
		evtchn_set_pending(d, port);
		return 0;
	case ECS_UNBOUND:
		return 0;   /* nobody listens yet: dropped, as Xen */
	case ECS_XEN:
		snap.u.xen_handler(d, port);
		return 0;
	default:
		return -EINVAL;
	}
}

static int ev_send(struct domain *d, void *argp)
{
	return evtchn_send_port(d, ((struct evtchn_send *)argp)->port);
}

static int ev_status(struct domain *d, void *argp)
{
	struct evtchn_status *a = argp;
	struct domain *t;
	struct evtchn c;

	if (domain_lookup(d, a->dom, false, &t))
		return -ESRCH;
	if (!port_of(t, a->port))
		return -EINVAL;   /* Xen checks the port before the caller */
	if (t != d && !d->is_privileged)
		return -EPERM;
	c = t->evtchn[a->port];
	memset(&a->u, 0, sizeof(a->u));
	a->vcpu = c.notify_vcpu;
	switch (c.state) {
	case ECS_FREE: case ECS_RESERVED:
		a->status = EVTCHNSTAT_closed;
		break;
	case ECS_UNBOUND:
		a->status = EVTCHNSTAT_unbound;
		a->u.unbound.dom = c.u.unbound_remote;
		break;
	case ECS_INTERDOMAIN:
		a->status = EVTCHNSTAT_interdomain;
		a->u.interdomain.dom = c.u.inter.d->domain_id;
		a->u.interdomain.port = c.u.inter.port;
		break;
	case ECS_XEN:
		a->status = EVTCHNSTAT_interdomain;
		a->u.interdomain.dom = DOMID_XEN;
		break;
	case ECS_VIRQ:
		a->status = EVTCHNSTAT_virq;
		a->u.virq = c.u.virq;
		break;
	case ECS_IPI:
		a->status = EVTCHNSTAT_ipi;
		break;
	case ECS_PIRQ:
		a->status = EVTCHNSTAT_pirq;
		a->u.pirq = c.u.pirq;
		break;
	}
	return 0;
}

static int ev_bind_vcpu(struct domain *d, void *argp)
{
	struct evtchn_bind_vcpu *a = argp;
	struct evtchn *c = port_of(d, a->port);
	unsigned long f;
	int rc = 0;

	if (a->vcpu >= d->max_vcpus || !d->vcpu[a->vcpu])
		return -ENOENT;
	if (!c)
		return -EINVAL;
	f = spin_lock_irqsave(&d->lock);
	switch (c->state) {
	case ECS_VIRQ:
		if (virq_is_per_vcpu(c->u.virq)) {
			rc = -EINVAL;
			break;
		}
		/* fall through */
	case ECS_UNBOUND: case ECS_INTERDOMAIN: case ECS_XEN: case ECS_PIRQ:
		c->notify_vcpu = (uint16_t)a->vcpu;
		break;
	default:
		rc = -EINVAL;
	}
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

static int ev_unmask(struct domain *d, void *argp)
{
	struct evtchn_unmask *a = argp;
	struct evtchn *c = port_of(d, a->port);

	if (!c)
		return -EINVAL;
	if (__atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE))
		evtchn_fifo_unmask(notify_vcpu_of(d, c), a->port);
	else
		evtchn_2l_unmask(notify_vcpu_of(d, c), a->port);
	return 0;
}

static int ev_reset(struct domain *d, void *argp)
{
	struct evtchn_reset *a = argp;
	struct domain *t;

	int rc = domain_lookup(d, a->dom, true, &t);

	if (rc)
		return rc;
	for (uint32_t p = 1; p < t->max_evtchns; p++)
		if (t->evtchn[p].state != ECS_FREE && t->evtchn[p].state != ECS_XEN)
			close_port(t, p);
	/* Back to the 2-level ABI, so a new kernel (kexec) may choose. */
	evtchn_fifo_destroy(t, true);
	return 0;
}

/* FIFO is not offered: Linux falls back to the 2-level ABI. */
static int ev_init_control(struct domain *d, void *argp)
{
	return evtchn_fifo_init_control(d, argp);
}

static int ev_expand_array(struct domain *d, void *argp)
{
	return evtchn_fifo_expand_array(d, argp);
}

/* Priorities are a FIFO feature: under the 2-level ABI a valid port gets
 * -ENOSYS, as Xen's 2-level ops answer; a bad one -EINVAL. */
static int ev_set_priority(struct domain *d, void *argp)
{
	const struct evtchn_set_priority *a = argp;

	if (!port_of(d, a->port))
		return -EINVAL;
	if (!__atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE))
		return -ENOSYS;
	return evtchn_fifo_set_priority(d, a->port, a->priority);
}

/* Continuing a reset: none is ever left half done here. */
static int ev_reset_cont(struct domain *d, void *argp)
{
	return -EBUSY;
}

/* Xen's header defines it for the tools only (__XEN_TOOLS__). */
#define EVTCHNOP_reset_cont 14

struct evtchn_subop {
	size_t size;
	int (*run)(struct domain *d, void *arg);
	bool has_out;
};

static const struct evtchn_subop subops[] = {
	[EVTCHNOP_bind_interdomain] = { sizeof(struct evtchn_bind_interdomain), ev_bind_interdomain, true },
	[EVTCHNOP_bind_virq]        = { sizeof(struct evtchn_bind_virq), ev_bind_virq, true },
	[EVTCHNOP_bind_pirq]        = { sizeof(struct evtchn_bind_pirq), ev_bind_pirq, true },
	[EVTCHNOP_close]            = { sizeof(struct evtchn_close), ev_close, false },
	[EVTCHNOP_send]             = { sizeof(struct evtchn_send), ev_send, false },
	[EVTCHNOP_status]           = { sizeof(struct evtchn_status), ev_status, true },
	[EVTCHNOP_alloc_unbound]    = { sizeof(struct evtchn_alloc_unbound), ev_alloc_unbound, true },
	[EVTCHNOP_bind_ipi]         = { sizeof(struct evtchn_bind_ipi), ev_bind_ipi, true },
	[EVTCHNOP_bind_vcpu]        = { sizeof(struct evtchn_bind_vcpu), ev_bind_vcpu, false },
	[EVTCHNOP_unmask]           = { sizeof(struct evtchn_unmask), ev_unmask, false },
	[EVTCHNOP_reset]            = { sizeof(struct evtchn_reset), ev_reset, false },
	[EVTCHNOP_init_control]     = { sizeof(struct evtchn_init_control), ev_init_control, true },
	[EVTCHNOP_expand_array]     = { sizeof(struct evtchn_expand_array), ev_expand_array, false },
	[EVTCHNOP_set_priority]     = { sizeof(struct evtchn_set_priority), ev_set_priority, false },
	[EVTCHNOP_reset_cont]       = { sizeof(struct evtchn_reset), ev_reset_cont, false },
};

union evtchn_arg {
	struct evtchn_status status;
	struct evtchn_bind_interdomain bind_interdomain;
	struct evtchn_bind_virq bind_virq;
	uint8_t bytes[64];
};

/* The copy-in buffer holds the largest argument of any sub-op. */
_Static_assert(sizeof(struct evtchn_status) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_bind_interdomain) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_bind_virq) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_bind_pirq) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_alloc_unbound) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_bind_ipi) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_bind_vcpu) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_set_priority) <= sizeof(union evtchn_arg) &&
	       sizeof(struct evtchn_reset) <= sizeof(union evtchn_arg),
	       "union evtchn_arg is smaller than a sub-op's argument");

long do_event_channel_op(uint64_t cmd, uint64_t uarg)
{
	const struct evtchn_subop *s;
	union evtchn_arg arg;
	struct domain *d = current_vcpu()->domain;
	int rc;

	if (cmd >= ARRAY_SIZE(subops) || !subops[cmd].run)
		return -ENOSYS;
	s = &subops[cmd];
	if (s->size && copy_from_guest(&arg, uarg, s->size))
		return -EFAULT;
	rc = s->run(d, &arg);
	if (rc == 0 && s->has_out && copy_to_guest(uarg, &arg, s->size))
		rc = -EFAULT;   /* done, but the guest lost the answer */
	return rc;
}

void evtchn_destroy(struct domain *d)
{
	if (!d->evtchn)
		return;
	for (uint32_t p = 1; p < d->max_evtchns; p++)
		if (d->evtchn[p].state == ECS_INTERDOMAIN)
			close_port(d, p);
	/* The pages' references went with the domain's memory. */
	evtchn_fifo_destroy(d, false);
	xfree(d->evtchn);
	d->evtchn = NULL;
}
