/* SPDX-License-Identifier: GPL-2.0 */
/* The FIFO event ABI: registering control blocks and event pages with
 * Xen's checks, queueing in order per vCPU and priority, masks, a port
 * raised before its page exists, the switch carrying 2-level pending bits
 * over, priorities and vCPU changes, words a hostile guest broke, and the
 * reset back to the 2-level ABI. Fixture: evtchn-fixture.h. */
#include "evtchn-fixture.h"

#define CB_MFN   130   /* A's vCPU 0 control block */
#define CB1_MFN  131   /* A's vCPU 1 */
#define P        (1U << EVTCHN_FIFO_PENDING)
#define M        (1U << EVTCHN_FIFO_MASKED)
#define L        (1U << EVTCHN_FIFO_LINKED)
#define BUSY     (1U << EVTCHN_FIFO_BUSY)

static long init_control(uint64_t mfn, uint32_t offset, uint32_t vcpu, uint8_t *bits)
{
	struct evtchn_init_control a = { .control_gfn = mfn, .offset = offset, .vcpu = vcpu };
	long rc = hc(EVTCHNOP_init_control, &a);

	if (bits)
		*bits = a.link_bits;
	return rc;
}

static long expand(uint64_t mfn)
{
	struct evtchn_expand_array a = { .array_gfn = mfn };

	return hc(EVTCHNOP_expand_array, &a);
}

static long set_priority(uint32_t port, uint32_t prio)
{
	struct evtchn_set_priority a = { .port = port, .priority = prio };

	return hc(EVTCHNOP_set_priority, &a);
}

static struct evtchn_fifo_control_block *cb(uint64_t mfn, uint32_t offset)
{
	return (struct evtchn_fifo_control_block *)(fake_frames[mfn] + offset);
}

/* Event words: page 0 is fake frame 0, page 1 frame 1. */
static event_word_t *word(uint32_t port)
{
	return (event_word_t *)fake_frames[port / 1024] + port % 1024;
}

/* A switched to FIFO with its vCPU 0 block at CB_MFN and one page. */
static void fifo_a(void)
{
	populate();
	as(A);
	assert_int_equal(init_control(CB_MFN, 0, 0, NULL), 0);
	assert_int_equal(expand(0), 0);
}

static long send_from_a(uint32_t port)
{
	struct evtchn_send s = { .port = port };

	return hc(EVTCHNOP_send, &s);
}

static void test_init_control_checks(void **state)
{
	uint8_t bits = 0;

	as(A);
	assert_int_equal(init_control(CB_MFN, 0, 2, NULL), -ENOENT);
	assert_int_equal(init_control(CB_MFN, 4, 0, NULL), -EINVAL);          /* unaligned */
	assert_int_equal(init_control(CB_MFN, PAGE_SIZE - 8, 0, NULL), -EINVAL); /* crosses */
	assert_int_equal(init_control(NR_FAKE_FRAMES, 0, 0, NULL), -EINVAL);    /* not A's */
	assert_null(A->evtchn_fifo);                  /* still 2-level */
	assert_int_equal(expand(0), -EOPNOTSUPP);
	assert_int_equal(set_priority(1, 3), -ENOSYS);   /* 2-level: no priorities */
	assert_int_equal(set_priority(500, 3), -EINVAL); /* beyond the ports in use */
	assert_int_equal(init_control(CB_MFN, PAGE_SIZE - sizeof(struct evtchn_fifo_control_block),
				      0, &bits), 0);
	assert_int_equal(bits, EVTCHN_FIFO_LINK_BITS);
	assert_non_null(A->evtchn_fifo);
	assert_int_equal(init_control(CB_MFN, 0, 0, NULL), -EINVAL);   /* once per vCPU */
	assert_int_equal(nr_maps - nr_unmaps, 1);                      /* the refused one let go */
	assert_int_equal(init_control(CB1_MFN, 64, 1, NULL), 0);
}

static void test_expand_limit(void **state)
{
	as(A);
	assert_int_equal(init_control(CB_MFN, 0, 0, NULL), 0);
	for (unsigned int i = 0; i < 128; i++)
		assert_int_equal(expand(i), 0);
	assert_int_equal(expand(128), -ENOSPC);
	assert_int_equal(expand(NR_FAKE_FRAMES), -EINVAL);
	assert_int_equal(nr_maps - nr_unmaps, 129);
}

static void test_queue_in_order(void **state)
{
	struct evtchn_fifo_control_block *c;

	fifo_a();
	c = cb(CB_MFN, 0);
	as(B);
	assert_int_equal(send_from_a(1), 0);          /* B p1 -> A p2 */
	as(A);
	assert_int_equal(*word(2), P | L);
	assert_int_equal(c->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 2);
	assert_int_equal(c->ready, 1U << EVTCHN_FIFO_PRIORITY_DEFAULT);
	assert_int_equal(A->vcpu[0]->vcpu_info->evtchn_upcall_pending, 1);
	assert_int_equal(nr_kicks, 1);
	/* The hypervisor's port (6) is for vCPU 0 too: it links after 2. */
	evtchn_set_pending(A, 4);                     /* VIRQ_CONSOLE, vCPU 0 */
	assert_int_equal(*word(2) & EVTCHN_FIFO_LINK_MASK, 4);
	assert_int_equal(*word(4), P | L);
	assert_int_equal(c->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 2);   /* unchanged */
	assert_int_equal(nr_kicks, 1);                /* already ready: no second kick */
	/* Pending again while linked: nothing moves. */
	evtchn_set_pending(A, 2);
	assert_int_equal(*word(2), P | L | 4);
	/* The guest consumed both (unlinked, not pending): the next event
	 * starts the queue again at the head. */
	*word(2) = 0;
	*word(4) = 0;
	c->ready = 0;
	evtchn_set_pending(A, 4);
	assert_int_equal(c->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 4);
	assert_int_equal(*word(2), 0);                /* not linked after a consumed tail */
	assert_true(evtchn_is_pending(A, 4));
}

static void test_mask_and_unmask(void **state)
{
	struct evtchn_unmask u = { .port = 2 };
	struct evtchn_fifo_control_block *c;

	fifo_a();
	c = cb(CB_MFN, 0);
	*word(2) = M;
	evtchn_set_pending(A, 2);
	assert_int_equal(*word(2), P | M);            /* pending, not linked */
	assert_int_equal(c->ready, 0);
	assert_int_equal(nr_kicks, 0);
	assert_int_equal(hc(EVTCHNOP_unmask, &u), 0);
	assert_int_equal(*word(2), P | L);
	assert_int_equal(c->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 2);
	assert_int_equal(nr_kicks, 1);
}

static void test_raised_before_page(void **state)
{
	populate();
	as(A);
	assert_int_equal(init_control(CB_MFN, 0, 0, NULL), 0);
	evtchn_set_pending(A, 2);                     /* no event page yet */
	assert_false(evtchn_is_pending(A, 2));
	assert_int_equal(nr_kicks, 0);
	assert_int_equal(expand(0), 0);               /* raised now */
	assert_int_equal(*word(2), P | L);
	assert_int_equal(cb(CB_MFN, 0)->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 2);
	assert_int_equal(nr_kicks, 1);
}

static void test_switch_carries_pending(void **state)
{
	populate();
	as(A);
	evtchn_set_pending(A, 2);                     /* 2-level: the bitmap */
	assert_true(evtchn_is_pending(A, 2));
	assert_int_equal(init_control(CB_MFN, 0, 0, NULL), 0);
	assert_int_equal(expand(0), 0);
	assert_int_equal(*word(2), P | L);
	assert_int_equal(*word(3), 0);                /* nothing else raised */
}

static void test_priorities_and_vcpus(void **state)
{
	struct evtchn_bind_vcpu bv = { .port = 2, .vcpu = 1 };
	struct evtchn_fifo_control_block *c0, *c1;

	fifo_a();
	assert_int_equal(init_control(CB1_MFN, 0, 1, NULL), 0);
	c0 = cb(CB_MFN, 0);
	c1 = cb(CB1_MFN, 0);
	assert_int_equal(set_priority(2, EVTCHN_FIFO_PRIORITY_MIN + 1), -EINVAL);
	assert_int_equal(set_priority(2, 2), 0);
	evtchn_set_pending(A, 2);
	assert_int_equal(c0->head[2], 2);
	assert_int_equal(c0->ready, 1U << 2);
	/* The guest consumed it; bound to vCPU 1, the next one queues there. */
	*word(2) = 0;
	assert_int_equal(hc(EVTCHNOP_bind_vcpu, &bv), 0);
	evtchn_set_pending(A, 2);
	assert_int_equal(c1->head[2], 2);
	assert_int_equal(c1->ready, 1U << 2);
	assert_int_equal(A->vcpu[1]->vcpu_info->evtchn_upcall_pending, 1);
	/* A per-vCPU VIRQ (timer, p3, vCPU 1) lands on vCPU 1's default queue. */
	send_guest_vcpu_virq(A->vcpu[1], VIRQ_TIMER);
	assert_int_equal(c1->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 3);
}

/* A tail word the guest cleared LINKED on (consumed) but left BUSY and a
 * stale link in: the new event becomes the head, the old word is not
 * written. */
static void test_hostile_tail(void **state)
{
	struct evtchn_fifo_control_block *c;

	fifo_a();
	c = cb(CB_MFN, 0);
	evtchn_set_pending(A, 2);
	*word(2) = BUSY | 77;                         /* unlinked by the guest, junk left */
	evtchn_set_pending(A, 4);
	assert_int_equal(c->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 4);
	assert_int_equal(*word(2), BUSY | 77);
	/* A port number beyond the array in a head the guest wrote is only
	 * read by the guest: the hypervisor keeps its own tail. */
	c->head[EVTCHN_FIFO_PRIORITY_DEFAULT] = 0x1ffff;
	evtchn_set_pending(A, 2);
	assert_int_equal(*word(4) & EVTCHN_FIFO_LINK_MASK, 2);
}

static void test_close_resets_priority(void **state)
{
	struct evtchn_close cl = { .port = 5 };
	uint32_t p;

	fifo_a();
	assert_int_equal(set_priority(5, 1), 0);
	assert_int_equal(hc(EVTCHNOP_close, &cl), 0);
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(p, 5);
	evtchn_set_pending(A, 5);
	assert_int_equal(cb(CB_MFN, 0)->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 5);
	assert_int_equal(set_priority(5, 1), 0);
}

static void test_reset_back_to_2l(void **state)
{
	struct evtchn_reset r = { .dom = DOMID_SELF };

	fifo_a();
	assert_int_equal(init_control(CB1_MFN, 0, 1, NULL), 0);
	assert_int_equal(hc(EVTCHNOP_reset, &r), 0);
	assert_null(A->evtchn_fifo);
	assert_int_equal(nr_maps, nr_unmaps);         /* every page let go */
	assert_int_equal(set_priority(1, 3), -ENOSYS);
	assert_int_equal(init_control(CB_MFN, 0, 0, NULL), 0);   /* may choose again */
}

/* A poller on a port is woken by its event, masked or not. */
static void test_poller_woken(void **state)
{
	fifo_a();
	A->vcpu[1]->poll_active = true;
	A->vcpu[1]->poll_nr = 1;
	A->vcpu[1]->poll_ports[0] = 2;
	*word(2) = M;
	evtchn_set_pending(A, 2);
	assert_int_equal(nr_wakes, 1);
	assert_false(A->vcpu[1]->poll_active);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_control_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expand_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mask_and_unmask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raised_before_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_switch_carries_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_priorities_and_vcpus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_resets_priority, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_back_to_2l, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poller_woken, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
