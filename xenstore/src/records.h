/* SPDX-License-Identifier: GPL-2.0-only */
/* Encoding and decoding of the node records that state files hold. */
#ifndef XS_RECORDS_H
#define XS_RECORDS_H

#include <stddef.h>

#include "node.h"

struct xs_core;
struct xs_store;

struct xs_buf {
	char *data;
	size_t len;
	size_t cap;
	int failed;      /* an append ran out of memory */
};

void xs_record_node(struct xs_buf *b, const struct xs_node *n);
void xs_record_removal(struct xs_buf *b, const struct xs_node *n);
/* Every live node, parents before children. 0 or -ENOMEM. */
int xs_records_snapshot(struct xs_buf *b, struct xs_store *s);
/* Applies records in order; stops quietly at a torn or corrupt tail.
 * 0, or -errno when a record could not be applied. */
int xs_records_apply(struct xs_core *core, const char *data, size_t len);

#endif
