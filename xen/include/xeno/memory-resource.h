/* SPDX-License-Identifier: GPL-2.0 */
/* XENMEM_acquire_resource (common/memory-resource.c). */
#ifndef XENO_MEMORY_RESOURCE_H
#define XENO_MEMORY_RESOURCE_H

#include <stdint.h>

struct domain;

/* For the caller self; start is the continuation's extent. Xen's codes. */
long memory_acquire_resource(struct domain *self, unsigned int start, uint64_t arg);

#endif
