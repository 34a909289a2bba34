/* SPDX-License-Identifier: MIT */
/*
 * Helpers the event-channel, time, scheduling and SMP test guests share,
 * on top of ../guests/lib: event-channel wrappers that return the raw
 * code, an upcall handler that counts events per port and per vCPU (the
 * Linux 2-level scan: clear upcall_pending, take the selector, handle
 * pending & ~mask ports bound to this vCPU), the guest's own pvclock, waits
 * that block with a guard timer, and bringing up vCPU 1 with a
 * vcpu_guest_context we build. Wrappers judge nothing; the guests do.
 */
#ifndef GUESTS_EVT_H
#define GUESTS_EVT_H

#include <public/vcpu.h>
#include "guest.h"
#include "shared.h"

#define EVT_MAX_VCPUS  2
#define EVT_NR_PORTS   4096         /* the 2-level ABI's ports */
#define MS             1000000ULL   /* ns */
#define TICK_NS        (10 * MS)    /* the hypervisor's 100 Hz tick */
/* Our pvclock and the hypervisor's clock differ by rounding only. */
#define CLOCK_SLACK_NS 20000ULL

static inline long HYPERVISOR_vcpu_op(unsigned long cmd, unsigned long vcpu, unsigned long arg)
{
	return hypercall3(__HYPERVISOR_vcpu_op, cmd, vcpu, arg);
}

static inline long HYPERVISOR_set_timer_op(uint64_t deadline)
{
	return hypercall1(__HYPERVISOR_set_timer_op, deadline);
}

static inline long evtchn_op(unsigned long cmd, void *arg)
{
	return HYPERVISOR_event_channel_op(cmd, gva(arg));
}

/* Event-channel operations; *port is written only on success. */
long evt_alloc_unbound(domid_t dom, domid_t remote, uint32_t *port);
long evt_bind_interdomain(domid_t remote, uint32_t rport, uint32_t *lport);
long evt_bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port);
long evt_bind_ipi(uint32_t vcpu, uint32_t *port);
long evt_send(uint32_t port);
long evt_close(uint32_t port);
long evt_unmask(uint32_t port);
long evt_bind_vcpu(uint32_t port, uint32_t vcpu);
long evt_status(domid_t dom, uint32_t port, struct evtchn_status *st);
/* Our domain id (alloc_unbound for DOMID_SELF, then status); 0xffff on error. */
domid_t evt_self_domid(void);

/* Per-port and per-vCPU upcall accounting, written by the handler. */
extern volatile uint32_t evt_count[EVT_NR_PORTS];
extern volatile uint8_t evt_port_vcpu[EVT_NR_PORTS];   /* who handles a port */
extern volatile uint64_t evt_upcalls[EVT_MAX_VCPUS];
extern volatile uint64_t evt_handled[EVT_MAX_VCPUS];
/* Each vCPU's vcpu_info (moves with VCPUOP_register_vcpu_info). */
extern volatile struct vcpu_info *evt_vcpu_info[EVT_MAX_VCPUS];
/* VIRQ_TIMER port of each vCPU (0: not bound). */
extern uint32_t evt_timer_port[EVT_MAX_VCPUS];
/* Called by the handler for each event, on the vCPU that took it. */
extern void (*volatile evt_hook)(uint32_t port, unsigned int vcpu);

/*
 * Map shared_info, install trap handlers and the event callback, bind
 * VIRQ_TIMER for vCPU 0 (the waits' guard). NULL or a "setup" reason.
 */
const char *evt_setup(void);
extern void evt_upcall_entry(void);
extern void evt_failsafe_entry(void);
unsigned int evt_this_vcpu(void);

/* The pvclock of this vCPU's vcpu_time_info, in ns. */
uint64_t evt_now(void);
uint64_t evt_rdtsc(void);
/* Mask bit of a port in shared_info (the guest's own, no hypercall). */
void evt_mask(uint32_t port);
void evt_unmask_local(uint32_t port);
bool evt_pending(uint32_t port);
void evt_clear(uint32_t port);
/* Reset a port's count and pending bit. */
void evt_reset(uint32_t port);

/* Unmask upcalls, let a pending one in (xen_version as Linux's
 * force_evtchn_callback), mask again. */
void evt_deliver(void);
/* SCHEDOP_block, then mask upcalls again (the upcall runs in between). */
long evt_block(void);
/* Block until evt_count[port] >= want or `timeout` ns pass. */
bool evt_wait_count(uint32_t port, uint32_t want, uint64_t timeout);
/* Block until *flag != 0 or the timeout. */
bool evt_wait_flag(volatile uint32_t *flag, uint64_t timeout);
/* Sleep (blocked) for ns, woken by a singleshot timer. */
void evt_sleep(uint64_t ns);
/* Singleshot timer on the calling vCPU; the raw return code. */
long evt_set_singleshot(uint64_t deadline, uint32_t flags);
long evt_stop_singleshot(void);

/*
 * With spinner=S on the command line: bind the port domain S offered us
 * (scan its first 64 ports with bind_interdomain, retrying for 30 s) and
 * send on it, so S stops spinning. PASS/FAIL "spinner/told".
 */
void evt_tell_spinner(void);
/* Bind the first port of domain dom offered to us; 0 or the last code. */
long evt_find_offer(domid_t dom, uint32_t from, uint64_t timeout, uint32_t *rport,
		    uint32_t *lport);

/* Number after "key=" on the command line, or dflt. */
unsigned long evt_param(const char *key, unsigned long dflt);

/* evt-smp.c: vCPU 1. */
/* Fill ctx for vCPU 1 entering fn on its own stack with our page tables. */
void evt_vcpu_context(struct vcpu_guest_context *ctx, void (*fn)(void));
extern struct vcpu_guest_context evt_ctx;
/* Bring vCPU 1 up running fn (initialise + up); the raw code of the first failure. */
long evt_start_vcpu1(void (*fn)(void));
/* Set by vCPU 1's entry before fn runs / after it returns. */
extern volatile uint32_t evt_vcpu1_started, evt_vcpu1_done;
#define EVT_VCPU1_STACK 16384
extern char evt_vcpu1_stack[EVT_VCPU1_STACK];

#endif /* GUESTS_EVT_H */
