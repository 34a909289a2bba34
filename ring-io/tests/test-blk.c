/* SPDX-License-Identifier: MIT */
/*
 * The sample block pair end to end, front end and back end in two
 * processes: random writes read back and compared, a checksum of the whole
 * disk (through the ring and straight from the file) against our mirror;
 * disk errors reach the front end as -EIO; flush and discard work.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kit-pair.h"

#define DISK_SECTORS	16384u		/* 8 MiB */
#define DISK_BYTES	((size_t)DISK_SECTORS * BLKIF_SECTOR_SIZE)
#define NR_BATCHES	150u
#define NR_READS	1000u

struct blk_env {
	struct kit_pair pair;
	struct blkfront fe;
	struct blk_disk disk;
	char path[64];
	int fd;
	pid_t back;
	uint8_t *mirror;		/* what the disk must hold */
	uint64_t rng;
};

static uint64_t rnd(struct blk_env *e)
{
	e->rng ^= e->rng << 13;
	e->rng ^= e->rng >> 7;
	e->rng ^= e->rng << 17;
	return e->rng;
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}

/* A disk that fails every transfer touching [bad_first, bad_end). */
struct bad_range { uint64_t first, end; };

static bool hits_bad(struct blk_disk *d, size_t len, uint64_t off)
{
	const struct bad_range *b = d->priv;
	uint64_t s = off >> BLKIF_SECTOR_SHIFT;
	uint64_t e = (off + len) >> BLKIF_SECTOR_SHIFT;

	return b && s < b->end && e > b->first;
}

static int bad_read(struct blk_disk *d, void *buf, size_t len, uint64_t off)
{
	if (hits_bad(d, len, off))
		return -EIO;
	return blk_disk_file_ops.read(d, buf, len, off);
}

static int bad_write(struct blk_disk *d, const void *buf, size_t len,
		     uint64_t off)
{
	if (hits_bad(d, len, off))
		return -EIO;
	return blk_disk_file_ops.write(d, buf, len, off);
}

static int file_flush(struct blk_disk *d)
{
	return blk_disk_file_ops.flush(d);
}

static int file_discard(struct blk_disk *d, uint64_t off, uint64_t len)
{
	return blk_disk_file_ops.discard(d, off, len);
}

static const struct blk_disk_ops bad_ops = {
	.read = bad_read,
	.write = bad_write,
	.flush = file_flush,
	.discard = file_discard,
};

static struct bad_range bad_sectors = { 1000, 1010 };

enum disk_kind { DISK_FILE, DISK_FAULTY, DISK_READONLY };

/* The same file through a read-only descriptor: every write really fails. */
static int reopen_readonly(int fd)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, O_RDONLY);
}

static int env_setup_with(void **state, enum disk_kind kind)
{
	struct blk_env *e = calloc(1, sizeof(*e));
	struct blkfront_conf fc;

	assert_non_null(e);
	strcpy(e->path, "/tmp/ring-io-blk-XXXXXX");
	e->fd = mkstemp(e->path);
	assert_true(e->fd >= 0);
	unlink(e->path);
	assert_int_equal(ftruncate(e->fd, (off_t)DISK_BYTES), 0);
	assert_int_equal(blk_disk_open_file(&e->disk, e->fd), 0);
	if (kind == DISK_FAULTY) {
		e->disk.ops = &bad_ops;
		e->disk.priv = &bad_sectors;
	}
	if (kind == DISK_READONLY) {
		e->disk.fd = reopen_readonly(e->fd);
		assert_true(e->disk.fd >= 0);
	}
	e->mirror = calloc(1, DISK_BYTES);
	assert_non_null(e->mirror);
	e->rng = 0x9e3779b97f4a7c15ull;
	assert_int_equal(kit_pair_create(&e->pair), 0);
	e->back = kit_pair_spawn_back(&e->pair, &e->disk, -1);
	assert_true(e->back > 0);
	kit_pair_front_conf(&e->pair, &fc);
	assert_int_equal(blkfront_init(&e->fe, &fc), 0);
	assert_int_equal(kit_front_wait_state(&e->fe, XenbusStateConnected), 0);
	assert_int_equal(e->fe.nr_sectors, DISK_SECTORS);
	*state = e;
	return 0;
}

static int env_setup(void **state)
{
	return env_setup_with(state, DISK_FILE);
}

static int env_setup_faulty(void **state)
{
	return env_setup_with(state, DISK_FAULTY);
}

static int env_setup_readonly(void **state)
{
	return env_setup_with(state, DISK_READONLY);
}

static int env_teardown(void **state)
{
	struct blk_env *e = *state;

	if (e->back > 0)
		kit_pair_stop_back(&e->pair, e->back);
	blkfront_fini(&e->fe);
	kit_pair_destroy(&e->pair);
	if (e->disk.fd != e->fd)
		close(e->disk.fd);
	close(e->fd);
	free(e->mirror);
	free(e);
	return 0;
}

/* A random extent of 1..44 sectors that overlaps none in ios[0..n). */
static void pick_extent(struct blk_env *e, struct blkfront_io *ios,
			uint32_t n, struct blkfront_io *io)
{
	uint32_t i;

again:
	io->nr_sectors = 1 + (uint32_t)(rnd(e) % BLKFRONT_MAX_SECTORS);
	io->sector = rnd(e) % (DISK_SECTORS - io->nr_sectors + 1);
	for (i = 0; i < n; i++)
		if (io->sector < ios[i].sector + ios[i].nr_sectors &&
		    ios[i].sector < io->sector + io->nr_sectors)
			goto again;	/* in-flight writes must not overlap */
}

/* One batch: up to 48 writes in flight at once (more than the ring). */
static void write_batch(struct blk_env *e, uint8_t *bufs)
{
	struct blkfront_io ios[48];
	const size_t max = (size_t)BLKFRONT_MAX_SECTORS * BLKIF_SECTOR_SIZE;
	uint32_t n = 1 + (uint32_t)(rnd(e) % 48), i;
	size_t j;

	memset(ios, 0, sizeof(ios));
	for (i = 0; i < n; i++) {
		struct blkfront_io *io = &ios[i];

		pick_extent(e, ios, i, io);
		io->op = BLKIF_OP_WRITE;
		io->buf = bufs + i * max;
		for (j = 0; j < (size_t)io->nr_sectors * BLKIF_SECTOR_SIZE; j++)
			((uint8_t *)io->buf)[j] = (uint8_t)rnd(e);
		memcpy(e->mirror + io->sector * BLKIF_SECTOR_SIZE, io->buf,
		       (size_t)io->nr_sectors * BLKIF_SECTOR_SIZE);
		assert_int_equal(blkfront_submit(&e->fe, io), 0);
	}
	for (i = 0; i < n; i++) {
		assert_int_equal(kit_front_wait_io(&e->fe, &ios[i]), 0);
		assert_int_equal(ios[i].status, 0);
	}
}

static void read_compare(struct blk_env *e, uint64_t sector, uint32_t n,
			 uint8_t *buf)
{
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, sector, buf, n), 0);
	assert_memory_equal(buf, e->mirror + sector * BLKIF_SECTOR_SIZE,
			    (size_t)n * BLKIF_SECTOR_SIZE);
}

/* Read the whole disk through the ring; checksum it. */
static uint64_t checksum_via_ring(struct blk_env *e, uint8_t *whole)
{
	uint64_t s;

	for (s = 0; s < DISK_SECTORS; s += BLKFRONT_MAX_SECTORS) {
		uint32_t n = DISK_SECTORS - s < BLKFRONT_MAX_SECTORS ?
			     (uint32_t)(DISK_SECTORS - s) : BLKFRONT_MAX_SECTORS;

		assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, s,
				 whole + s * BLKIF_SECTOR_SIZE, n), 0);
	}
	return fnv1a(whole, DISK_BYTES);
}

static void test_data_integrity(void **state)
{
	struct blk_env *e = *state;
	const size_t max = (size_t)BLKFRONT_MAX_SECTORS * BLKIF_SECTOR_SIZE;
	uint8_t *bufs = malloc(48 * max), *whole = malloc(DISK_BYTES);
	uint64_t want, i;

	assert_non_null(bufs);
	assert_non_null(whole);
	for (i = 0; i < NR_BATCHES; i++)
		write_batch(e, bufs);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_FLUSH_DISKCACHE, 0,
				      NULL, 0), 0);
	for (i = 0; i < NR_READS; i++) {
		uint32_t n = 1 + (uint32_t)(rnd(e) % BLKFRONT_MAX_SECTORS);

		read_compare(e, rnd(e) % (DISK_SECTORS - n + 1), n, bufs);
	}
	want = fnv1a(e->mirror, DISK_BYTES);
	assert_int_equal(checksum_via_ring(e, whole), want);
	/* And the file itself, once the back end has gone. */
	assert_int_equal(kit_pair_stop_back(&e->pair, e->back), 0);
	e->back = 0;
	assert_int_equal(pread(e->fd, whole, DISK_BYTES, 0), (ssize_t)DISK_BYTES);
	assert_int_equal(fnv1a(whole, DISK_BYTES), want);
	print_message("%lu requests, %lu notifications to the back end, "
		      "checksum %016llx\n", (unsigned long)e->fe.nr_issued,
		      (unsigned long)e->fe.nr_notify, (unsigned long long)want);
	free(bufs);
	free(whole);
}

/* Disk errors come back as -EIO for that request only. */
static void test_disk_error_reported(void **state)
{
	struct blk_env *e = *state;
	uint8_t buf[8 * BLKIF_SECTOR_SIZE];

	memset(buf, 0x77, sizeof(buf));
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_WRITE, 1009, buf, 1),
			 -EIO);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, 995, buf, 8),
			 -EIO);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_WRITE, 1010, buf, 8), 0);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, 992, buf, 8), 0);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, 1010, buf, 8), 0);
	assert_int_equal(buf[0], 0x77);
	/* The connection survives errors. */
	assert_int_equal(e->fe.state, XenbusStateConnected);
}

/*
 * The back end process crashes with requests on the ring (stopped first so
 * they are surely unanswered), and a new one starts: the front end must
 * reconnect and complete every request, with the right data on disk.
 */
static void test_back_crash_and_restart(void **state)
{
	struct blk_env *e = *state;
	enum { N = 24, SECTORS = 16 };
	static uint8_t data[N][SECTORS * BLKIF_SECTOR_SIZE];
	static uint8_t back[SECTORS * BLKIF_SECTOR_SIZE];
	struct blkfront_io ios[N];
	uint32_t i;

	assert_int_equal(kill(e->back, SIGSTOP), 0);
	memset(ios, 0, sizeof(ios));
	for (i = 0; i < N; i++) {
		memset(data[i], 0xc0 + (int)i, sizeof(data[i]));
		ios[i] = (struct blkfront_io){ .op = BLKIF_OP_WRITE,
			.sector = 100 + i * SECTORS, .nr_sectors = SECTORS,
			.buf = data[i] };
		assert_int_equal(blkfront_submit(&e->fe, &ios[i]), 0);
	}
	assert_true(blkfront_step(&e->fe) > 0);		/* on the ring */
	assert_int_equal(kit_pair_kill_back(&e->pair, e->back), 0);
	e->back = kit_pair_spawn_back(&e->pair, &e->disk, -1);
	assert_true(e->back > 0);
	for (i = 0; i < N; i++) {
		assert_int_equal(kit_front_wait_io(&e->fe, &ios[i]), 0);
		assert_int_equal(ios[i].status, 0);
	}
	assert_true(e->fe.nr_reissued >= N);
	for (i = 0; i < N; i++) {
		assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ,
					      100 + i * SECTORS, back, SECTORS), 0);
		assert_memory_equal(back, data[i], sizeof(back));
	}
	print_message("%lu requests re-issued after the crash\n",
		      (unsigned long)e->fe.nr_reissued);
}

/* A real error from the file (EBADF: written through a read-only fd). */
static void test_file_error_reported(void **state)
{
	struct blk_env *e = *state;
	uint8_t buf[4 * BLKIF_SECTOR_SIZE];

	memset(buf, 0x99, sizeof(buf));
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_WRITE, 0, buf, 4), -EIO);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, 0, buf, 4), 0);
	assert_int_equal(buf[0], 0);	/* the write never happened */
	assert_int_equal(e->fe.state, XenbusStateConnected);
}

static void test_flush_and_discard(void **state)
{
	struct blk_env *e = *state;
	uint8_t buf[16 * BLKIF_SECTOR_SIZE], zero[16 * BLKIF_SECTOR_SIZE];

	assert_true(e->fe.feature_flush);
	assert_true(e->fe.feature_discard);
	memset(buf, 0xab, sizeof(buf));
	memset(zero, 0, sizeof(zero));
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_WRITE, 64, buf, 16), 0);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_FLUSH_DISKCACHE, 0,
				      NULL, 0), 0);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_DISCARD, 64, NULL, 8), 0);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, 64, buf, 16), 0);
	assert_memory_equal(buf, zero, 8 * BLKIF_SECTOR_SIZE);
	assert_int_equal(buf[8 * BLKIF_SECTOR_SIZE], 0xab);
	/* Off the end of the disk: an error, not a crash. */
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_DISCARD, DISK_SECTORS,
				      NULL, 1), -EIO);
	assert_int_equal(kit_front_rw(&e->fe, BLKIF_OP_READ, DISK_SECTORS - 1,
				      buf, 2), -EIO);
}

static void test_submit_checks(void **state)
{
	struct blk_env *e = *state;
	uint8_t buf[BLKIF_SECTOR_SIZE];
	struct blkfront_io io = { .op = BLKIF_OP_READ, .buf = buf };

	io.nr_sectors = 0;
	assert_int_equal(blkfront_submit(&e->fe, &io), -EINVAL);
	io.nr_sectors = BLKFRONT_MAX_SECTORS + 1;
	assert_int_equal(blkfront_submit(&e->fe, &io), -E2BIG);
	io.nr_sectors = 1;
	io.buf = NULL;
	assert_int_equal(blkfront_submit(&e->fe, &io), -EINVAL);
	io.op = BLKIF_OP_WRITE_BARRIER;
	assert_int_equal(blkfront_submit(&e->fe, &io), -EINVAL);
	io.op = 200;
	assert_int_equal(blkfront_submit(&e->fe, &io), -EINVAL);
	assert_int_equal(blkfront_pending(&e->fe), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_data_integrity,
						env_setup, env_teardown),
		cmocka_unit_test_setup_teardown(test_disk_error_reported,
						env_setup_faulty, env_teardown),
		cmocka_unit_test_setup_teardown(test_back_crash_and_restart,
						env_setup, env_teardown),
		cmocka_unit_test_setup_teardown(test_file_error_reported,
						env_setup_readonly, env_teardown),
		cmocka_unit_test_setup_teardown(test_flush_and_discard,
						env_setup, env_teardown),
		cmocka_unit_test_setup_teardown(test_submit_checks,
						env_setup, env_teardown),
	};

	return cmocka_run_group_tests_name("blk", tests, NULL, NULL);
}
