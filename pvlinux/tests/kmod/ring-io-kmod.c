// SPDX-License-Identifier: GPL-2.0
/*
 * Build check, never loaded by the tests: every ring-io header compiles in
 * a Linux module beside the kernel's own Xen headers (grant_ref_t, domid_t
 * and enum xenbus_state must not collide), with -Werror. Init runs one
 * request and response through both ends of a ring on a private page, so
 * the inline ring code is instantiated and not just parsed.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include <ring-io/barrier.h>
#include <ring-io/blkif.h>
#include <ring-io/errno.h>
#include <ring-io/grant.h>
#include <ring-io/netif.h>
#include <ring-io/ring.h>
#include <ring-io/xenbus-state.h>

struct kmod_req { u64 id; u32 op; u32 len; grant_ref_t gref; u32 flags; };
struct kmod_rsp { u64 id; s32 status; u32 len; };

static_assert(sizeof(struct kmod_req) == 24);
static_assert(XenbusStateConnected == 4);

static int ring_io_kmod_roundtrip(void *page)
{
	struct ring_front f;
	struct ring_back b;
	struct kmod_req req = { .id = 7, .op = 1, .len = 1 }, seen;
	struct kmod_rsp rsp = { .id = 7, .len = 1 }, got;

	if (ring_front_init(&f, page, PAGE_SIZE, sizeof(req)) ||
	    ring_back_attach(&b, page, PAGE_SIZE, sizeof(req)))
		return -EINVAL;
	if (ring_front_put(&f, &req, sizeof(req)))
		return -ENOSPC;
	ring_front_push(&f);
	if (ring_back_take(&b, &seen, sizeof(seen)) != 1 || seen.id != req.id)
		return -EIO;
	if (ring_back_put(&b, &rsp, sizeof(rsp)))
		return -ENOSPC;
	ring_back_push(&b);
	if (ring_front_take(&f, &got, sizeof(got)) != 1 || got.id != req.id)
		return -EIO;
	return ring_front_final_check(&f) == 0 ? 0 : -EIO;
}

static int __init ring_io_kmod_init(void)
{
	void *page = (void *)get_zeroed_page(GFP_KERNEL);
	int rc;

	if (!page)
		return -ENOMEM;
	rc = ring_io_kmod_roundtrip(page);
	free_page((unsigned long)page);
	return rc;
}

static void __exit ring_io_kmod_exit(void)
{
}

module_init(ring_io_kmod_init);
module_exit(ring_io_kmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ring-io headers in a module: build check");
