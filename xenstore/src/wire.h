/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xenstore wire protocol as Xeno speaks it: message types, the header,
 * payload limits and the shared ring page. Names follow Xen's ABI so a grep
 * from client code lands here. The project's ABI checker compares it with
 * Xen's io/xs_wire.h (xen/tests/abi/sets/xenstore, in `make test`).
 */
#ifndef XS_WIRE_H
#define XS_WIRE_H

#include <stdint.h>

enum xsd_sockmsg_type {
	XS_CONTROL = 0,
	XS_DIRECTORY = 1,
	XS_READ = 2,
	XS_GET_PERMS = 3,
	XS_WATCH = 4,
	XS_UNWATCH = 5,
	XS_TRANSACTION_START = 6,
	XS_TRANSACTION_END = 7,
	XS_INTRODUCE = 8,
	XS_RELEASE = 9,
	XS_GET_DOMAIN_PATH = 10,
	XS_WRITE = 11,
	XS_MKDIR = 12,
	XS_RM = 13,
	XS_SET_PERMS = 14,
	XS_WATCH_EVENT = 15,
	XS_ERROR = 16,
	XS_IS_DOMAIN_INTRODUCED = 17,
	XS_RESUME = 18,
	XS_SET_TARGET = 19,
	/* 20 was XS_RESTRICT, withdrawn from the ABI: reject it as unknown. */
	XS_RESET_WATCHES = 21,
	XS_DIRECTORY_PART = 22,
	XS_TYPE_COUNT = 23,
	XS_INVALID = 0xffff,
};

struct xsd_sockmsg {
	uint32_t type;
	uint32_t req_id;   /* echoed in the reply */
	uint32_t tx_id;    /* 0 outside a transaction */
	uint32_t len;      /* payload bytes after the header */
};

#define XS_HEADER_SIZE          ((uint32_t)sizeof(struct xsd_sockmsg))
#define XENSTORE_PAYLOAD_MAX    4096
#define XENSTORE_ABS_PATH_MAX   3072
#define XENSTORE_REL_PATH_MAX   2048

/* The shared page a guest and xenstored exchange messages through. */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;

struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];   /* guest -> xenstored */
	char rsp[XENSTORE_RING_SIZE];   /* xenstored -> guest */
	XENSTORE_RING_IDX req_cons, req_prod;
	XENSTORE_RING_IDX rsp_cons, rsp_prod;
	uint32_t server_features;
	uint32_t connection;
	uint32_t error;
};

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2
#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1
#define XENSTORE_ERROR_NONE    0
#define XENSTORE_ERROR_COMM    1
#define XENSTORE_ERROR_RINGIDX 2
#define XENSTORE_ERROR_PROTO   3

#endif
