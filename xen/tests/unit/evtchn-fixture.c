/* SPDX-License-Identifier: GPL-2.0 */
/* The event-channel test fixture (evtchn-fixture.h): the domains, the hooks
 * event-channel.c and evtchn-2l.c call in other files, the populated port
 * layout and the snapshot of every table a rejection must leave alone. */
#include "evtchn-fixture.h"
#include <asm/irq.h>

struct cpu_info *host_cpu_info;
void (*host_irq_disable_hook)(void);
struct domain *domain_list[MAX_DOMAINS];

struct cpu_info cpu0;
struct domain doms[NR_DOMS];
struct vcpu vcpus[NR_DOMS][NR_V];
struct shared_info shinfo[NR_DOMS];

struct vcpu *kicked[64];
unsigned int nr_kicks, nr_wakes, nr_copy_in, nr_xen_sends;
struct vcpu *last_woken;
struct domain *xen_send_dom;
uint32_t xen_send_port;
uint8_t read_only_arg[64];   /* copy_to_guest faults here */

/* Guest frames for the FIFO ABI's control blocks and event pages: frame
 * n is fake_frames[n]; FAKE_BAD_MFN and beyond cannot be mapped. */
uint8_t fake_frames[NR_FAKE_FRAMES][PAGE_SIZE] __attribute__((aligned(4096)));
unsigned int nr_maps, nr_unmaps;

void *arch_map_guest_page(struct domain *d, uint64_t mfn)
{
	if (mfn >= NR_FAKE_FRAMES)
		return NULL;
	nr_maps++;
	return fake_frames[mfn];
}

void arch_unmap_guest_page(struct domain *d, uint64_t mfn)
{
	nr_unmaps++;
}

unsigned int nr_printks;

void printk(const char *fmt, ...)
{
	nr_printks++;
}

/* Hooks event-channel.c and evtchn-2l.c call in other files. */
void *xzalloc(size_t size) { return calloc(1, size); }
void xfree(void *p) { free(p); }

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

void vcpu_unblock(struct vcpu *v)
{
	vcpu_wake(v);   /* recorded alike: the fixture has no vCPU states */
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

void xen_port_handler(struct domain *d, uint32_t port)
{
	nr_xen_sends++;
	xen_send_dom = d;
	xen_send_port = port;
}

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

int setup(void **state)
{
	memset(doms, 0, sizeof(doms));
	memset(vcpus, 0, sizeof(vcpus));
	memset(shinfo, 0, sizeof(shinfo));
	memset(domain_list, 0, sizeof(domain_list));
	memset(fake_frames, 0, sizeof(fake_frames));
	nr_maps = nr_unmaps = 0;
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

int teardown(void **state)
{
	for (unsigned int i = 0; i < NR_DOMS; i++) {
		evtchn_fifo_destroy(&doms[i], false);
		xfree(doms[i].evtchn);
	}
	return 0;
}

void populate(void)
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

struct snap snap_before, snap_after;

void take_snap(struct snap *s)
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

const char *what_changed(void)
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

void assert_unchanged(void)
{
	const char *what = what_changed();

	if (what)
		print_message("changed: %s\n", what);
	assert_null(what);
}


/* The IO-APIC as irq.c sees it: 24 pins whose mask bits are recorded. */
bool fake_pin_masked[NR_GSIS];
unsigned int fake_pin_programmed[NR_GSIS];
void ioapic_program(unsigned int gsi, unsigned int vector, bool level, bool low)
{
	(void)vector; (void)level; (void)low;
	fake_pin_programmed[gsi]++;
	fake_pin_masked[gsi] = true;
}
void ioapic_set_masked(unsigned int gsi, bool masked) { fake_pin_masked[gsi] = masked; }
unsigned int ioapic_nr_pins(void) { return NR_GSIS; }
void pirq_notify(struct domain *d, uint32_t port) { evtchn_set_pending(d, port); }
