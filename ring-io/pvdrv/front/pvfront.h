/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvfront: the generic Linux front end of a kit device class. It owns the
 * xenbus driver, the shared ring, the pool of granted data pages, the event
 * channel and the handshake with the back end; a class adds only its user
 * interface (a misc device, a hw_random source...) and calls
 * pvfront_submit(). See pvfront.c for the states and the rules.
 */
#ifndef PVFRONT_H
#define PVFRONT_H

#include <linux/types.h>
#include <xen/xenbus.h>

/* Bytes one request carries: its data travel in one granted page. */
#define PVFRONT_DATA_MAX	4096u
/* Largest ring slot the core copies through its stack. */
#define PVFRONT_ENTRY_MAX	64u

struct pvfront;

/*
 * A device class: filled in by the class's module (kind, sizes, attach,
 * detach) and handed to pvfront_register(), which fills in the rest. The
 * ring slots start with the generic heads that pvfront.c describes.
 */
struct pvfront_class {
	const char *kind;	/* xenstore device type: device/KIND/DEVID */
	u32 entry_size;		/* ring slot: the class's request/response union */
	u32 req_size;		/* request bytes put on the ring, >= the head */
	u32 rsp_size;		/* response bytes taken, >= the head */
	/*
	 * Probe: create the user interface (may fail: no device then).
	 * Remove: delete it; every waiter has already failed with -ENODEV,
	 * and pvfront_submit() fails at once from then on.
	 */
	int (*attach)(struct pvfront *pf);
	void (*detach)(struct pvfront *pf);

	/* Filled in by pvfront_register(). */
	struct xenbus_device_id ids[2];
	struct xenbus_driver driver;
};

int pvfront_register(struct pvfront_class *cls);
void pvfront_unregister(struct pvfront_class *cls);

/*
 * Send one request of op with len bytes of buf (len <= PVFRONT_DATA_MAX) and
 * sleep until it is answered, however many reconnections that takes. On 0,
 * buf holds the *out_len bytes answered (<= len). Otherwise a negative
 * errno: the back end's status, -EIO if the back end broke the protocol,
 * -ENODEV once the device is removed, -EINTR on a signal, -EINVAL, -ENOMEM.
 * May sleep; the caller holds a reference on pf (pvfront_get()).
 */
int pvfront_submit(struct pvfront *pf, u32 op, void *buf, u32 len,
		   u32 *out_len);

/* True while requests can reach the back end now (not disconnected). */
bool pvfront_connected(const struct pvfront *pf);

/* References: one per open file or other user that outlives remove. */
void pvfront_get(struct pvfront *pf);
void pvfront_put(struct pvfront *pf);

/* "KINDDEVID", e.g. skel0: for device names and log lines. */
const char *pvfront_name(const struct pvfront *pf);
unsigned int pvfront_devid(const struct pvfront *pf);

/* The class's own per-device data, set in attach(). */
void pvfront_set_drvdata(struct pvfront *pf, void *data);
void *pvfront_drvdata(const struct pvfront *pf);

#endif /* PVFRONT_H */
