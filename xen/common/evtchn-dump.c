/* SPDX-License-Identifier: GPL-2.0 */
/* The 'e' debug key: every live domain's event channels as the
 * hypervisor and the guest's shared memory see them, for a hang where an
 * event seems lost (a guest blocked on a reply that never woke it).
 * Read without locks, as Xen's key does: a snapshot that may tear, never
 * a wait on a lock another CPU may hold forever. */
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/evtchn-2l.h>
#include <xeno/evtchn-fifo.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/sched.h>

#define PORTS_PER_LINE 6

/* One port as "port:what flags": i<dom>/<port> interdomain, u<dom>
 * unbound, v<virq>, p<pirq>, ipi, xen; then the notify vCPU and
 * P pending, M masked, L linked, B busy (FIFO's word bits). */
static int describe_port(struct domain *d, uint32_t port, char *buf, size_t len)
{
	const struct evtchn *c = &d->evtchn[port];
	bool fifo = __atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE) != NULL;
	uint32_t w = 0;
	bool masked, has_word = false;
	char what[24];

	switch (c->state) {
	case ECS_UNBOUND:
		snprintf(what, sizeof(what), "u%u", c->u.unbound_remote);
		break;
	case ECS_INTERDOMAIN:
		snprintf(what, sizeof(what), "i%u/%u", c->u.inter.d ? c->u.inter.d->domain_id : 0xffff,
			 c->u.inter.port);
		break;
	case ECS_VIRQ:
		snprintf(what, sizeof(what), "v%u", c->u.virq);
		break;
	case ECS_PIRQ:
		snprintf(what, sizeof(what), "p%u", c->u.pirq);
		break;
	case ECS_IPI:
		snprintf(what, sizeof(what), "ipi");
		break;
	default:
		snprintf(what, sizeof(what), "xen");
		break;
	}
	if (fifo) {
		has_word = evtchn_fifo_peek_word(d, port, &w);
		masked = has_word && (w >> EVTCHN_FIFO_MASKED) & 1;
	} else {
		masked = evtchn_2l_is_masked(d, port);
	}
	return snprintf(buf, len, " %u:%s v%u %s%s%s%s%s", port, what, c->notify_vcpu,
			evtchn_is_pending(d, port) ? "P" : "-", masked ? "M" : "-",
			fifo ? ((w >> EVTCHN_FIFO_LINKED) & 1 ? "L" : "-") : "",
			fifo ? ((w >> EVTCHN_FIFO_BUSY) & 1 ? "B" : "-") : "",
			fifo && !has_word ? "(no word)" : "");
}

static void dump_domain(struct domain *d)
{
	uint32_t valid = __atomic_load_n(&d->valid_evtchns, __ATOMIC_ACQUIRE);
	bool fifo = __atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE) != NULL;
	char line[200];
	int n = 0, k = 0;

	printk("d%u event channels (%s ABI, %u ports allocated):\n", d->domain_id,
	       fifo ? "FIFO" : "2-level", valid);
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = d->vcpu[i];

		if (!v || !v->vcpu_info)
			continue;
		printk("    v%u: upcall pending %u mask %u, pending_sel %#lx\n", i,
		       __atomic_load_n(&v->vcpu_info->evtchn_upcall_pending, __ATOMIC_RELAXED),
		       __atomic_load_n(&v->vcpu_info->evtchn_upcall_mask, __ATOMIC_RELAXED),
		       (unsigned long)__atomic_load_n(&v->vcpu_info->evtchn_pending_sel,
						      __ATOMIC_RELAXED));
		if (fifo)
			evtchn_fifo_dump_vcpu(v);
	}
	for (uint32_t p = 1; p < valid && p < d->max_evtchns; p++) {
		uint8_t st = d->evtchn[p].state;

		if (st == ECS_FREE || st == ECS_RESERVED)
			continue;
		n += describe_port(d, p, line + n, sizeof(line) - (size_t)n);
		if (++k == PORTS_PER_LINE || n > 150) {
			printk("   %s\n", line);
			n = k = 0;
		}
	}
	if (n)
		printk("   %s\n", line);
}

void evtchn_dump_all(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d->state != DOMAIN_DEAD && d->evtchn)
			dump_domain(d);
	}
}
