/* SPDX-License-Identifier: MIT */
/*
 * pvback: the generic dom0 back end of a PV driver kit device class. A
 * driver's back end is a table of ops (NAME-back.c); pvback does the rest:
 * the toolstack's part (attach, detach: xl has no generic device type),
 * the xenbus handshake, ring and data-page grant mapping, event channels,
 * and the serving loop, on Debian's libxenstore, libxenevtchn and
 * libxengnttab. This header needs none of them: what it declares beside
 * the driver's interface is the pure logic the host tests exercise.
 *
 * Ring protocol (the driver's *-ring.h fixes the layout): a request starts
 * with u64 id, u32 op, u32 len, u32 gref; a response with u64 id,
 * s32 status, u32 len. Each request's data is one page the front end
 * grants (gref); pvback maps it for the op and unmaps it after.
 */
#ifndef PVBACK_H
#define PVBACK_H

#include <stdbool.h>
#include <stdint.h>

#include <ring-io/xenbus-state.h>

#define PVBACK_REQ_MAX		256u	/* largest request or response */
#define PVBACK_PAGE_SIZE	4096u
#define PVBACK_STATUS_MIN	(-4095)	/* a response's status, at worst */
#define PVBACK_DOMID_MAX	0x7fefu	/* DOMID_FIRST_RESERVED - 1 */
#define PVBACK_DEVID_MAX	0xffffu
#define PVBACK_KIND_MAX		15u	/* [a-z][a-z0-9_]{0,14} */
#define PVBACK_PATH_MAX		128u

/* The leading fields every request and response has (copies, host order). */
struct pvback_req_hdr {
	uint64_t id;
	uint32_t op;
	uint32_t len;
	uint32_t gref;
};

/* One request in the hands of an op: all of it ours, the page mapped. */
struct pvback_io {
	const void *req;	/* our copy of the whole request */
	void *rsp;		/* the whole response, zeroed; id/status/len
				 * are pvback's, later fields the op's */
	uint8_t *page;		/* the granted data page, PVBACK_PAGE_SIZE */
	uint32_t len;		/* the request's len, already checked */
	uint32_t rsp_len;	/* set by the op: bytes answered, <= len */
};

struct pvback_op {
	uint32_t op;
	bool writable;		/* map the data page writable */
	/* 0, or a negated errno the front end sees as status. */
	int (*run)(struct pvback_io *io);
};

/* A driver's back end: NAME-back.c defines one and names it pvback_driver. */
struct pvback_class {
	const char *kind;	/* xenstore device type, e.g. "skel" */
	const char *prog;	/* for usage and log lines, e.g. "skel-back" */
	uint32_t req_size;	/* the driver's request, >= 20 */
	uint32_t rsp_size;	/* the driver's response, >= 16 */
	uint32_t entry_size;	/* a ring slot: the larger of the two */
	uint32_t data_max;	/* the largest len, <= PVBACK_PAGE_SIZE */
	const struct pvback_op *ops;
	uint32_t nr_ops;
	/* Optional: check the driver's own fields; 0 or a negated errno. */
	int (*check)(const void *req);
};

extern const struct pvback_class *const pvback_driver;

/* The program: attach, detach, serve (see pvback.c). */
int pvback_main(const struct pvback_class *cls, int argc, char **argv);

/* --- pure logic, host-tested (pvback-state.c, pvback-req.c) ---------- */

/* 0 if the class is usable: sizes, kind, ops; else -EINVAL. */
int pvback_class_check(const struct pvback_class *cls);
/* A device class / driver name: [a-z][a-z0-9_]{0,14}. */
bool pvback_kind_valid(const char *kind);
/* Strict decimal no greater than max: no sign, space, junk or leading 0. */
int pvback_parse_uint(const char *s, uint64_t max, uint64_t *v);

/*
 * The per-device decision, level-triggered, from what xenstore holds now:
 * our state (attach and detach write it too), the front end's (Unknown
 * if missing or garbage), online, whether the front end's directory
 * exists, whether this process holds the ring, and our reconnect mark
 * (we made the front end close only so that it connects again).
 */
struct pvback_view {
	enum xenbus_state self, peer;
	bool online, fe_present, connected, reconnect;
};

enum pvback_action {
	PVB_NONE,
	PVB_INITWAIT,		/* drop the ring if held, unmark; -> InitWait */
	PVB_CONNECT,		/* map ring, bind port; -> Connected */
	PVB_CLOSING,		/* -> Closing, still serving a held ring */
	PVB_RECONNECT,		/* a predecessor's ring: mark; -> Closing */
	PVB_DROP_CLOSING,	/* the front end closes: drop ring; -> Closing */
	PVB_CLOSED,		/* drop the ring if held, unmark; -> Closed */
};
enum pvback_action pvback_next(const struct pvback_view *v);
const char *pvback_action_name(enum pvback_action act);

/* Garbage modes for the front end's hostile-peer tests. */
enum pvback_garbage {
	PVB_GARBAGE_NONE,
	PVB_GARBAGE_IDS,	/* ids nobody asked for */
	PVB_GARBAGE_PROD_AHEAD,	/* rsp_prod beyond anything pushed */
	PVB_GARBAGE_LEN,	/* len above what was asked */
	PVB_GARBAGE_STATUS,	/* status out of range */
	PVB_GARBAGE_MIXED,	/* each of the four in turn */
};
/* 0 and *mode, or -EINVAL for a name not in the list. */
int pvback_garbage_parse(const char *name, enum pvback_garbage *mode);

/*
 * Grant access for one request's data page: in dom0 gntdev, in tests a
 * stand-in. map returns NULL if the front end's grant does not map.
 */
struct pvback_map_ops {
	void *(*map)(void *ctx, uint32_t gref, bool writable);
	void (*unmap)(void *ctx, void *page);
};

/*
 * Answer one request. req is our copy of the slot (cls->req_size bytes),
 * rsp (apart from req) receives cls->rsp_size bytes. Checks op, len and the driver's
 * fields before mapping anything; maps the page only for the op and
 * unmaps it before returning. Returns the status it put in rsp.
 */
int pvback_handle(const struct pvback_class *cls,
		  const struct pvback_map_ops *mops, void *mctx,
		  const void *req, void *rsp);

/*
 * Make the answer to request number seq garbage as mode says. Returns
 * true if the ring's rsp_prod must be pushed too far as well.
 */
bool pvback_garble(enum pvback_garbage mode, uint64_t seq, void *rsp);
/* What the garbled rsp_prod is: more than nr_ents past any real one. */
uint32_t pvback_garbage_prod(uint32_t rsp_prod, uint32_t nr_ents);

/* The two directories of a device, as libxl names them. 0 or -E2BIG. */
int pvback_be_path(char *buf, uint32_t size, const char *kind,
		   uint32_t domid, uint32_t devid);
int pvback_fe_path(char *buf, uint32_t size, const char *kind,
		   uint32_t domid, uint32_t devid);

#endif /* PVBACK_H */
