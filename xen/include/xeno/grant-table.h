/* SPDX-License-Identifier: GPL-2.0 */
/* Grant tables (common/grant-table.c): what the rest of the hypervisor
 * calls; the hypercall itself is in xeno/hypercall.h. */
#ifndef XENO_GRANT_TABLE_H
#define XENO_GRANT_TABLE_H

struct domain;

/* A dead domain's grant-table frames go back to the pool. */
void gnttab_free(struct domain *d);

#endif
