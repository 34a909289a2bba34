/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's own header, compiled alone: its values, for test-wire-abi.c. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>

#include "xen-abi.h"

const struct xen_abi_value xen_abi_values[] = {
	{ "XS_CONTROL", XS_CONTROL },
	{ "XS_DIRECTORY", XS_DIRECTORY },
	{ "XS_READ", XS_READ },
	{ "XS_GET_PERMS", XS_GET_PERMS },
	{ "XS_WATCH", XS_WATCH },
	{ "XS_UNWATCH", XS_UNWATCH },
	{ "XS_TRANSACTION_START", XS_TRANSACTION_START },
	{ "XS_TRANSACTION_END", XS_TRANSACTION_END },
	{ "XS_INTRODUCE", XS_INTRODUCE },
	{ "XS_RELEASE", XS_RELEASE },
	{ "XS_GET_DOMAIN_PATH", XS_GET_DOMAIN_PATH },
	{ "XS_WRITE", XS_WRITE },
	{ "XS_MKDIR", XS_MKDIR },
	{ "XS_RM", XS_RM },
	{ "XS_SET_PERMS", XS_SET_PERMS },
	{ "XS_WATCH_EVENT", XS_WATCH_EVENT },
	{ "XS_ERROR", XS_ERROR },
	{ "XS_IS_DOMAIN_INTRODUCED", XS_IS_DOMAIN_INTRODUCED },
	{ "XS_RESUME", XS_RESUME },
	{ "XS_SET_TARGET", XS_SET_TARGET },
	{ "XS_RESET_WATCHES", XS_RESET_WATCHES },
	{ "XS_DIRECTORY_PART", XS_DIRECTORY_PART },
	{ "XS_TYPE_COUNT", XS_TYPE_COUNT },
	{ "XS_INVALID", XS_INVALID },
	{ "XENSTORE_PAYLOAD_MAX", XENSTORE_PAYLOAD_MAX },
	{ "XENSTORE_ABS_PATH_MAX", XENSTORE_ABS_PATH_MAX },
	{ "XENSTORE_REL_PATH_MAX", XENSTORE_REL_PATH_MAX },
	{ "XENSTORE_RING_SIZE", XENSTORE_RING_SIZE },
	{ "sizeof(struct xsd_sockmsg)", sizeof(struct xsd_sockmsg) },
	{ "sizeof(struct xenstore_domain_interface)",
	  sizeof(struct xenstore_domain_interface) },
	{ "offsetof(req_cons)",
	  offsetof(struct xenstore_domain_interface, req_cons) },
	{ "offsetof(req_prod)",
	  offsetof(struct xenstore_domain_interface, req_prod) },
	{ "offsetof(rsp_cons)",
	  offsetof(struct xenstore_domain_interface, rsp_cons) },
	{ "offsetof(rsp_prod)",
	  offsetof(struct xenstore_domain_interface, rsp_prod) },
	{ "offsetof(server_features)",
	  offsetof(struct xenstore_domain_interface, server_features) },
	{ "offsetof(connection)",
	  offsetof(struct xenstore_domain_interface, connection) },
	{ "offsetof(error)", offsetof(struct xenstore_domain_interface, error) },
	{ "XENSTORE_SERVER_FEATURE_RECONNECTION",
	  XENSTORE_SERVER_FEATURE_RECONNECTION },
	{ "XENSTORE_SERVER_FEATURE_ERROR", XENSTORE_SERVER_FEATURE_ERROR },
	{ "XENSTORE_CONNECTED", XENSTORE_CONNECTED },
	{ "XENSTORE_RECONNECT", XENSTORE_RECONNECT },
	{ "XENSTORE_ERROR_NONE", XENSTORE_ERROR_NONE },
	{ "XENSTORE_ERROR_COMM", XENSTORE_ERROR_COMM },
	{ "XENSTORE_ERROR_RINGIDX", XENSTORE_ERROR_RINGIDX },
	{ "XENSTORE_ERROR_PROTO", XENSTORE_ERROR_PROTO },
};

const size_t xen_nr_abi_values = sizeof(xen_abi_values) /
				 sizeof(xen_abi_values[0]);

const char *xen_errname(size_t i, int *err)
{
	if (i >= sizeof(xsd_errors) / sizeof(xsd_errors[0]))
		return NULL;
	*err = xsd_errors[i].errnum;
	return xsd_errors[i].errstring;
}
