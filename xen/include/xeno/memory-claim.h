/* SPDX-License-Identifier: GPL-2.0 */
/* Memory claims (XENMEM_claim_pages, common/memory-claim.c). */
#ifndef XENO_MEMORY_CLAIM_H
#define XENO_MEMORY_CLAIM_H

#include <stdint.h>

struct domain;

/* XENMEM_claim_pages for the caller self; Xen's codes. */
long memory_claim_op(struct domain *self, unsigned int start, uint64_t arg);
/* Before d is given n frames: -ENOMEM when they would come out of other
 * domains' claims; otherwise d's own claim shrinks by up to n. */
int memory_claim_charge(struct domain *d, uint64_t n);
/* d's claim goes (it dies). */
void memory_claim_cancel(struct domain *d);
/* Frames claimed and not yet given, over all domains. */
uint64_t memory_claims_outstanding(void);

#endif
