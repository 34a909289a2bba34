/* SPDX-License-Identifier: MIT */
/*
 * ring-io benchmark (not a test): 4 KiB block writes through a blkif ring
 * between two processes pinned to two CPUs. The back end is the kit's
 * sample blkback on a RAM disk: it maps each granted page (checked) and
 * copies it to the disk, so each request moves 4 KiB once, like the plain
 * memcpy it is compared with in the same run. The front end is minimal:
 * its pages stay granted, so it adds no copy of its own.
 *
 *   single:  one request on the ring at a time (latency-bound)
 *   batched: the ring kept full; one push per burst of free slots
 *
 * Reported: requests/s, MB/s, ratio to memcpy MB/s, and notifications
 * (events sent, each direction) per request.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kit-pair.h"
#include "xenbus.h"

#define DISK_PAGES	16384u			/* 64 MiB RAM disk */
#define NR_DATA		BLKFRONT_NR_SHADOW	/* one page per ring slot */
#define PAGE		RING_PAGE_SIZE

struct bench {
	struct kit_pair pair;
	struct ring_front ring;
	uint32_t port;
	grant_ref_t data_gref[NR_DATA];
	uint64_t notify_sent;		/* front -> back */
	uint64_t notify_got;		/* back -> front, read off the eventfd */
	uint64_t sleeps;		/* times the front end slept */
	const uint8_t *src;		/* first data page: memcpy's source */
	unsigned int spin;		/* idle polls before sleeping */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, int rc)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(-rc));
	exit(1);
}

/* Step the handshake by hand until the back end is in state. */
static void wait_back_state(struct bench *b, enum xenbus_state st)
{
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		if (kit_xb_read_state(&b->pair.xs, b->pair.be_dir) == st)
			return;
		usleep(1000);
	}
	die("back end never reached its state", -ETIMEDOUT);
}

/* The front end's half of the handshake, and its pages granted for good. */
static void connect_front(struct bench *b)
{
	struct kit_domain *m = &b->pair.fe_mem;
	const char *d = b->pair.fe_dir;
	int frame, gref;
	uint32_t i;

	kit_xb_write_state(&b->pair.xs, d, XenbusStateInitialising);
	wait_back_state(b, XenbusStateInitWait);
	frame = kit_frame_alloc(m);
	blkif_front_init(&b->ring, kit_frame_addr(m, (uint32_t)frame), PAGE);
	gref = kit_gnttab_grant(m, KIT_BE_DOMID, (uint32_t)frame, false);
	b->port = (uint32_t)kit_evtchn_alloc(&b->pair.ev);
	kit_xs_write_uint(&b->pair.xs, d, "ring-ref", (uint64_t)gref);
	kit_xs_write_uint(&b->pair.xs, d, "event-channel", b->port);
	kit_xb_write_state(&b->pair.xs, d, XenbusStateInitialised);
	wait_back_state(b, XenbusStateConnected);
	kit_xb_write_state(&b->pair.xs, d, XenbusStateConnected);
	for (i = 0; i < NR_DATA; i++) {
		frame = kit_frame_alloc(m);
		memset(kit_frame_addr(m, (uint32_t)frame), (int)i, PAGE);
		gref = kit_gnttab_grant(m, KIT_BE_DOMID, (uint32_t)frame, true);
		if (frame < 0 || gref < 0)
			die("granting data pages", -ENOSPC);
		b->data_gref[i] = (grant_ref_t)gref;
		if (i == 0)
			b->src = kit_frame_addr(m, (uint32_t)frame);
	}
}

static void put_write(struct bench *b, uint64_t n)
{
	union blkif_sring_entry req;

	memset(&req, 0, sizeof(req));
	req.req.operation = BLKIF_OP_WRITE;
	req.req.nr_segments = 1;
	req.req.id = n;
	req.req.sector_number = (n % DISK_PAGES) * BLKIF_SECTORS_PER_PAGE;
	req.req.seg[0].gref = b->data_gref[n % NR_DATA];
	req.req.seg[0].last_sect = BLKIF_SECTORS_PER_PAGE - 1;
	blkif_front_put(&b->ring, &req);
}

/* Issue up to burst requests, one push, a notification if asked for. */
static void issue(struct bench *b, uint64_t *issued, uint64_t total,
		  uint32_t burst)
{
	uint32_t k = 0;

	while (*issued < total && k < burst && ring_front_free(&b->ring)) {
		put_write(b, (*issued)++);
		k++;
	}
	if (k && ring_front_push(&b->ring)) {
		kit_evtchn_notify(&b->pair.ev, b->port, KIT_BACK);
		b->notify_sent++;
	}
}

/* Count and reset the events the back end sent us. */
static void drain_events(struct bench *b)
{
	uint64_t v;

	if (read(kit_evtchn_fd(&b->pair.ev, b->port, KIT_FRONT), &v,
		 sizeof(v)) == (ssize_t)sizeof(v))
		b->notify_got += v;
}

/* Nothing ready: spin a little, then arm the event and sleep. */
static void wait_responses(struct bench *b)
{
	struct pollfd pfd = {
		.fd = kit_evtchn_fd(&b->pair.ev, b->port, KIT_FRONT),
		.events = POLLIN,
	};
	unsigned int i;

	for (i = 0; i < b->spin; i++) {
		if (ring_front_poll(&b->ring) != 0)
			return;
		kit_cpu_relax();
	}
	drain_events(b);
	if (ring_front_final_check(&b->ring) != 0)
		return;
	poll(&pfd, 1, 100);
	b->sleeps++;
}

/* Take every response ready, or wait for some. */
static void collect(struct bench *b, uint64_t *done)
{
	struct blkif_response rsp;
	uint64_t before = *done;
	int rc;

	while ((rc = blkif_front_take(&b->ring, &rsp)) == 1) {
		if (rsp.status != BLKIF_RSP_OKAY || rsp.id != *done)
			die("bad response", -EIO);
		(*done)++;
	}
	if (rc < 0)
		die("ring", rc);
	if (*done == before)
		wait_responses(b);
}

struct result {
	double secs;
	uint64_t requests;
	uint64_t notify_to_back, notify_to_front;
};

/* single: burst 1 and wait for each answer; batched: keep the ring full. */
static void run(struct bench *b, uint64_t total, bool single,
		struct result *r)
{
	uint64_t issued = 0, done = 0, sent0 = b->notify_sent, got0;
	double t0;

	drain_events(b);
	got0 = b->notify_got;
	t0 = now();
	while (done < total) {
		if (!single || issued == done)
			issue(b, &issued, total, single ? 1 : NR_DATA);
		collect(b, &done);
	}
	r->secs = now() - t0;
	drain_events(b);
	r->requests = total;
	r->notify_to_back = b->notify_sent - sent0;
	r->notify_to_front = b->notify_got - got0;
}

/*
 * The same bytes moved by one memcpy per 4 KiB, same pattern of pages,
 * after an untimed pass (after fork every page of ours is copy-on-write).
 */
static double memcpy_secs(uint8_t *disk, const uint8_t *src, uint64_t total)
{
	double t0;
	uint64_t n;

	for (n = 0; n < DISK_PAGES; n++)	/* warm: untimed */
		memcpy(disk + n * PAGE, src + (n % NR_DATA) * PAGE, PAGE);
	t0 = now();
	for (n = 0; n < total; n++)
		memcpy(disk + (n % DISK_PAGES) * PAGE, src + (n % NR_DATA) * PAGE,
		       PAGE);
	__asm__ __volatile__("" : : "r"(disk) : "memory");
	return now() - t0;
}

static void report(const char *name, uint64_t n, double ring_secs,
		   double memcpy_secs, const struct result *events)
{
	double mb = (double)n * PAGE / 1e6;

	printf("%-15s %8" PRIu64 " req %9.0f req/s %7.1f MB/s  memcpy %7.1f "
	       "MB/s  ratio %.2f  events/req: to back %.3f, to front %.3f\n",
	       name, n, (double)n / ring_secs, mb / ring_secs,
	       mb / memcpy_secs, memcpy_secs / ring_secs,
	       (double)events->notify_to_back / (double)events->requests,
	       (double)events->notify_to_front / (double)events->requests);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * TRIALS runs, each between two memcpy measurements of the same bytes (so
 * ring and memcpy see the same machine). Reported: median ring time against
 * median memcpy time, and fastest against fastest. Shared machines are
 * noisy: the median says what to expect, the best what the code can do.
 */
#define TRIALS 5

static void trials(struct bench *b, uint8_t *ram, const char *name,
		   uint64_t n, bool single)
{
	double ring[TRIALS], mc[2 * TRIALS];
	struct result r, events = { 0 };
	char label[32];
	int i;

	for (i = 0; i < TRIALS; i++) {
		mc[2 * i] = memcpy_secs(ram, b->src, n);
		run(b, n, single, &r);
		mc[2 * i + 1] = memcpy_secs(ram, b->src, n);
		ring[i] = r.secs;
		events.requests += r.requests;
		events.notify_to_back += r.notify_to_back;
		events.notify_to_front += r.notify_to_front;
	}
	qsort(ring, TRIALS, sizeof(ring[0]), by_value);
	qsort(mc, 2 * TRIALS, sizeof(mc[0]), by_value);
	snprintf(label, sizeof(label), "%s median", name);
	report(label, n, ring[TRIALS / 2], (mc[TRIALS - 1] + mc[TRIALS]) / 2,
	       &events);
	snprintf(label, sizeof(label), "%s best", name);
	report(label, n, ring[0], mc[0], &events);
}

/* One back end process, both kinds of traffic; spin: idle polls per end. */
static void session(uint8_t *ram, uint64_t n_single, uint64_t n_batch,
		    unsigned int spin, long cpus)
{
	static struct bench b;
	struct result warm;
	struct blk_disk disk;
	pid_t back;
	int rc;

	memset(&b, 0, sizeof(b));
	rc = kit_pair_create(&b.pair);
	if (rc)
		die("kit", rc);
	b.spin = b.pair.spin_steps = spin;
	b.pair.enforce_grants = false;	/* two mprotect calls per request */
	blk_disk_open_ram(&disk, ram, (uint64_t)DISK_PAGES * BLKIF_SECTORS_PER_PAGE);
	back = kit_pair_spawn_back(&b.pair, &disk, cpus > 1 ? 1 : -1);
	connect_front(&b);
	run(&b, DISK_PAGES, false, &warm);	/* touch every disk page */
	printf("%s: each end polls %u times before it sleeps\n",
	       spin ? "polling" : "events only", spin);
	trials(&b, ram, "single", n_single, true);
	trials(&b, ram, "batched", n_batch, false);
	if (kit_pair_stop_back(&b.pair, back))
		die("back end exit", -EIO);
	printf("  front end slept %" PRIu64 " times; back end served %" PRIu64
	       " requests, sent %" PRIu64 " events\n", b.sleeps,
	       b.pair.back_requests, b.pair.back_notify);
	kit_pair_destroy(&b.pair);
}

int main(int argc, char **argv)
{
	uint64_t n_single = argc > 1 ? strtoull(argv[1], NULL, 0) : 100000;
	uint64_t n_batch = argc > 2 ? strtoull(argv[2], NULL, 0) : 1000000;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	uint8_t *ram;

	ram = mmap(NULL, (size_t)DISK_PAGES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (ram == MAP_FAILED)
		die("memory", -ENOMEM);
	if (cpus > 1)
		kit_pin_cpu(0);
	printf("ring-io bench: blkif ring of %u slots, 4 KiB writes, %ld CPUs%s\n",
	       ring_nr_ents(PAGE, BLKIF_RING_ENTRY_SIZE), cpus, cpus > 1 ?
	       " (front on 0, back on 1)" :
	       " (both ends share one CPU: numbers mean little)");
	printf("ratio = ring MB/s over memcpy MB/s of the same bytes, same run\n");
	session(ram, n_single, n_batch, KIT_SPIN_STEPS, cpus);
	session(ram, n_single / 4, n_batch / 4, 0, cpus);
	return 0;
}
