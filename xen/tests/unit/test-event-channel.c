/* SPDX-License-Identifier: GPL-2.0 */
/* The event-channel port state machine, driven through do_event_channel_op
 * as a guest drives it: each EVTCHNOP_* sub-op's success path and each of
 * its Xen error codes, with every port table, VIRQ slot and shared_info bit
 * unchanged after a rejection; 2-level delivery (pending, mask, selector,
 * upcall, kick); and what another CPU may do while a close waits for a
 * second lock. Three domains: dom0 (privileged, 2 vCPUs), A (domU 1,
 * 2 vCPUs, the usual caller) and B (domU 2, 1 vCPU). */
#include "helpers.h"
#include <asm/cpu-info.h>
#include <asm/guest-access.h>
#include <public/event_channel.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

#define I0 0            /* index of dom0 in doms[] */
#define IA 1            /* domU A, domid 1 */
#define IB 2            /* domU B, domid 2 */
#define NO_DOM 77       /* a domid nobody has */
#define NR_DOMS 3
#define NR_V 2

/* Guest addresses the fake copy routines refuse, as the real ones would. */
#define GVA_NULL       0x0ULL
#define GVA_HYP        0xffff800000000000ULL   /* the hypervisor's range */
#define GVA_NONCANON   0x0000800000000000ULL   /* first non-canonical byte */
#define GVA_ALL_ONES   0xffffffffffffffffULL

struct cpu_info *host_cpu_info;
void (*host_irq_disable_hook)(void);
struct domain *domain_list[MAX_DOMAINS];

static struct cpu_info cpu0;
static struct domain doms[NR_DOMS];
static struct vcpu vcpus[NR_DOMS][NR_V];
static struct shared_info shinfo[NR_DOMS];

static struct vcpu *kicked[64];
static unsigned int nr_kicks, nr_wakes, nr_copy_in, nr_xen_sends;
static struct vcpu *last_woken;
static struct domain *xen_send_dom;
static uint32_t xen_send_port;
static uint8_t read_only_arg[64];   /* copy_to_guest faults here */

/* Hooks event-channel.c and evtchn-2l.c call in other files. */
void *xzalloc(size_t size) { return calloc(1, size); }
void xfree(void *p) { free(p); }

struct domain *domain_by_id(domid_t id)
{
	return id < MAX_DOMAINS ? domain_list[id] : NULL;
}

void vcpu_kick(struct vcpu *v)
{
	if (nr_kicks < ARRAY_SIZE(kicked))
		kicked[nr_kicks] = v;
	nr_kicks++;
}

void vcpu_wake(struct vcpu *v)
{
	nr_wakes++;
	last_woken = v;
}

static bool gva_faults(uint64_t gva, size_t len)
{
	return gva < 4096 || !guest_range_ok(gva, len);
}

int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
	nr_copy_in++;
	if (gva_faults(gva, len))
		return -EFAULT;
	memcpy(dst, (const void *)(uintptr_t)gva, len);
	return 0;
}

int copy_to_guest(uint64_t gva, const void *src, size_t len)
{
	uint64_t ro = (uintptr_t)read_only_arg;

	if (gva_faults(gva, len) || (gva < ro + sizeof(read_only_arg) && gva + len > ro))
		return -EFAULT;
	memcpy((void *)(uintptr_t)gva, src, len);
	return 0;
}

static void xen_port_handler(struct domain *d, uint32_t port)
{
	nr_xen_sends++;
	xen_send_dom = d;
	xen_send_port = port;
}

static struct domain *const dom0 = &doms[I0];
static struct domain *const A = &doms[IA];
static struct domain *const B = &doms[IB];

static void make_domain(unsigned int i, bool privileged, unsigned int nr_vcpus)
{
	struct domain *d = &doms[i];

	d->domain_id = (domid_t)i;
	d->is_privileged = privileged;
	d->state = DOMAIN_RUNNING;
	d->max_vcpus = nr_vcpus;
	d->shared_info = &shinfo[i];
	for (unsigned int k = 0; k < nr_vcpus; k++) {
		struct vcpu *v = &vcpus[i][k];

		v->vcpu_id = k;
		v->domain = d;
		v->state = VCPU_RUNNING;
		v->vcpu_info = &shinfo[i].vcpu_info[k];
		d->vcpu[k] = v;
	}
	assert_int_equal(evtchn_init(d), 0);
	domain_list[i] = d;
}

static int setup(void **state)
{
	memset(doms, 0, sizeof(doms));
	memset(vcpus, 0, sizeof(vcpus));
	memset(shinfo, 0, sizeof(shinfo));
	memset(domain_list, 0, sizeof(domain_list));
	memset(kicked, 0, sizeof(kicked));
	nr_kicks = nr_wakes = nr_copy_in = nr_xen_sends = 0;
	last_woken = NULL;
	xen_send_dom = NULL;
	xen_send_port = 0;
	make_domain(I0, true, 2);
	make_domain(IA, false, 2);
	make_domain(IB, false, 1);
	host_cpu_info = &cpu0;
	cpu0.current = A->vcpu[0];
	host_irq_disable_hook = NULL;
	return 0;
}

static int teardown(void **state)
{
	for (unsigned int i = 0; i < NR_DOMS; i++)
		xfree(doms[i].evtchn);
	return 0;
}

/* The caller of the next hypercall. */
static void as(struct domain *d)
{
	cpu0.current = d->vcpu[0];
}

/* One hypercall; the argument is read from the guest once at most. */
static long hc(unsigned int cmd, void *arg)
{
	long rc;

	nr_copy_in = 0;
	rc = do_event_channel_op(cmd, (uint64_t)(uintptr_t)arg);
	assert_in_range(nr_copy_in, 0, 1);
	return rc;
}

/* Wrappers return the raw code; OUT fields through pointers. */
static long alloc_unbound(domid_t dom, domid_t remote, uint32_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote, .port = 0xdead };
	long rc = hc(EVTCHNOP_alloc_unbound, &a);

	if (port)
		*port = a.port;
	return rc;
}

static long bind_interdomain(domid_t rdom, uint32_t rport, uint32_t *lport)
{
	struct evtchn_bind_interdomain a = { .remote_dom = rdom, .remote_port = rport,
					     .local_port = 0xdead };
	long rc = hc(EVTCHNOP_bind_interdomain, &a);

	if (lport)
		*lport = a.local_port;
	return rc;
}

static long bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port)
{
	struct evtchn_bind_virq a = { .virq = virq, .vcpu = vcpu, .port = 0xdead };
	long rc = hc(EVTCHNOP_bind_virq, &a);

	if (port)
		*port = a.port;
	return rc;
}

static long bind_ipi(uint32_t vcpu, uint32_t *port)
{
	struct evtchn_bind_ipi a = { .vcpu = vcpu, .port = 0xdead };
	long rc = hc(EVTCHNOP_bind_ipi, &a);

	if (port)
		*port = a.port;
	return rc;
}

static long close_port(uint32_t port)
{
	struct evtchn_close a = { .port = port };

	return hc(EVTCHNOP_close, &a);
}

static long send(uint32_t port)
{
	struct evtchn_send a = { .port = port };

	return hc(EVTCHNOP_send, &a);
}

static long unmask(uint32_t port)
{
	struct evtchn_unmask a = { .port = port };

	return hc(EVTCHNOP_unmask, &a);
}

static long bind_vcpu(uint32_t port, uint32_t vcpu)
{
	struct evtchn_bind_vcpu a = { .port = port, .vcpu = vcpu };

	return hc(EVTCHNOP_bind_vcpu, &a);
}

static long reset(domid_t dom)
{
	struct evtchn_reset a = { .dom = dom };

	return hc(EVTCHNOP_reset, &a);
}

/* OUT fields start as garbage, so a field left unset shows. */
static long status(domid_t dom, uint32_t port, struct evtchn_status *st)
{
	memset(st, 0xa5, sizeof(*st));
	st->dom = dom;
	st->port = port;
	return hc(EVTCHNOP_status, st);
}

static bool pending(const struct domain *d, uint32_t port)
{
	return (d->shared_info->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

static void set_mask(struct domain *d, uint32_t port)
{
	d->shared_info->evtchn_mask[port / 64] |= 1ULL << (port % 64);
}

static bool masked(const struct domain *d, uint32_t port)
{
	return (d->shared_info->evtchn_mask[port / 64] >> (port % 64)) & 1;
}

static uint64_t sel(const struct vcpu *v)
{
	return v->vcpu_info->evtchn_pending_sel;
}

static uint8_t upcall(const struct vcpu *v)
{
	return v->vcpu_info->evtchn_upcall_pending;
}

static void assert_status(domid_t dom, uint32_t port, uint32_t want_status,
			  uint32_t want_vcpu)
{
	struct evtchn_status st;

	assert_int_equal(status(dom, port, &st), 0);
	assert_int_equal(st.status, want_status);
	assert_int_equal(st.vcpu, want_vcpu);
}

static void assert_unbound(domid_t dom, uint32_t port, domid_t remote)
{
	struct evtchn_status st;

	assert_int_equal(status(dom, port, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, remote);
}

static void assert_interdomain(domid_t dom, uint32_t port, domid_t rdom, uint32_t rport)
{
	struct evtchn_status st;

	assert_int_equal(status(dom, port, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_interdomain);
	assert_int_equal(st.u.interdomain.dom, rdom);
	assert_int_equal(st.u.interdomain.port, rport);
}

/*
 * The populated fixture, built through the hypercalls themselves:
 *   A p1  unbound, for B            B p1  interdomain <-> A p2
 *   A p2  interdomain <-> B p1      B p2  unbound, for dom0
 *   A p3  VIRQ_TIMER, vCPU 1        dom0 p1  unbound, for A
 *   A p4  VIRQ_CONSOLE (global)
 *   A p5  IPI to vCPU 1
 *   A p6  the hypervisor's (console ring)
 * Pending bits and kicks are cleared afterwards.
 */
static void populate(void)
{
	uint32_t p;

	as(A);
	assert_int_equal(alloc_unbound(DOMID_SELF, 2, &p), 0);
	assert_int_equal(p, 1);
	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 2);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	assert_int_equal(p, 2);
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 3);
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 0, &p), 0);
	assert_int_equal(p, 4);
	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 5);
	assert_int_equal(evtchn_alloc_xen_port(A, xen_port_handler, &p), 0);
	assert_int_equal(p, 6);
	as(dom0);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	assert_int_equal(p, 1);
	as(A);
	memset(shinfo, 0, sizeof(shinfo));
	nr_kicks = nr_wakes = 0;
}

/* Everything a rejected call must leave alone. */
struct snap {
	struct evtchn ports[NR_DOMS][EVTCHN_2L_NR_PORTS];
	unsigned int valid[NR_DOMS];
	uint32_t global_virq[NR_DOMS][NR_VIRQS];
	uint32_t vcpu_virq[NR_DOMS][NR_V][NR_VIRQS];
	struct shared_info si[NR_DOMS];
	unsigned int kicks, wakes, xen_sends;
};

static struct snap snap_before, snap_after;

static void take_snap(struct snap *s)
{
	memset(s, 0, sizeof(*s));
	for (unsigned int i = 0; i < NR_DOMS; i++) {
		memcpy(s->ports[i], doms[i].evtchn, doms[i].max_evtchns * sizeof(struct evtchn));
		s->valid[i] = doms[i].valid_evtchns;
		memcpy(s->global_virq[i], doms[i].global_virq_to_port, sizeof(s->global_virq[i]));
		for (unsigned int k = 0; k < doms[i].max_vcpus; k++)
			memcpy(s->vcpu_virq[i][k], vcpus[i][k].virq_to_port,
			       sizeof(s->vcpu_virq[i][k]));
		s->si[i] = shinfo[i];
	}
	s->kicks = nr_kicks;
	s->wakes = nr_wakes;
	s->xen_sends = nr_xen_sends;
}

/* Names what changed since snap_before; NULL when nothing did. */
static const char *what_changed(void)
{
	take_snap(&snap_after);
	for (unsigned int i = 0; i < NR_DOMS; i++) {
		if (memcmp(snap_before.ports[i], snap_after.ports[i], sizeof(snap_after.ports[i])))
			return "a port table";
		if (snap_before.valid[i] != snap_after.valid[i])
			return "valid_evtchns";
		if (memcmp(snap_before.global_virq[i], snap_after.global_virq[i],
			   sizeof(snap_after.global_virq[i])) ||
		    memcmp(snap_before.vcpu_virq[i], snap_after.vcpu_virq[i],
			   sizeof(snap_after.vcpu_virq[i])))
			return "a VIRQ slot";
		if (memcmp(&snap_before.si[i], &snap_after.si[i], sizeof(snap_after.si[i])))
			return "shared_info";
	}
	if (snap_before.kicks != snap_after.kicks || snap_before.wakes != snap_after.wakes)
		return "a vCPU was kicked or woken";
	if (snap_before.xen_sends != snap_after.xen_sends)
		return "the hypervisor port handler ran";
	return NULL;
}

static void assert_unchanged(void)
{
	const char *what = what_changed();

	if (what)
		print_message("changed: %s\n", what);
	assert_null(what);
}

union any_arg {
	struct evtchn_alloc_unbound alloc_unbound;
	struct evtchn_bind_interdomain bind_interdomain;
	struct evtchn_bind_virq bind_virq;
	struct evtchn_bind_pirq bind_pirq;
	struct evtchn_bind_ipi bind_ipi;
	struct evtchn_close close;
	struct evtchn_send send;
	struct evtchn_status status;
	struct evtchn_bind_vcpu bind_vcpu;
	struct evtchn_unmask unmask;
	struct evtchn_reset reset;
	struct evtchn_init_control init_control;
	struct evtchn_expand_array expand_array;
	struct evtchn_set_priority set_priority;
	uint8_t bytes[64];
};

struct reject {
	const char *name;
	uint64_t cmd;
	union any_arg arg;
	uint64_t gva;          /* nonzero: this guest pointer instead of &arg */
	long rc;
};

/* Rejections of A's calls against the populated fixture. Each must return
 * exactly Xen's code and change nothing at all. */
static const struct reject rejects[] = {
	/* alloc_unbound */
	{ "alloc_unbound in another domain, unprivileged", EVTCHNOP_alloc_unbound,
	  .arg.alloc_unbound = { .dom = 2, .remote_dom = 1 }, .rc = -EPERM },
	{ "alloc_unbound in dom0, unprivileged", EVTCHNOP_alloc_unbound,
	  .arg.alloc_unbound = { .dom = 0, .remote_dom = DOMID_SELF }, .rc = -EPERM },
	{ "alloc_unbound in no such domain", EVTCHNOP_alloc_unbound,
	  .arg.alloc_unbound = { .dom = NO_DOM, .remote_dom = 1 }, .rc = -ESRCH },
	{ "alloc_unbound in DOMID_XEN", EVTCHNOP_alloc_unbound,
	  .arg.alloc_unbound = { .dom = DOMID_XEN, .remote_dom = 1 }, .rc = -ESRCH },
	/* bind_interdomain */
	{ "bind_interdomain to a port unbound for dom0", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 2 }, .rc = -EINVAL },
	{ "bind_interdomain to a port already bound", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 1 }, .rc = -EINVAL },
	{ "bind_interdomain to a free port", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 3 }, .rc = -EINVAL },
	{ "bind_interdomain to port 0", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 0 }, .rc = -EINVAL },
	{ "bind_interdomain to the last port of the bucket", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 63 }, .rc = -EINVAL },
	{ "bind_interdomain beyond the allocated bucket", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 64 }, .rc = -EINVAL },
	{ "bind_interdomain to port ~0", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = 2, .remote_port = 0xffffffff }, .rc = -EINVAL },
	{ "bind_interdomain to our own unbound-for-B port", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = DOMID_SELF, .remote_port = 1 }, .rc = -EINVAL },
	{ "bind_interdomain to no such domain", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = NO_DOM, .remote_port = 1 }, .rc = -ESRCH },
	{ "bind_interdomain to DOMID_XEN", EVTCHNOP_bind_interdomain,
	  .arg.bind_interdomain = { .remote_dom = DOMID_XEN, .remote_port = 1 }, .rc = -ESRCH },
	/* bind_virq */
	{ "bind_virq NR_VIRQS", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = NR_VIRQS, .vcpu = 0 }, .rc = -EINVAL },
	{ "bind_virq ~0", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = 0xffffffff, .vcpu = 0 }, .rc = -EINVAL },
	{ "bind_virq per-vCPU on vCPU max_vcpus", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_DEBUG, .vcpu = 2 }, .rc = -ENOENT },
	{ "bind_virq per-vCPU on vCPU MAX_VCPUS_PER_DOM", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_DEBUG, .vcpu = MAX_VCPUS_PER_DOM }, .rc = -ENOENT },
	{ "bind_virq per-vCPU on vCPU ~0", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_DEBUG, .vcpu = 0xffffffff }, .rc = -ENOENT },
	{ "bind_virq global on vCPU 1", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_DOM_EXC, .vcpu = 1 }, .rc = -EINVAL },
	/* Xen checks "global on a vCPU other than 0" before the vCPU exists. */
	{ "bind_virq global on vCPU max_vcpus", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_DOM_EXC, .vcpu = 2 }, .rc = -EINVAL },
	{ "bind_virq global on vCPU ~0", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_ARCH_0, .vcpu = 0xffffffff }, .rc = -EINVAL },
	{ "bind_virq per-vCPU twice", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_TIMER, .vcpu = 1 }, .rc = -EEXIST },
	{ "bind_virq global twice", EVTCHNOP_bind_virq,
	  .arg.bind_virq = { .virq = VIRQ_CONSOLE, .vcpu = 0 }, .rc = -EEXIST },
	/* bind_ipi */
	{ "bind_ipi vCPU max_vcpus", EVTCHNOP_bind_ipi,
	  .arg.bind_ipi = { .vcpu = 2 }, .rc = -ENOENT },
	{ "bind_ipi vCPU ~0", EVTCHNOP_bind_ipi,
	  .arg.bind_ipi = { .vcpu = 0xffffffff }, .rc = -ENOENT },
	/* bind_pirq: no domain has physical IRQs */
	{ "bind_pirq 0", EVTCHNOP_bind_pirq, .arg.bind_pirq = { .pirq = 0 }, .rc = -EPERM },
	{ "bind_pirq 255", EVTCHNOP_bind_pirq, .arg.bind_pirq = { .pirq = 255 }, .rc = -EPERM },
	{ "bind_pirq 256", EVTCHNOP_bind_pirq, .arg.bind_pirq = { .pirq = 256 }, .rc = -EINVAL },
	{ "bind_pirq ~0", EVTCHNOP_bind_pirq, .arg.bind_pirq = { .pirq = 0xffffffff }, .rc = -EINVAL },
	/* close */
	{ "close port 0", EVTCHNOP_close, .arg.close = { .port = 0 }, .rc = -EINVAL },
	{ "close a free port", EVTCHNOP_close, .arg.close = { .port = 7 }, .rc = -EINVAL },
	{ "close the bucket's last port", EVTCHNOP_close, .arg.close = { .port = 63 }, .rc = -EINVAL },
	{ "close beyond the bucket", EVTCHNOP_close, .arg.close = { .port = 64 }, .rc = -EINVAL },
	{ "close port ~0", EVTCHNOP_close, .arg.close = { .port = 0xffffffff }, .rc = -EINVAL },
	/* send */
	{ "send on a VIRQ port", EVTCHNOP_send, .arg.send = { .port = 3 }, .rc = -EINVAL },
	{ "send on a global VIRQ port", EVTCHNOP_send, .arg.send = { .port = 4 }, .rc = -EINVAL },
	{ "send on port 0", EVTCHNOP_send, .arg.send = { .port = 0 }, .rc = -EINVAL },
	{ "send on a free port", EVTCHNOP_send, .arg.send = { .port = 7 }, .rc = -EINVAL },
	{ "send beyond the bucket", EVTCHNOP_send, .arg.send = { .port = 64 }, .rc = -EINVAL },
	{ "send on port ~0", EVTCHNOP_send, .arg.send = { .port = 0xffffffff }, .rc = -EINVAL },
	/* status */
	{ "status of B's port, unprivileged", EVTCHNOP_status,
	  .arg.status = { .dom = 2, .port = 1 }, .rc = -EPERM },
	{ "status in no such domain", EVTCHNOP_status,
	  .arg.status = { .dom = NO_DOM, .port = 1 }, .rc = -ESRCH },
	{ "status beyond the bucket", EVTCHNOP_status,
	  .arg.status = { .dom = DOMID_SELF, .port = 64 }, .rc = -EINVAL },
	{ "status beyond the table", EVTCHNOP_status,
	  .arg.status = { .dom = DOMID_SELF, .port = EVTCHN_DOMU_PORTS }, .rc = -EINVAL },
	{ "status of port ~0", EVTCHNOP_status,
	  .arg.status = { .dom = DOMID_SELF, .port = 0xffffffff }, .rc = -EINVAL },
	/* bind_vcpu */
	{ "bind_vcpu to vCPU max_vcpus", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 1, .vcpu = 2 }, .rc = -ENOENT },
	{ "bind_vcpu to vCPU ~0", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 1, .vcpu = 0xffffffff }, .rc = -ENOENT },
	{ "bind_vcpu of a per-vCPU VIRQ", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 3, .vcpu = 0 }, .rc = -EINVAL },
	{ "bind_vcpu of an IPI", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 5, .vcpu = 0 }, .rc = -EINVAL },
	{ "bind_vcpu of port 0", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 0, .vcpu = 1 }, .rc = -EINVAL },
	{ "bind_vcpu of a free port", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 7, .vcpu = 1 }, .rc = -EINVAL },
	{ "bind_vcpu beyond the bucket", EVTCHNOP_bind_vcpu,
	  .arg.bind_vcpu = { .port = 64, .vcpu = 1 }, .rc = -EINVAL },
	/* unmask */
	{ "unmask beyond the bucket", EVTCHNOP_unmask, .arg.unmask = { .port = 64 }, .rc = -EINVAL },
	{ "unmask port ~0", EVTCHNOP_unmask, .arg.unmask = { .port = 0xffffffff }, .rc = -EINVAL },
	/* reset */
	{ "reset B, unprivileged", EVTCHNOP_reset, .arg.reset = { .dom = 2 }, .rc = -EPERM },
	{ "reset dom0, unprivileged", EVTCHNOP_reset, .arg.reset = { .dom = 0 }, .rc = -EPERM },
	/* Xen looks the domain up first: -ESRCH even for an unprivileged caller. */
	{ "reset no such domain", EVTCHNOP_reset, .arg.reset = { .dom = NO_DOM }, .rc = -ESRCH },
	/* FIFO is not offered; unknown sub-ops */
	{ "init_control", EVTCHNOP_init_control, .arg.init_control = { .control_gfn = 5 }, .rc = -ENOSYS },
	{ "expand_array", EVTCHNOP_expand_array, .arg.expand_array = { .array_gfn = 5 }, .rc = -ENOSYS },
	{ "set_priority", EVTCHNOP_set_priority, .arg.set_priority = { .port = 1 }, .rc = -ENOSYS },
	{ "sub-op 14", 14, .rc = -ENOSYS },
	{ "sub-op 31", 31, .rc = -ENOSYS },
	{ "sub-op -1 as int", 0xffffffffULL, .rc = -ENOSYS },
	{ "sub-op ~0", 0xffffffffffffffffULL, .rc = -ENOSYS },
	/* bad guest pointers: refused before anything happens */
	{ "alloc_unbound, NULL", EVTCHNOP_alloc_unbound, .gva = 1, .rc = -EFAULT },
	{ "bind_interdomain, hypervisor range", EVTCHNOP_bind_interdomain, .gva = GVA_HYP, .rc = -EFAULT },
	{ "bind_virq, non-canonical", EVTCHNOP_bind_virq, .gva = GVA_NONCANON, .rc = -EFAULT },
	{ "bind_virq, just below non-canonical", EVTCHNOP_bind_virq, .gva = GVA_NONCANON - 4,
	  .rc = -EFAULT },
	{ "bind_pirq, ~0", EVTCHNOP_bind_pirq, .gva = GVA_ALL_ONES, .rc = -EFAULT },
	{ "close, NULL", EVTCHNOP_close, .gva = 1, .rc = -EFAULT },
	{ "send, hypervisor range", EVTCHNOP_send, .gva = GVA_HYP + 0x1000, .rc = -EFAULT },
	{ "status, non-canonical", EVTCHNOP_status, .gva = GVA_NONCANON, .rc = -EFAULT },
	{ "bind_ipi, ~0", EVTCHNOP_bind_ipi, .gva = GVA_ALL_ONES, .rc = -EFAULT },
	{ "bind_vcpu, NULL", EVTCHNOP_bind_vcpu, .gva = 1, .rc = -EFAULT },
	{ "unmask, hypervisor range", EVTCHNOP_unmask, .gva = GVA_HYP, .rc = -EFAULT },
	{ "reset, hypervisor range end", EVTCHNOP_reset, .gva = 0xffff87fffffffffeULL, .rc = -EFAULT },
};

/* .gva = 1 in the table stands for NULL (0 means "use &arg"). */
static uint64_t row_gva(const struct reject *r, union any_arg *arg)
{
	if (r->gva == 1)
		return GVA_NULL;
	return r->gva ? r->gva : (uint64_t)(uintptr_t)arg;
}

static void test_rejections_change_nothing(void **state)
{
	unsigned int failed = 0;

	populate();
	for (size_t i = 0; i < ARRAY_SIZE(rejects); i++) {
		const struct reject *r = &rejects[i];
		union any_arg arg = r->arg;
		const char *what;
		long rc;

		as(A);
		take_snap(&snap_before);
		nr_copy_in = 0;
		rc = do_event_channel_op(r->cmd, row_gva(r, &arg));
		what = what_changed();
		if (rc != r->rc || what || nr_copy_in > 1 ||
		    memcmp(&arg, &r->arg, sizeof(arg))) {
			print_message("FAIL %s: got %ld, want %ld%s%s%s\n", r->name, rc, r->rc,
				      what ? "; changed " : "", what ? what : "",
				      memcmp(&arg, &r->arg, sizeof(arg)) ? "; wrote the argument" : "");
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_alloc_unbound(void **state)
{
	uint32_t p;

	assert_int_equal(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
	assert_int_equal(p, 1);
	assert_unbound(DOMID_SELF, 1, 1);           /* SELF as remote: the caller */
	assert_int_equal(alloc_unbound(1, 2, &p), 0);   /* our own id, not SELF */
	assert_int_equal(p, 2);
	assert_unbound(DOMID_SELF, 2, 2);
	/* The remote need not exist yet, as in Xen. */
	assert_int_equal(alloc_unbound(DOMID_SELF, NO_DOM, &p), 0);
	assert_int_equal(p, 3);
	assert_unbound(1, 3, NO_DOM);
	assert_status(DOMID_SELF, 3, EVTCHNSTAT_unbound, 0);
	/* A privileged caller may allocate in another domain; SELF is dom0. */
	as(dom0);
	assert_int_equal(alloc_unbound(1, DOMID_SELF, &p), 0);
	assert_int_equal(p, 4);
	assert_unbound(1, 4, 0);
	as(A);
	assert_unbound(DOMID_SELF, 4, 0);
	assert_int_equal(nr_kicks, 0);
	assert_int_equal(A->valid_evtchns, 64);
	assert_int_equal(dom0->evtchn[1].state, ECS_FREE);   /* nothing in dom0's own table */
}

static void test_alloc_unbound_until_full(void **state)
{
	uint32_t p, bp;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &bp), 0);
	assert_int_equal(bp, 1);
	as(A);
	for (uint32_t want = 1; want < EVTCHN_DOMU_PORTS; want++) {
		assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
		assert_int_equal(p, want);
	}
	assert_int_equal(A->valid_evtchns, 1024);
	/* Full for every kind of binding, and nothing changes. */
	take_snap(&snap_before);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), -ENOSPC);
	assert_int_equal(p, 0xdead);                  /* OUT untouched on failure */
	assert_int_equal(bind_ipi(0, &p), -ENOSPC);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, &p), -ENOSPC);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), -ENOSPC);
	assert_int_equal(bind_interdomain(2, bp, &p), -ENOSPC);
	assert_int_equal(evtchn_alloc_xen_port(A, xen_port_handler, &p), -ENOSPC);
	assert_unchanged();
	/* A freed port is found again, even the last one. */
	assert_int_equal(close_port(1023), 0);
	assert_int_equal(bind_interdomain(2, bp, &p), 0);
	assert_int_equal(p, 1023);
}

static void test_buckets(void **state)
{
	struct evtchn_status st;
	uint32_t p;

	assert_status(DOMID_SELF, 63, EVTCHNSTAT_closed, 0);
	assert_int_equal(status(DOMID_SELF, 64, &st), -EINVAL);
	for (uint32_t want = 1; want < 64; want++) {
		assert_int_equal(alloc_unbound(DOMID_SELF, 2, &p), 0);
		assert_int_equal(p, want);
	}
	assert_int_equal(A->valid_evtchns, 64);
	assert_int_equal(status(DOMID_SELF, 64, &st), -EINVAL);
	assert_int_equal(unmask(64), -EINVAL);
	/* Port 64 opens the second bucket, and only it. */
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(p, 64);
	assert_int_equal(A->valid_evtchns, 128);
	assert_status(DOMID_SELF, 64, EVTCHNSTAT_ipi, 0);
	assert_status(DOMID_SELF, 127, EVTCHNSTAT_closed, 0);
	assert_int_equal(status(DOMID_SELF, 128, &st), -EINVAL);
	assert_int_equal(close_port(127), -EINVAL);   /* valid, but free */
	assert_int_equal(close_port(128), -EINVAL);
	assert_int_equal(unmask(127), 0);
	assert_int_equal(send(128), -EINVAL);
	/* Closing does not shrink the valid range; a freed port is reused first. */
	assert_int_equal(close_port(64), 0);
	assert_int_equal(A->valid_evtchns, 128);
	assert_status(DOMID_SELF, 64, EVTCHNSTAT_closed, 0);
	assert_int_equal(close_port(10), 0);
	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 10);
	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 64);
	/* dom0's table is 4096 ports: the same first bucket. */
	as(dom0);
	assert_status(DOMID_SELF, 63, EVTCHNSTAT_closed, 0);
	assert_int_equal(status(DOMID_SELF, 64, &st), -EINVAL);
	assert_int_equal(status(1, 127, &st), 0);     /* dom0 reads A's table */
	assert_int_equal(status(1, 128, &st), -EINVAL);
}

static void test_bind_interdomain(void **state)
{
	uint32_t bp, ap;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &bp), 0);
	assert_int_equal(bp, 1);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &ap), 0);
	assert_int_equal(ap, 1);
	assert_interdomain(DOMID_SELF, 1, 2, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_interdomain, 0);
	as(B);
	assert_interdomain(DOMID_SELF, 1, 1, 1);
	/* A send to the unbound port may have been lost: our end is pending,
	 * with its selector and upcall, and vCPU 0 was kicked. */
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[0]), 1);
	assert_int_equal(upcall(A->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[0]);
	assert_false(pending(B, 1));
	assert_int_equal(upcall(B->vcpu[0]), 0);
	/* Binding the same remote port again: it is no longer unbound. */
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &ap), -EINVAL);
}

static void test_bind_interdomain_masked_local_port(void **state)
{
	uint32_t p;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	as(A);
	set_mask(A, 1);   /* the guest masked the port it is about to get */
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 0);
}

static void test_bind_interdomain_loopback(void **state)
{
	uint32_t p;

	assert_int_equal(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(bind_interdomain(DOMID_SELF, 1, &p), 0);
	assert_int_equal(p, 2);
	assert_interdomain(DOMID_SELF, 1, 1, 2);
	assert_interdomain(DOMID_SELF, 2, 1, 1);
	memset(shinfo, 0, sizeof(shinfo));
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 2));
	assert_false(pending(A, 1));
	assert_int_equal(send(2), 0);
	assert_true(pending(A, 1));
	/* Closing one end leaves the other unbound, offered to ourselves. */
	assert_int_equal(close_port(1), 0);
	assert_unbound(DOMID_SELF, 2, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	assert_false(pending(A, 1));
}

static void test_bind_virq(void **state)
{
	struct evtchn_status st;
	uint32_t p;

	/* Per-vCPU: one binding per vCPU. */
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, &p), 0);
	assert_int_equal(p, 2);
	assert_int_equal(A->vcpu[1]->virq_to_port[VIRQ_TIMER], 1);
	assert_int_equal(A->vcpu[0]->virq_to_port[VIRQ_TIMER], 2);
	assert_int_equal(status(DOMID_SELF, 1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_virq);
	assert_int_equal(st.vcpu, 1);
	assert_int_equal(st.u.virq, VIRQ_TIMER);
	assert_int_equal(bind_virq(VIRQ_XENPMU, 1, &p), 0);
	assert_int_equal(p, 3);
	/* Global: vCPU 0 only, in the domain's slot. */
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), 0);
	assert_int_equal(p, 4);
	assert_int_equal(A->global_virq_to_port[VIRQ_DOM_EXC], 4);
	assert_int_equal(A->vcpu[0]->virq_to_port[VIRQ_DOM_EXC], 0);
	assert_int_equal(bind_virq(VIRQ_ARCH_7, 0, &p), 0);   /* the last VIRQ */
	assert_int_equal(p, 5);
	assert_int_equal(status(DOMID_SELF, 5, &st), 0);
	assert_int_equal(st.u.virq, VIRQ_ARCH_7);
	assert_int_equal(st.vcpu, 0);

	/* Delivery: per-vCPU to its vCPU, global to vCPU 0. */
	send_guest_vcpu_virq(A->vcpu[1], VIRQ_TIMER);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	send_guest_global_virq(A, VIRQ_DOM_EXC);
	assert_true(pending(A, 4));
	assert_int_equal(sel(A->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 2);
	assert_ptr_equal(kicked[1], A->vcpu[0]);
	/* Unbound or out-of-range VIRQs go nowhere. */
	take_snap(&snap_before);
	send_guest_vcpu_virq(A->vcpu[1], VIRQ_DEBUG);
	send_guest_vcpu_virq(A->vcpu[1], NR_VIRQS);
	send_guest_vcpu_virq(A->vcpu[1], 0xffffffff);
	send_guest_global_virq(A, VIRQ_CONSOLE);
	send_guest_global_virq(A, NR_VIRQS);
	send_guest_global_virq(B, VIRQ_DOM_EXC);
	assert_unchanged();
}

static void test_dom_exc_goes_to_privileged_domains(void **state)
{
	uint32_t p;

	as(dom0);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), 0);
	assert_int_equal(p, 1);
	as(A);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), 0);   /* a domU may bind it */
	evtchn_send_dom_exc(B);
	assert_true(pending(dom0, 1));
	assert_false(pending(A, 1));                  /* unprivileged: not told */
	memset(shinfo, 0, sizeof(shinfo));
	evtchn_send_dom_exc(dom0);                    /* the dying one is skipped */
	assert_false(pending(dom0, 1));
}

static void test_bind_ipi(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_ipi, 1);
	assert_int_equal(bind_ipi(1, &p), 0);         /* any number per vCPU */
	assert_int_equal(p, 2);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	/* Already pending: no second kick. */
	assert_int_equal(send(1), 0);
	assert_int_equal(nr_kicks, 1);
	/* Another port of the same word: its selector bit is already set. */
	assert_int_equal(send(2), 0);
	assert_true(pending(A, 2));
	assert_int_equal(nr_kicks, 1);
}

static void test_bind_pirq_out_untouched(void **state)
{
	struct evtchn_bind_pirq a = { .pirq = 3, .port = 0xdead };

	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), -EPERM);
	assert_int_equal(a.port, 0xdead);
	as(dom0);
	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), -EPERM);   /* dom0 too: no PIRQs here */
}

static void test_close_each_state(void **state)
{
	struct evtchn_status st;
	uint32_t p;

	populate();
	for (uint32_t port = 1; port <= 6; port++)
		evtchn_set_pending(A, port);
	/* Unbound, interdomain, VIRQ, global VIRQ, IPI, hypervisor's: all close,
	 * and each leaves its port free and not pending. */
	for (uint32_t port = 1; port <= 6; port++) {
		assert_int_equal(close_port(port), 0);
		assert_status(DOMID_SELF, port, EVTCHNSTAT_closed, 0);
		assert_false(pending(A, port));
		assert_int_equal(close_port(port), -EINVAL);   /* twice */
	}
	assert_int_equal(A->vcpu[1]->virq_to_port[VIRQ_TIMER], 0);
	assert_int_equal(A->global_virq_to_port[VIRQ_CONSOLE], 0);
	/* B's end of the interdomain channel waits for us again. */
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 0);
	as(A);
	/* Each port is reused, lowest first, and each VIRQ can be bound again. */
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 0, &p), 0);
	assert_int_equal(p, 2);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);   /* B's port again */
	assert_int_equal(p, 3);
	as(B);
	assert_interdomain(DOMID_SELF, 1, 1, 3);
	as(A);
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(p, 4);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 5);
	assert_int_equal(evtchn_alloc_xen_port(A, xen_port_handler, &p), 0);
	assert_int_equal(p, 6);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 7);
	assert_int_equal(status(DOMID_SELF, 0, &st), 0);   /* port 0 stays reserved */
	assert_int_equal(st.status, EVTCHNSTAT_closed);
}

static void test_close_peer_end(void **state)
{
	uint32_t p;

	populate();
	/* B closes its end of A p2 <-> B p1: A's end is left unbound to B. */
	as(B);
	assert_int_equal(close_port(1), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	as(A);
	assert_unbound(DOMID_SELF, 2, 2);
	/* A send on it now is dropped, not delivered anywhere. */
	take_snap(&snap_before);
	assert_int_equal(send(2), 0);
	assert_unchanged();
	/* B can connect to it again, getting its old port back. */
	as(B);
	assert_int_equal(bind_interdomain(1, 2, &p), 0);
	assert_int_equal(p, 1);
	as(A);
	assert_interdomain(DOMID_SELF, 2, 2, 1);
}

static void test_send(void **state)
{
	populate();
	/* Interdomain: the peer's port is pending, for the peer's vCPU 0. */
	assert_int_equal(send(2), 0);
	assert_true(pending(B, 1));
	assert_false(pending(A, 2));
	assert_int_equal(sel(B->vcpu[0]), 1);
	assert_int_equal(upcall(B->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], B->vcpu[0]);
	as(B);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 2));
	assert_ptr_equal(kicked[1], A->vcpu[0]);
	/* IPI: our own port, for its vCPU. */
	as(A);
	assert_int_equal(send(5), 0);
	assert_true(pending(A, 5));
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_ptr_equal(kicked[2], A->vcpu[1]);
	/* The hypervisor's port calls its handler and sets nothing. */
	assert_int_equal(send(6), 0);
	assert_int_equal(nr_xen_sends, 1);
	assert_ptr_equal(xen_send_dom, A);
	assert_int_equal(xen_send_port, 6);
	assert_false(pending(A, 6));
	/* Unbound: dropped, as Xen, and nothing changes. */
	take_snap(&snap_before);
	assert_int_equal(send(1), 0);
	as(B);
	assert_int_equal(send(2), 0);
	assert_unchanged();
	assert_int_equal(nr_kicks, 3);
}

static void test_send_to_stopped_domain_dropped(void **state)
{
	populate();
	B->state = DOMAIN_SHUTDOWN;
	take_snap(&snap_before);
	assert_int_equal(send(2), 0);
	assert_unchanged();
}

static void test_status_each_state(void **state)
{
	struct evtchn_status st;

	populate();
	assert_int_equal(bind_vcpu(1, 1), 0);
	assert_status(DOMID_SELF, 0, EVTCHNSTAT_closed, 0);
	assert_unbound(DOMID_SELF, 1, 2);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 1);
	assert_interdomain(DOMID_SELF, 2, 2, 1);
	assert_int_equal(status(DOMID_SELF, 3, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_virq);
	assert_int_equal(st.vcpu, 1);
	assert_int_equal(st.u.virq, VIRQ_TIMER);
	assert_int_equal(status(DOMID_SELF, 4, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_virq);
	assert_int_equal(st.vcpu, 0);
	assert_int_equal(st.u.virq, VIRQ_CONSOLE);
	assert_status(DOMID_SELF, 5, EVTCHNSTAT_ipi, 1);
	assert_interdomain(DOMID_SELF, 6, DOMID_XEN, 0);
	/* A closed port's OUT fields are all written: no stale bytes. */
	assert_int_equal(status(DOMID_SELF, 7, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
	assert_int_equal(st.vcpu, 0);
	assert_int_equal(st.u.interdomain.dom, 0);
	assert_int_equal(st.u.interdomain.port, 0);
	/* By our own id rather than DOMID_SELF. */
	assert_interdomain(1, 2, 2, 1);
	/* dom0 may look at anyone's ports. */
	as(dom0);
	assert_interdomain(2, 1, 1, 2);
	assert_unbound(2, 2, 0);
	assert_unbound(DOMID_SELF, 1, 1);
	assert_int_equal(status(2, 64, &st), -EINVAL);
	assert_int_equal(status(NO_DOM, 1, &st), -ESRCH);
}

static void test_unmask_redelivers(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 1);
	/* Masked: the port goes pending, with no selector, upcall or kick. */
	set_mask(A, 1);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 0);
	assert_int_equal(upcall(A->vcpu[1]), 0);
	assert_int_equal(nr_kicks, 0);
	/* And it stays so: another send changes nothing. */
	take_snap(&snap_before);
	assert_int_equal(send(1), 0);
	assert_unchanged();
	/* Unmask delivers it to the port's vCPU. */
	assert_int_equal(unmask(1), 0);
	assert_false(masked(A, 1));
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	/* Unmask again: the selector bit is still set, no second kick. */
	assert_int_equal(unmask(1), 0);
	assert_int_equal(nr_kicks, 1);
}

static void test_unmask_not_pending_delivers_nothing(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(0, &p), 0);
	set_mask(A, p);
	assert_int_equal(unmask(p), 0);
	assert_false(masked(A, p));
	assert_false(pending(A, p));
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 0);
	/* Port 0 and free ports inside the bucket may be unmasked too. */
	assert_int_equal(unmask(0), 0);
	assert_int_equal(unmask(63), 0);
}

static void test_unmask_second_word(void **state)
{
	uint32_t p;

	for (uint32_t i = 1; i < 65; i++)
		assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(p, 65);
	set_mask(A, 65);
	assert_int_equal(send(65), 0);
	assert_int_equal(A->shared_info->evtchn_pending[1], 1ULL << 1);
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(unmask(65), 0);
	assert_int_equal(sel(A->vcpu[0]), 1ULL << 1);   /* word 1's selector */
	assert_int_equal(upcall(A->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 1);
}

static void test_poll_wakes_even_when_masked(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(1, &p), 0);
	set_mask(A, p);
	A->vcpu[1]->poll_active = true;
	assert_int_equal(send(p), 0);
	assert_int_equal(nr_wakes, 1);
	assert_ptr_equal(last_woken, A->vcpu[1]);
	assert_int_equal(upcall(A->vcpu[1]), 0);
	assert_int_equal(nr_kicks, 0);
}

static void test_bind_vcpu(void **state)
{
	populate();
	/* Unbound, interdomain, global VIRQ and the hypervisor's port move. */
	assert_int_equal(bind_vcpu(1, 1), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 1);
	assert_int_equal(bind_vcpu(2, 1), 0);
	assert_status(DOMID_SELF, 2, EVTCHNSTAT_interdomain, 1);
	assert_int_equal(bind_vcpu(4, 1), 0);
	assert_status(DOMID_SELF, 4, EVTCHNSTAT_virq, 1);
	assert_int_equal(bind_vcpu(6, 1), 0);
	assert_status(DOMID_SELF, 6, EVTCHNSTAT_interdomain, 1);
	/* Delivery follows: B's send and the global VIRQ now reach vCPU 1. */
	as(B);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 2));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	memset(shinfo, 0, sizeof(shinfo));
	send_guest_global_virq(A, VIRQ_CONSOLE);
	assert_true(pending(A, 4));
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	/* And back to vCPU 0. */
	as(A);
	assert_int_equal(bind_vcpu(2, 0), 0);
	assert_status(DOMID_SELF, 2, EVTCHNSTAT_interdomain, 0);
	/* Closing the moved global VIRQ still frees its slot. */
	assert_int_equal(close_port(4), 0);
	assert_int_equal(A->global_virq_to_port[VIRQ_CONSOLE], 0);
}

static void test_reset(void **state)
{
	uint32_t p;

	populate();
	evtchn_set_pending(A, 3);
	assert_int_equal(reset(DOMID_SELF), 0);
	/* Every port closed but the hypervisor's, which the guest cannot own. */
	for (uint32_t port = 1; port <= 5; port++) {
		assert_status(DOMID_SELF, port, EVTCHNSTAT_closed, 0);
		assert_false(pending(A, port));
	}
	assert_interdomain(DOMID_SELF, 6, DOMID_XEN, 0);
	assert_status(DOMID_SELF, 0, EVTCHNSTAT_closed, 0);
	assert_int_equal(A->vcpu[1]->virq_to_port[VIRQ_TIMER], 0);
	assert_int_equal(A->global_virq_to_port[VIRQ_CONSOLE], 0);
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
	assert_unbound(DOMID_SELF, 2, 0);             /* B's own ports untouched */
	/* Reset by our own id, and of an empty table. */
	as(A);
	assert_int_equal(reset(1), 0);
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 1);
	/* dom0 may reset another domain. */
	as(dom0);
	assert_int_equal(reset(2), 0);
	as(B);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	assert_status(DOMID_SELF, 2, EVTCHNSTAT_closed, 0);
	as(dom0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 0);   /* dom0's own: kept */
}

/* The copy-in fails before anything happens: see the table. The copy-out
 * can fail only after the effect, which then stands, as in Xen. */
static void test_copy_out_fault_keeps_effect(void **state)
{
	struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = 2 };
	struct evtchn_close c = { .port = 1 };

	memcpy(read_only_arg, &a, sizeof(a));
	assert_int_equal(hc(EVTCHNOP_alloc_unbound, read_only_arg), -EFAULT);
	assert_unbound(DOMID_SELF, 1, 2);
	/* A sub-op with nothing to copy out does not write: no fault. */
	memcpy(read_only_arg, &c, sizeof(c));
	assert_int_equal(hc(EVTCHNOP_close, read_only_arg), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
}

static void test_destroy_leaves_peers_unbound(void **state)
{
	populate();
	evtchn_destroy(A);
	assert_null(A->evtchn);
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
	evtchn_destroy(A);                            /* twice: nothing left */
}

static void test_set_pending_bounds(void **state)
{
	/* Ports the domain has no bucket for are ignored. */
	take_snap(&snap_before);
	evtchn_set_pending(A, 64);
	evtchn_set_pending(A, 0xffffffff);
	assert_unchanged();
	assert_false(evtchn_is_pending(A, 64));
	assert_false(evtchn_is_pending(A, 0xffffffff));
	evtchn_set_pending(A, 63);
	assert_true(evtchn_is_pending(A, 63));
}

/* Races with a close. A close of an interdomain port reads the peer under
 * our lock, then lets go of it to take both domains' locks in order; what
 * another CPU does meanwhile runs from the interrupt-disable hook, once.
 * Whatever the interleaving, a close may fail only as Xen's does: Linux
 * BUG()s when EVTCHNOP_close fails. */
static void (*racer)(void);
static long racer_rc;
static bool racer_ran;

static void run_racer_once(void)
{
	host_irq_disable_hook = NULL;
	racer_ran = true;
	racer();
}

static void arm_racer(void (*fn)(void))
{
	racer = fn;
	racer_ran = false;
	racer_rc = 0xbad;
	host_irq_disable_hook = run_racer_once;
}

static void b_binds_to_a_port_1(void)
{
	uint32_t p;

	as(B);
	racer_rc = bind_interdomain(1, 1, &p);
	as(A);
}

/* B binds to the port A offered it while A closes it: the close succeeds,
 * before B's bind (which then fails) or after it (B's end stays unbound). */
static void test_close_races_remote_bind(void **state)
{
	uint32_t p;

	assert_int_equal(alloc_unbound(DOMID_SELF, 2, &p), 0);
	arm_racer(b_binds_to_a_port_1);
	assert_int_equal(close_port(1), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	if (!racer_ran)
		run_racer_once();                     /* B came second */
	as(B);
	if (racer_rc == 0)
		assert_unbound(DOMID_SELF, 1, 1);
	else
		assert_int_equal(racer_rc, -EINVAL);
}

static void a_closes_and_rebinds_port_1_to_dom0(void)
{
	uint32_t p;

	assert_int_equal(close_port(1), 0);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 1);
	as(dom0);
	racer_rc = bind_interdomain(1, 1, &p);
	as(A);
}

/* Another vCPU of A closes the port and binds it again, to dom0, while
 * the first close waits for B's lock: as Xen, that close is -EINVAL (the
 * port was closed meanwhile) and the new channel is left alone. */
static void test_close_races_close_and_rebind(void **state)
{
	uint32_t p;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	arm_racer(a_closes_and_rebinds_port_1_to_dom0);
	assert_int_equal(close_port(1), -EINVAL);
	assert_true(racer_ran);
	assert_int_equal(racer_rc, 0);
	assert_interdomain(DOMID_SELF, 1, 0, 1);
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
}

static void b_closes_its_end(void)
{
	as(B);
	racer_rc = close_port(1);
	as(A);
}

/* B closes its end while A closes its own: both succeed. */
static void test_close_races_peer_close(void **state)
{
	uint32_t p;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	arm_racer(b_closes_its_end);
	assert_int_equal(close_port(1), 0);
	assert_true(racer_ran);
	assert_int_equal(racer_rc, 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	as(B);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rejections_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_unbound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_unbound_until_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buckets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_interdomain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_interdomain_masked_local_port, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_interdomain_loopback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_virq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dom_exc_goes_to_privileged_domains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_ipi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_pirq_out_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_each_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_peer_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_to_stopped_domain_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_each_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmask_redelivers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmask_not_pending_delivers_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmask_second_word, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_wakes_even_when_masked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_out_fault_keeps_effect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_leaves_peers_unbound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_pending_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_races_remote_bind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_races_close_and_rebind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_races_peer_close, setup, teardown),
	};

	return RUN(tests);
}
