/* SPDX-License-Identifier: GPL-2.0 */
/* memory_op's generic sub-ops on the hypervisor's copy of their argument
 * (common/memory.c); do_memory_op does the copying. */
#ifndef XENO_MEMORY_H
#define XENO_MEMORY_H

#include <stdbool.h>
#include <public/memory.h>
#include <public/xen.h>

struct domain;

/* increase_reservation, decrease_reservation, populate_physmap from
 * extent start: the extents done (never an error code, as in Xen).
 * *preempted is set when the walk stopped early to be continued. */
long memory_reservation(struct domain *self, unsigned int op, unsigned int start,
			const struct xen_memory_reservation *r, bool *preempted);
/* current_reservation / maximum_reservation of domain id, in frames, or
 * domain_lookup's error. */
long memory_reservation_size(struct domain *self, unsigned int op, domid_t id);
/* add_to_physmap: -ENOSYS for a foreign space, -ESRCH for no such
 * domain, else -EACCES (no domain here is translated). */
long memory_add_to_physmap(struct domain *self, const struct xen_add_to_physmap *x);

#endif
