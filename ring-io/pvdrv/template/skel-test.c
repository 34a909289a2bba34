// SPDX-License-Identifier: MIT
/*
 * skel-test: round trips through /dev/skel0 in the guest. Each request has
 * a random length (1..4096) and seeded random bytes; the skel back end adds
 * 1 to every byte, so each answer is checked byte for byte and a request
 * that never reached the back end cannot pass.
 *
 * usage: skel-test [-n N] [-s SEED] [-d DEV] [-r]
 *   -r  reconnect mode (back-end restart, module reload): the device is
 *       opened per request, and EIO, ENODEV, ENOENT and EINTR are retried
 *       (for up to RETRY_SECONDS per request) instead of failing.
 * Prints "skel-test: N sent, N verified, E retried, F failed, T ms" and
 * exits 0 only if every request was verified.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "skel-ring.h"

#define RETRY_SECONDS	120
#define RETRY_PAUSE_US	100000

struct opts {
	unsigned long n;
	uint64_t seed;
	const char *dev;
	bool retry;
};

struct counts {
	unsigned long sent, verified, retried, failed;
};

static uint64_t next_rand(uint64_t *s)
{
	/* xorshift64: seeded, so a failing run can be repeated. */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Errors a reconnection, reload or re-attach produces on the way. */
static bool transient(int err)
{
	return err == EIO || err == ENODEV || err == ENOENT || err == EINTR ||
	       err == ENXIO;
}

/*
 * One request on fd: write len bytes, read the answer, check it. Returns 0
 * if verified, an errno if a call failed, -1 if the answer was wrong.
 */
static int round_trip(int fd, const uint8_t *out, size_t len, unsigned long i)
{
	static uint8_t in[SKEL_DATA_MAX];
	ssize_t got;
	size_t k;

	got = write(fd, out, len);
	if (got < 0)
		return errno;
	if ((size_t)got != len) {
		fprintf(stderr, "skel-test: request %lu: wrote %zd of %zu\n",
			i, got, len);
		return -1;
	}
	got = read(fd, in, sizeof(in));
	if (got < 0)
		return errno;
	if ((size_t)got != len) {
		fprintf(stderr, "skel-test: request %lu: answer %zd bytes, want %zu\n",
			i, got, len);
		return -1;
	}
	for (k = 0; k < len; k++) {
		if (in[k] != skel_echo_byte(out[k])) {
			fprintf(stderr, "skel-test: request %lu: byte %zu is 0x%02x, want 0x%02x\n",
				i, k, in[k], skel_echo_byte(out[k]));
			return -1;
		}
	}
	return 0;
}

/* Reconnect mode: open, send, close; retry transient errors. */
static int with_retry(const struct opts *o, const uint8_t *out, size_t len,
		      unsigned long i, struct counts *c)
{
	uint64_t deadline = now_ms() + RETRY_SECONDS * 1000ull;
	int fd, rc;

	for (;;) {
		fd = open(o->dev, O_RDWR);
		rc = fd < 0 ? errno : round_trip(fd, out, len, i);
		if (fd >= 0)
			close(fd);
		if (rc == 0 || rc == -1 || !transient(rc))
			return rc;
		if (now_ms() > deadline) {
			fprintf(stderr, "skel-test: request %lu: still %s after %d s\n",
				i, strerror(rc), RETRY_SECONDS);
			return rc;
		}
		c->retried++;
		usleep(RETRY_PAUSE_US);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: skel-test [-n N] [-s SEED] [-d DEV] [-r]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct opts *o)
{
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "n:s:d:r")) != -1) {
		switch (opt) {
		case 'n':
			o->n = strtoul(optarg, &end, 10);
			if (*end || !*optarg)
				usage();
			break;
		case 's':
			o->seed = strtoull(optarg, &end, 0);
			if (*end || !*optarg)
				usage();
			break;
		case 'd':
			o->dev = optarg;
			break;
		case 'r':
			o->retry = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (o->seed == 0)
		o->seed = 1;	/* xorshift's one fixed point */
}

int main(int argc, char **argv)
{
	struct opts o = { .n = 1000, .seed = 1, .dev = "/dev/skel0" };
	struct counts c = { 0 };
	static uint8_t out[SKEL_DATA_MAX];
	uint64_t rng, t0;
	unsigned long i;
	size_t len, k;
	int fd = -1, rc;

	parse(argc, argv, &o);
	rng = o.seed;
	if (!o.retry) {
		fd = open(o.dev, O_RDWR);
		if (fd < 0) {
			fprintf(stderr, "skel-test: %s: %s\n", o.dev, strerror(errno));
			printf("skel-test: 0 sent, 0 verified, 0 retried, 1 failed, 0 ms\n");
			return 1;
		}
	}
	t0 = now_ms();
	for (i = 0; i < o.n; i++) {
		len = 1 + next_rand(&rng) % SKEL_DATA_MAX;
		for (k = 0; k < len; k++)
			out[k] = (uint8_t)next_rand(&rng);
		c.sent++;
		rc = o.retry ? with_retry(&o, out, len, i, &c) :
			       round_trip(fd, out, len, i);
		if (rc == 0) {
			c.verified++;
			continue;
		}
		if (rc > 0)
			fprintf(stderr, "skel-test: request %lu: %s (errno %d)\n",
				i, strerror(rc), rc);
		c.failed++;
		break;	/* the device is gone or wrong: more would say nothing */
	}
	if (fd >= 0)
		close(fd);
	printf("skel-test: %lu sent, %lu verified, %lu retried, %lu failed, %llu ms\n",
	       c.sent, c.verified, c.retried, c.failed,
	       (unsigned long long)(now_ms() - t0));
	return c.verified == o.n ? 0 : 1;
}
