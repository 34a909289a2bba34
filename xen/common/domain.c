/* SPDX-License-Identifier: GPL-2.0 */
/* Domain lifecycle: creation, shutdown and crash reporting, and the end of
 * the machine when the last domain is gone (so boot tests are decisive).
 *
 * A domain's state only moves forward, each step under d->lock:
 *
 *   domain_create          domain_shutdown             domain_release_memory
 *   ------------> RUNNING ----------------> SHUTDOWN ----------------------> DEAD
 *                 (build, run)  any CPU:    every vCPU    on a CPU in the idle
 *                               poweroff,   stopped       loop, once no CPU
 *                               crash,      (VCPU_DEAD);  runs any of its vCPUs
 *                               last vCPU   shutdown_code (domain_off_cpus)
 *                               down        set
 *
 * Who frees what:
 *  - domain_shutdown frees nothing: a vCPU of the domain may still be on
 *    another CPU, in the middle of a hypercall, until that CPU schedules.
 *  - domain_reap_dead (each CPU's idle loop) finds SHUTDOWN domains whose
 *    vCPUs are off every CPU and calls domain_release_memory, which wins
 *    the SHUTDOWN -> DEAD step under d->lock (so one CPU does it), gives
 *    back every frame the domain owns, then domain_free_structures frees
 *    event channels, vCPUs, the shared-info page and grant frames.
 *  - struct domain itself stays in domain_list for reporting: a DEAD
 *    domain is skipped by domain_by_id, event senders and timers check the
 *    state before touching it.
 *  - A domain whose build failed never ran: domain_destroy_unstarted
 *    takes it down the same path without the shutdown report. */
#include <asm/cpu-info.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <xeno/arch-domain.h>
#include <xeno/arch-mm.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/frame-alloc.h>
#include <xeno/grant-table.h>
#include <xeno/grant.h>
#include <xeno/guest-time.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/setup.h>
#include <xeno/timer.h>

struct domain *domain_list[MAX_DOMAINS];
static spinlock_t domlist_lock = SPIN_LOCK_UNLOCKED;
static unsigned int nr_created, nr_crashed;

static struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
	struct vcpu *v = xzalloc(sizeof(*v));

	if (!v)
		return NULL;
	v->vcpu_id = id;
	v->domain = d;
	if (id < XEN_LEGACY_MAX_VCPUS)
		v->vcpu_info = &d->shared_info->vcpu_info[id];
	v->vcpu_info->evtchn_upcall_mask = 1;
	v->runstate = RUNSTATE_offline;   /* until it first runs */
	v->runstate_entry_ns = system_time_ns();
	arch_vcpu_init(v);
	sched_add_vcpu(v);
	return v;
}

/* A record for a new domain, unpublished (its slot is NULL meanwhile) and
 * zeroed, so DEAD: an empty slot gets a fresh one; otherwise a dead
 * domain's record whose memory is back and which no frame still names
 * (frames another domain maps outlive their owner) is reused. Records are
 * never freed: other domains' grant and event records may still point at
 * a dead one, and a dead state is what they check. -1: none left. */
static int record_claim(struct domain **out)
{
	int slot = -1;

	spin_lock(&domlist_lock);
	for (unsigned int i = 0; i < MAX_DOMAINS && slot < 0; i++) {
		struct domain *d = domain_list[i];

		if (d && d->state == DOMAIN_DEAD &&
		    __atomic_load_n(&d->memory_released, __ATOMIC_ACQUIRE) &&
		    !domain_frames_left(d->domain_id)) {
			slot = (int)i;
			*out = d;
		}
	}
	for (unsigned int i = 0; i < MAX_DOMAINS && slot < 0; i++)
		if (!domain_list[i])
			slot = (int)i;
	if (slot >= 0 && domain_list[slot]) {
		/* Readers find it DEAD (and so skip it) throughout: DEAD is 0. */
		struct domain *d = domain_list[slot];

		__atomic_store_n(&d->state, DOMAIN_DEAD, __ATOMIC_RELEASE);
		memset((char *)d + sizeof(d->domain_id), 0, sizeof(*d) - sizeof(d->domain_id));
		d->domain_id = DOMID_INVALID;
	} else if (slot >= 0) {
		*out = xzalloc(sizeof(**out));
		if (*out)
			(*out)->domain_id = DOMID_INVALID;
		else
			slot = -1;
	}
	/* Held until domain_create publishes or gives the slot back. */
	return slot;
}

static void record_release(int slot, struct domain *d)
{
	/* The slot keeps the (DEAD) record: reusable later. */
	domain_list[slot] = d;
	spin_unlock(&domlist_lock);
}

/* Whether any record, live or dead with frames still named by its id,
 * holds id. Called with domlist_lock held. */
static bool id_in_use(domid_t id)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d->domain_id == id &&
		    (d->state != DOMAIN_DEAD || domain_frames_left(id)))
			return true;
	}
	return false;
}

/* A domain with its shared_info page, event-channel table and vCPUs, all
 * down, entered in domain_list. NULL when the id is taken, the count is
 * out of range, or memory runs out (everything taken is given back). The
 * caller builds it (arch_build_domain) and wakes vCPU 0. */
struct domain *domain_create(domid_t id, bool privileged, unsigned int max_vcpus)
{
	return domain_create_with(id, privileged, max_vcpus, NULL, NULL);
}

struct domain *domain_create_with(domid_t id, bool privileged, unsigned int max_vcpus,
				  void (*setup)(struct domain *d, const void *arg),
				  const void *arg)
{
	struct domain *d = NULL;
	int slot;

	if (max_vcpus == 0 || max_vcpus > MAX_VCPUS_PER_DOM)
		return NULL;
	slot = record_claim(&d);
	if (slot < 0) {
		spin_unlock(&domlist_lock);
		return NULL;
	}
	if (id_in_use(id)) {
		d->memory_released = true;   /* never used: reusable as it is */
		record_release(slot, d);
		return NULL;
	}
	/* Readers skip it (DEAD) until it is published; the id is needed
	 * now, as the owner of the frames it is given. */
	d->domain_id = id;
	d->is_privileged = privileged;
	d->lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
	d->mm_lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
	d->max_vcpus = max_vcpus;
	d->max_grant_frames = gnttab_opt_max_frames();
	d->max_maptrack_frames = gnttab_opt_max_maptrack_frames();
	if (setup)
		setup(d, arg);
	if (shared_info_alloc(d) || evtchn_init(d) || gnttab_init(d))
		goto fail;
	guest_time_init_domain(d);
	for (unsigned int i = 0; i < max_vcpus; i++)
		if (!(d->vcpu[i] = vcpu_create(d, i)))
			goto fail;
	/* The id before the state: domain_by_id reads them the other way. */
	domain_list[slot] = d;
	__atomic_store_n(&d->state, DOMAIN_RUNNING, __ATOMIC_RELEASE);
	nr_created++;
	spin_unlock(&domlist_lock);
	return d;
fail:
	for (unsigned int i = 0; i < max_vcpus; i++) {
		xfree(d->vcpu[i]);
		d->vcpu[i] = NULL;
	}
	evtchn_destroy(d);
	gnttab_free(d);
	shared_info_free(d);
	d->domain_id = DOMID_INVALID;
	d->memory_released = true;
	record_release(slot, d);
	return NULL;
}

unsigned int domains_alive(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < MAX_DOMAINS; i++)
		if (domain_list[i] && domain_list[i]->state == DOMAIN_RUNNING)
			n++;
	return n;
}

static const char *shutdown_name(unsigned int reason)
{
	switch (reason) {
	case SHUTDOWN_poweroff: return "poweroff";
	case SHUTDOWN_reboot: return "reboot";
	case SHUTDOWN_suspend: return "suspend";
	case SHUTDOWN_crash: return "crash";
	case SHUTDOWN_watchdog: return "watchdog";
	case SHUTDOWN_soft_reset: return "soft reset";
	default: return "unknown";
	}
}

#define EXIT_REAP_WAIT_NS 2000000000ULL

static bool any_unreaped(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++)
		if (domain_list[i] && (domain_list[i]->state == DOMAIN_SHUTDOWN ||
				       (domain_list[i]->state == DOMAIN_DEAD &&
					!__atomic_load_n(&domain_list[i]->memory_released,
							 __ATOMIC_ACQUIRE))))
			return true;
	return false;
}

/* The machine is ending with the last domain. Another CPU may not yet
 * have switched away from a domain that died a moment earlier, or may be
 * releasing its memory right now, which flushes TLBs and so waits for
 * this CPU: serve those flushes while waiting (up to two seconds), so
 * that every frame is back before the final count. */
static void reap_before_exit(void)
{
	uint64_t until = system_time_ns() + EXIT_REAP_WAIT_NS;

	domain_reap_dead();
	while (any_unreaped() && system_time_ns() < until) {
		arch_serve_pending_flush();
		cpu_relax();
		domain_reap_dead();
	}
}

/* RUNNING -> SHUTDOWN, once (a second request is ignored, the first
 * reason stands). Every vCPU stops for good; VIRQ_DOM_EXC tells the
 * privileged domain; the last domain's shutdown ends the machine. May be
 * called from any CPU, including by the dying domain's own vCPU. */
void domain_shutdown(struct domain *d, unsigned int reason)
{
	unsigned long f = spin_lock_irqsave(&d->lock);

	if (d->state != DOMAIN_RUNNING) {
		spin_unlock_irqrestore(&d->lock, f);
		return;
	}
	d->state = DOMAIN_SHUTDOWN;
	d->shutdown_code = reason;
	d->is_shut_down = true;
	spin_unlock_irqrestore(&d->lock, f);

	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i])
			vcpu_stop(d->vcpu[i], true);
	/* Whatever the guest printed last comes before its obituary. */
	console_flush_domain(d);
	console_detach_ring(d);
	console_end_line(d);   /* an unterminated last line, pending drops */
	if (reason == SHUTDOWN_crash)
		__atomic_fetch_add(&nr_crashed, 1, __ATOMIC_RELAXED);
	printk("domain %u: shut down (%s)\n", d->domain_id, shutdown_name(reason));
	evtchn_send_dom_exc(d);
	/* The initial domain owns the devices: its end is the machine's,
	 * whatever else runs (as on Xen). A crash keeps the exit status
	 * that tells a test so. */
	if (d->is_privileged && d->domain_id == 0 && reason != SHUTDOWN_crash) {
		hypercall_print_counts();
		printk("dom0 shut down: the machine %s\n",
		       reason == SHUTDOWN_reboot ? "resets" : "powers off");
		arch_leave_guest_context();
		if (reason == SHUTDOWN_reboot)
			machine_reboot();
		machine_poweroff();
	}
	if (domains_alive() == 0 && nr_created) {
		hypercall_print_counts();
		/* The machine ends here: leave the dying domain's page tables
		 * and count everything back, so the free count is final. */
		arch_leave_guest_context();
		reap_before_exit();
		printk("frames: %lu free at exit, %lu more in dead domains' records\n",
		       xen_frames.nr_free, domain_dead_record_pages());
		printk("all domains have shut down (%u crashed): exiting\n", nr_crashed);
		machine_exit(nr_crashed ? 2 : 0);
	}
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
	struct vcpu *v = current_vcpu();
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* The guest's last words, whole, before its obituary: a poll may
	 * have shown the start of its last line already (as a prompt). */
	console_flush_domain(d);
	console_end_line(d);
	printk(XENLOG_ERR "domain %u crashed: %s\n", d->domain_id, why);
	if (v && v->domain == d)
		arch_show_guest_state(v);
	domain_shutdown(d, SHUTDOWN_crash);
}

void domain_reap_dead(void)
{
	/* Frames are returned in domain_release_memory once no CPU runs
	 * any of the domain's vCPUs; see mm. */
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		/* A toolstack's domain waits for XEN_DOMCTL_destroydomain. */
		if (d && d->state == DOMAIN_SHUTDOWN && (!d->toolstack_built || d->dying) &&
		    domain_off_cpus(d))
			domain_release_memory(d);
	}
}

void domain_free_structures(struct domain *d)
{
	/* The state is DEAD already: senders and timers look at it first
	 * and leave the domain alone, so these may go. */
	evtchn_destroy(d);
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		xfree(d->vcpu[i]);
		d->vcpu[i] = NULL;
	}
	shared_info_free(d);
	gnttab_free(d);
}

uint64_t domain_dead_record_pages(void)
{
	uint64_t n = 0;

	for (unsigned int i = 0; i < MAX_DOMAINS; i++)
		if (domain_list[i] && domain_list[i]->state == DOMAIN_DEAD)
			n += xalloc_pages(sizeof(struct domain));
	return n;
}

void domain_destroy_unstarted(struct domain *d)
{
	d->state = DOMAIN_SHUTDOWN;
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i])
			d->vcpu[i]->state = VCPU_DEAD;
	domain_release_memory(d);
	nr_created--;
}
