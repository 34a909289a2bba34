/* SPDX-License-Identifier: GPL-2.0-only */
/* Benchmark client helpers shared by xs-bench.c and bench-ring.c. */
#ifndef XS_BENCH_H
#define XS_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "wire.h"

struct bench_msg {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

int bench_connect(const char *path);
/* Writes a whole message; exits on failure (a benchmark has no plan B). */
void bench_send(int fd, uint32_t type, uint32_t req_id, uint32_t tx,
		const void *payload, size_t len);
void bench_recv(int fd, struct bench_msg *m);
/* Request and its reply, skipping watch events; exits on an ERROR reply
 * unless @allow_error. Returns the reply type. */
uint32_t bench_call(int fd, uint32_t type, uint32_t tx, const void *payload,
		    size_t len, struct bench_msg *m, int allow_error);
double bench_now(void);

/* The domain-start storm over test rings (--ring-dir). */
int bench_storm(const char *dom0_socket, const char *ring_dir,
		unsigned int nr_domains, double *seconds);

#endif
