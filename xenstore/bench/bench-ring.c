/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The domain-start storm: N simulated domains start at once. For each, a
 * toolstack thread writes, in a transaction, the nodes a guest with one
 * disk and one NIC gets (front and back end), sets their permissions and
 * INTRODUCEs the domain. Each guest, over its own ring (xenstored's
 * --ring-dir stand-in for the grant page and event channel), watches its
 * device directory and writes its front-end nodes. Timed until every guest
 * has every reply and the toolstack is done.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define STORM_TIMEOUT 10.0
#define FIRST_DOMID   1

struct guest {
	unsigned int domid;
	struct xenstore_domain_interface *intf;
	int kick_xs, kick_me;
	unsigned int want, replies, errors;
	size_t have;
	char buf[XS_HEADER_SIZE + XENSTORE_PAYLOAD_MAX];
};

struct toolstack {
	const char *socket;
	unsigned int nr;
	int failed;
};

static size_t put_msg(char *out, uint32_t type, const char *path,
		      const char *value)
{
	struct xsd_sockmsg h = { type, 1, 0, 0 };
	size_t pl = strlen(path) + 1, vl = value ? strlen(value) + 1 : 0;

	/* WRITE values carry no NUL; WATCH tokens do. */
	if (type == XS_WRITE)
		vl = strlen(value);
	h.len = (uint32_t)(pl + vl);
	memcpy(out, &h, sizeof(h));
	memcpy(out + sizeof(h), path, pl);
	if (vl)
		memcpy(out + sizeof(h) + pl, value, vl);
	return sizeof(h) + h.len;
}

static const char *const front_nodes[][2] = {
	{ "device/vbd/51712/ring-ref", "8" },
	{ "device/vbd/51712/event-channel", "9" },
	{ "device/vbd/51712/protocol", "x86_64-abi" },
	{ "device/vbd/51712/state", "4" },
	{ "device/vif/0/tx-ring-ref", "10" },
	{ "device/vif/0/rx-ring-ref", "11" },
	{ "device/vif/0/event-channel", "12" },
	{ "device/vif/0/request-rx-copy", "1" },
	{ "device/vif/0/state", "4" },
};

/* Requests sit in the ring before the domain is introduced, as a booting
 * guest's would; xenstored reads them once it maps the page. */
static void guest_prefill(struct guest *g)
{
	char msgs[XENSTORE_RING_SIZE];
	size_t len = put_msg(msgs, XS_WATCH, "device", "tok");
	unsigned int i;
	char b = 1;

	for (i = 0; i < sizeof(front_nodes) / sizeof(front_nodes[0]); i++)
		len += put_msg(msgs + len, XS_WRITE, front_nodes[i][0],
			       front_nodes[i][1]);
	memcpy(g->intf->req, msgs, len);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	g->intf->req_prod = (uint32_t)len;
	g->want = 1 + i;
	if (write(g->kick_xs, &b, 1) != 1)
		exit(1);
}

static int guest_open(struct guest *g, const char *dir, unsigned int domid)
{
	char path[4096];
	int fd;

	g->domid = domid;
	snprintf(path, sizeof(path), "%s/%u.page", dir, domid);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, 4096))
		return -1;
	g->intf = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (g->intf == MAP_FAILED)
		return -1;
	snprintf(path, sizeof(path), "%s/%u.kick-xs", dir, domid);
	unlink(path);
	if (mkfifo(path, 0600))
		return -1;
	g->kick_xs = open(path, O_RDWR | O_NONBLOCK);
	snprintf(path, sizeof(path), "%s/%u.kick-guest", dir, domid);
	unlink(path);
	if (mkfifo(path, 0600))
		return -1;
	g->kick_me = open(path, O_RDWR | O_NONBLOCK);
	return g->kick_xs < 0 || g->kick_me < 0 ? -1 : 0;
}

/* Takes what the response ring holds and counts complete replies. */
static void guest_poll(struct guest *g)
{
	struct xenstore_domain_interface *in = g->intf;
	struct xsd_sockmsg h;
	char drain[64], b = 1;
	uint32_t cons, prod;

	/* Drain before reading the index: a kick that lands after the drain
	 * stays pending, so no reply can slip through unnoticed. */
	while (read(g->kick_me, drain, sizeof(drain)) > 0)
		;
	cons = in->rsp_cons;
	prod = __atomic_load_n(&in->rsp_prod, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	while (cons != prod && g->have < sizeof(g->buf))
		g->buf[g->have++] = in->rsp[cons++ & (XENSTORE_RING_SIZE - 1)];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	in->rsp_cons = cons;
	if (write(g->kick_xs, &b, 1) < 0 && errno != EAGAIN)
		exit(1);
	while (g->have >= sizeof(h)) {
		memcpy(&h, g->buf, sizeof(h));
		if (g->have < sizeof(h) + h.len)
			break;
		if (h.type == XS_ERROR) {
			g->errors++;
			fprintf(stderr, "storm: domain %u: %.*s\n", g->domid,
				(int)h.len, g->buf + sizeof(h));
		}
		if (h.type != XS_WATCH_EVENT)
			g->replies++;
		g->have -= sizeof(h) + h.len;
		memmove(g->buf, g->buf + sizeof(h) + h.len, g->have);
	}
}

#define FE_VBD "/local/domain/%1$u/device/vbd/51712"
#define FE_VIF "/local/domain/%1$u/device/vif/0"
#define BE_VBD "/local/domain/0/backend/vbd/%1$u/51712"
#define BE_VIF "/local/domain/0/backend/vif/%1$u/0"

/* What a toolstack writes for a domain with one disk and one NIC; "%1$u"
 * is the domain id. Entries with a NULL value set the two permissions. */
struct ts_entry {
	const char *path, *value, *owner, *other;
};

static const struct ts_entry toolstack_nodes[] = {
	{ "/local/domain/%1$u", "", NULL, NULL },
	{ "/local/domain/%1$u", NULL, "n0", "r%1$u" },
	{ "/local/domain/%1$u/name", "guest", NULL, NULL },
	{ "/local/domain/%1$u/memory/target", "524288", NULL, NULL },
	{ FE_VBD, "", NULL, NULL },
	{ FE_VBD, NULL, "n%1$u", "r0" },
	{ FE_VIF, "", NULL, NULL },
	{ FE_VIF, NULL, "n%1$u", "r0" },
	{ FE_VBD "/backend", BE_VBD, NULL, NULL },
	{ FE_VBD "/backend-id", "0", NULL, NULL },
	{ FE_VBD "/virtual-device", "51712", NULL, NULL },
	{ FE_VIF "/backend", BE_VIF, NULL, NULL },
	{ FE_VIF "/mac", "00:16:3e:00:00:01", NULL, NULL },
	{ BE_VBD, "", NULL, NULL },
	{ BE_VBD, NULL, "n0", "r%1$u" },
	{ BE_VBD "/frontend", FE_VBD, NULL, NULL },
	{ BE_VBD "/params", "/var/lib/images/disk.img", NULL, NULL },
	{ BE_VBD "/state", "1", NULL, NULL },
	{ BE_VIF, "", NULL, NULL },
	{ BE_VIF, NULL, "n0", "r%1$u" },
	{ BE_VIF "/frontend", FE_VIF, NULL, NULL },
	{ BE_VIF "/state", "1", NULL, NULL },
};

/* Appends @fmt formatted for domain @d, with its NUL when @nul. */
static size_t put_fmt(char *buf, size_t off, const char *fmt, unsigned int d,
		      int nul)
{
	int n = snprintf(buf + off, 512 - off, fmt, d);

	return off + (size_t)n + (nul ? 1 : 0);
}

static void toolstack_request(int fd, uint32_t tx, const struct ts_entry *e,
			      unsigned int d)
{
	char buf[512];
	struct bench_msg m;
	size_t len = put_fmt(buf, 0, e->path, d, 1);

	if (e->value) {
		len = put_fmt(buf, len, e->value, d, 0);
		bench_call(fd, XS_WRITE, tx, buf, len, &m, 0);
	} else {
		len = put_fmt(buf, len, e->owner, d, 1);
		len = put_fmt(buf, len, e->other, d, 1);
		bench_call(fd, XS_SET_PERMS, tx, buf, len, &m, 0);
	}
}

static void toolstack_domain(int fd, unsigned int d)
{
	struct bench_msg m;
	char intro[32];
	unsigned int i;
	uint32_t tx;
	int n;

	do {
		bench_call(fd, XS_TRANSACTION_START, 0, "", 1, &m, 0);
		tx = (uint32_t)strtoul(m.body, NULL, 10);
		for (i = 0; i < sizeof(toolstack_nodes) /
				sizeof(toolstack_nodes[0]); i++)
			toolstack_request(fd, tx, &toolstack_nodes[i], d);
	} while (bench_call(fd, XS_TRANSACTION_END, tx, "T", 2, &m, 1) ==
		 XS_ERROR);
	/* domid, a made-up frame number and port: the ring dir stands in. */
	n = snprintf(intro, sizeof(intro), "%u%c1000%c5", d, 0, 0);
	bench_call(fd, XS_INTRODUCE, 0, intro, (size_t)n + 1, &m, 0);
}

static void *toolstack_run(void *arg)
{
	struct toolstack *ts = arg;
	int fd = bench_connect(ts->socket);
	unsigned int i;

	for (i = 0; i < ts->nr; i++)
		toolstack_domain(fd, FIRST_DOMID + i);
	close(fd);
	return NULL;
}

static int all_done(struct guest *g, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (g[i].replies < g[i].want)
			return 0;
	return 1;
}

static void wait_guests(struct guest *g, unsigned int nr, double deadline)
{
	struct pollfd *pfd = calloc(nr, sizeof(*pfd));
	unsigned int i;

	while (!all_done(g, nr) && bench_now() < deadline) {
		for (i = 0; i < nr; i++)
			pfd[i] = (struct pollfd){ .fd = g[i].kick_me,
						  .events = POLLIN };
		if (poll(pfd, nr, 100) < 0 && errno != EINTR) {
			perror("storm: poll");
			break;
		}
		for (i = 0; i < nr; i++)
			if (pfd[i].revents & POLLIN)
				guest_poll(&g[i]);
	}
	if (!all_done(g, nr))
		fprintf(stderr, "storm: gave up waiting after %.1f s\n",
			bench_now() - (deadline - STORM_TIMEOUT));
	free(pfd);
}

int bench_storm(const char *dom0_socket, const char *ring_dir,
		unsigned int nr, double *seconds)
{
	struct guest *g = calloc(nr, sizeof(*g));
	struct toolstack ts = { dom0_socket, nr, 0 };
	pthread_t thread;
	unsigned int i, errors = 0;
	double start;

	for (i = 0; i < nr; i++) {
		if (guest_open(&g[i], ring_dir, FIRST_DOMID + i)) {
			perror("storm: guest set-up");
			return -1;
		}
		guest_prefill(&g[i]);
	}
	start = bench_now();
	pthread_create(&thread, NULL, toolstack_run, &ts);
	wait_guests(g, nr, start + STORM_TIMEOUT);
	pthread_join(thread, NULL);
	*seconds = bench_now() - start;
	for (i = 0; i < nr; i++) {
		errors += g[i].errors + (g[i].replies < g[i].want);
		if (g[i].replies < g[i].want)
			fprintf(stderr, "storm: domain %u: %u of %u replies "
				"(req %u/%u rsp %u/%u)\n", g[i].domid,
				g[i].replies, g[i].want, g[i].intf->req_cons,
				g[i].intf->req_prod, g[i].intf->rsp_cons,
				g[i].intf->rsp_prod);
	}
	if (errors)
		fprintf(stderr, "storm: %u guest requests failed\n", errors);
	for (i = 0; i < nr; i++) {
		munmap(g[i].intf, 4096);
		close(g[i].kick_xs);
		close(g[i].kick_me);
	}
	free(g);
	return errors ? -1 : 0;
}
