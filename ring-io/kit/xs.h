/* SPDX-License-Identifier: MIT */
/*
 * A small xenstore stand-in in shared memory: flat paths to short string
 * values, a generation counter that every change bumps, and eventfds that
 * every change signals (our watches: a woken driver re-reads what it
 * cares about). Safe across processes; a process dying with the lock held
 * does not wedge the others (robust mutex).
 */
#ifndef KIT_XS_H
#define KIT_XS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KIT_XS_NODES		256u
#define KIT_XS_PATH_MAX		96u	/* including the NUL */
#define KIT_XS_VALUE_MAX	64u	/* including the NUL */
#define KIT_XS_WATCHERS		4u

struct kit_xs_shared;

struct kit_xs {
	struct kit_xs_shared *sh;
	int watch_fd[KIT_XS_WATCHERS];
};

int kit_xs_create(struct kit_xs *xs);
void kit_xs_destroy(struct kit_xs *xs);

/* 0, or -EINVAL bad path, -E2BIG too long, -ENOSPC store full. */
int kit_xs_write(struct kit_xs *xs, const char *path, const char *value);
/* Length copied (NUL-terminated), or -ENOENT, -E2BIG if buf is too small. */
int kit_xs_read(struct kit_xs *xs, const char *path, char *buf, size_t size);
/* Remove path and everything under it; -ENOENT if there was nothing. */
int kit_xs_rm(struct kit_xs *xs, const char *path);
/* Lock-free: cheap enough to check on every step of a busy driver. */
uint64_t kit_xs_generation(struct kit_xs *xs);
/* An fd that becomes readable after any change; idx < KIT_XS_WATCHERS. */
int kit_xs_watch_fd(const struct kit_xs *xs, unsigned int idx);
void kit_xs_watch_clear(const struct kit_xs *xs, unsigned int idx);

/* Print every node, sorted by path, one "path = value" a line. */
void kit_xs_dump(struct kit_xs *xs, FILE *out);

/* dir/key helpers used by the drivers. */
int kit_xs_write_uint(struct kit_xs *xs, const char *dir, const char *key,
		      uint64_t v);
int kit_xs_write_str(struct kit_xs *xs, const char *dir, const char *key,
		     const char *v);
/*
 * Read a decimal value no greater than max: -ENOENT missing, -EINVAL not
 * a plain decimal number (sign, spaces, junk, empty) or above max.
 */
int kit_xs_read_uint(struct kit_xs *xs, const char *dir, const char *key,
		     uint64_t max, uint64_t *v);

/* Tests only: take the lock and _exit() holding it, as a crash would. */
void kit_xs_test_die_locked(struct kit_xs *xs) __attribute__((noreturn));

#endif /* KIT_XS_H */
