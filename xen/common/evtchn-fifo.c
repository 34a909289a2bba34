/* SPDX-License-Identifier: GPL-2.0 */
/* The FIFO event ABI (Xen 4.17's, offered to every guest that asks with
 * EVTCHNOP_init_control; the 2-level ABI stays for those that do not).
 *
 * Guest memory, shared with the guest and written by both sides:
 *  - per vCPU a control block: a 'ready' bit per priority and, per
 *    priority, the head of a queue of ports;
 *  - per domain an event array, one 32-bit word per port (pages added by
 *    EVTCHNOP_expand_array): PENDING, MASKED, LINKED, BUSY and the port
 *    that follows in its queue (LINK).
 * The hypervisor keeps each queue's tail. A port joins the tail of the
 * queue (notify vCPU, priority) when it becomes pending unmasked and is
 * not linked; the guest consumes from the head, clearing LINKED.
 *
 * Locking: each queue has a lock, held while its tail and a word's LINK
 * change. A port's queue can change (bind_vcpu, set_priority) while it is
 * still linked in the old one, so set_pending locks the queue the port
 * was last linked into as well as the new one, in address order, and
 * checks neither changed meanwhile (three tries, then the event is
 * dropped and logged, as Xen does).
 *
 * The guest may change a linked word only by setting or clearing MASKED,
 * clearing PENDING, or clearing LINKED with LINK. Linking after a tail
 * is a compare-and-swap that succeeds only while the tail is still
 * LINKED; BUSY stops the guest's unmask fast path meanwhile, so the swap
 * is retried a bounded number of times. Every access to guest memory is
 * atomic: the guest may write any value at any time, and a value it
 * breaks only costs it its own events. */
#include <asm/processor.h>
#include <xeno/arch-domain.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/evtchn-2l.h>
#include <xeno/evtchn-fifo.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/spinlock.h>

#define WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
#define MAX_ARRAY_PAGES (EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)
#define LINK_TRIES      4   /* the guest can change a BUSY word this often */
#define QUEUE_TRIES     3

struct fifo_queue {
	spinlock_t lock;
	uint32_t *head;          /* in the guest's control block */
	uint32_t tail;           /* 0: empty */
	uint8_t priority;
};

struct fifo_vcpu {
	struct evtchn_fifo_control_block *cb;   /* NULL: not registered */
	uint64_t cb_mfn;
	struct fifo_queue q[EVTCHN_FIFO_MAX_QUEUES];
};

/* Per port: its priority, the queue it was last linked into (so a
 * change of queue can find the old tail), and an event that arrived
 * before its word's page existed. Kept here, not in struct evtchn, so
 * that rebinding a port does not forget where it is still linked. */
struct fifo_port {
	uint8_t priority;
	uint8_t last_vcpu;
	uint8_t last_priority;
	bool pending;
};

struct evtchn_fifo {
	unsigned int nr_words;                  /* ports with a word (acquire) */
	event_word_t *page[MAX_ARRAY_PAGES];
	uint64_t page_mfn[MAX_ARRAY_PAGES];
	struct fifo_vcpu vcpu[MAX_VCPUS_PER_DOM];
	struct fifo_port *port;                 /* max_evtchns entries */
};

static bool test_bit32(const event_word_t *w, unsigned int bit)
{
	return (__atomic_load_n(w, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static bool test_and_set32(event_word_t *w, unsigned int bit)
{
	return (__atomic_fetch_or(w, 1U << bit, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static void clear32(event_word_t *w, unsigned int bit)
{
	__atomic_fetch_and(w, ~(1U << bit), __ATOMIC_SEQ_CST);
}

static struct evtchn_fifo *fifo_of(const struct domain *d)
{
	return __atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE);
}

/* The port's word, or NULL while its page is missing. The acquire pairs
 * with the release in expand_array: a counted word's page is set. */
static event_word_t *word_of(struct evtchn_fifo *f, uint32_t port)
{
	if (port >= __atomic_load_n(&f->nr_words, __ATOMIC_ACQUIRE))
		return NULL;
	return &f->page[port / WORDS_PER_PAGE][port % WORDS_PER_PAGE];
}

static void mark_vcpu_pending(struct vcpu *v)
{
	if (!__atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
		vcpu_kick(v);
}

/* Point the tail word at port, if the tail is still linked (the guest
 * may have consumed it meanwhile: then the queue is empty). True when
 * linked. */
static bool link_after(event_word_t *tail, uint32_t port)
{
	event_word_t old = __atomic_load_n(tail, __ATOMIC_SEQ_CST);
	bool busy = false;

	for (unsigned int i = 0; i <= LINK_TRIES; i++) {
		event_word_t new = (old & ~((1U << EVTCHN_FIFO_BUSY) | EVTCHN_FIFO_LINK_MASK)) | port;

		if (!(old & (1U << EVTCHN_FIFO_LINKED))) {
			if (busy)
				clear32(tail, EVTCHN_FIFO_BUSY);
			return false;
		}
		/* The swap clears BUSY when it links. */
		if (__atomic_compare_exchange_n(tail, &old, new, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return true;
		if (!busy) {
			/* Stop the guest's unmask from changing it again. */
			test_and_set32(tail, EVTCHN_FIFO_BUSY);
			busy = true;
			old = __atomic_load_n(tail, __ATOMIC_SEQ_CST);
		}
	}
	clear32(tail, EVTCHN_FIFO_BUSY);
	/* A guest that keeps changing its word loses this event's order;
	 * reporting it linked keeps the queue consistent. */
	return true;
}

static void lock_two(struct fifo_queue *a, struct fifo_queue *b, unsigned long *f)
{
	struct fifo_queue *first = a < b ? a : b, *second = a < b ? b : a;

	*f = spin_lock_irqsave(&first->lock);
	if (a != b)
		spin_lock(&second->lock);
}

static void unlock_two(struct fifo_queue *a, struct fifo_queue *b, unsigned long f)
{
	struct fifo_queue *first = a < b ? a : b, *second = a < b ? b : a;

	if (a != b)
		spin_unlock(&second->lock);
	spin_unlock_irqrestore(&first->lock, f);
}

void evtchn_fifo_set_pending(struct vcpu *v, uint32_t port)
{
	struct domain *d = v->domain;
	struct evtchn_fifo *f = fifo_of(d);
	struct fifo_vcpu *fv = &f->vcpu[v->vcpu_id];
	struct fifo_port *fp = &f->port[port];
	event_word_t *w = word_of(f, port);
	struct fifo_queue *q = NULL, *old_q = NULL;
	bool linked = true, newly_pending = false;
	unsigned long flags = 0;
	unsigned int tries;

	if (!w) {
		/* Raised again when the page arrives (expand_array). */
		__atomic_store_n(&fp->pending, true, __ATOMIC_RELEASE);
		return;
	}
	for (tries = 0; tries < QUEUE_TRIES; tries++) {
		uint8_t lv = __atomic_load_n(&fp->last_vcpu, __ATOMIC_ACQUIRE);
		uint8_t lp = __atomic_load_n(&fp->last_priority, __ATOMIC_ACQUIRE);
		uint8_t pr = __atomic_load_n(&fp->priority, __ATOMIC_ACQUIRE);

		q = &fv->q[pr];
		old_q = &f->vcpu[lv].q[lp];
		lock_two(q, old_q, &flags);
		if (pr == fp->priority && lv == fp->last_vcpu && lp == fp->last_priority)
			break;
		unlock_two(q, old_q, flags);
	}
	if (tries == QUEUE_TRIES) {
		printk(XENLOG_WARNING "d%u: port %u event lost (queue changed too often)\n",
		       d->domain_id, port);
		return;
	}
	if (!fv->cb)
		goto unlock;   /* no control block: the guest cannot unmask yet */
	newly_pending = !test_and_set32(w, EVTCHN_FIFO_PENDING);
	if (!test_bit32(w, EVTCHN_FIFO_MASKED) && !test_and_set32(w, EVTCHN_FIFO_LINKED)) {
		/* It was the old queue's tail: that queue is empty now, and
		 * must not link its next event after this port. */
		if (old_q->tail == port)
			old_q->tail = 0;
		if (old_q != q) {
			__atomic_store_n(&fp->last_vcpu, (uint8_t)v->vcpu_id, __ATOMIC_RELEASE);
			__atomic_store_n(&fp->last_priority, q->priority, __ATOMIC_RELEASE);
		}
		linked = q->tail && link_after(word_of(f, q->tail), port);
		if (!linked)
			__atomic_store_n(q->head, port, __ATOMIC_SEQ_CST);
		q->tail = port;
	}
unlock:
	unlock_two(q, old_q, flags);
	if (!linked && !test_and_set32(&fv->cb->ready, q->priority))
		mark_vcpu_pending(v);
	if (newly_pending)
		evtchn_wake_pollers(d, port);
}

void evtchn_fifo_unmask(struct vcpu *v, uint32_t port)
{
	struct evtchn_fifo *f = fifo_of(v->domain);
	event_word_t *w = word_of(f, port);

	if (!w)
		return;
	clear32(w, EVTCHN_FIFO_MASKED);
	if (test_bit32(w, EVTCHN_FIFO_PENDING))
		evtchn_fifo_set_pending(v, port);
}

bool evtchn_fifo_is_pending(struct domain *d, uint32_t port)
{
	event_word_t *w = word_of(fifo_of(d), port);

	return w && test_bit32(w, EVTCHN_FIFO_PENDING);
}

/* PENDING goes; the guest unlinks a linked word itself when it meets it
 * not pending. */
void evtchn_fifo_clear(struct domain *d, uint32_t port)
{
	struct evtchn_fifo *f = fifo_of(d);
	event_word_t *w = word_of(f, port);

	f->port[port].pending = false;
	if (w)
		clear32(w, EVTCHN_FIFO_PENDING);
}

void evtchn_fifo_port_closed(struct domain *d, uint32_t port)
{
	__atomic_store_n(&fifo_of(d)->port[port].priority, EVTCHN_FIFO_PRIORITY_DEFAULT,
			 __ATOMIC_RELEASE);
}

int evtchn_fifo_set_priority(struct domain *d, uint32_t port, uint32_t priority)
{
	if (priority > EVTCHN_FIFO_PRIORITY_MIN)
		return -EINVAL;
	/* Later events use the new queue; one linked now stays where it is. */
	__atomic_store_n(&fifo_of(d)->port[port].priority, (uint8_t)priority, __ATOMIC_RELEASE);
	return 0;
}

static struct evtchn_fifo *fifo_alloc(struct domain *d)
{
	struct evtchn_fifo *f = xzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->port = xzalloc(d->max_evtchns * sizeof(*f->port));
	if (!f->port) {
		xfree(f);
		return NULL;
	}
	for (unsigned int i = 0; i < d->max_evtchns; i++)
		f->port[i] = (struct fifo_port){ .priority = EVTCHN_FIFO_PRIORITY_DEFAULT,
						 .last_priority = EVTCHN_FIFO_PRIORITY_DEFAULT };
	for (unsigned int v = 0; v < MAX_VCPUS_PER_DOM; v++)
		for (unsigned int p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++) {
			f->vcpu[v].q[p].lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
			f->vcpu[v].q[p].priority = (uint8_t)p;
		}
	return f;
}

/* The switch from the 2-level ABI: a bound port's pending bit carries
 * over, raised when its word's page arrives. */
static void carry_pending(struct domain *d, struct evtchn_fifo *f)
{
	for (uint32_t p = 1; p < d->valid_evtchns && p < d->max_evtchns; p++)
		if (evtchn_port_valid(d, p) && evtchn_2l_is_pending(d, p))
			f->port[p].pending = true;
}

int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *a)
{
	struct evtchn_fifo *f, *fresh = NULL;
	struct evtchn_fifo_control_block *cb;
	struct fifo_vcpu *fv;
	unsigned long flags;
	uint8_t *page;
	int rc = 0;

	a->link_bits = EVTCHN_FIFO_LINK_BITS;
	if (a->vcpu >= d->max_vcpus || !d->vcpu[a->vcpu])
		return -ENOENT;
	if (a->offset > PAGE_SIZE - sizeof(*cb) || (a->offset & 7))
		return -EINVAL;
	/* Mapped before the lock: mapping takes the domain's mm lock. */
	page = arch_map_guest_page(d, a->control_gfn);
	if (!page)
		return -EINVAL;
	cb = (struct evtchn_fifo_control_block *)(page + a->offset);
	if (!fifo_of(d) && !(fresh = fifo_alloc(d))) {
		arch_unmap_guest_page(d, a->control_gfn);
		return -ENOMEM;
	}
	flags = spin_lock_irqsave(&d->lock);
	f = fifo_of(d);
	if (!f) {
		f = fresh;
		fresh = NULL;
		carry_pending(d, f);
	}
	fv = &f->vcpu[a->vcpu];
	if (fv->cb) {
		rc = -EINVAL;   /* registered once per vCPU */
	} else {
		for (unsigned int p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++)
			fv->q[p].head = &cb->head[p];
		fv->cb_mfn = a->control_gfn;
		/* Heads before the block: set_pending reads cb, then heads. */
		__atomic_store_n(&fv->cb, cb, __ATOMIC_RELEASE);
		/* Deliveries switch ABI here, under the event lock. */
		__atomic_store_n(&d->evtchn_fifo, f, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&d->lock, flags);
	if (rc)
		arch_unmap_guest_page(d, a->control_gfn);
	if (fresh) {
		xfree(fresh->port);
		xfree(fresh);
	}
	return rc;
}

int evtchn_fifo_expand_array(struct domain *d, const struct evtchn_expand_array *a)
{
	struct evtchn_fifo *f;
	unsigned long flags;
	event_word_t *page;
	uint32_t first;
	unsigned int slot;
	int rc = 0;

	if (!fifo_of(d))
		return -EOPNOTSUPP;
	page = arch_map_guest_page(d, a->array_gfn);
	if (!page)
		return -EINVAL;
	flags = spin_lock_irqsave(&d->lock);
	f = fifo_of(d);
	first = f->nr_words;
	slot = first / WORDS_PER_PAGE;
	if (slot >= MAX_ARRAY_PAGES) {
		rc = -ENOSPC;
	} else {
		f->page[slot] = page;
		f->page_mfn[slot] = a->array_gfn;
		__atomic_store_n(&f->nr_words, first + WORDS_PER_PAGE, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&d->lock, flags);
	if (rc) {
		arch_unmap_guest_page(d, a->array_gfn);
		return rc;
	}
	/* Events that came while the page was missing are raised now. */
	for (uint32_t p = first; p < first + WORDS_PER_PAGE && p < d->max_evtchns; p++)
		if (__atomic_exchange_n(&f->port[p].pending, false, __ATOMIC_ACQ_REL) &&
		    evtchn_port_valid(d, p))
			evtchn_set_pending(d, p);
	return 0;
}

void evtchn_fifo_destroy(struct domain *d, bool unmap)
{
	struct evtchn_fifo *f = fifo_of(d);

	if (!f)
		return;
	__atomic_store_n(&d->evtchn_fifo, NULL, __ATOMIC_RELEASE);
	if (unmap) {
		for (unsigned int i = 0; i < f->nr_words / WORDS_PER_PAGE; i++)
			arch_unmap_guest_page(d, f->page_mfn[i]);
		for (unsigned int v = 0; v < MAX_VCPUS_PER_DOM; v++)
			if (f->vcpu[v].cb)
				arch_unmap_guest_page(d, f->vcpu[v].cb_mfn);
	}
	xfree(f->port);
	xfree(f);
}

/* For the 'e' debug key: the port's event word (false while it has no
 * page), read without locks. */
bool evtchn_fifo_peek_word(struct domain *d, uint32_t port, uint32_t *word)
{
	event_word_t *w = word_of(fifo_of(d), port);

	if (!w)
		return false;
	*word = __atomic_load_n(w, __ATOMIC_RELAXED);
	return true;
}

/* For the 'e' debug key: v's ready bits and, per non-empty queue, the
 * guest's head and our tail. A snapshot: no queue lock is taken, so a
 * dump never waits on a CPU that holds one. */
void evtchn_fifo_dump_vcpu(struct vcpu *v)
{
	struct fifo_vcpu *fv = &fifo_of(v->domain)->vcpu[v->vcpu_id];
	char line[160];
	int n = 0;

	if (!fv->cb) {
		printk("    v%u: no FIFO control block\n", v->vcpu_id);
		return;
	}
	for (unsigned int p = 0; p < EVTCHN_FIFO_MAX_QUEUES && n < 120; p++) {
		uint32_t head = __atomic_load_n(fv->q[p].head, __ATOMIC_RELAXED);

		if (head || fv->q[p].tail)
			n += snprintf(line + n, sizeof(line) - (size_t)n, " q%u head %u tail %u",
				      p, head, fv->q[p].tail);
	}
	printk("    v%u: FIFO ready %#x%s\n", v->vcpu_id,
	       __atomic_load_n(&fv->cb->ready, __ATOMIC_RELAXED), n ? line : ", queues empty");
}
