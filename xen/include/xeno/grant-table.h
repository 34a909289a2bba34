/* SPDX-License-Identifier: GPL-2.0 */
/* Grant tables (common/grant-table.c): what the rest of the hypervisor
 * calls; the hypercall itself is in xeno/hypercall.h. */
#ifndef XENO_GRANT_TABLE_H
#define XENO_GRANT_TABLE_H

struct domain;

#include <stdint.h>

/* A new domain's first table frame (Xen gives one at creation). */
int gnttab_init(struct domain *d);
/* A dead domain's grant-table frames go back to the pool (those a foreign
 * mapping still holds: at its unmap). */
void gnttab_free(struct domain *d);
/* Machine frames [frame, frame + n) of d's shared table, which grows to
 * cover them within d's limit; -EINVAL past it or when it cannot grow
 * (XENMEM_acquire_resource, as Xen). */
int gnttab_shared_frames(struct domain *d, uint32_t frame, unsigned int n, uint64_t *mfns);

#endif
