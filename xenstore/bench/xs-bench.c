/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored benchmark client.
 *   xs-bench throughput SOCKET ECHO_SOCKET  ops/s for read, write,
 *        directory and transaction commit, 1 and 4 clients, each beside
 *        the echo server's round trips over the same kind of socket
 *   xs-bench populate SOCKET N             N small nodes, pipelined
 *   xs-bench storm SOCKET RING_DIR N       domain-start storm
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define RUN_SECONDS 0.4
#define REPEATS     5
#define BATCH       256

double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int bench_connect(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	strncpy(sun.sun_path, path, sizeof(sun.sun_path) - 1);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		perror(path);
		exit(1);
	}
	return fd;
}

static void io_all(int fd, void *buf, size_t len, int writing)
{
	char *p = buf;

	while (len) {
		ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);

		if (n <= 0) {
			fprintf(stderr, "xs-bench: connection lost\n");
			exit(1);
		}
		p += n;
		len -= (size_t)n;
	}
}

void bench_send(int fd, uint32_t type, uint32_t req_id, uint32_t tx,
		const void *payload, size_t len)
{
	char buf[XS_HEADER_SIZE + XENSTORE_PAYLOAD_MAX];
	struct xsd_sockmsg h = { type, req_id, tx, (uint32_t)len };

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), payload, len);
	io_all(fd, buf, sizeof(h) + len, 1);
}

void bench_recv(int fd, struct bench_msg *m)
{
	io_all(fd, &m->hdr, sizeof(m->hdr), 0);
	if (m->hdr.len > XENSTORE_PAYLOAD_MAX)
		exit(1);
	io_all(fd, m->body, m->hdr.len, 0);
	m->body[m->hdr.len] = '\0';
}

uint32_t bench_call(int fd, uint32_t type, uint32_t tx, const void *payload,
		    size_t len, struct bench_msg *m, int allow_error)
{
	bench_send(fd, type, 1, tx, payload, len);
	do
		bench_recv(fd, m);
	while (m->hdr.type == XS_WATCH_EVENT);
	if (m->hdr.type == XS_ERROR && !allow_error) {
		fprintf(stderr, "xs-bench: request %u failed: %s\n", type,
			m->body);
		exit(1);
	}
	return m->hdr.type;
}

enum op { OP_ECHO, OP_READ, OP_WRITE, OP_DIRECTORY, OP_COMMIT, NR_OPS };
static const char *const op_names[NR_OPS] = {
	"echo", "read", "write", "directory", "txn-commit",
};

struct worker {
	pthread_t thread;
	const char *socket;
	enum op op;
	unsigned int id;
	unsigned long done;
};

static size_t path_arg(char *buf, const char *path, const char *value)
{
	size_t n = strlen(path) + 1, v = strlen(value);

	memcpy(buf, path, n);
	memcpy(buf + n, value, v);
	return n + v;
}

/* One operation; a commit is start, write, end (retried on EAGAIN). */
static void do_op(int fd, enum op op, unsigned int id)
{
	static const char read_req[] = "/bench/r";
	char buf[128], path[64];
	struct bench_msg m;
	uint32_t tx;

	switch (op) {
	case OP_ECHO:
	case OP_READ:
		bench_call(fd, XS_READ, 0, read_req, sizeof(read_req), &m, 0);
		break;
	case OP_WRITE:
		snprintf(path, sizeof(path), "/bench/w%u", id);
		bench_call(fd, XS_WRITE, 0, buf, path_arg(buf, path, "value"),
			   &m, 0);
		break;
	case OP_DIRECTORY:
		bench_call(fd, XS_DIRECTORY, 0, "/bench/dir", 11, &m, 0);
		break;
	default:
		snprintf(path, sizeof(path), "/bench/t%u", id);
		do {
			bench_call(fd, XS_TRANSACTION_START, 0, "", 1, &m, 0);
			tx = (uint32_t)strtoul(m.body, NULL, 10);
			bench_call(fd, XS_WRITE, tx, buf,
				   path_arg(buf, path, "value"), &m, 0);
		} while (bench_call(fd, XS_TRANSACTION_END, tx, "T", 2, &m, 1)
			 == XS_ERROR);
	}
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	int fd = bench_connect(w->socket);
	double end = bench_now() + RUN_SECONDS;

	while (bench_now() < end) {
		unsigned int i;

		for (i = 0; i < 64; i++)
			do_op(fd, w->op, w->id);
		w->done += 64;
	}
	close(fd);
	return NULL;
}

static double measure(const char *socket, enum op op, unsigned int nr)
{
	struct worker w[8];
	unsigned long total = 0;
	double start = bench_now();
	unsigned int i;

	for (i = 0; i < nr; i++) {
		w[i] = (struct worker){ .socket = socket, .op = op, .id = i };
		pthread_create(&w[i].thread, NULL, worker_run, &w[i]);
	}
	for (i = 0; i < nr; i++) {
		pthread_join(w[i].thread, NULL);
		total += w[i].done;
	}
	return (double)total / (bench_now() - start);
}

static void prepare_tree(const char *socket)
{
	char buf[128], path[64];
	struct bench_msg m;
	int fd = bench_connect(socket), i;

	bench_call(fd, XS_WRITE, 0, buf, path_arg(buf, "/bench/r", "value"),
		   &m, 0);
	for (i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/bench/dir/entry%d", i);
		bench_call(fd, XS_WRITE, 0, buf, path_arg(buf, path, "v"), &m, 0);
	}
	close(fd);
}

/* Other work on a shared machine only ever slows a run down: measure each
 * row and its echo baseline alternately, REPEATS times, and keep the best
 * of each. */
static void row(const char *socket, const char *echo, enum op op,
		unsigned int clients)
{
	double rm = 0, em = 0, v;
	int i;

	for (i = 0; i < REPEATS; i++) {
		v = measure(echo, OP_ECHO, clients);
		em = v > em ? v : em;
		v = measure(socket, op, clients);
		rm = v > rm ? v : rm;
	}
	printf("%-12s %8u %12.0f %12.0f %7.2f\n", op_names[op], clients, rm,
	       em, rm / em);
}

static int throughput(const char *socket, const char *echo)
{
	static const unsigned int clients[] = { 1, 4 };
	unsigned int c;
	int op;

	prepare_tree(socket);
	printf("%-12s %8s %12s %12s %7s\n", "operation", "clients",
	       "ops/s", "echo ops/s", "ratio");
	for (op = OP_READ; op < NR_OPS; op++)
		for (c = 0; c < 2; c++)
			row(socket, echo, op, clients[c]);
	printf("(txn-commit is start+write+end: three round trips)\n");
	return 0;
}

static int populate(const char *socket, unsigned long n)
{
	char buf[128], path[64], value[16];
	struct bench_msg m;
	int fd = bench_connect(socket);
	double start = bench_now();
	unsigned long i, j;

	for (i = 0; i < n; i += BATCH) {
		for (j = i; j < i + BATCH && j < n; j++) {
			snprintf(path, sizeof(path), "/pop/d%lu/n%lu", j / 100, j);
			snprintf(value, sizeof(value), "v%lu", j);
			bench_send(fd, XS_WRITE, (uint32_t)j, 0, buf,
				   path_arg(buf, path, value));
		}
		for (j = i; j < i + BATCH && j < n; j++) {
			bench_recv(fd, &m);
			if (m.hdr.type != XS_WRITE) {
				fprintf(stderr, "populate: %s\n", m.body);
				return 1;
			}
		}
	}
	printf("populated %lu nodes in %.2f s\n", n, bench_now() - start);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	double secs;

	if (argc == 4 && !strcmp(argv[1], "throughput"))
		return throughput(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "populate"))
		return populate(argv[2], strtoul(argv[3], NULL, 10));
	if (argc == 5 && !strcmp(argv[1], "storm")) {
		if (bench_storm(argv[2], argv[3],
				(unsigned int)strtoul(argv[4], NULL, 10), &secs))
			return 1;
		printf("storm: %s domains introduced and connected in %.3f s\n",
		       argv[4], secs);
		return 0;
	}
	fprintf(stderr, "usage: xs-bench throughput SOCKET ECHO_SOCKET\n"
		"       xs-bench populate SOCKET N\n"
		"       xs-bench storm SOCKET RING_DIR N\n");
	return 2;
}
