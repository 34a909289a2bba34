/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's xs_wire.h and ours (wire.h) as one list of expressions: every
 * type number, limit and ring offset. xen-abi.c evaluates it against
 * Xen's header, test-wire-abi.c against ours; V(e) gives ("e", e). */
#ifndef XS_TEST_XEN_ABI_H
#define XS_TEST_XEN_ABI_H

#include <stddef.h>

struct xen_abi_value {
	const char *name;
	unsigned long value;
};

#define XS_WIRE_ABI(V) \
	V(XS_CONTROL) \
	V(XS_DIRECTORY) \
	V(XS_READ) \
	V(XS_GET_PERMS) \
	V(XS_WATCH) \
	V(XS_UNWATCH) \
	V(XS_TRANSACTION_START) \
	V(XS_TRANSACTION_END) \
	V(XS_INTRODUCE) \
	V(XS_RELEASE) \
	V(XS_GET_DOMAIN_PATH) \
	V(XS_WRITE) \
	V(XS_MKDIR) \
	V(XS_RM) \
	V(XS_SET_PERMS) \
	V(XS_WATCH_EVENT) \
	V(XS_ERROR) \
	V(XS_IS_DOMAIN_INTRODUCED) \
	V(XS_RESUME) \
	V(XS_SET_TARGET) \
	V(XS_RESET_WATCHES) \
	V(XS_DIRECTORY_PART) \
	V(XS_TYPE_COUNT) \
	V(XS_INVALID) \
	V(XENSTORE_PAYLOAD_MAX) \
	V(XENSTORE_ABS_PATH_MAX) \
	V(XENSTORE_REL_PATH_MAX) \
	V(XENSTORE_RING_SIZE) \
	V(sizeof(struct xsd_sockmsg)) \
	V(sizeof(struct xenstore_domain_interface)) \
	V(offsetof(struct xenstore_domain_interface, req_cons)) \
	V(offsetof(struct xenstore_domain_interface, req_prod)) \
	V(offsetof(struct xenstore_domain_interface, rsp_cons)) \
	V(offsetof(struct xenstore_domain_interface, rsp_prod)) \
	V(offsetof(struct xenstore_domain_interface, server_features)) \
	V(offsetof(struct xenstore_domain_interface, connection)) \
	V(offsetof(struct xenstore_domain_interface, error)) \
	V(XENSTORE_SERVER_FEATURE_RECONNECTION) \
	V(XENSTORE_SERVER_FEATURE_ERROR) \
	V(XENSTORE_CONNECTED) \
	V(XENSTORE_RECONNECT) \
	V(XENSTORE_ERROR_NONE) \
	V(XENSTORE_ERROR_COMM) \
	V(XENSTORE_ERROR_RINGIDX) \
	V(XENSTORE_ERROR_PROTO)

#define XS_ABI_VALUE(e) { #e, (unsigned long)(e) },

/* Xen's values, in XS_WIRE_ABI's order. */
extern const struct xen_abi_value xen_abi_values[];
extern const size_t xen_nr_abi_values;
/* The i-th entry of Xen's error table, or NULL past its end. */
const char *xen_errname(size_t i, int *err);

#endif
