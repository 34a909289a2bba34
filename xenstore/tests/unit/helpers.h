/* SPDX-License-Identifier: GPL-2.0-only */
/* Test helpers: a core, fake-transport connections, request wrappers that
 * return the raw result (0 or -errno decoded from the ERROR reply). */
#ifndef XS_TEST_HELPERS_H
#define XS_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "conn.h"
#include "core.h"
#include "wire.h"

#define T_MAX_EVENTS 64

struct t_msg {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

struct t_fake {
	char out[XS_OUT_BYTES_MAX + 65536];
	size_t out_len;
	bool fail_send;
	bool hold_output;            /* accept nothing: a client that never reads */
	const char *in;              /* bytes recv hands out */
	size_t in_len;
	bool closed;
};

extern const struct xs_transport_ops t_fake_ops;

struct xs_core *t_core_new(void);
void t_core_free(struct xs_core *core);
struct xs_conn *t_conn(struct xs_core *core, unsigned int domid, bool priv);
struct t_fake *t_fake_of(struct xs_conn *c);

/* Sends one request and returns its reply's decoded result: 0 or -errno.
 * The reply lands in @reply when given; watch events are kept aside. */
int t_req(struct xs_conn *c, uint32_t type, uint32_t tx, const void *payload,
	  size_t len, struct t_msg *reply);
/* Next queued watch event of @c: true and filled, or false. */
bool t_event(struct xs_conn *c, struct t_msg *ev);
void t_drop_events(struct xs_conn *c);

int t_write(struct xs_conn *c, uint32_t tx, const char *path, const char *v);
int t_read(struct xs_conn *c, uint32_t tx, const char *path, char *out);
int t_rm(struct xs_conn *c, uint32_t tx, const char *path);
int t_mkdir(struct xs_conn *c, uint32_t tx, const char *path);
int t_setperms(struct xs_conn *c, uint32_t tx, const char *path,
	       const char *perms_space_separated);
int t_watch(struct xs_conn *c, const char *path, const char *token);
int t_txn_start(struct xs_conn *c, uint32_t *tx);
int t_txn_end(struct xs_conn *c, uint32_t tx, bool commit);
int t_strings(struct xs_conn *c, uint32_t type, uint32_t tx,
	      const char *args_space_separated, struct t_msg *reply);

/* The fixture of the request-level tests: a fresh core, a dom0
 * connection, optionally a second privileged one (@peer) and an
 * unprivileged guest (@guest_id, 0 for none). With @guest_home the guest
 * owns /local/domain/<id>, as the toolstack leaves it. */
struct t_fix {
	struct xs_core *core;
	struct xs_conn *dom0;
	struct xs_conn *peer;        /* NULL unless asked for */
	struct xs_conn *guest;       /* NULL unless asked for */
};

void t_fix_init(struct t_fix *f, bool peer, unsigned int guest_id,
		bool guest_home);
/* cmocka teardown of a struct t_fix in *state: the core's invariants
 * hold after every test, then it is freed. */
int t_fix_teardown(void **state);

/* The next event of @c is the watch event (@path, @tok), framed as Xen
 * frames one (no request or transaction id); or @c has none queued. */
void t_expect_event(struct xs_conn *c, const char *path, const char *tok);
void t_expect_none(struct xs_conn *c);

#endif
