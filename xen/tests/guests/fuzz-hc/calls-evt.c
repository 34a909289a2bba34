/* SPDX-License-Identifier: MIT */
/*
 * Generators for event_channel_op, vcpu_op, sched_op and set_timer_op.
 * Left out because they end the fuzzer by design: SCHEDOP_shutdown,
 * SCHEDOP_block (nothing we keep bound is sure to wake us), SCHEDOP_poll
 * without a timeout, a watchdog created (id 0: it shuts us down when it
 * fires), VCPUOP_down of our only vCPU, VCPUOP_send_nmi (the test
 * runtime's NMI handler ends the guest). SCHEDOP_shutdown_code only ever
 * records poweroff, so the runner still sees our closing shutdown as one.
 */
#include <public/vcpu.h>
#include "fuzz.h"

static void *arg_area(size_t bytes)
{
	if (bytes > fz_area_room())
		bytes = fz_area_room();
	void *a = fz_area(0, bytes, fz_chance(50));

	fz_fill(a, bytes);
	return a;
}

static unsigned long arg_ptr(void *a, size_t bytes)
{
	if (fz_chance(90))
		return (unsigned long)a;
	return fz_chance(30) ? fz_ro_ptr() : fz_chance(50) ? fz_hostile_ptr()
			     : (unsigned long)fz_area(0, bytes / 2, true);   /* cut by the guard */
}

void fz_gen_event_channel_op(struct fz_call *c)
{
	unsigned long cmd = fz_op(EVTCHNOP_set_priority);
	uint32_t *w = arg_area(32);

	switch ((uint32_t)cmd) {
	case EVTCHNOP_alloc_unbound:
		((struct evtchn_alloc_unbound *)w)->dom = fz_domid();
		((struct evtchn_alloc_unbound *)w)->remote_dom = fz_domid();
		break;
	case EVTCHNOP_bind_interdomain:
		((struct evtchn_bind_interdomain *)w)->remote_dom = fz_domid();
		((struct evtchn_bind_interdomain *)w)->remote_port = fz_port();
		break;
	case EVTCHNOP_bind_virq:
		w[0] = (uint32_t)(fz_chance(80) ? fz_below(26) : fz_rand());
		w[1] = (uint32_t)fz_vcpu();
		break;
	case EVTCHNOP_bind_ipi:
		w[0] = (uint32_t)fz_vcpu();
		break;
	case EVTCHNOP_status:
		((struct evtchn_status *)w)->dom = fz_domid();
		((struct evtchn_status *)w)->port = fz_port();
		break;
	case EVTCHNOP_reset:
		*(domid_t *)w = fz_domid();
		break;
	case EVTCHNOP_init_control: {
		struct evtchn_init_control *ic = (void *)w;

		ic->control_gfn = fz_mfn_w();
		ic->offset = (uint32_t)(fz_chance(60) ? fz_below(64) * 64 : fz_rand());
		ic->vcpu = (uint32_t)fz_vcpu();
		break;
	}
	case EVTCHNOP_expand_array:
		*(uint64_t *)w = fz_mfn_w();
		break;
	default:   /* close, send, unmask, bind_vcpu, set_priority, bind_pirq: port first */
		w[0] = fz_port();
		w[1] = (uint32_t)(fz_chance(50) ? fz_vcpu() : fz_below(20));
		break;
	}
	c->nr = __HYPERVISOR_event_channel_op;
	c->a[0] = cmd;
	c->a[1] = arg_ptr(w, 32);
}

/* The offset a register_vcpu_info of our vcpu_info frame asked for. */
uint32_t fz_vcpu_info_offset = ~0U;

static uint64_t deadline(void)
{
	uint64_t now = system_time_ns();
	const uint64_t v[] = { 0, 1, now, now + 1000, now + 100000, now - 1000000,
			       ~0UL, ~0UL >> 1, 1UL << 63 };

	return v[fz_below(ARRAY_SIZE(v))];
}

void fz_gen_vcpu_op(struct fz_call *c)
{
	unsigned long cmd = fz_op(VCPUOP_register_vcpu_time_memory_area), vcpu = fz_vcpu();
	uint64_t *w = arg_area((uint32_t)cmd == VCPUOP_initialise ? 5120 : 32);

	switch ((uint32_t)cmd) {
	case VCPUOP_down:
	case VCPUOP_send_nmi:
		if (vcpu == 0)
			vcpu = 1;
		break;
	case VCPUOP_register_runstate_memory_area:
	case VCPUOP_register_vcpu_time_memory_area:
	case VCPUOP_get_runstate_info:
		w[0] = fz_ptr(1, 48);
		break;
	case VCPUOP_set_periodic_timer: {
		const uint64_t v[] = { 0, 1, 999999, 1000000, 1000001, 10000000, 1UL << 40, ~0UL };

		w[0] = v[fz_below(ARRAY_SIZE(v))];
		c->restore |= FZ_RESTORE_TIMERS;
		break;
	}
	case VCPUOP_set_singleshot_timer:
		w[0] = deadline();
		w[1] = fz_chance(70) ? fz_below(2) : fz_rand();
		break;
	case VCPUOP_register_vcpu_info: {
		struct vcpu_register_vcpu_info *r = (void *)w;
		const unsigned long m[] = { fz.vcpu_info_mfn, fz.vcpu_info_mfn, fz.pt_mfn[0],
					    fz.scratch_l1_mfn, fz.unowned_mfn, ~0UL,
					    fz.nr_peer ? fz.peer_mfn[0] : 0 };
		const uint32_t off[] = { 0, 64, 128, 4096 - 64, 4096 - 63, 4095, 4096, ~0U };

		r->mfn = m[fz_below(ARRAY_SIZE(m))];
		r->offset = off[fz_below(ARRAY_SIZE(off))];
		r->rsvd = fz_chance(80) ? 0 : (uint32_t)fz_rand();
		fz_vcpu_info_offset = r->mfn == fz.vcpu_info_mfn ? r->offset : ~0U;
		c->restore |= FZ_CHECK_VCPU_INFO;
		break;
	}
	default:
		break;
	}
	c->nr = __HYPERVISOR_vcpu_op;
	c->a[0] = cmd;
	c->a[1] = vcpu;
	c->a[2] = arg_ptr(w, 32);
}

void fz_gen_sched_op(struct fz_call *c)
{
	unsigned long cmd = fz_op(SCHEDOP_pin_override);
	uint64_t *w = arg_area(64);

	switch ((uint32_t)cmd) {
	case SCHEDOP_block:
	case SCHEDOP_shutdown:
		cmd = SCHEDOP_yield;
		break;
	case SCHEDOP_poll: {
		struct sched_poll *p = (void *)w;
		uint32_t *ports = fz_area(1, 64, true);
		uint64_t now = system_time_ns();

		for (unsigned int i = 0; i < 16; i++)
			ports[i] = fz_port();
		FZ_SET_HANDLE(p->ports, fz_chance(85) ? (unsigned long)ports : fz_hostile_ptr());
		p->nr_ports = (unsigned int)(fz_chance(70) ? fz_below(17) : fz_count(16));
		/* Never 0 (no timeout): a bounded sleep at most. */
		p->timeout = fz_chance(50) ? now - fz_below(1000000) : now + fz_below(200000);
		if (!p->timeout)
			p->timeout = 1;
		break;
	}
	case SCHEDOP_remote_shutdown:
		((struct sched_remote_shutdown *)w)->domain_id = fz_domid();
		((struct sched_remote_shutdown *)w)->reason = (unsigned int)fz_below(6);
		break;
	case SCHEDOP_shutdown_code:
		((struct sched_shutdown *)w)->reason = SHUTDOWN_poweroff;
		break;
	case SCHEDOP_watchdog:
		((uint32_t *)w)[0] = (uint32_t)(1 + fz_below(fz_chance(80) ? 4 : 0xfffffffe));
		((uint32_t *)w)[1] = (uint32_t)(fz_chance(50) ? 0 : fz_rand());
		break;
	default:
		break;
	}
	c->nr = __HYPERVISOR_sched_op;
	c->a[0] = cmd;
	/* A poll's arguments stay ours: a hostile pointer cannot make it
	 * block, but its timeout must come from this struct. */
	c->a[1] = (uint32_t)cmd == SCHEDOP_poll ? (unsigned long)w : arg_ptr(w, 16);
}

void fz_gen_set_timer_op(struct fz_call *c)
{
	c->nr = __HYPERVISOR_set_timer_op;
	c->a[0] = deadline();
}
