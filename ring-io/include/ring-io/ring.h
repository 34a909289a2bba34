/* SPDX-License-Identifier: MIT */
/* Both ends of the shared ring; see ring-core.h for the invariants. */
#ifndef RING_IO_RING_H
#define RING_IO_RING_H

#include <ring-io/ring-back.h>
#include <ring-io/ring-front.h>

#endif /* RING_IO_RING_H */
