/* SPDX-License-Identifier: GPL-2.0 */
/* Event-channel rejections: each EVTCHNOP_* sub-op's Xen error codes, with
 * every port table, VIRQ slot and shared_info bit unchanged after a
 * rejection; a full table; bucket bounds; a faulting copy-out, whose effect
 * stands. Fixture: evtchn-fixture.h. */
#include "evtchn-fixture.h"
#include <asm/irq.h>

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
	{ "init_control-unmappable", EVTCHNOP_init_control,
	  .arg.init_control = { .control_gfn = NR_FAKE_FRAMES }, .rc = -EINVAL },
	{ "init_control-bad-vcpu", EVTCHNOP_init_control,
	  .arg.init_control = { .control_gfn = 5, .vcpu = 9 }, .rc = -ENOENT },
	{ "expand_array-2-level", EVTCHNOP_expand_array, .arg.expand_array = { .array_gfn = 5 }, .rc = -EOPNOTSUPP },
	{ "set_priority", EVTCHNOP_set_priority, .arg.set_priority = { .port = 1 }, .rc = -ENOSYS },
	/* 14 is EVTCHNOP_reset_cont (tools-only in the header): with no reset
	 * under way Xen's evtchn_reset() answers -EBUSY. */
	{ "sub-op 14 (reset_cont)", 14, .arg.reset = { .dom = DOMID_SELF }, .rc = -EBUSY },
	{ "sub-op 15", 15, .rc = -ENOSYS },
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

static void test_bind_pirq_out_untouched(void **state)
{
	struct evtchn_bind_pirq a = { .pirq = 3, .port = 0xdead };

	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), -EPERM);   /* a domU has no pirqs */
	assert_int_equal(a.port, 0xdead);
	as(dom0);
	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), -EINVAL);  /* dom0: not mapped yet */
	assert_int_equal(a.port, 0xdead);
	a.pirq = 256;
	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), -EINVAL);
}

extern bool fake_pin_masked[NR_GSIS];

/* GSI -> pirq -> port for dom0: bound unmasks, a level interrupt masks
 * until EOI, close masks, a second bind is -EEXIST, GSI 0 stays ours. */
static void test_pirq_lifecycle(void **state)
{
	struct evtchn_bind_pirq a = { .pirq = 5 };
	struct evtchn_status st = { .dom = DOMID_SELF };
	struct evtchn_close c;
	struct domain *d0;
	int pirq = -1;

	as(dom0);
	d0 = current_vcpu()->domain;
	assert_int_equal(pirq_map_gsi(d0, 0, &pirq), -EPERM);
	assert_int_equal(pirq_map_gsi(d0, NR_GSIS, &pirq), -EINVAL);
	assert_int_equal(pirq_map_gsi(d0, 5, &pirq), 0);
	assert_int_equal(pirq, 5);
	assert_int_equal(pirq_setup_gsi(d0, 5, 0, 0), 0);        /* level, high */
	assert_int_equal(pirq_setup_gsi(d0, 5, 0, 0), -EEXIST);
	assert_true(fake_pin_masked[5]);
	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), 0);
	assert_false(fake_pin_masked[5]);
	assert_int_equal(hc(EVTCHNOP_bind_pirq, &a), -EEXIST);
	st.port = a.port;
	assert_int_equal(hc(EVTCHNOP_status, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_pirq);
	assert_int_equal(st.u.pirq, 5);
	pirq_raise(5);
	assert_true(evtchn_is_pending(d0, a.port));
	assert_true(fake_pin_masked[5]);                         /* until the EOI */
	assert_int_equal(pirq_eoi(d0, 5), 0);
	assert_false(fake_pin_masked[5]);
	assert_int_equal(pirq_unmap(d0, 5), -EBUSY);             /* still bound */
	c.port = a.port;
	assert_int_equal(hc(EVTCHNOP_close, &c), 0);
	assert_true(fake_pin_masked[5]);
	assert_int_equal(pirq_unmap(d0, 5), 0);
	assert_int_equal(pirq_eoi(d0, 5), -EINVAL);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rejections_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_unbound_until_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buckets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_pirq_out_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pirq_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_out_fault_keeps_effect, setup, teardown),
	};

	return RUN(tests);
}
