/* SPDX-License-Identifier: GPL-2.0-only */
/* The event loop: poll, read, handle, make durable, reply. */
#ifndef XS_LOOP_H
#define XS_LOOP_H

#include <signal.h>
#include <stdbool.h>

struct xs_core;

struct xs_listener {
	int fd;
	unsigned int domid;      /* what its clients act as */
	bool privileged;
	/* Not a socket when set: called when @fd is readable. */
	void (*ready)(void *ctx);
	void *ctx;
};

/* Runs until *stop is set (by a signal that ppoll lets in). */
int xs_loop_run(struct xs_core *core, struct xs_listener *ls,
		unsigned int nr_ls, volatile sig_atomic_t *stop,
		const sigset_t *run_mask);

#endif
