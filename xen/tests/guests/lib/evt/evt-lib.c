/* SPDX-License-Identifier: MIT */
/* Event-channel wrappers, the upcall handler, pvclock and waits (evt.h). */
#include <public/callback.h>
#include "evt.h"

volatile uint32_t evt_count[EVT_NR_PORTS];
volatile uint8_t evt_port_vcpu[EVT_NR_PORTS];
volatile uint64_t evt_upcalls[EVT_MAX_VCPUS];
volatile uint64_t evt_handled[EVT_MAX_VCPUS];
volatile struct vcpu_info *evt_vcpu_info[EVT_MAX_VCPUS];
uint32_t evt_timer_port[EVT_MAX_VCPUS];
void (*volatile evt_hook)(uint32_t port, unsigned int vcpu);


void evt_upcall(void);
void evt_failsafe(void);

long evt_alloc_unbound(domid_t dom, domid_t remote, uint32_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
	long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

	if (!rc)
		*port = a.port;
	return rc;
}

long evt_bind_interdomain(domid_t remote, uint32_t rport, uint32_t *lport)
{
	struct evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = rport };
	long rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);

	if (!rc)
		*lport = b.local_port;
	return rc;
}

long evt_bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port)
{
	struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
	long rc = evtchn_op(EVTCHNOP_bind_virq, &b);

	if (!rc)
		*port = b.port;
	return rc;
}

long evt_bind_ipi(uint32_t vcpu, uint32_t *port)
{
	struct evtchn_bind_ipi b = { .vcpu = vcpu };
	long rc = evtchn_op(EVTCHNOP_bind_ipi, &b);

	if (!rc)
		*port = b.port;
	return rc;
}

long evt_send(uint32_t port)
{
	struct evtchn_send s = { .port = port };

	return evtchn_op(EVTCHNOP_send, &s);
}

long evt_close(uint32_t port)
{
	struct evtchn_close c = { .port = port };

	return evtchn_op(EVTCHNOP_close, &c);
}

long evt_unmask(uint32_t port)
{
	struct evtchn_unmask u = { .port = port };

	return evtchn_op(EVTCHNOP_unmask, &u);
}

long evt_bind_vcpu(uint32_t port, uint32_t vcpu)
{
	struct evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

	return evtchn_op(EVTCHNOP_bind_vcpu, &b);
}

long evt_status(domid_t dom, uint32_t port, struct evtchn_status *st)
{
	memset(st, 0, sizeof(*st));
	st->dom = dom;
	st->port = port;
	return evtchn_op(EVTCHNOP_status, st);
}

domid_t evt_self_domid(void)
{
	struct evtchn_status st;
	uint32_t port;
	domid_t id = 0xffff;

	if (evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &port))
		return id;
	if (!evt_status(DOMID_SELF, port, &st) && st.status == EVTCHNSTAT_unbound)
		id = st.u.unbound.dom;
	evt_close(port);
	return id;
}

unsigned int evt_this_vcpu(void)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);

	return sp >= (unsigned long)evt_vcpu1_stack && sp < (unsigned long)evt_vcpu1_stack + EVT_VCPU1_STACK;
}

/* The Linux 2-level scan, limited to ports this vCPU handles. */
void evt_upcall(void)
{
	unsigned int cpu = evt_this_vcpu();
	volatile struct vcpu_info *vi = evt_vcpu_info[cpu];

	evt_upcalls[cpu]++;
	while (vi->evtchn_upcall_pending) {
		unsigned long sel;

		vi->evtchn_upcall_pending = 0;
		sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned int w = (unsigned int)__builtin_ctzl(sel);
			unsigned long bits;

			sel &= sel - 1;
			bits = shared->evtchn_pending[w] & ~shared->evtchn_mask[w];
			while (bits) {
				uint32_t port = w * 64 + (uint32_t)__builtin_ctzl(bits);

				bits &= bits - 1;
				if (evt_port_vcpu[port] != cpu)
					continue;
				__atomic_and_fetch(&shared->evtchn_pending[w],
						   ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
				__atomic_add_fetch(&evt_count[port], 1, __ATOMIC_SEQ_CST);
				evt_handled[cpu]++;
				if (evt_hook)
					evt_hook(port, cpu);
			}
		}
	}
}

void evt_failsafe(void)
{
	fail("failsafe", "the hypervisor entered the failsafe callback on vcpu %u",
	     evt_this_vcpu());
	guest_finish();
}

const char *evt_setup(void)
{
	struct callback_register cb = { CALLBACKTYPE_event, CALLBACKF_mask_events,
					(unsigned long)evt_upcall_entry };
	struct callback_register fs = { CALLBACKTYPE_failsafe, CALLBACKF_mask_events,
					(unsigned long)evt_failsafe_entry };
	const char *why;

	if (traps_init())
		return "set_trap_table failed";
	why = shared_info_map();
	if (why)
		return why;
	for (unsigned int i = 0; i < EVT_MAX_VCPUS; i++)
		evt_vcpu_info[i] = &shared->vcpu_info[i];
	if (HYPERVISOR_callback_op(CALLBACKOP_register, gva(&cb)) ||
	    HYPERVISOR_callback_op(CALLBACKOP_register, gva(&fs)))
		return "callback_op register failed";
	if (evt_bind_virq(VIRQ_TIMER, 0, &evt_timer_port[0]))
		return "bind_virq VIRQ_TIMER for vcpu 0 failed";
	return NULL;
}

uint64_t evt_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uint64_t evt_now(void)
{
	volatile struct vcpu_time_info *t = &evt_vcpu_info[evt_this_vcpu()]->time;
	uint32_t version, mul;
	uint64_t base, stamp, delta;
	int8_t shift;

	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		base = t->system_time;
		stamp = t->tsc_timestamp;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while ((version & 1) || version != t->version);
	delta = evt_rdtsc() - stamp;
	delta = shift >= 0 ? delta << shift : delta >> -shift;
	return base + (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

void evt_mask(uint32_t port)
{
	__atomic_or_fetch(&shared->evtchn_mask[port / 64], 1UL << (port % 64), __ATOMIC_SEQ_CST);
}

void evt_unmask_local(uint32_t port)
{
	__atomic_and_fetch(&shared->evtchn_mask[port / 64], ~(1UL << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

bool evt_pending(uint32_t port)
{
	return (shared->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

void evt_clear(uint32_t port)
{
	__atomic_and_fetch(&shared->evtchn_pending[port / 64], ~(1UL << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

void evt_reset(uint32_t port)
{
	evt_clear(port);
	evt_count[port] = 0;
}

void evt_deliver(void)
{
	volatile struct vcpu_info *vi = evt_vcpu_info[evt_this_vcpu()];

	vi->evtchn_upcall_mask = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (vi->evtchn_upcall_pending)
		HYPERVISOR_xen_version(XENVER_version, 0);
	vi->evtchn_upcall_mask = 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

long evt_block(void)
{
	long rc = HYPERVISOR_sched_op(SCHEDOP_block, 0);

	evt_vcpu_info[evt_this_vcpu()]->evtchn_upcall_mask = 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return rc;
}

long evt_set_singleshot(uint64_t deadline, uint32_t flags)
{
	struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = deadline, .flags = flags };

	return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, evt_this_vcpu(), gva(&t));
}

long evt_stop_singleshot(void)
{
	return HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, evt_this_vcpu(), 0);
}

bool evt_wait_count(uint32_t port, uint32_t want, uint64_t timeout)
{
	uint64_t deadline = evt_now() + timeout;

	if (evt_count[port] >= want)
		return true;
	evt_set_singleshot(deadline, 0);
	while (evt_count[port] < want && evt_now() < deadline)
		evt_block();
	return evt_count[port] >= want;
}

bool evt_wait_flag(volatile uint32_t *flag, uint64_t timeout)
{
	uint64_t deadline = evt_now() + timeout;

	if (*flag)
		return true;
	evt_set_singleshot(deadline, 0);
	while (!*flag && evt_now() < deadline)
		evt_block();
	return *flag != 0;
}

void evt_sleep(uint64_t ns)
{
	uint64_t deadline = evt_now() + ns;

	while (evt_now() < deadline) {
		evt_set_singleshot(deadline, 0);
		evt_block();
	}
}

long evt_find_offer(domid_t dom, uint32_t from, uint64_t timeout, uint32_t *rport,
		    uint32_t *lport)
{
	uint64_t end = evt_now() + timeout;
	long rc = -XEN_EINVAL;

	do {
		for (uint32_t p = from; p < 64; p++) {
			rc = evt_bind_interdomain(dom, p, lport);
			if (rc == 0) {
				*rport = p;
				return 0;
			}
		}
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	} while (evt_now() < end);
	return rc;
}

void evt_tell_spinner(void)
{
	unsigned long spinner = evt_param("spinner", 0xffff);
	uint32_t rport, lport;
	long rc;

	if (spinner == 0xffff)
		return;
	rc = evt_find_offer((domid_t)spinner, 1, 30000 * MS, &rport, &lport);
	if (rc) {
		fail("spinner/told", "setup: no port of domain %lu offered to us (%ld)", spinner, rc);
		return;
	}
	expect_ok("spinner/told", evt_send(lport));
}

unsigned long evt_param(const char *key, unsigned long dflt)
{
	const char *s = guest_cmdline();
	size_t n = strlen(key);

	for (; *s; s++) {
		unsigned long v = 0;
		const char *p;

		if ((s != guest_cmdline() && s[-1] != ' ') || strncmp(s, key, n) || s[n] != '=')
			continue;
		p = s + n + 1;
		if (*p < '0' || *p > '9')
			return dflt;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (unsigned long)(*p++ - '0');
		return v;
	}
	return dflt;
}
