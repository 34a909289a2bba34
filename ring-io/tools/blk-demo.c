/* SPDX-License-Identifier: MIT */
/*
 * The kit's worked example: serve FILE from a block back end in one
 * process, drive it from a block front end in another, and show the
 * xenbus handshake and the I/O. Usage: blk-demo FILE (at least 1 MiB;
 * its first MiB is overwritten).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kit-pair.h"
#include "xenbus.h"

#define DEMO_SECTORS	BLKFRONT_MAX_SECTORS	/* one full request */

static int fail(const char *what, int rc)
{
	fprintf(stderr, "blk-demo: %s: %s\n", what, strerror(rc < 0 ? -rc : rc));
	return 1;
}

/* Step the front end, printing each state it and its peer pass through. */
static int connect_verbosely(struct kit_pair *p, struct blkfront *fe)
{
	enum xenbus_state seen_fe = XenbusStateUnknown, seen_be = seen_fe;
	unsigned int i;

	for (i = 0; i < 2000 && fe->state != XenbusStateConnected; i++) {
		enum xenbus_state be = kit_xb_read_state(&p->xs, p->be_dir);

		if (blkfront_step(fe) < 0)
			return -EIO;
		if (fe->state != seen_fe || be != seen_be)
			printf("  front %-12s back %s\n",
			       xb_state_name(fe->state), xb_state_name(be));
		seen_fe = fe->state;
		seen_be = be;
		usleep(500);
	}
	return fe->state == XenbusStateConnected ? 0 : -ETIMEDOUT;
}

static int write_and_check(struct blkfront *fe)
{
	static uint8_t out[DEMO_SECTORS * BLKIF_SECTOR_SIZE];
	static uint8_t in[sizeof(out)];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + 3);
	rc = kit_front_rw(fe, BLKIF_OP_WRITE, 8, out, DEMO_SECTORS);
	printf("write %u sectors at sector 8: %d\n", DEMO_SECTORS, rc);
	if (rc)
		return rc;
	rc = kit_front_rw(fe, BLKIF_OP_FLUSH_DISKCACHE, 0, NULL, 0);
	printf("flush: %d\n", rc);
	rc = kit_front_rw(fe, BLKIF_OP_READ, 8, in, DEMO_SECTORS);
	printf("read back: %d, data %s\n", rc,
	       memcmp(in, out, sizeof(in)) ? "DIFFERS" : "matches");
	rc = kit_front_rw(fe, BLKIF_OP_READ, fe->nr_sectors, in, 1);
	printf("read past the end: %d (the back end said BLKIF_RSP_ERROR)\n",
	       rc);
	return 0;
}

int main(int argc, char **argv)
{
	static struct blkfront fe;
	struct blkfront_conf fc;
	struct blk_disk disk;
	struct kit_pair p;
	pid_t back;
	int fd, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: blk-demo FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_CREAT, 0644);
	if (fd < 0 || ftruncate(fd, 1 << 20) || blk_disk_open_file(&disk, fd))
		return fail(argv[1], -errno);
	rc = kit_pair_create(&p);
	if (rc)
		return fail("kit", rc);
	back = kit_pair_spawn_back(&p, &disk, -1);
	kit_pair_front_conf(&p, &fc);
	rc = blkfront_init(&fe, &fc);
	if (rc)
		return fail("front end", rc);
	printf("handshake (back end is process %d):\n", (int)back);
	rc = connect_verbosely(&p, &fe);
	if (rc)
		return fail("handshake", rc);
	printf("xenstore once connected:\n");
	kit_xs_dump(&p.xs, stdout);
	rc = write_and_check(&fe);
	printf("front end: %" PRIu64 " requests, %" PRIu64 " events sent\n",
	       fe.nr_issued, fe.nr_notify);
	kit_pair_stop_back(&p, back);
	blkfront_fini(&fe);
	kit_pair_destroy(&p);
	close(fd);
	return rc ? fail("I/O", rc) : 0;
}
