/* SPDX-License-Identifier: GPL-2.0-only */
/* Node records; layout described in journal.c. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "records.h"
#include "tree.h"
#include "wire.h"

#define REC_NODE    'N'
#define REC_REMOVAL 'D'

struct rec_head {
	uint8_t kind;
	uint8_t nr_perms;
	uint16_t path_len;
	uint32_t value_len;
};

static uint32_t fnv(const char *p, size_t len, uint32_t h)
{
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

static void buf_put(struct xs_buf *b, const void *p, size_t len)
{
	if (b->failed)
		return;
	if (b->len + len > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *d;

		while (cap < b->len + len)
			cap *= 2;
		d = realloc(b->data, cap);
		if (!d) {
			b->failed = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, len);
	b->len += len;
}

static void put_record(struct xs_buf *b, uint8_t kind, const struct xs_node *n,
		       int with_data)
{
	struct rec_head h = { kind, with_data ? n->nr_perms : 0, n->path_len,
			      with_data ? n->value_len : 0 };
	size_t start = b->len;
	uint32_t sum;

	buf_put(b, &h, sizeof(h));
	if (with_data)
		buf_put(b, xs_node_perms(n), n->nr_perms * sizeof(struct xs_perm));
	buf_put(b, xs_node_path(n), n->path_len);
	if (with_data)
		buf_put(b, xs_node_value(n), n->value_len);
	if (b->failed)
		return;
	sum = fnv(b->data + start, b->len - start, 2166136261u);
	buf_put(b, &sum, sizeof(sum));
}

void xs_record_node(struct xs_buf *b, const struct xs_node *n)
{
	put_record(b, REC_NODE, n, 1);
}

void xs_record_removal(struct xs_buf *b, const struct xs_node *n)
{
	put_record(b, REC_REMOVAL, n, 0);
}

int xs_records_snapshot(struct xs_buf *b, struct xs_store *s)
{
	const struct xs_node *n;
	size_t idx = 0;

	/* Map order is arbitrary; loading creates missing parents and later
	 * records set their real value and permissions. */
	while ((n = xs_map_next(&s->nodes, &idx)))
		xs_record_node(b, n);
	return b->failed ? -ENOMEM : 0;
}

static int apply_one(struct xs_core *core, const struct rec_head *h,
		     const char *body)
{
	static const struct xs_caller root = { 0, DOMID_INVALID, true };
	const struct xs_perm *perms = (const void *)body;
	char path[XENSTORE_ABS_PATH_MAX + 1];
	struct xs_events ev;
	struct xs_tree_ctx t = {
		.core = core, .view = { .store = &core->store },
		.caller = &root, .events = &ev,
	};
	struct xs_perm copy[XS_PERMS_MAX];
	size_t plen = h->nr_perms * sizeof(struct xs_perm);
	int rc;

	if (h->path_len == 0 || h->path_len > XENSTORE_ABS_PATH_MAX)
		return -EINVAL;
	memcpy(path, body + plen, h->path_len);
	path[h->path_len] = '\0';
	xs_events_init(&ev);
	if (h->kind == REC_REMOVAL) {
		rc = h->path_len == 1 ? 0 : xs_tree_rm(&t, path);
	} else {
		memcpy(copy, perms, plen);
		rc = xs_tree_write(&t, path, body + plen + h->path_len,
				   h->value_len);
		if (!rc)
			rc = xs_tree_set_perms(&t, path, copy, h->nr_perms);
	}
	xs_events_clear(&ev);
	return rc;
}

int xs_records_apply(struct xs_core *core, const char *data, size_t len)
{
	size_t off = 0, body_len;
	struct rec_head h;
	uint32_t sum;
	int rc;

	while (len - off >= sizeof(h)) {
		memcpy(&h, data + off, sizeof(h));
		if (h.kind != REC_NODE && h.kind != REC_REMOVAL)
			break;
		if (h.kind == REC_NODE && h.nr_perms == 0)
			break;
		body_len = h.nr_perms * sizeof(struct xs_perm) + h.path_len +
			   h.value_len;
		if (len - off - sizeof(h) < body_len + sizeof(sum))
			break;                   /* torn tail */
		memcpy(&sum, data + off + sizeof(h) + body_len, sizeof(sum));
		if (sum != fnv(data + off, sizeof(h) + body_len, 2166136261u))
			break;
		rc = apply_one(core, &h, data + off + sizeof(h));
		if (rc)
			return rc;
		off += sizeof(h) + body_len + sizeof(sum);
	}
	return 0;
}
