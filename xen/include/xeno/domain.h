/* SPDX-License-Identifier: GPL-2.0 */
/* Domains and vCPUs: the generic part. Architecture state lives in
 * struct arch_vcpu / struct arch_domain (asm/domain.h), which only
 * xen/arch reads; the calls into it are in xeno/arch-domain.h. */
#ifndef XENO_DOMAIN_H
#define XENO_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/current.h>
#include <asm/domain.h>
#include <public/xen.h>
#include <xeno/console-line.h>
#include <xeno/spinlock.h>

#define MAX_DOMAINS        64
#define MAX_VCPUS_PER_DOM  8
#define NR_HYPERCALLS      64
#define NR_VIRQS           24
#define NR_SUBOPS          32   /* sub-op counters per hypercall */
#define GNTTAB_MAX_FRAMES  64   /* Xen's default max_grant_frames */

enum vcpu_state {
	VCPU_DOWN,       /* not initialised, or brought down */
	VCPU_RUNNABLE,
	VCPU_RUNNING,
	VCPU_BLOCKED,    /* waiting for an event or timer */
	VCPU_DEAD,       /* its domain is gone */
};

struct domain;

struct vcpu {
	unsigned int vcpu_id;
	struct domain *domain;
	unsigned int processor;        /* physical CPU it runs on */
	enum vcpu_state state;
	bool initialised;
	struct vcpu_info *vcpu_info;   /* hypervisor (direct-map) address */
	uint64_t vcpu_info_mfn;        /* 0: still in shared_info */
	uint64_t runstate_entry_ns;    /* when the current runstate began */
	uint64_t runstate_time[4];     /* ns spent in each RUNSTATE_* */
	int runstate;
	struct vcpu *runq_next;
	uint64_t slice_start_ns;
	uint64_t timer_deadline_ns;    /* 0: no single-shot timer */
	uint64_t periodic_ns;          /* 0: no periodic timer */
	uint64_t periodic_next_ns;
	uint32_t virq_to_port[NR_VIRQS];
	bool on_runq;                  /* in its CPU's run queue (sched.c) */
	bool moving;                   /* between two CPUs (sched.c) */
	bool move_wanted;              /* running: move at the next schedule() */
	unsigned int move_to;          /* ... to this CPU */
	uint64_t affinity_hard;        /* CPUs it may run on (vcpu-pin) */
	uint64_t affinity_soft;        /* ... and prefers */
	bool poll_active;              /* SCHEDOP_poll in progress */
	uint64_t poll_deadline_ns;     /* its own timeout; 0: none */
	unsigned int poll_nr;          /* ports polled (0..POLL_MAX_PORTS) */
	uint32_t poll_ports[128];
	uint64_t runstate_gva;         /* VCPUOP_register_runstate_memory_area; 0: none */
	uint64_t time_gva;             /* VCPUOP_register_vcpu_time_memory_area; 0: none */
	struct arch_vcpu arch;
};

/* DEAD is 0: a record being (re)initialised is all zeroes and so not
 * live until domain_create publishes it RUNNING. */
enum domain_state {
	DOMAIN_DEAD,        /* resources returned, or the record is unused */
	DOMAIN_RUNNING,
	DOMAIN_SHUTDOWN,    /* asked to stop: poweroff, reboot, crash... */
};

struct domain {
	domid_t domain_id;
	bool is_privileged;
	enum domain_state state;
	bool memory_released;          /* DEAD and every frame handed back */
	/* DEAD, its frames that grants or foreign mappings still map: their
	 * accounting stays under this record's mm_lock until the last goes. */
	uint64_t kept_frames;
	/* domain_release_memory has begun (one CPU wins it under d->lock):
	 * no new references to its frames from here on. */
	bool releasing;
	unsigned int shutdown_code;    /* SHUTDOWN_* once state != RUNNING */
	/* Built by the toolstack (XEN_DOMCTL_createdomain): after a shutdown
	 * its memory stays, for the toolstack to read the reason and destroy
	 * it (as on Xen); boot domains go as soon as they stop. */
	bool toolstack_built;
	bool dying;                    /* XEN_DOMCTL_destroydomain was asked */
	bool is_shut_down;             /* by its own request (not destroyed) */
	bool dead_reported;            /* VIRQ_DOM_EXC sent for its destruction */
	unsigned int pause_count;      /* toolstack pauses; vCPUs run only at 0 */
	bool creation_finished;        /* unpaused once by the toolstack */
	uint64_t node_affinity;        /* XEN_DOMCTL_setnodeaffinity; 0: automatic */
	uint16_t sched_weight;         /* credit2 weight and cap (sched-ctl.c) */
	uint16_t sched_cap;
	unsigned int cap_used;         /* ticks run this cap period (sched-cap.c) */
	bool cap_throttled;            /* out of budget until the period ends */
	uint32_t ssidref;
	uint8_t handle[16];            /* the toolstack's UUID for it */
	unsigned int max_grant_frames;
	unsigned int max_maptrack_frames;
	spinlock_t lock;
	spinlock_t mm_lock;            /* page-table updates of this domain */
	unsigned int max_vcpus;
	struct vcpu *vcpu[MAX_VCPUS_PER_DOM];
	uint64_t tot_pages;
	uint64_t max_pages;
	uint64_t outstanding_pages;    /* XENMEM_claim_pages: claimed, not yet given */
	struct shared_info *shared_info;
	uint64_t shared_info_mfn;
	unsigned long vm_assist;
	uint64_t hypercall_count[NR_HYPERCALLS];
	uint64_t subop_count[NR_HYPERCALLS][NR_SUBOPS];   /* the last slot: "other" */
	struct arch_domain arch;
	struct evtchn *evtchn;         /* port table, max_evtchns entries */
	unsigned int max_evtchns;
	unsigned int valid_evtchns;    /* ports below are allocated buckets */
	struct evtchn_fifo *evtchn_fifo;   /* NULL: the 2-level ABI (evtchn-fifo.c) */
	uint64_t gnttab_mfn[GNTTAB_MAX_FRAMES];   /* grant-table frames (v1) */
	unsigned int nr_gnttab_frames;
	struct grant_state *gnt;       /* active entries and maptrack (xeno/grant.h) */
	uint32_t global_virq_to_port[NR_VIRQS];
	/* Console: a domU's ring page and our line buffer for its output. */
	uint64_t console_mfn;
	uint32_t console_port;
	struct guest_line console;     /* under console.c's out_lock */
	bool console_typed;            /* serial input went to it: show prompts */
};

extern struct domain *domain_list[MAX_DOMAINS];

struct domain *domain_create(domid_t id, bool privileged, unsigned int max_vcpus);
/* The same, with setup(d, arg) called on the new record before its
 * event channels and vCPUs are made (limits the caller chose). */
struct domain *domain_create_with(domid_t id, bool privileged, unsigned int max_vcpus,
				  void (*setup)(struct domain *d, const void *arg),
				  const void *arg);
/* XEN_DOMCTL_createdomain's part: a domain with no memory and its vCPUs
 * down, paused once (the toolstack unpauses it when built). The id is
 * chosen when *id is 0 or reserved. 0, or Xen's code. */
struct xen_domctl_createdomain;
int domain_create_for_toolstack(domid_t *id, const struct xen_domctl_createdomain *cfg,
				struct domain **out);
/* Toolstack pause: d's vCPUs stop and are off every CPU on return. */
int domain_pause_by_toolstack(struct domain *d);
int domain_unpause_by_toolstack(struct domain *d);
/* XEN_DOMCTL_destroydomain: 0 once d's memory is back (frames others
 * still map stay until unmapped), -ERESTART while it is on its way (the
 * domctl restarts the call). */
int domain_destroy(struct domain *d);
/* Is VMASST type on for d (do_vm_assist sets the bits atomically)? */
static inline bool vm_assist_on(const struct domain *d, unsigned int type)
{
	return __atomic_load_n(&d->vm_assist, __ATOMIC_RELAXED) & (1UL << type);
}
/* A live (not dead) domain by id, or NULL. */
struct domain *domain_by_id(domid_t id);
/* The domain a hypercall of self names by id: DOMID_SELF or self's own id
 * is self; an id of no live domain is -ESRCH; another domain, when
 * need_priv, only for a privileged caller (else -EPERM). 0 and *d set. */
int domain_lookup(struct domain *self, domid_t id, bool need_priv, struct domain **d);
/* Record a shutdown request; the domain stops running at once. */
void domain_shutdown(struct domain *d, unsigned int reason);
/* Report a guest-caused fatal error, dump state and crash the domain. */
void domain_crash(struct domain *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
unsigned int domains_alive(void);
/* Free what dead domains held once none of their vCPUs is on a CPU. */
void domain_reap_dead(void);
/* Undo a domain whose build failed: it never ran. */
void domain_destroy_unstarted(struct domain *d);
/* A dead domain's event channels, vCPUs and shared page go back; its
 * record (struct domain) stays, for reporting. */
void domain_free_structures(struct domain *d);
/* Pages held by the records of dead domains. */
uint64_t domain_dead_record_pages(void);

#endif
