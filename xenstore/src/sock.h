/* SPDX-License-Identifier: GPL-2.0-only */
/* The Unix socket transport: dom0 tools, and test-only guest sockets. */
#ifndef XS_SOCK_H
#define XS_SOCK_H

#include <stdbool.h>

struct xs_core;
struct xs_conn;

extern const struct xs_transport_ops xs_sock_ops;

/* A listening, non-blocking socket at @path: fd or -errno. */
int xs_sock_listen(const char *path);
/* Accepts one client as domain @domid: the connection, or NULL. */
struct xs_conn *xs_sock_accept(struct xs_core *core, int lfd,
			       unsigned int domid, bool privileged);

#endif
