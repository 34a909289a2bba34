/* SPDX-License-Identifier: MIT */
/*
 * The xenstore wire protocol: message header and types, and the shared
 * ring page between a domain and xenstored. Each message is a header
 * followed by 'len' payload bytes (usually NUL-terminated strings).
 * Errors travel as their E* names in an XS_ERROR reply.
 */
#ifndef XENO_PUBLIC_IO_XS_WIRE_H
#define XENO_PUBLIC_IO_XS_WIRE_H

#include <stdint.h>

enum xsd_sockmsg_type {
	XS_CONTROL,                   /* 0 */
#define XS_DEBUG XS_CONTROL
	XS_DIRECTORY,
	XS_READ,
	XS_GET_PERMS,
	XS_WATCH,
	XS_UNWATCH,
	XS_TRANSACTION_START,
	XS_TRANSACTION_END,
	XS_INTRODUCE,
	XS_RELEASE,
	XS_GET_DOMAIN_PATH,           /* 10 */
	XS_WRITE,
	XS_MKDIR,
	XS_RM,
	XS_SET_PERMS,
	XS_WATCH_EVENT,
	XS_ERROR,
	XS_IS_DOMAIN_INTRODUCED,
	XS_RESUME,
	XS_SET_TARGET,                /* 19 */
	/* 20 was XS_RESTRICT, withdrawn */
	XS_RESET_WATCHES = XS_SET_TARGET + 2,
	XS_DIRECTORY_PART,
	XS_TYPE_COUNT,                /* one past the last valid type */
	XS_INVALID = 0xffff           /* never a valid type */
};

/* Old XS_WRITE flavours, sent as the first string. */
#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/* An error name and its number; the wire carries only the name. */
struct xsd_errors {
	int errnum;
	const char *errstring;
};

struct xsd_sockmsg {
	uint32_t type;                /* enum xsd_sockmsg_type */
	uint32_t req_id;              /* echoed in the reply */
	uint32_t tx_id;               /* 0 outside a transaction */
	uint32_t len;                 /* payload bytes that follow */
};

/* Strings of an XS_WATCH_EVENT payload, in order. */
enum xs_watch_type {
	XS_WATCH_PATH = 0,
	XS_WATCH_TOKEN
};

/*
 * The ring page: requests go out in req[], replies and watch events come
 * back in rsp[]; indexes run freely and are masked into the ring.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];
	char rsp[XENSTORE_RING_SIZE];
	XENSTORE_RING_IDX req_cons, req_prod;
	XENSTORE_RING_IDX rsp_cons, rsp_prod;
	uint32_t server_features;     /* XENSTORE_SERVER_FEATURE_* */
	uint32_t connection;          /* XENSTORE_CONNECTED or _RECONNECT */
	uint32_t error;               /* XENSTORE_ERROR_* */
};

/* A longer payload breaks the protocol; the path limits give an error. */
#define XENSTORE_PAYLOAD_MAX   4096
#define XENSTORE_ABS_PATH_MAX  3072
#define XENSTORE_REL_PATH_MAX  2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1  /* 'connection' is honoured */
#define XENSTORE_SERVER_FEATURE_ERROR        2  /* 'error' is filled in */

#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

#define XENSTORE_ERROR_NONE     0
#define XENSTORE_ERROR_COMM     1
#define XENSTORE_ERROR_RINGIDX  2  /* an index out of range */
#define XENSTORE_ERROR_PROTO    3  /* a payload too long */

#endif /* XENO_PUBLIC_IO_XS_WIRE_H */
