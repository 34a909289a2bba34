/* SPDX-License-Identifier: GPL-2.0 */
/* Grant tables (common/grant-table.c): what the rest of the hypervisor
 * calls; the hypercall itself is in xeno/hypercall.h. */
#ifndef XENO_GRANT_TABLE_H
#define XENO_GRANT_TABLE_H

struct domain;

#include <stdint.h>
#include <public/grant_table.h>

/* GNTTABOP_setup_table, query_size, get_version for self on our copy of
 * the guest's argument, which they fill with the answer. The first two
 * answer a refusal in op->status and return 0 (setup_table writes the
 * frame list to guest memory); get_version returns domain_lookup's
 * error. */
long gnttab_setup_table(struct domain *self, struct gnttab_setup_table *op);
long gnttab_query_size(struct domain *self, struct gnttab_query_size *op);
long gnttab_get_version(struct domain *self, struct gnttab_get_version *op);

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
