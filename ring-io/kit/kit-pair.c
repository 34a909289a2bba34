/* SPDX-License-Identifier: MIT */
/* Toolstack stand-in for one block pair, and synchronous front-end helpers. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kit-pair.h"

#define KIT_STOP_KEY "kit-stop"

int kit_pair_create(struct kit_pair *p)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->spin_steps = KIT_SPIN_STEPS;
	p->enforce_grants = true;
	p->fe_dir = "local/domain/1/device/vbd/768";
	p->be_dir = "local/domain/0/backend/vbd/1/768";
	rc = kit_domain_create(&p->fe_mem, KIT_FE_DOMID, KIT_PAIR_FRAMES);
	if (rc)
		return rc;
	rc = kit_xs_create(&p->xs);
	if (rc)
		goto out_domain;
	rc = kit_evtchn_create(&p->ev);
	if (rc)
		goto out_xs;
	return 0;

out_xs:
	kit_xs_destroy(&p->xs);
out_domain:
	kit_domain_destroy(&p->fe_mem);
	return rc;
}

void kit_pair_destroy(struct kit_pair *p)
{
	kit_evtchn_destroy(&p->ev);
	kit_xs_destroy(&p->xs);
	kit_domain_destroy(&p->fe_mem);
}

void kit_pair_front_conf(struct kit_pair *p, struct blkfront_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->xs = &p->xs;
	c->dir = p->fe_dir;
	c->be_dir = p->be_dir;
	c->mem = &p->fe_mem;
	c->backend_id = KIT_BE_DOMID;
	c->evtchns = &p->ev;
	c->watch = 0;
}

void kit_pair_back_conf(struct kit_pair *p, struct blk_disk *disk,
			struct blkback_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->xs = &p->xs;
	c->dir = p->be_dir;
	c->fe_dir = p->fe_dir;
	c->fe_mem = &p->fe_mem;
	c->self = KIT_BE_DOMID;
	c->evtchns = &p->ev;
	c->disk = disk;
	c->watch = 1;
}

void kit_wait_fds(const int fds[2])
{
	struct pollfd pfd[2] = {
		{ .fd = fds[0], .events = POLLIN },
		{ .fd = fds[1], .events = POLLIN },
	};

	poll(pfd, 2, 10);
}

static const char *stop_path(struct kit_pair *p)
{
	snprintf(p->stop_path, sizeof(p->stop_path), "%s/%s", p->be_dir,
		 KIT_STOP_KEY);
	return p->stop_path;
}

static bool stop_requested(struct kit_pair *p)
{
	uint64_t v;

	return kit_xs_read_uint(&p->xs, p->be_dir, KIT_STOP_KEY, 1, &v) == 0;
}

/* The child: serve until told to stop. Exit status 0, or 1 on error. */
static void run_back(struct kit_pair *p, struct blk_disk *disk)
{
	struct blkback_conf conf;
	static struct blkback be;	/* large: keep it off the stack */
	unsigned int idle = 0;
	int fds[2], rc;

	kit_pair_back_conf(p, disk, &conf);
	if (blkback_init(&be, &conf))
		_exit(1);
	/* In its own process, the back end can have the MMU check its
	 * grants: touching a page it was not granted then faults. */
	if (p->enforce_grants && kit_gnttab_view_enforce(&be.gnt))
		_exit(1);
	for (;;) {
		rc = blkback_step(&be);
		if (rc < 0)
			break;
		if (rc > 0 || ++idle < p->spin_steps) {
			idle = rc > 0 ? 0 : idle;
			kit_cpu_relax();
			continue;
		}
		idle = 0;
		if (stop_requested(p))
			break;
		rc = blkback_prepare_sleep(&be);
		if (rc < 0)
			break;
		if (rc > 0)
			continue;
		blkback_fds(&be, fds);
		kit_wait_fds(fds);
	}
	blkback_fini(&be);
	/* What the benchmark reports from this side. */
	kit_xs_write_uint(&p->xs, p->be_dir, "kit-stats/requests",
			  be.nr_requests);
	kit_xs_write_uint(&p->xs, p->be_dir, "kit-stats/notify", be.nr_notify);
	kit_xs_write_uint(&p->xs, p->be_dir, "kit-stats/wakeups",
			  be.nr_wakeups);
	_exit(rc < 0);
}

int kit_pin_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}

pid_t kit_pair_spawn_back(struct kit_pair *p, struct blk_disk *disk, int cpu)
{
	pid_t pid;

	/* A restart leaves the old nodes for the new back end to overwrite:
	 * removing them would tell the front end its back end is gone. */
	kit_xs_rm(&p->xs, stop_path(p));
	pid = fork();
	if (pid == 0) {
		if (cpu >= 0 && kit_pin_cpu(cpu))
			_exit(1);
		run_back(p, disk);
	}
	return pid;
}

int kit_pair_kill_back(struct kit_pair *p, pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	if (waitpid(pid, &st, 0) != pid)
		return -ECHILD;
	kit_gnttab_release_domain(&p->fe_mem, KIT_BE_DOMID);
	return 0;
}

int kit_pair_stop_back(struct kit_pair *p, pid_t pid)
{
	int st;

	kit_xs_write_uint(&p->xs, p->be_dir, KIT_STOP_KEY, 1);
	if (waitpid(pid, &st, 0) != pid)
		return -ECHILD;
	kit_xs_read_uint(&p->xs, p->be_dir, "kit-stats/requests", UINT64_MAX,
			 &p->back_requests);
	kit_xs_read_uint(&p->xs, p->be_dir, "kit-stats/notify", UINT64_MAX,
			 &p->back_notify);
	kit_xs_rm(&p->xs, p->be_dir);
	/* Whatever it had mapped when it went, as Xen would on its death. */
	kit_gnttab_release_domain(&p->fe_mem, KIT_BE_DOMID);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Step until done(fe, arg), sleeping when idle. */
static int front_drive(struct blkfront *fe,
		       bool (*done)(struct blkfront *, const void *),
		       const void *arg)
{
	unsigned int spins = 0, sleeps = 0;
	int fds[2], rc;

	while (!done(fe, arg)) {
		rc = blkfront_step(fe);
		if (rc < 0)
			return rc;
		if (rc > 0 || done(fe, arg)) {
			spins = sleeps = 0;
			continue;
		}
		if (++spins < KIT_SPIN_STEPS) {
			kit_cpu_relax();
			continue;
		}
		spins = 0;
		if (++sleeps > KIT_WAIT_POLLS)
			return -ETIMEDOUT;
		rc = blkfront_prepare_sleep(fe);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;
		blkfront_fds(fe, fds);
		kit_wait_fds(fds);
	}
	return 0;
}

static bool io_done(struct blkfront *fe, const void *io)
{
	(void)fe;
	return ((const struct blkfront_io *)io)->done;
}

static bool in_state(struct blkfront *fe, const void *state)
{
	return (int)fe->state == *(const int *)state;
}

int kit_front_wait_io(struct blkfront *fe, const struct blkfront_io *io)
{
	return front_drive(fe, io_done, io);
}

int kit_front_wait_state(struct blkfront *fe, int state)
{
	return front_drive(fe, in_state, &state);
}

int kit_front_rw(struct blkfront *fe, uint8_t op, uint64_t sector,
		 void *buf, uint32_t nr_sectors)
{
	struct blkfront_io *io = calloc(1, sizeof(*io));
	int rc;

	if (!io)
		return -ENOMEM;
	io->op = op;
	io->sector = sector;
	io->buf = buf;
	io->nr_sectors = nr_sectors;
	rc = blkfront_submit(fe, io);
	if (rc == 0)
		rc = kit_front_wait_io(fe, io);
	/* Timed out: the front end still holds io, so it must outlive us. */
	if (rc == -ETIMEDOUT)
		return rc;
	rc = rc ? rc : io->status;
	free(io);
	return rc;
}
