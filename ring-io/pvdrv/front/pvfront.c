// SPDX-License-Identifier: GPL-2.0
/*
 * pvfront: the generic front end of a kit device class (see pvfront.h).
 *
 * Connection (our xenstore state, driven by the back end's):
 *   probe -> Initialising. Back InitWait: grant a ring page and a pool of
 *   one data page per ring slot, allocate an event channel, publish
 *   ring-ref and event-channel in one transaction -> Initialised. Back
 *   Connected -> Connected: requests flow. Back Closing/Closed/gone: stop,
 *   put the unanswered requests back in the queue, end foreign access to
 *   ring and pool -> Closed; a later InitWait connects again and the queue
 *   is resubmitted, so a back-end restart loses nothing.
 *
 * Requests: a submitter's request waits in `pending` until a pool slot is
 * free, then goes on the ring with that slot's page; its id names the slot
 * (low 16 bits) and a sequence number, so a response can be matched to it
 * with one lookup. The back end is not trusted: every response is copied
 * off the ring once and checked (producer not ahead of what we pushed, id
 * in flight, len within the request, status 0 or an errno). The first
 * violation marks the device broken for good: one log line, every request
 * fails with -EIO, the ring is no longer read, and xenbus_dev_fatal() tells
 * the back end. A broken device stays Closed until it is removed.
 *
 * Remove: every waiter fails with -ENODEV, the class deletes its user
 * interface, the ring goes. Open files keep the struct alive (kref) and get
 * -ENODEV from then on.
 *
 * The core is linked into each class's module and exports nothing, so
 * several classes load side by side.
 *
 * Locks: state_lock (mutex) serialises connect, disconnect, remove and the
 * fatal work; lock (spinlock, taken in the interrupt) guards the ring, the
 * slots, the queue and the flags.
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include <ring-io/ring.h>

#include "pvfront-check.h"
#include "pvfront.h"

#define PVFRONT_WAITING		1	/* req->status until answered */
#define PVFRONT_PUBLISH_TRIES	8	/* xenstore transaction retries */

struct pvfront_req {
	struct list_head node;	/* on pf->pending while off the ring */
	u64 id;
	u32 op;
	u32 len;
	u32 out_len;
	int status;		/* PVFRONT_WAITING, then 0 or -errno */
	int slot;		/* pool slot while on the ring, else -1 */
	bool abandoned;		/* submitter left (signal): finisher frees */
	u8 data[];		/* len bytes out, out_len bytes back */
};

struct pvfront_slot {
	struct page *page;
	grant_ref_t gref;
	struct pvfront_req *req;	/* on the ring in this slot, or NULL */
};

struct pvfront {
	struct kref ref;
	const struct pvfront_class *cls;
	char name[32];
	unsigned int devid;
	void *drvdata;

	struct mutex state_lock;
	struct xenbus_device *xdev;	/* NULL once removed */
	bool have_ring;			/* ring, pool and irq allocated */
	struct work_struct fatal_work;

	spinlock_t lock;
	wait_queue_head_t wq;
	bool live;			/* Connected: the ring may be used */
	bool broken;			/* the back end broke the protocol */
	bool dead;			/* removed */
	struct ring_front ring;
	void *sring;
	grant_ref_t ring_ref;
	evtchn_port_t evtchn;
	int irq;
	struct pvfront_slot *slots;
	u32 *free;			/* stack of free slot numbers */
	u32 nr_slots;
	u32 nr_free;
	struct list_head pending;
	u64 next_seq;
};

static struct pvfront_class *pvfront_class_of(struct xenbus_device *xdev)
{
	struct xenbus_driver *drv = to_xenbus_driver(xdev->dev.driver);

	return container_of(drv, struct pvfront_class, driver);
}

/* ---- requests ---------------------------------------------------------- */

/* Give req its answer (lock held). An abandoned request is freed here. */
static void pvfront_finish(struct pvfront *pf, struct pvfront_req *req,
			   int status)
{
	req->status = status;
	req->slot = -1;
	if (req->abandoned)
		kfree(req);
	else
		wake_up_all(&pf->wq);
}

/* Fail every request, queued or on the ring, with err (lock held). */
static void pvfront_fail_all(struct pvfront *pf, int err)
{
	struct pvfront_req *req, *tmp;
	u32 i;

	for (i = 0; i < pf->nr_slots; i++) {
		req = pf->slots[i].req;
		if (!req)
			continue;
		/* The slot is not freed: its page may still be in the back
		 * end's hands, and a failed device takes no more requests. */
		pf->slots[i].req = NULL;
		pvfront_finish(pf, req, err);
	}
	list_for_each_entry_safe(req, tmp, &pf->pending, node) {
		list_del_init(&req->node);
		pvfront_finish(pf, req, err);
	}
}

/*
 * Move queued requests onto the ring while slots are free, and notify the
 * back end if it asked (lock held).
 */
static void pvfront_kick(struct pvfront *pf)
{
	u64 ent[PVFRONT_ENTRY_MAX / sizeof(u64)];
	struct pvfront_req_head *head = (void *)ent;
	struct pvfront_req *req;
	struct pvfront_slot *slot;
	bool queued = false;
	u32 idx;

	if (!pf->live)
		return;
	while (pf->nr_free && !list_empty(&pf->pending)) {
		req = list_first_entry(&pf->pending, struct pvfront_req, node);
		idx = pf->free[--pf->nr_free];
		slot = &pf->slots[idx];
		/* The page is the back end's to read and write: it gets a
		 * copy, so a resubmission starts from the caller's bytes. */
		memcpy(page_address(slot->page), req->data, req->len);
		req->id = pvfront_make_id(pf->next_seq++, idx);
		memset(ent, 0, pf->cls->req_size);
		head->id = req->id;
		head->op = req->op;
		head->len = req->len;
		head->gref = slot->gref;
		if (ring_front_put(&pf->ring, ent, pf->cls->req_size)) {
			/* Cannot happen: one slot per ring entry. */
			pf->free[pf->nr_free++] = idx;
			break;
		}
		list_del_init(&req->node);
		req->slot = idx;
		slot->req = req;
		queued = true;
	}
	if (queued && ring_front_push(&pf->ring))
		notify_remote_via_irq(pf->irq);
}

/* ---- responses --------------------------------------------------------- */

/*
 * The back end broke the protocol (lock held): say so once, fail every
 * request, stop using the ring, and let the work item tell xenstore.
 */
static __printf(2, 3) void pvfront_broke(struct pvfront *pf,
					  const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("pvfront %s: back end broke the protocol: %pV\n", pf->name, &vaf);
	va_end(args);
	pf->broken = true;
	pf->live = false;
	pvfront_fail_all(pf, -EIO);
	schedule_work(&pf->fatal_work);
}

/* Check one response copied off the ring and complete its request. */
static int pvfront_answer(struct pvfront *pf, const struct pvfront_rsp_head *rsp)
{
	u32 idx = pvfront_id_slot(rsp->id);
	struct pvfront_req *req = idx < pf->nr_slots ? pf->slots[idx].req : NULL;

	switch (pvfront_check_rsp(rsp, req, req ? req->id : 0,
				  req ? req->len : 0)) {
	case PVFRONT_RSP_OK:
		break;
	case PVFRONT_RSP_BAD_ID:
		pvfront_broke(pf, "response id %#llx names no request in flight",
			      rsp->id);
		return -EIO;
	case PVFRONT_RSP_BAD_LEN:
		pvfront_broke(pf, "response len %u > the request's %u",
			      rsp->len, req->len);
		return -EIO;
	default:
		pvfront_broke(pf, "response status %d out of range",
			      rsp->status);
		return -EIO;
	}
	if (rsp->status == 0) {
		/* One copy out of the shared page; the length was checked. */
		memcpy(req->data, page_address(pf->slots[idx].page), rsp->len);
		req->out_len = rsp->len;
	}
	pf->slots[idx].req = NULL;
	pf->free[pf->nr_free++] = idx;
	pvfront_finish(pf, req, rsp->status);
	return 0;
}

static irqreturn_t pvfront_interrupt(int irq, void *arg)
{
	struct pvfront *pf = arg;
	u64 ent[PVFRONT_ENTRY_MAX / sizeof(u64)];
	struct pvfront_rsp_head *rsp = (void *)ent;
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&pf->lock, flags);
	/* Before Connected, after a disconnect or once broken: ignore. */
	if (!pf->live)
		goto out;
	do {
		while ((rc = ring_front_take(&pf->ring, ent,
					     pf->cls->rsp_size)) == 1) {
			if (pvfront_answer(pf, rsp))
				goto out;
		}
		if (rc < 0)
			goto ahead;
		rc = ring_front_final_check(&pf->ring);
	} while (rc > 0);
	if (rc < 0)
		goto ahead;
	pvfront_kick(pf);
	goto out;
ahead:
	pvfront_broke(pf, "response producer ahead of the %u requests pushed",
		      pf->ring.req_pushed - pf->ring.rsp_cons);
out:
	spin_unlock_irqrestore(&pf->lock, flags);
	return IRQ_HANDLED;
}

/* ---- connection -------------------------------------------------------- */

/* One granted page per ring slot, granted writable to the back end. */
static int pvfront_pool_alloc(struct pvfront *pf, u32 nr)
{
	domid_t be = (domid_t)pf->xdev->otherend_id;
	struct pvfront_slot *slot;
	int gref;
	u32 i;

	pf->slots = kcalloc(nr, sizeof(*pf->slots), GFP_KERNEL);
	pf->free = kcalloc(nr, sizeof(*pf->free), GFP_KERNEL);
	if (!pf->slots || !pf->free)
		goto fail;
	for (i = 0; i < nr; i++) {
		slot = &pf->slots[i];
		slot->page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!slot->page)
			goto fail;
		gref = gnttab_grant_foreign_access(be, xen_page_to_gfn(slot->page), 0);
		if (gref < 0) {
			__free_page(slot->page);
			slot->page = NULL;
			goto fail;
		}
		slot->gref = gref;
		pf->nr_slots = i + 1;
		pf->free[i] = nr - 1 - i;	/* slot 0 is taken first */
	}
	pf->nr_free = nr;
	return 0;
fail:
	return -ENOMEM;	/* the caller frees what was granted */
}

/*
 * End foreign access to the pool and free it. A page the back end still
 * maps is freed by the grant code once it lets go.
 */
static void pvfront_pool_free(struct pvfront *pf)
{
	u32 i;

	for (i = 0; i < pf->nr_slots; i++)
		gnttab_end_foreign_access(pf->slots[i].gref, pf->slots[i].page);
	kfree(pf->slots);
	kfree(pf->free);
	pf->slots = NULL;
	pf->free = NULL;
	pf->nr_slots = pf->nr_free = 0;
}

/*
 * Like the pool: handing the page to the grant code, rather than freeing it
 * here, keeps it out of reuse while a back end still maps it.
 */
static void pvfront_ring_free(struct pvfront *pf)
{
	gnttab_end_foreign_access(pf->ring_ref, virt_to_page(pf->sring));
	pf->sring = NULL;
}

/* ring-ref and event-channel, together or not at all. */
static int pvfront_publish(struct pvfront *pf)
{
	struct xenbus_transaction xbt;
	const char *node = pf->xdev->nodename;
	int rc, tries;

	for (tries = 0; tries < PVFRONT_PUBLISH_TRIES; tries++) {
		rc = xenbus_transaction_start(&xbt);
		if (rc)
			return rc;
		rc = xenbus_printf(xbt, node, "ring-ref", "%u", pf->ring_ref);
		if (!rc)
			rc = xenbus_printf(xbt, node, "event-channel", "%u",
					   pf->evtchn);
		if (rc) {
			xenbus_transaction_end(xbt, 1);
			return rc;
		}
		rc = xenbus_transaction_end(xbt, 0);
		if (rc != -EAGAIN)
			return rc;
	}
	return -EAGAIN;
}

/* Allocate and publish everything the back end needs (state_lock held). */
static int pvfront_connect(struct pvfront *pf)
{
	struct xenbus_device *xdev = pf->xdev;
	int rc;

	rc = xenbus_setup_ring(xdev, GFP_KERNEL, &pf->sring, 1, &pf->ring_ref);
	if (rc)
		return rc;
	rc = ring_front_init(&pf->ring, pf->sring, XEN_PAGE_SIZE,
			     pf->cls->entry_size);
	if (rc || pf->ring.nr_ents > PVFRONT_MAX_SLOTS) {
		rc = -EINVAL;
		goto out_ring;
	}
	rc = pvfront_pool_alloc(pf, pf->ring.nr_ents);
	if (rc)
		goto out_pool;
	rc = xenbus_alloc_evtchn(xdev, &pf->evtchn);
	if (rc)
		goto out_pool;
	rc = bind_evtchn_to_irqhandler(pf->evtchn, pvfront_interrupt, 0,
				       pf->name, pf);
	if (rc < 0) {
		xenbus_free_evtchn(xdev, pf->evtchn);
		goto out_pool;
	}
	pf->irq = rc;
	rc = pvfront_publish(pf);
	if (rc)
		goto out_irq;
	pf->have_ring = true;
	return xenbus_switch_state(xdev, XenbusStateInitialised);

out_irq:
	unbind_from_irqhandler(pf->irq, pf);	/* closes the channel too */
out_pool:
	pvfront_pool_free(pf);
out_ring:
	pvfront_ring_free(pf);
	return rc;
}

/*
 * Stop using the ring and free it (state_lock held). Requests on the ring
 * go back to the head of the queue for the next connection, unless their
 * submitter has left.
 */
static void pvfront_disconnect(struct pvfront *pf)
{
	struct pvfront_req *req;
	LIST_HEAD(again);
	u32 i;

	if (!pf->have_ring)
		return;
	spin_lock_irq(&pf->lock);
	pf->live = false;
	for (i = 0; i < pf->nr_slots; i++) {
		req = pf->slots[i].req;
		if (!req)
			continue;
		pf->slots[i].req = NULL;
		req->slot = -1;
		if (req->abandoned)
			kfree(req);
		else
			list_add_tail(&req->node, &again);
	}
	list_splice(&again, &pf->pending);
	spin_unlock_irq(&pf->lock);

	/* Waits for a running handler; the handler saw !live anyway. */
	unbind_from_irqhandler(pf->irq, pf);
	pvfront_pool_free(pf);
	pvfront_ring_free(pf);
	pf->have_ring = false;
}

static void pvfront_to_closed(struct pvfront *pf)
{
	pvfront_disconnect(pf);
	if (pf->xdev->state != XenbusStateClosed)
		xenbus_switch_state(pf->xdev, XenbusStateClosed);
}

static void pvfront_fatal_work(struct work_struct *work)
{
	struct pvfront *pf = container_of(work, struct pvfront, fatal_work);

	mutex_lock(&pf->state_lock);
	if (!pf->dead && pf->xdev) {
		pvfront_disconnect(pf);
		/* Writes the error node and moves us to Closing. */
		xenbus_dev_fatal(pf->xdev, -EIO, "back end broke the protocol");
	}
	mutex_unlock(&pf->state_lock);
}

static void pvfront_backend_changed(struct xenbus_device *xdev,
				    enum xenbus_state bstate)
{
	struct pvfront *pf = dev_get_drvdata(&xdev->dev);
	int rc;

	if (!pf)
		return;
	mutex_lock(&pf->state_lock);
	if (pf->dead)
		goto out;
	switch (bstate) {
	case XenbusStateInitWait:
		/* Already published: the back end is on its way to 4. */
		if (xdev->state == XenbusStateInitialised)
			break;
		/* Connected and back at 2: it lost our ring (restarted). */
		pvfront_disconnect(pf);
		if (pf->broken) {
			pvfront_to_closed(pf);
			break;
		}
		rc = pvfront_connect(pf);
		if (rc)
			xenbus_dev_fatal(xdev, rc, "connecting %s", pf->name);
		break;
	case XenbusStateConnected:
		/* Only the answer to our Initialised counts. */
		if (xdev->state != XenbusStateInitialised || !pf->have_ring)
			break;
		xenbus_switch_state(xdev, XenbusStateConnected);
		spin_lock_irq(&pf->lock);
		if (!pf->broken) {
			pf->live = true;
			pvfront_kick(pf);	/* new and resubmitted requests */
		}
		spin_unlock_irq(&pf->lock);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
	case XenbusStateUnknown:	/* its directory is gone */
		/* Not yet connected (a fresh probe, e.g. after a reload, seeing
		 * a back end still closed): nothing to tear down, and staying
		 * Initialising tells the back end to come back to InitWait. */
		if (xdev->state == XenbusStateInitialising)
			break;
		pvfront_to_closed(pf);
		break;
	default:
		break;
	}
out:
	mutex_unlock(&pf->state_lock);
}

/* ---- device lifetime --------------------------------------------------- */

static void pvfront_release(struct kref *ref)
{
	kfree(container_of(ref, struct pvfront, ref));
}

void pvfront_get(struct pvfront *pf)
{
	kref_get(&pf->ref);
}

void pvfront_put(struct pvfront *pf)
{
	kref_put(&pf->ref, pvfront_release);
}

/* "device/KIND/DEVID" -> DEVID */
static int pvfront_parse_devid(const char *nodename, unsigned int *devid)
{
	const char *p = strrchr(nodename, '/');

	return p ? kstrtouint(p + 1, 10, devid) : -EINVAL;
}

static int pvfront_probe(struct xenbus_device *xdev,
			 const struct xenbus_device_id *id)
{
	struct pvfront_class *cls = pvfront_class_of(xdev);
	struct pvfront *pf;
	int rc;

	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	rc = pvfront_parse_devid(xdev->nodename, &pf->devid);
	if (rc)
		goto out_free;
	kref_init(&pf->ref);
	pf->cls = cls;
	pf->xdev = xdev;
	snprintf(pf->name, sizeof(pf->name), "%s%u", cls->kind, pf->devid);
	mutex_init(&pf->state_lock);
	INIT_WORK(&pf->fatal_work, pvfront_fatal_work);
	spin_lock_init(&pf->lock);
	init_waitqueue_head(&pf->wq);
	INIT_LIST_HEAD(&pf->pending);
	/* After a reload the node still says Closed from last time. */
	rc = xenbus_switch_state(xdev, XenbusStateInitialising);
	if (rc)
		goto out_free;
	/* Last: once attached, users can open the device and take refs. */
	rc = cls->attach(pf);
	if (rc)
		goto out_free;
	dev_set_drvdata(&xdev->dev, pf);
	return 0;
out_free:
	kfree(pf);
	return rc;
}

static void pvfront_remove(struct xenbus_device *xdev)
{
	struct pvfront *pf = dev_get_drvdata(&xdev->dev);

	mutex_lock(&pf->state_lock);
	spin_lock_irq(&pf->lock);
	pf->dead = true;
	pf->live = false;
	pvfront_fail_all(pf, -ENODEV);
	spin_unlock_irq(&pf->lock);
	mutex_unlock(&pf->state_lock);

	cancel_work_sync(&pf->fatal_work);	/* it takes state_lock */
	pf->cls->detach(pf);	/* no new users; old ones see -ENODEV */

	mutex_lock(&pf->state_lock);
	pvfront_disconnect(pf);
	pf->xdev = NULL;
	mutex_unlock(&pf->state_lock);
	dev_set_drvdata(&xdev->dev, NULL);
	pvfront_put(pf);
}

/* ---- the class's interface --------------------------------------------- */

int pvfront_submit(struct pvfront *pf, u32 op, void *buf, u32 len,
		   u32 *out_len)
{
	struct pvfront_req *req;
	int rc;

	if (len > PVFRONT_DATA_MAX)
		return -EINVAL;
	req = kmalloc(struct_size(req, data, len), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	memcpy(req->data, buf, len);
	req->op = op;
	req->len = len;
	req->out_len = 0;
	req->status = PVFRONT_WAITING;
	req->slot = -1;
	req->abandoned = false;

	spin_lock_irq(&pf->lock);
	rc = pf->dead ? -ENODEV : pf->broken ? -EIO : 0;
	if (rc) {
		spin_unlock_irq(&pf->lock);
		kfree(req);
		return rc;
	}
	list_add_tail(&req->node, &pf->pending);
	pvfront_kick(pf);
	spin_unlock_irq(&pf->lock);

	wait_event_interruptible(pf->wq,
				 READ_ONCE(req->status) != PVFRONT_WAITING);

	spin_lock_irq(&pf->lock);
	if (req->status == PVFRONT_WAITING) {
		/* A signal. Off the ring: drop it; on it: leave it to the
		 * response (or the disconnect) to free. */
		if (req->slot < 0) {
			list_del(&req->node);
			spin_unlock_irq(&pf->lock);
			kfree(req);
		} else {
			req->abandoned = true;
			spin_unlock_irq(&pf->lock);
		}
		return -EINTR;
	}
	spin_unlock_irq(&pf->lock);
	rc = req->status;
	if (!rc) {
		memcpy(buf, req->data, req->out_len);
		*out_len = req->out_len;
	}
	kfree(req);
	return rc;
}

bool pvfront_connected(const struct pvfront *pf)
{
	return READ_ONCE(pf->live);
}

const char *pvfront_name(const struct pvfront *pf)
{
	return pf->name;
}

unsigned int pvfront_devid(const struct pvfront *pf)
{
	return pf->devid;
}

void pvfront_set_drvdata(struct pvfront *pf, void *data)
{
	pf->drvdata = data;
}

void *pvfront_drvdata(const struct pvfront *pf)
{
	return pf->drvdata;
}

int pvfront_register(struct pvfront_class *cls)
{
	if (!cls->kind || !cls->attach || !cls->detach ||
	    cls->entry_size > PVFRONT_ENTRY_MAX ||
	    cls->req_size < sizeof(struct pvfront_req_head) ||
	    cls->rsp_size < sizeof(struct pvfront_rsp_head) ||
	    cls->req_size > cls->entry_size || cls->rsp_size > cls->entry_size)
		return -EINVAL;
	if (strscpy(cls->ids[0].devicetype, cls->kind,
		    sizeof(cls->ids[0].devicetype)) < 0)
		return -EINVAL;
	cls->ids[1].devicetype[0] = '\0';
	cls->driver.ids = cls->ids;
	cls->driver.probe = pvfront_probe;
	cls->driver.remove = pvfront_remove;
	cls->driver.otherend_changed = pvfront_backend_changed;
	cls->driver.not_essential = true;	/* boot need not wait for us */
	return xenbus_register_frontend(&cls->driver);
}

void pvfront_unregister(struct pvfront_class *cls)
{
	xenbus_unregister_driver(&cls->driver);
}
