/* SPDX-License-Identifier: GPL-2.0-only */
/* The event loop against a guest ring that follows Linux's xenbus rule:
 * the guest kicks after publishing a request only if we had consumed
 * everything it wrote before. A request published while we were still
 * reading therefore comes without a kick, and the loop must find it by
 * looking at the ring again (Debian's domUs hung in blkfront's probe,
 * waiting for the reply to such a request). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"
#include "loop.h"
#include "ring.h"

struct fixture {
	struct xenstore_domain_interface *intf;
	struct xs_ring ring;
	int kick[2];                 /* guest -> daemon wake-ups */
	bool second_sent;
	unsigned int replies;
	struct xs_core *core;
};

static volatile sig_atomic_t stop;
static struct fixture fix;

static void put_request(struct fixture *f, uint32_t req_id)
{
	struct xenstore_domain_interface *in = f->intf;
	struct xsd_sockmsg h = { XS_GET_DOMAIN_PATH, req_id, 0, 2 };
	char msg[XS_HEADER_SIZE + 2];

	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), "7", 2);
	for (size_t i = 0; i < sizeof(msg); i++)
		in->req[(in->req_prod + i) & (XENSTORE_RING_SIZE - 1)] = msg[i];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	in->req_prod += (uint32_t)sizeof(msg);
}

static unsigned int count_replies(struct fixture *f)
{
	struct xenstore_domain_interface *in = f->intf;
	uint32_t off = in->rsp_cons;
	unsigned int n = 0;

	while (in->rsp_prod - off >= XS_HEADER_SIZE) {
		struct xsd_sockmsg h;

		for (size_t i = 0; i < sizeof(h); i++)
			((char *)&h)[i] = in->rsp[(off + i) & (XENSTORE_RING_SIZE - 1)];
		off += XS_HEADER_SIZE + h.len;
		n++;
	}
	return n;
}

/* Our notifications to the guest: after the first request was consumed
 * the guest publishes the second, and (the daemon having consumed all
 * it had read, but the guest having looked at req_cons before that)
 * sends no kick. The test ends once both replies are there. */
static void guest_notified(void *ctx)
{
	struct fixture *f = ctx;

	if (!f->second_sent && f->intf->req_cons == f->intf->req_prod) {
		f->second_sent = true;
		put_request(f, 2);
	}
	f->replies = count_replies(f);
	if (f->replies == 2)
		stop = 1;
}

static void drain_kicks(void *ctx)
{
	struct fixture *f = ctx;
	char b[16];

	while (read(f->kick[0], b, sizeof(b)) > 0)
		;
}

static void keep_page(struct xs_ring *r)
{
}

static void on_alarm(int sig)
{
	stop = 1;
}

static int setup(void **state)
{
	struct fixture *f = &fix;
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	assert_true(page != MAP_FAILED);
	memset(f, 0, sizeof(*f));
	assert_int_equal(pipe(f->kick), 0);
	assert_int_equal(fcntl(f->kick[0], F_SETFL, O_NONBLOCK), 0);
	f->intf = page;
	f->ring.intf = page;
	f->ring.evtchn = (struct xs_evtchn){ guest_notified, drain_kicks, f->kick[0], f };
	f->ring.release = keep_page;
	xs_ring_init(&f->ring);
	f->core = t_core_new();
	assert_non_null(xs_conn_new(f->core, &xs_ring_ops, &f->ring, 7, false));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(xs_core_check(f->core), 0);
	t_core_free(f->core);
	munmap(f->intf, 4096);
	close(f->kick[0]);
	close(f->kick[1]);
	return 0;
}

/* Before the fix the loop answered the first request and slept in ppoll
 * with the second one in the ring: the alarm ended it with one reply. */
static void test_unkicked_request_is_served(void **state)
{
	struct fixture *f = *state;
	struct sigaction sa = { .sa_handler = on_alarm };

	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	stop = 0;
	put_request(f, 1);
	assert_int_equal(write(f->kick[1], "k", 1), 1);
	alarm(5);
	assert_int_equal(xs_loop_run(f->core, NULL, 0, &stop, NULL), 0);
	alarm(0);
	assert_true(f->second_sent);
	assert_int_equal(f->replies, 2);
}

/* The look at the ring costs no spin: with nothing unread and no kick,
 * the loop sleeps until the alarm. */
static void test_idle_ring_sleeps(void **state)
{
	struct fixture *f = *state;
	struct sigaction sa = { .sa_handler = on_alarm };

	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	stop = 0;
	f->second_sent = true;          /* no guest activity at all */
	alarm(1);
	assert_int_equal(xs_loop_run(f->core, NULL, 0, &stop, NULL), 0);
	assert_int_equal(f->replies, 0);
	assert_int_equal(f->intf->req_cons, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unkicked_request_is_served, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_ring_sleeps, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
