/* SPDX-License-Identifier: GPL-2.0 */
/* The event-channel test fixture shared by the test-event-channel-*.c
 * programs: three domains, dom0 (privileged, 2 vCPUs), A (domU 1, 2 vCPUs,
 * the usual caller) and B (domU 2, 1 vCPU); hypercall wrappers that return
 * the raw code; a snapshot of everything a rejected call must leave alone. */
#ifndef EVTCHN_FIXTURE_H
#define EVTCHN_FIXTURE_H

#include "helpers.h"
#include <asm/cpu-info.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <public/event_channel.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/evtchn-fifo.h>
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

/* The fixture's state, defined in evtchn-fixture.c. */
extern struct cpu_info cpu0;
extern struct domain doms[NR_DOMS];
extern struct vcpu vcpus[NR_DOMS][NR_V];
extern struct shared_info shinfo[NR_DOMS];

extern struct vcpu *kicked[64];
extern unsigned int nr_kicks, nr_wakes, nr_copy_in, nr_xen_sends;
extern struct vcpu *last_woken;
extern struct domain *xen_send_dom;
extern uint32_t xen_send_port;
extern uint8_t read_only_arg[64];   /* copy_to_guest faults here */

#define NR_FAKE_FRAMES 132   /* 128 event pages + control blocks */
extern uint8_t fake_frames[NR_FAKE_FRAMES][PAGE_SIZE];
extern unsigned int nr_maps, nr_unmaps;

static struct domain *const dom0 = &doms[I0];
static struct domain *const A = &doms[IA];
static struct domain *const B = &doms[IB];

/* Three fresh domains, A calling; teardown frees their port tables. */
int setup(void **state);
int teardown(void **state);

/* The hypervisor's own port handler: counts and records each send. */
void xen_port_handler(struct domain *d, uint32_t port);

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
void populate(void);

/* Everything a rejected call must leave alone. */
struct snap {
	struct evtchn ports[NR_DOMS][EVTCHN_2L_NR_PORTS];
	unsigned int valid[NR_DOMS];
	uint32_t global_virq[NR_DOMS][NR_VIRQS];
	uint32_t vcpu_virq[NR_DOMS][NR_V][NR_VIRQS];
	struct shared_info si[NR_DOMS];
	unsigned int kicks, wakes, xen_sends;
};

extern struct snap snap_before, snap_after;

void take_snap(struct snap *s);
/* Names what changed since snap_before; NULL when nothing did. */
const char *what_changed(void);
void assert_unchanged(void);

/* The caller of the next hypercall. */
static inline void as(struct domain *d)
{
	cpu0.current = d->vcpu[0];
}

/* One hypercall; the argument is read from the guest once at most. */
static inline long hc(unsigned int cmd, void *arg)
{
	long rc;

	nr_copy_in = 0;
	rc = do_event_channel_op(cmd, (uint64_t)(uintptr_t)arg);
	assert_in_range(nr_copy_in, 0, 1);
	return rc;
}

/* Wrappers return the raw code; OUT fields through pointers. */
static inline long alloc_unbound(domid_t dom, domid_t remote, uint32_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote, .port = 0xdead };
	long rc = hc(EVTCHNOP_alloc_unbound, &a);

	if (port)
		*port = a.port;
	return rc;
}

static inline long bind_interdomain(domid_t rdom, uint32_t rport, uint32_t *lport)
{
	struct evtchn_bind_interdomain a = { .remote_dom = rdom, .remote_port = rport,
					     .local_port = 0xdead };
	long rc = hc(EVTCHNOP_bind_interdomain, &a);

	if (lport)
		*lport = a.local_port;
	return rc;
}

static inline long bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port)
{
	struct evtchn_bind_virq a = { .virq = virq, .vcpu = vcpu, .port = 0xdead };
	long rc = hc(EVTCHNOP_bind_virq, &a);

	if (port)
		*port = a.port;
	return rc;
}

static inline long bind_ipi(uint32_t vcpu, uint32_t *port)
{
	struct evtchn_bind_ipi a = { .vcpu = vcpu, .port = 0xdead };
	long rc = hc(EVTCHNOP_bind_ipi, &a);

	if (port)
		*port = a.port;
	return rc;
}

static inline long close_port(uint32_t port)
{
	struct evtchn_close a = { .port = port };

	return hc(EVTCHNOP_close, &a);
}

static inline long send(uint32_t port)
{
	struct evtchn_send a = { .port = port };

	return hc(EVTCHNOP_send, &a);
}

static inline long unmask(uint32_t port)
{
	struct evtchn_unmask a = { .port = port };

	return hc(EVTCHNOP_unmask, &a);
}

static inline long bind_vcpu(uint32_t port, uint32_t vcpu)
{
	struct evtchn_bind_vcpu a = { .port = port, .vcpu = vcpu };

	return hc(EVTCHNOP_bind_vcpu, &a);
}

static inline long reset(domid_t dom)
{
	struct evtchn_reset a = { .dom = dom };

	return hc(EVTCHNOP_reset, &a);
}

/* OUT fields start as garbage, so a field left unset shows. */
static inline long status(domid_t dom, uint32_t port, struct evtchn_status *st)
{
	memset(st, 0xa5, sizeof(*st));
	st->dom = dom;
	st->port = port;
	return hc(EVTCHNOP_status, st);
}

static inline bool pending(const struct domain *d, uint32_t port)
{
	return (d->shared_info->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

static inline void set_mask(struct domain *d, uint32_t port)
{
	d->shared_info->evtchn_mask[port / 64] |= 1ULL << (port % 64);
}

static inline bool masked(const struct domain *d, uint32_t port)
{
	return (d->shared_info->evtchn_mask[port / 64] >> (port % 64)) & 1;
}

static inline uint64_t sel(const struct vcpu *v)
{
	return v->vcpu_info->evtchn_pending_sel;
}

static inline uint8_t upcall(const struct vcpu *v)
{
	return v->vcpu_info->evtchn_upcall_pending;
}

static inline void assert_status(domid_t dom, uint32_t port, uint32_t want_status,
				 uint32_t want_vcpu)
{
	struct evtchn_status st;

	assert_int_equal(status(dom, port, &st), 0);
	assert_int_equal(st.status, want_status);
	assert_int_equal(st.vcpu, want_vcpu);
}

static inline void assert_unbound(domid_t dom, uint32_t port, domid_t remote)
{
	struct evtchn_status st;

	assert_int_equal(status(dom, port, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, remote);
}

static inline void assert_interdomain(domid_t dom, uint32_t port, domid_t rdom,
				      uint32_t rport)
{
	struct evtchn_status st;

	assert_int_equal(status(dom, port, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_interdomain);
	assert_int_equal(st.u.interdomain.dom, rdom);
	assert_int_equal(st.u.interdomain.port, rport);
}

#endif
