/* SPDX-License-Identifier: MIT */
/*
 * events: shared_info, pvclock time and event delivery to the guest.
 *
 * Checks that shared_info can be mapped with update_va_mapping; that
 * vcpu 0 starts with events masked; that its vcpu_time_info is usable (a
 * non-zero multiplier, an even version, time advancing across a yield) and
 * the wallclock is set. Then, with an event callback registered
 * (CALLBACKF_mask_events): EVTCHNOP_send sets the port's pending bit, the
 * selector and evtchn_upcall_pending but delivers nothing while masked;
 * an iret that sets IF unmasks, and the upcall arrives right there (RIP =
 * the iret's target, saved mask 0 and IF set in the frame, events masked
 * inside the handler); SCHEDOP_block returns at once with a port pending;
 * a VIRQ_TIMER armed with set_timer_op wakes SCHEDOP_block; SCHEDOP_poll
 * returns for a pending port, rejects more than 128 ports (-EINVAL) and
 * unreadable port lists (-EFAULT).
 *
 * A broken hypervisor leaves shared_info unmappable or time at zero (Linux
 * divides by the multiplier), delivers events while masked, never
 * delivers them on unmask, sleeps forever in block with an event pending,
 * or loses the timer.
 */
#include <public/callback.h>
#include "guest.h"
#include "shared.h"

extern void event_entry(void);

static void test_shared_info(void)
{
	volatile struct vcpu_time_info *t = &shared->vcpu_info[0].time;
	uint64_t before, after;

	expect_eq("shared/boot-upcall-mask", shared->vcpu_info[0].evtchn_upcall_mask, 1);
	expect_true("shared/time-info", t->tsc_to_system_mul != 0 && !(t->version & 1),
		    "tsc_to_system_mul %u version %u", t->tsc_to_system_mul, t->version);
	expect_true("shared/wallclock", shared->wc_sec > 1600000000u,
		    "wc_sec %u", shared->wc_sec);
	if (!t->tsc_to_system_mul)
		return;
	before = system_time_ns();
	for (int i = 0; i < 10; i++)
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	after = system_time_ns();
	expect_true("shared/time-advances", after > before && after - before < 10000000000UL,
		    "system time %lu then %lu ns", (unsigned long)before, (unsigned long)after);
}

/* HYPERVISOR_iret to the next instruction with IF set: unmasks events. */
static unsigned long iret_unmasked(void)
{
	unsigned long target;

	asm volatile("leaq 1f(%%rip), %[t]\n\t"
		     "movq %%rsp, %%rcx\n\t"
		     "pushq %[ss]\n\t"
		     "pushq %%rcx\n\t"          /* rsp after the frame is gone */
		     "pushq $0x202\n\t"         /* rflags: IF set */
		     "pushq %[cs]\n\t"          /* RPL 0: stay in kernel mode */
		     "pushq %[t]\n\t"
		     "pushq $0\n\t"             /* flags */
		     "pushq $0\n\tpushq $0\n\tpushq $0\n\t"
		     "movl %[nr], %%eax\n\t"
		     "syscall\n"
		     "1:"
		     : [t] "=&r"(target)
		     : [ss] "i"(FLAT_KERNEL_SS), [cs] "i"(FLAT_KERNEL_CS & ~3),
		       [nr] "i"(__HYPERVISOR_iret)
		     : "rax", "rcx", "r11", "memory");
	return target;
}

static void test_delivery(evtchn_port_t port)
{
	struct evtchn_send s = { .port = port };
	unsigned long target;

	evtchn_clear_pending(port);
	trap_clear();
	if (!expect_ok("events/send", HYPERVISOR_event_channel_op(EVTCHNOP_send, gva(&s))))
		return;
	expect_true("events/send-sets-pending",
		    evtchn_is_pending(port) && shared->vcpu_info[0].evtchn_upcall_pending &&
		    (shared->vcpu_info[0].evtchn_pending_sel & 1UL << (port / 64)),
		    "pending bit %d, upcall_pending %u, selector 0x%lx", evtchn_is_pending(port),
		    shared->vcpu_info[0].evtchn_upcall_pending,
		    (unsigned long)shared->vcpu_info[0].evtchn_pending_sel);
	expect_true("events/masked-holds-back", last_trap.vector == TRAP_NONE,
		    "vector 0x%lx delivered while masked", last_trap.vector);

	target = iret_unmasked();
	if (!expect_trap("events/upcall-on-unmask", VECTOR_EVENT))
		return;
	expect_eq("events/upcall-rip", last_trap.rip, target);
	expect_true("events/upcall-frame",
		    (last_trap.cs >> 32 & 0xff) == 0 && (last_trap.rflags & 0x200) &&
		    (last_trap.cs & 0xffff) == (FLAT_KERNEL_CS & ~3UL),
		    "cs 0x%lx rflags 0x%lx: want mask 0 saved, IF set, RPL 0",
		    last_trap.cs, last_trap.rflags);
	expect_eq("events/handler-masked", last_trap.upcall_mask, 1);
	expect_eq("events/masked-after-iret", shared->vcpu_info[0].evtchn_upcall_mask, 1);
}

static void test_block(evtchn_port_t ipi)
{
	struct evtchn_send s = { .port = ipi };
	unsigned long before;

	evtchn_clear_pending(ipi);
	HYPERVISOR_event_channel_op(EVTCHNOP_send, gva(&s));
	before = last_trap.count;
	expect_ok("sched_op/block-pending", HYPERVISOR_sched_op(SCHEDOP_block, 0));
	expect_true("sched_op/block-delivers", last_trap.count > before &&
		    last_trap.vector == VECTOR_EVENT, "no upcall after block (vector 0x%lx)",
		    last_trap.vector);
	evtchn_clear_pending(ipi);
}

static void test_timer(void)
{
	struct evtchn_bind_virq v = { .virq = VIRQ_TIMER, .vcpu = 0 };
	uint64_t start, deadline;
	long rc;

	if (!expect_ok("timer/bind-virq", HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, gva(&v))))
		return;
	evtchn_clear_pending(v.port);
	start = system_time_ns();
	deadline = start + 5000000;     /* 5 ms */
	if (!expect_ok("timer/set_timer_op", hypercall1(__HYPERVISOR_set_timer_op, deadline)))
		return;
	/* Block until the timer event; a spurious wake-up just blocks again. */
	for (int i = 0; i < 100 && !evtchn_is_pending(v.port); i++) {
		rc = HYPERVISOR_sched_op(SCHEDOP_block, 0);
		if (rc) {
			expect_ok("timer/block", rc);
			return;
		}
	}
	expect_true("timer/fired", evtchn_is_pending(v.port), "VIRQ_TIMER port %u not pending",
		    v.port);
	/* 100 us of slack: our pvclock estimate and the hypervisor's may differ. */
	expect_true("timer/not-early", system_time_ns() + 100000 >= deadline,
		    "woke at %lu ns, deadline %lu", (unsigned long)system_time_ns(),
		    (unsigned long)deadline);
	evtchn_clear_pending(v.port);
}

static void test_poll(evtchn_port_t ipi)
{
	struct evtchn_send s = { .port = ipi };
	evtchn_port_t ports[1] = { ipi };
	struct sched_poll p = { .nr_ports = 1 };

	set_xen_guest_handle(p.ports, ports);
	evtchn_clear_pending(ipi);
	HYPERVISOR_event_channel_op(EVTCHNOP_send, gva(&s));
	expect_ok("sched_op/poll-pending", HYPERVISOR_sched_op(SCHEDOP_poll, gva(&p)));
	p.nr_ports = 129;
	expect_rc("sched_op/poll-too-many", HYPERVISOR_sched_op(SCHEDOP_poll, gva(&p)),
		  -XEN_EINVAL);
	p.nr_ports = 1;
	set_xen_guest_handle(p.ports, (evtchn_port_t *)HV_RANGE_DIRECT);
	expect_rc("sched_op/poll-ports-hypervisor", HYPERVISOR_sched_op(SCHEDOP_poll, gva(&p)),
		  -XEN_EFAULT);
	expect_rc("sched_op/poll-arg-null", HYPERVISOR_sched_op(SCHEDOP_poll, 0), -XEN_EFAULT);
	evtchn_clear_pending(ipi);
}

void test_main(void)
{
	struct callback_register cb = { CALLBACKTYPE_event, CALLBACKF_mask_events,
					(unsigned long)event_entry };
	struct evtchn_bind_ipi ipi = { .vcpu = 0 };
	struct evtchn_unmask u;
	const char *why;

	if (!traps_setup("events/setup"))
		return;
	why = shared_info_map();
	if (why) {
		fail("shared/map", "setup: %s", why);
		return;
	}
	pass("shared/map");
	test_shared_info();
	if (!expect_ok("events/register-callback",
		       HYPERVISOR_callback_op(CALLBACKOP_register, gva(&cb))) ||
	    !expect_ok("events/bind-ipi",
		       HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, gva(&ipi))))
		return;
	u.port = ipi.port;
	expect_ok("events/unmask-port", HYPERVISOR_event_channel_op(EVTCHNOP_unmask, gva(&u)));
	test_delivery(ipi.port);
	test_block(ipi.port);
	test_timer();
	test_poll(ipi.port);
}
