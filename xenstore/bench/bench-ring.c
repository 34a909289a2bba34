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

static size_t arg2(char *buf, const char *a, const char *b)
{
	size_t la = strlen(a) + 1, lb = strlen(b);

	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	return la + lb;
}

static void ts_write(int fd, uint32_t tx, const char *path, const char *v)
{
	struct bench_msg m;
	char buf[512];

	bench_call(fd, XS_WRITE, tx, buf, arg2(buf, path, v), &m, 0);
}

static void ts_perms(int fd, uint32_t tx, const char *path, const char *p1,
		     const char *p2)
{
	struct bench_msg m;
	char buf[512];
	size_t len = arg2(buf, path, p1) ;

	buf[len++] = '\0';
	memcpy(buf + len, p2, strlen(p2) + 1);
	len += strlen(p2) + 1;
	bench_call(fd, XS_SET_PERMS, tx, buf, len, &m, 0);
}

/* What a toolstack writes for domain @d with one disk and one NIC. */
static void toolstack_domain(int fd, unsigned int d)
{
	char dom[64], fe_vbd[96], fe_vif[96], be_vbd[96], be_vif[96];
	char p[160], own[16], rd[16], ids[64];
	struct bench_msg m;
	uint32_t tx;

	snprintf(dom, sizeof(dom), "/local/domain/%u", d);
	snprintf(fe_vbd, sizeof(fe_vbd), "%s/device/vbd/51712", dom);
	snprintf(fe_vif, sizeof(fe_vif), "%s/device/vif/0", dom);
	snprintf(be_vbd, sizeof(be_vbd), "/local/domain/0/backend/vbd/%u/51712", d);
	snprintf(be_vif, sizeof(be_vif), "/local/domain/0/backend/vif/%u/0", d);
	snprintf(own, sizeof(own), "n%u", d);
	snprintf(rd, sizeof(rd), "r%u", d);
	do {
		bench_call(fd, XS_TRANSACTION_START, 0, "", 1, &m, 0);
		tx = (uint32_t)strtoul(m.body, NULL, 10);
		ts_write(fd, tx, dom, "");
		ts_perms(fd, tx, dom, "n0", rd);
		snprintf(p, sizeof(p), "%s/name", dom);
		ts_write(fd, tx, p, "guest");
		snprintf(p, sizeof(p), "%s/memory/target", dom);
		ts_write(fd, tx, p, "524288");
		ts_write(fd, tx, fe_vbd, "");
		ts_perms(fd, tx, fe_vbd, own, "r0");
		ts_write(fd, tx, fe_vif, "");
		ts_perms(fd, tx, fe_vif, own, "r0");
		snprintf(p, sizeof(p), "%s/backend", fe_vbd);
		ts_write(fd, tx, p, be_vbd);
		snprintf(p, sizeof(p), "%s/backend-id", fe_vbd);
		ts_write(fd, tx, p, "0");
		snprintf(p, sizeof(p), "%s/virtual-device", fe_vbd);
		ts_write(fd, tx, p, "51712");
		snprintf(p, sizeof(p), "%s/backend", fe_vif);
		ts_write(fd, tx, p, be_vif);
		snprintf(p, sizeof(p), "%s/mac", fe_vif);
		ts_write(fd, tx, p, "00:16:3e:00:00:01");
		ts_write(fd, tx, be_vbd, "");
		ts_perms(fd, tx, be_vbd, "n0", rd);
		snprintf(p, sizeof(p), "%s/frontend", be_vbd);
		ts_write(fd, tx, p, fe_vbd);
		snprintf(p, sizeof(p), "%s/params", be_vbd);
		ts_write(fd, tx, p, "/var/lib/images/disk.img");
		snprintf(p, sizeof(p), "%s/state", be_vbd);
		ts_write(fd, tx, p, "1");
		ts_write(fd, tx, be_vif, "");
		ts_perms(fd, tx, be_vif, "n0", rd);
		snprintf(p, sizeof(p), "%s/frontend", be_vif);
		ts_write(fd, tx, p, fe_vif);
		snprintf(p, sizeof(p), "%s/state", be_vif);
		ts_write(fd, tx, p, "1");
	} while (bench_call(fd, XS_TRANSACTION_END, tx, "T", 2, &m, 1) ==
		 XS_ERROR);
	snprintf(ids, sizeof(ids), "%u", d);
	memcpy(p, ids, strlen(ids) + 1);
	memcpy(p + strlen(ids) + 1, "1000\0" "5", 7);
	bench_call(fd, XS_INTRODUCE, 0, p, strlen(ids) + 1 + 7, &m, 0);
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
