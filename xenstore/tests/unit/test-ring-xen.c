/* SPDX-License-Identifier: GPL-2.0-only */
/* The Xen ring provider (ring-xen.c) over fake libxenevtchn/libxengnttab:
 * INTRODUCE maps grant 1 of the domain and binds its port, RELEASE and
 * death unbind and unmap, failures leave nothing behind; dom0's ring from
 * a fake xenfs directory, with hostile xsd_port contents; VIRQ_DOM_EXC. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"
#include "ring-xen.h"
#include "xen-libs.h"

/* The libraries' handles are opaque to their users: the fakes define them. */
struct xenevtchn_handle {
	int pipe[2];
	int bound_domid, bound_remote, virq;
	evtchn_port_t local;
	int pending[8];
	unsigned int nr_pending, unmasked;
};

struct xengntdev_handle {
	int unused;
};

static struct fake {
	unsigned int opens, closes, binds, unbinds, notifies, maps, unmaps;
	int map_errno, bind_errno, virq_errno;
	uint32_t map_domid, map_ref;
	int map_prot;
	void *page;
	evtchn_port_t next_port, last_unbound;
	struct xenevtchn_handle *last;
	int state[16];
} fk;

static xenevtchn_handle *f_open(struct xentoollog_logger *l, unsigned int fl)
{
	struct xenevtchn_handle *h = calloc(1, sizeof(*h));

	assert_non_null(h);
	assert_int_equal(pipe(h->pipe), 0);
	h->bound_domid = h->bound_remote = h->virq = -1;
	fk.opens++;
	fk.last = h;
	return h;
}

static int f_close(xenevtchn_handle *h)
{
	close(h->pipe[0]);
	close(h->pipe[1]);
	free(h);
	fk.closes++;
	return 0;
}

static int f_fd(xenevtchn_handle *h)
{
	return h->pipe[0];
}

static int f_notify(xenevtchn_handle *h, evtchn_port_t port)
{
	assert_int_equal(port, h->local);
	fk.notifies++;
	return 0;
}

static xenevtchn_port_or_error_t f_bind(xenevtchn_handle *h, uint32_t domid,
					evtchn_port_t remote)
{
	if (fk.bind_errno) {
		errno = fk.bind_errno;
		return -1;
	}
	h->bound_domid = (int)domid;
	h->bound_remote = (int)remote;
	h->local = ++fk.next_port;
	fk.binds++;
	return (xenevtchn_port_or_error_t)h->local;
}

static xenevtchn_port_or_error_t f_bind_virq(xenevtchn_handle *h,
					     unsigned int virq)
{
	if (fk.virq_errno) {
		errno = fk.virq_errno;
		return -1;
	}
	h->virq = (int)virq;
	h->local = ++fk.next_port;
	return (xenevtchn_port_or_error_t)h->local;
}

static int f_unbind(xenevtchn_handle *h, evtchn_port_t port)
{
	assert_int_equal(port, h->local);
	fk.unbinds++;
	fk.last_unbound = port;
	return 0;
}

static xenevtchn_port_or_error_t f_pending(xenevtchn_handle *h)
{
	if (!h->nr_pending) {
		errno = EAGAIN;
		return -1;
	}
	return h->pending[--h->nr_pending];
}

static int f_unmask(xenevtchn_handle *h, evtchn_port_t port)
{
	h->unmasked++;
	return 0;
}

static xengnttab_handle *g_open(struct xentoollog_logger *l, unsigned int fl)
{
	static struct xengntdev_handle g;

	return &g;
}

static int g_close(xengnttab_handle *g)
{
	return 0;
}

static void *g_map(xengnttab_handle *g, uint32_t domid, uint32_t ref, int prot)
{
	struct xenstore_domain_interface *intf;

	if (fk.map_errno) {
		errno = fk.map_errno;
		return NULL;
	}
	intf = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(intf != MAP_FAILED);
	/* Leftovers from the builder or a previous life. */
	intf->req_cons = intf->req_prod = 77;
	intf->rsp_cons = intf->rsp_prod = 99;
	intf->connection = XENSTORE_RECONNECT;
	fk.map_domid = domid;
	fk.map_ref = ref;
	fk.map_prot = prot;
	fk.maps++;
	fk.page = intf;
	return intf;
}

static int g_unmap(xengnttab_handle *g, void *addr, uint32_t count)
{
	assert_ptr_equal(addr, fk.page);
	assert_int_equal(count, 1);
	munmap(addr, 4096);
	fk.unmaps++;
	return 0;
}

static int f_state(void *ctx, unsigned int domid)
{
	return domid < 16 ? fk.state[domid] : XS_DOM_GONE;
}

static const struct xs_xen_libs full_libs = {
	f_open, f_close, f_fd, f_notify, f_bind, f_bind_virq, f_unbind,
	f_pending, f_unmask, g_open, g_close, g_map, g_unmap, f_state, NULL,
};

struct fixture {
	struct xs_core *core;
	struct xs_ring_xen *x;
	struct xs_conn *dom0;
	struct xs_xen_libs libs;
	char dir[64];
};

static int setup_with(void **state, const struct xs_xen_libs *libs)
{
	static struct fixture f;

	memset(&fk, 0, sizeof(fk));
	memset(&f, 0, sizeof(f));
	f.libs = *libs;
	f.core = t_core_new();
	f.x = xs_ring_xen_new(f.core, &f.libs);
	assert_non_null(f.x);
	f.dom0 = t_conn(f.core, 0, true);
	snprintf(f.dir, sizeof(f.dir), "/tmp/xs-ring-xen.XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	*state = &f;
	return 0;
}

static int setup(void **state)
{
	return setup_with(state, &full_libs);
}

static int setup_no_gnttab(void **state)
{
	struct xs_xen_libs l = full_libs;

	l.gnttab_open = NULL;
	return setup_with(state, &l);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	assert_int_equal(xs_core_check(f->core), 0);
	t_core_free(f->core);
	xs_ring_xen_free(f->x);
	/* Every handle opened was closed, every map unmapped. */
	assert_int_equal(fk.opens, fk.closes);
	assert_int_equal(fk.maps, fk.unmaps);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* One request through a ring connection; the reply's payload. */
static uint32_t ring_req(struct xs_conn *c, struct xenstore_domain_interface *in,
			 uint32_t type, const char *p, uint32_t len, char *out)
{
	struct xsd_sockmsg h = { type, 3, 0, len };
	char msg[256];
	uint32_t i, n = XS_HEADER_SIZE + len;

	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), p, len);
	for (i = 0; i < n; i++)
		in->req[(in->req_prod + i) % XENSTORE_RING_SIZE] = msg[i];
	in->req_prod += n;
	assert_int_equal(xs_conn_read(c), 0);
	assert_int_equal(xs_conn_process(c), 0);
	assert_int_equal(xs_conn_flush(c), 0);
	n = in->rsp_prod - in->rsp_cons;
	assert_true(n >= XS_HEADER_SIZE && n < sizeof(msg));
	for (i = 0; i < n; i++)
		msg[i] = in->rsp[(in->rsp_cons + i) % XENSTORE_RING_SIZE];
	in->rsp_cons += n;
	memcpy(&h, msg, sizeof(h));
	memcpy(out, msg + XS_HEADER_SIZE, h.len);
	return h.type;
}

static void test_introduce_maps_and_binds(void **state)
{
	struct fixture *f = *state;
	struct xenstore_domain_interface *in;
	struct xs_domain *d;
	char out[64];

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "5 1234 17", NULL),
			 0);
	assert_int_equal(fk.map_domid, 5);
	assert_int_equal(fk.map_ref, 1);          /* GNTTAB_RESERVED_XENSTORE */
	assert_int_equal(fk.map_prot, PROT_READ | PROT_WRITE);
	assert_int_equal(fk.last->bound_domid, 5);
	assert_int_equal(fk.last->bound_remote, 17);
	assert_true(fcntl(fk.last->pipe[0], F_GETFL) & O_NONBLOCK);
	assert_int_equal(fk.notifies, 1);         /* "the store is there" */
	in = fk.page;
	assert_int_equal(in->connection, XENSTORE_CONNECTED);
	assert_int_equal(in->req_prod, 0);        /* a fresh start */
	assert_int_equal(in->rsp_cons, 0);
	d = xs_domain_find(&f->core->domains, 5);
	assert_non_null(d->ring_conn);
	assert_false(d->ring_conn->privileged);
	assert_int_equal(ring_req(d->ring_conn, in, XS_GET_DOMAIN_PATH, "5", 2,
				  out), XS_GET_DOMAIN_PATH);
	assert_string_equal(out, "/local/domain/5");
	/* A kick is consumed and unmasked by the ring's ack. */
	fk.last->pending[fk.last->nr_pending++] = (int)fk.last->local;
	d->ring_conn->ops->ack(d->ring_conn->tp);
	assert_int_equal(fk.last->unmasked, 1);
	assert_int_equal(fk.last->nr_pending, 0);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "5", NULL), 0);
	xs_core_reap(f->core);
	assert_int_equal(fk.unbinds, 1);
	assert_int_equal(fk.unmaps, 1);
	assert_null(d->ring_conn);
}

static void test_introduce_map_fails(void **state)
{
	struct fixture *f = *state;

	fk.map_errno = ENOENT;
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "5 1 17", NULL),
			 -ENOENT);
	assert_false(xs_domain_find(&f->core->domains, 5)->introduced);
	assert_int_equal(f->core->domains.nr_introduced, 0);
	assert_int_equal(fk.opens, 1);            /* VIRQ's handle only */
}

static void test_introduce_bind_fails(void **state)
{
	struct fixture *f = *state;

	fk.bind_errno = EINVAL;
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "5 1 17", NULL),
			 -EINVAL);
	assert_false(xs_domain_find(&f->core->domains, 5)->introduced);
	assert_int_equal(fk.unmaps, 1);           /* the page went back */
	assert_int_equal(fk.closes, 1);           /* and the handle */
	assert_null(xs_domain_find(&f->core->domains, 5)->ring_conn);
}

static void test_no_gnttab(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "5 1 17", NULL),
			 -ENOSYS);
	assert_int_equal(fk.maps, 0);
}

static void write_file(const char *dir, const char *name, const void *data,
		       size_t len)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void test_dom0_ring(void **state)
{
	struct fixture *f = *state;
	static char page[4096];
	struct xenstore_domain_interface *in;
	struct xs_conn *c;
	char out[64], path[128];
	int fd;

	write_file(f->dir, "xsd_kva", page, sizeof(page));
	write_file(f->dir, "xsd_port", "7\n", 2);
	assert_int_equal(xs_ring_xen_dom0(f->x, f->dir), 0);
	assert_int_equal(fk.last->bound_domid, 0);     /* loopback */
	assert_int_equal(fk.last->bound_remote, 7);
	assert_int_equal(fk.notifies, 1);
	c = xs_domain_find(&f->core->domains, 0)->ring_conn;
	assert_non_null(c);
	assert_true(c->privileged);
	/* The page is the file: look at it as the kernel would. */
	snprintf(path, sizeof(path), "%s/xsd_kva", f->dir);
	fd = open(path, O_RDWR);
	in = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	assert_true(in != MAP_FAILED);
	assert_int_equal(ring_req(c, in, XS_WRITE, "/x\0v", 4, out), XS_WRITE);
	assert_int_equal(t_read(f->dom0, 0, "/x", out), 0);
	assert_string_equal(out, "v");
	/* A hostile index drops the connection; release unbinds. */
	in->req_prod = in->req_cons + XENSTORE_RING_SIZE + 1;
	assert_int_equal(xs_conn_read(c), -EIO);
	assert_int_equal(in->error, XENSTORE_ERROR_RINGIDX);
	c->dead = true;
	xs_core_reap(f->core);
	assert_int_equal(fk.unbinds, 1);
	munmap(in, 4096);
}

static void test_dom0_bad_port(void **state)
{
	static const char *const bad[] = {
		"", "0", "-1", "x", "7x", "131072", "4294967303",
		"99999999999999999999", " 7", "7 8",
	};
	struct fixture *f = *state;
	static char page[4096];
	unsigned int i;

	assert_int_equal(xs_ring_xen_dom0(f->x, f->dir), -ENOENT);
	write_file(f->dir, "xsd_kva", page, sizeof(page));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(f->dir, "xsd_port", bad[i], strlen(bad[i]));
		if (xs_ring_xen_dom0(f->x, f->dir) != -EINVAL)
			fail_msg("xsd_port '%s' accepted", bad[i]);
	}
	assert_int_equal(fk.binds, 0);
	write_file(f->dir, "xsd_port", "131071", 6);
	fk.bind_errno = ESRCH;
	assert_int_equal(xs_ring_xen_dom0(f->x, f->dir), -ESRCH);
	assert_null(xs_domain_find(&f->core->domains, 0)->ring_conn);
}

static void test_virq_releases_the_dying(void **state)
{
	struct fixture *f = *state;
	struct xenevtchn_handle *virq = fk.last;    /* opened by _new */

	assert_int_equal(virq->virq, 3);               /* VIRQ_DOM_EXC */
	assert_int_equal(xs_ring_xen_virq_fd(f->x), virq->pipe[0]);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "5 1 17", NULL),
			 0);
	virq->pending[virq->nr_pending++] = (int)virq->local;
	fk.state[5] = XS_DOM_RUNNING;
	xs_ring_xen_virq(f->x);
	assert_int_equal(virq->unmasked, 1);
	assert_true(xs_domain_find(&f->core->domains, 5)->introduced);
	fk.state[5] = XS_DOM_DYING;
	xs_ring_xen_virq(f->x);
	assert_false(xs_domain_find(&f->core->domains, 5)->introduced);
	xs_core_reap(f->core);
	assert_int_equal(fk.unbinds, 1);
	assert_int_equal(fk.unmaps, 1);
}

static void test_virq_unbindable(void **state)
{
	struct fixture *f = *state;
	struct xs_ring_xen *x;

	fk.virq_errno = EPERM;
	x = xs_ring_xen_new(f->core, &f->libs);
	assert_int_equal(xs_ring_xen_virq_fd(x), -1);
	xs_ring_xen_free(x);
	/* The first provider stays the core's for teardown's sake. */
	xs_ring_xen_free(f->x);
	f->x = xs_ring_xen_new(f->core, &f->libs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_introduce_maps_and_binds,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_introduce_map_fails,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_introduce_bind_fails,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_gnttab,
						setup_no_gnttab, teardown),
		cmocka_unit_test_setup_teardown(test_dom0_ring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dom0_bad_port, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_virq_releases_the_dying,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_virq_unbindable, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
