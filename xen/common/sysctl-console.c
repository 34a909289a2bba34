/* SPDX-License-Identifier: GPL-2.0 */
/* The console sysctls behind `xl dmesg` and `xl debug-keys`:
 * XEN_SYSCTL_readconsole reads the hypervisor's console history as Xen's
 * ring (free-running indexes; 'incremental' resumes at the index the
 * last read returned when it still lies in the ring, else at the oldest
 * byte; 'clear' drops what was read), and XEN_SYSCTL_debug_keys runs
 * debug keys as if typed, a batch per call (the rest by continuation). */
#include <asm/guest-access.h>
#include <public/sysctl.h>
#include <public/xen.h>
#include <xeno/console.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/printk.h>

#define READ_CHUNK        256
#define DEBUG_KEYS_BATCH  16   /* keys per call: each may print a lot */

long sysctl_readconsole(struct xen_sysctl_readconsole *op)
{
	char chunk[READ_CHUNK];
	uint32_t c, p, sofar = 0, max = op->count;

	console_ring_bounds(&c, &p);
	/* Xen's test: the index is in (c, p], allowing for wrap. */
	if (op->incremental &&
	    (c <= p ? (c < op->index && op->index <= p) : (c < op->index || op->index <= p)))
		c = op->index;
	while (c != p && sofar < max) {
		uint32_t len = p - c;

		if (len > sizeof(chunk))
			len = sizeof(chunk);
		if (len > max - sofar)
			len = max - sofar;
		console_ring_copy(c, chunk, len);
		if (copy_to_guest((uint64_t)op->buffer.p + sofar, chunk, len))
			return -EFAULT;
		sofar += len;
		c += len;
	}
	if (op->clear)
		console_ring_clear(c);
	op->count = sofar;
	op->index = c;
	return 0;
}

long sysctl_debug_keys(struct xen_sysctl *op, uint64_t arg)
{
	struct xen_sysctl_debug_keys *k = &op->u.debug_keys;
	uint32_t n = k->nr_keys < DEBUG_KEYS_BATCH ? k->nr_keys : DEBUG_KEYS_BATCH;
	char keys[DEBUG_KEYS_BATCH];

	if (n && copy_from_guest(keys, (uint64_t)k->keys.p, n))
		return -EFAULT;
	for (uint32_t i = 0; i < n; i++)
		debug_key_handle(keys[i]);
	if (k->nr_keys == n)
		return 0;
	/* The rest on the restarted call: the caller's struct says where. */
	k->keys.p += n;
	k->nr_keys -= n;
	if (copy_to_guest(arg, op, sizeof(*op)))
		return -EFAULT;
	return hypercall_create_continuation(__HYPERVISOR_sysctl, arg, 0, 0, 0, 0);
}
