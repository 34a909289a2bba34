/* SPDX-License-Identifier: MIT */
/*
 * Two threads, one ring, millions of requests: the back end checks that
 * requests arrive in order with no loss or duplication, the front end
 * checks the same of responses. Events are counters a sleeping side waits
 * on, so the final-check protocol is exercised: a lost wake-up hangs here.
 * Built without ASan (too slow for these counts); no timing is asserted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <ring-io/ring.h>

#define NR_REQUESTS	(8u * 1000 * 1000)

struct s_req { uint64_t seq; uint64_t check; };
struct s_rsp { uint64_t seq; uint64_t check; };

static uint64_t mix(uint64_t x)
{
	return x * 0x9e3779b97f4a7c15ull ^ 0xfeedfacecafebeefull;
}

/* An event channel stand-in: a counter the notifier bumps. */
struct s_event { unsigned long count; };

static void s_notify(struct s_event *e, unsigned long *nr_sent)
{
	__atomic_fetch_add(&e->count, 1, __ATOMIC_SEQ_CST);
	(*nr_sent)++;
}

static unsigned long s_event_read(struct s_event *e)
{
	return __atomic_load_n(&e->count, __ATOMIC_SEQ_CST);
}

/* Wait until the counter moves past seen. */
static void s_wait(struct s_event *e, unsigned long seen)
{
	while (s_event_read(e) == seen)
		sched_yield();
}

struct s_shared {
	void *page;
	struct s_event to_back, to_front;
	unsigned long back_notifies, front_notifies;
	unsigned int batch;	/* requests per push */
	int back_error;		/* first problem the back end saw */
	uint64_t back_seen;
};

static int back_drain(struct s_shared *sh, struct ring_back *b, uint64_t *next)
{
	struct s_req rq;
	struct s_rsp rs;
	int rc;

	while ((rc = ring_back_take(b, &rq, sizeof(rq))) == 1) {
		if (rq.seq != *next || rq.check != mix(rq.seq))
			return -1;
		(*next)++;
		rs.seq = rq.seq;
		rs.check = ~rq.check;
		if (ring_back_put(b, &rs, sizeof(rs)))
			return -2;
	}
	if (rc < 0)
		return rc;
	if (ring_back_push(b))
		s_notify(&sh->to_front, &sh->back_notifies);
	return 0;
}

static void *back_thread(void *arg)
{
	struct s_shared *sh = arg;
	struct ring_back b;
	uint64_t next = 0;
	int rc;

	if (ring_back_attach(&b, sh->page, RING_PAGE_SIZE,
			     sizeof(struct s_req))) {
		sh->back_error = -3;
		return NULL;
	}
	while (next < NR_REQUESTS) {
		unsigned long seen = s_event_read(&sh->to_back);

		rc = back_drain(sh, &b, &next);
		if (rc) {
			sh->back_error = rc;
			break;
		}
		rc = ring_back_final_check(&b);
		if (rc < 0) {
			sh->back_error = rc;
			break;
		}
		if (rc == 0 && next < NR_REQUESTS)
			s_wait(&sh->to_back, seen);
	}
	sh->back_seen = next;
	return NULL;
}

/* Issue up to batch requests, then one push. */
static void front_issue(struct s_shared *sh, struct ring_front *f,
			uint64_t *sent)
{
	unsigned int i;

	for (i = 0; i < sh->batch && *sent < NR_REQUESTS; i++) {
		struct s_req rq = { .seq = *sent, .check = mix(*sent) };

		if (ring_front_put(f, &rq, sizeof(rq)))
			break;
		(*sent)++;
	}
	if (i && ring_front_push(f))
		s_notify(&sh->to_back, &sh->front_notifies);
}

static void front_collect(struct ring_front *f, uint64_t *next)
{
	struct s_rsp rs;
	int rc;

	while ((rc = ring_front_take(f, &rs, sizeof(rs))) == 1) {
		assert_int_equal(rs.seq, *next);
		assert_int_equal(rs.check, ~mix(rs.seq));
		(*next)++;
	}
	assert_int_equal(rc, 0);
}

static void run_stress(unsigned int batch)
{
	struct s_shared sh = { .batch = batch };
	struct ring_front f = { 0 };
	pthread_t tid;
	uint64_t sent = 0, done = 0;

	sh.page = aligned_alloc(RING_PAGE_SIZE, RING_PAGE_SIZE);
	assert_non_null(sh.page);
	assert_int_equal(ring_front_init(&f, sh.page, RING_PAGE_SIZE,
					 sizeof(struct s_req)), 0);
	assert_int_equal(pthread_create(&tid, NULL, back_thread, &sh), 0);
	while (done < NR_REQUESTS && !__atomic_load_n(&sh.back_error,
						      __ATOMIC_RELAXED)) {
		unsigned long seen = s_event_read(&sh.to_front);

		front_issue(&sh, &f, &sent);
		front_collect(&f, &done);
		if (ring_front_free(&f) && sent < NR_REQUESTS)
			continue;
		if (ring_front_final_check(&f) == 0 && done < NR_REQUESTS)
			s_wait(&sh.to_front, seen);
	}
	pthread_join(tid, NULL);
	free(sh.page);
	assert_int_equal(sh.back_error, 0);
	assert_int_equal(sh.back_seen, NR_REQUESTS);
	assert_int_equal(done, NR_REQUESTS);
	print_message("batch %u: %lu request and %lu response notifications "
		      "for %u requests\n", batch, sh.front_notifies,
		      sh.back_notifies, NR_REQUESTS);
}

static void test_stress_single(void **state)
{
	(void)state;
	run_stress(1);
}

static void test_stress_batched(void **state)
{
	(void)state;
	run_stress(64);
}

static void test_stress_full_ring(void **state)
{
	(void)state;
	run_stress(1u << 30);	/* fill whatever is free */
}

/*
 * A lost wake-up would hang this test for ever; end it instead, with no
 * cmocka summary, which the runner counts as a failure. Not a timing
 * assertion: the run takes about a second, the guard is minutes.
 */
#define HANG_GUARD_SECONDS 120

static void on_hang(int sig)
{
	static const char msg[] = "test-ring-stress: no progress, a lost "
				  "wake-up? giving up\n";
	ssize_t rc = write(2, msg, sizeof(msg) - 1);

	(void)rc;
	(void)sig;
	_exit(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stress_single),
		cmocka_unit_test(test_stress_batched),
		cmocka_unit_test(test_stress_full_ring),
	};

	signal(SIGALRM, on_hang);
	alarm(HANG_GUARD_SECONDS);
	return cmocka_run_group_tests_name("ring-stress", tests, NULL, NULL);
}
