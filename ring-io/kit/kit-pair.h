/* SPDX-License-Identifier: MIT */
/*
 * The toolstack's part for a front/back pair on one host: make the front
 * end's memory, the xenstore stand-in and the event channels, name the
 * xenstore directories, and run a block back end in a child process.
 * Also synchronous helpers that drive a block front end until an I/O is
 * done. Used by the tests, the benchmark and the demo.
 */
#ifndef KIT_PAIR_H
#define KIT_PAIR_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "blk-disk.h"
#include "blkback.h"
#include "blkfront.h"
#include "evtchn.h"
#include "kit-domain.h"
#include "xs.h"

#define KIT_FE_DOMID	1
#define KIT_BE_DOMID	0
#define KIT_PAIR_FRAMES	512u	/* enough for blkfront's 32 x 11 pages */
/* Idle waits of 10 ms before a helper gives up: a hang guard, not a timer. */
#define KIT_WAIT_POLLS	500u
/*
 * Idle steps a driver loop spins through before it sleeps. Sleeping costs
 * an event (a system call each side and a wake-up); a short spin lets a
 * busy peer's next request find us awake, so events stay rare under load.
 */
#define KIT_SPIN_STEPS	1000u

static inline void kit_cpu_relax(void)
{
#if defined(__x86_64__)
	__builtin_ia32_pause();
#endif
}

struct kit_pair {
	struct kit_domain fe_mem;
	struct kit_xs xs;
	struct kit_evtchns ev;
	const char *fe_dir;
	const char *be_dir;
	unsigned int spin_steps;	/* back end: idle steps before sleeping */
	bool enforce_grants;		/* back end: MMU-checked grants */
	char stop_path[KIT_XS_PATH_MAX];
	/* From the last back end stopped: its request and event counts. */
	uint64_t back_requests;
	uint64_t back_notify;
};

int kit_pair_create(struct kit_pair *p);
void kit_pair_destroy(struct kit_pair *p);
void kit_pair_front_conf(struct kit_pair *p, struct blkfront_conf *c);
void kit_pair_back_conf(struct kit_pair *p, struct blk_disk *disk,
			struct blkback_conf *c);

/*
 * Fork a process serving disk as the back end until kit_pair_stop_back,
 * on CPU cpu if cpu >= 0 (the benchmark pins the two ends apart).
 */
pid_t kit_pair_spawn_back(struct kit_pair *p, struct blk_disk *disk, int cpu);
/*
 * Stop it cleanly and wait for it; then remove its xenstore directory and
 * release what it left mapped, as a toolstack destroying the device.
 * Returns its exit status.
 */
int kit_pair_stop_back(struct kit_pair *p, pid_t pid);
/* Kill it: a crash. Its xenstore nodes stay (still "Connected"); what it
 * had mapped is released, as Xen does when a domain dies. */
int kit_pair_kill_back(struct kit_pair *p, pid_t pid);

/* Step fe until io is done; -ETIMEDOUT if it stays idle too long. */
int kit_front_wait_io(struct blkfront *fe, const struct blkfront_io *io);
/* Step fe until it is in state; -ETIMEDOUT likewise. */
int kit_front_wait_state(struct blkfront *fe, int state);
/* One synchronous I/O: its status, or -ETIMEDOUT (buf then stays queued
 * for the front end: do not free it). */
int kit_front_rw(struct blkfront *fe, uint8_t op, uint64_t sector,
		 void *buf, uint32_t nr_sectors);
/* Run the calling process on one CPU only: 0 or -errno. */
int kit_pin_cpu(int cpu);
/* Sleep until an fd wakes or 10 ms pass. */
void kit_wait_fds(const int fds[2]);

#endif /* KIT_PAIR_H */
