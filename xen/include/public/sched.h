/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_sched_op(cmd, arg): yield, block, shutdown with a reason,
 * poll on ports, and the SHUTDOWN_* reasons the toolstack acts on.
 */
#ifndef XENO_PUBLIC_SCHED_H
#define XENO_PUBLIC_SCHED_H

#include "event_channel.h"

#define SCHEDOP_yield            0  /* arg unused */
#define SCHEDOP_block            1  /* sleep until an event; unmasks events */
#define SCHEDOP_shutdown         2  /* struct sched_shutdown */
#define SCHEDOP_poll             3  /* struct sched_poll */
#define SCHEDOP_remote_shutdown  4  /* struct sched_remote_shutdown */
#define SCHEDOP_shutdown_code    5  /* struct sched_shutdown, recorded only */
#define SCHEDOP_watchdog         6  /* struct sched_watchdog */
#define SCHEDOP_pin_override     7  /* struct sched_pin_override */

struct sched_shutdown {
	unsigned int reason;          /* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/* Block until one of the ports is pending or the timeout (0: none). */
struct sched_poll {
	XEN_GUEST_HANDLE(evtchn_port_t) ports;
	unsigned int nr_ports;
	uint64_t timeout;             /* absolute system time, ns */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

struct sched_remote_shutdown {
	domid_t domain_id;
	unsigned int reason;          /* SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

/* id 0 creates a watchdog; timeout 0 destroys it. */
struct sched_watchdog {
	uint32_t id;
	uint32_t timeout;             /* seconds */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

struct sched_pin_override {
	int32_t pcpu;                 /* negative ends the override */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

#define SHUTDOWN_poweroff    0  /* exited normally */
#define SHUTDOWN_reboot      1
#define SHUTDOWN_suspend     2
#define SHUTDOWN_crash       3
#define SHUTDOWN_watchdog    4  /* the watchdog expired */
#define SHUTDOWN_soft_reset  5
#define SHUTDOWN_MAX         5

#endif /* XENO_PUBLIC_SCHED_H */
