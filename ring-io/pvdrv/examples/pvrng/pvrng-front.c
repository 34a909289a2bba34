// SPDX-License-Identifier: GPL-2.0
/*
 * pvrng: the front end of the paravirtual entropy device. Each device
 * device/pvrng/DEVID registers a hw_random source ("pvrng" for devid 0) of
 * full quality, so the kernel feeds its input pool from it and /dev/hwrng
 * serves it. A read that finds the cache empty sends one PVRNG_OP_READ
 * request for a page; dom0 fills it from getrandom(2). The hw_random core
 * reads a few dozen bytes at a time, hence the cache: every byte is handed
 * out once and wiped. Ring, grants and reconnection are pvfront's.
 */
#include <linux/hw_random.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pvfront.h"
#include "pvrng-ring.h"

#define PVRNG_QUALITY	1024	/* bits of entropy per 1024 bits: all */

static_assert(PVRNG_DATA_MAX <= PVFRONT_DATA_MAX);
static_assert(PVRNG_ENTRY_SIZE <= PVFRONT_ENTRY_MAX);

struct pvrng_dev {
	struct hwrng rng;
	struct pvfront *pf;
	char name[32];
	struct mutex lock;	/* the cache */
	u32 pos;		/* next unread byte */
	u32 avail;		/* unread bytes from pos */
	u8 cache[PVRNG_DATA_MAX];
};

/*
 * hw_random's read: up to max bytes, 0 if none now. With !wait we must not
 * sleep, so only the cache serves (the core's first, early read at
 * registration is such a read).
 */
static int pvrng_read(struct hwrng *rng, void *data, size_t max, bool wait)
{
	struct pvrng_dev *pd = container_of(rng, struct pvrng_dev, rng);
	u32 got = 0, n;
	int rc;

	if (!wait) {
		if (!mutex_trylock(&pd->lock))
			return 0;
	} else if (mutex_lock_interruptible(&pd->lock)) {
		return -EINTR;
	}
	if (!pd->avail) {
		rc = 0;
		if (!wait)
			goto out;
		rc = pvfront_submit(pd->pf, PVRNG_OP_READ, pd->cache,
				    PVRNG_DATA_MAX, &got);
		if (rc)
			goto out;
		pd->pos = 0;
		pd->avail = got;
	}
	n = (u32)min_t(size_t, max, pd->avail);
	memcpy(data, pd->cache + pd->pos, n);
	memzero_explicit(pd->cache + pd->pos, n);
	pd->pos += n;
	pd->avail -= n;
	rc = (int)n;
out:
	mutex_unlock(&pd->lock);
	return rc;
}

static int pvrng_attach(struct pvfront *pf)
{
	struct pvrng_dev *pd;
	int rc;

	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return -ENOMEM;
	pd->pf = pf;
	mutex_init(&pd->lock);
	/* hw_random refuses two sources of one name: devid 0 is "pvrng". */
	if (pvfront_devid(pf) == 0)
		strscpy(pd->name, PVRNG_KIND, sizeof(pd->name));
	else
		strscpy(pd->name, pvfront_name(pf), sizeof(pd->name));
	pd->rng.name = pd->name;
	pd->rng.read = pvrng_read;
	pd->rng.quality = PVRNG_QUALITY;
	rc = hwrng_register(&pd->rng);
	if (rc) {
		kfree(pd);
		return rc;
	}
	pvfront_set_drvdata(pf, pd);
	return 0;
}

/* Every waiter has failed already, so no read holds the source now. */
static void pvrng_detach(struct pvfront *pf)
{
	struct pvrng_dev *pd = pvfront_drvdata(pf);

	hwrng_unregister(&pd->rng);
	kfree_sensitive(pd);
}

static struct pvfront_class pvrng_class = {
	.kind = PVRNG_KIND,
	.entry_size = PVRNG_ENTRY_SIZE,
	.req_size = sizeof(struct pvrng_request),
	.rsp_size = sizeof(struct pvrng_response),
	.attach = pvrng_attach,
	.detach = pvrng_detach,
};

static int __init pvrng_init(void)
{
	return pvfront_register(&pvrng_class);
}

static void __exit pvrng_exit(void)
{
	pvfront_unregister(&pvrng_class);
}

module_init(pvrng_init);
module_exit(pvrng_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pvrng: paravirtual entropy from dom0 as a hw_random source");
MODULE_ALIAS("xen:" PVRNG_KIND);
