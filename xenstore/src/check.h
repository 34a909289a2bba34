/* SPDX-License-Identifier: GPL-2.0-only */
/* Consistency check of the core's invariants (core.h), for tests and
 * CONTROL check. */
#ifndef XS_CHECK_H
#define XS_CHECK_H

struct xs_core;

/* 0 when every invariant holds, else the number of violations (logged). */
int xs_core_check(struct xs_core *core);

#endif
