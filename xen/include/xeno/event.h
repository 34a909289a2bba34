/* SPDX-License-Identifier: GPL-2.0 */
/* Event channels: per-domain port tables and the 2-level delivery ABI
 * (pending/mask bitmaps in shared_info, a selector word per vCPU). */
#ifndef XENO_EVENT_H
#define XENO_EVENT_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct vcpu;

#define EVTCHN_2L_NR_PORTS   4096
#define EVTCHN_DOMU_PORTS    1024   /* per-domain limit for domUs */

enum evtchn_state {
	ECS_FREE,
	ECS_RESERVED,      /* port 0 */
	ECS_UNBOUND,
	ECS_INTERDOMAIN,
	ECS_VIRQ,
	ECS_IPI,
	ECS_XEN,           /* other end is the hypervisor (console ring) */
	ECS_PIRQ,          /* a physical interrupt line (privileged domain) */
};

typedef void (*xen_port_handler_t)(struct domain *d, uint32_t port);

struct evtchn {
	uint8_t state;
	uint16_t notify_vcpu;
	union {
		uint16_t unbound_remote;                       /* ECS_UNBOUND */
		struct { struct domain *d; uint32_t port; } inter;   /* ECS_INTERDOMAIN */
		uint32_t virq;                                 /* ECS_VIRQ */
		uint32_t pirq;                                 /* ECS_PIRQ */
		xen_port_handler_t xen_handler;                /* ECS_XEN */
	} u;
};

int evtchn_init(struct domain *d);
void evtchn_destroy(struct domain *d);

/* Mark port pending for its notify vCPU, as the 2-level ABI says. */
void evtchn_set_pending(struct domain *d, uint32_t port);
void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq);
void send_guest_global_virq(struct domain *d, uint32_t virq);
/* VIRQ_DOM_EXC to every privileged domain. */
void evtchn_send_dom_exc(struct domain *dying);
/* A port whose sends call handler (the hypervisor is the other end). */
int evtchn_alloc_xen_port(struct domain *d, xen_port_handler_t handler, uint32_t *port);
bool evtchn_is_pending(struct domain *d, uint32_t port);
/* Is port inside the domain's allocated buckets? */
bool evtchn_port_valid(struct domain *d, uint32_t port);
/* The 'e' debug key (evtchn-dump.c). */
void evtchn_dump_all(void);
/* Wake SCHEDOP_poll waiters on port: a port newly became pending. */
void evtchn_wake_pollers(struct domain *d, uint32_t port);
/* Make v notice pending events: wake it or kick its CPU. */
void vcpu_kick(struct vcpu *v);

#endif
