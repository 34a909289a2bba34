/* SPDX-License-Identifier: MIT */
/* xenstore stand-in: a locked table of nodes in a shared mapping. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xs.h"

struct kit_xs_node {
	bool used;
	char path[KIT_XS_PATH_MAX];
	char value[KIT_XS_VALUE_MAX];
};

struct kit_xs_shared {
	pthread_mutex_t lock;
	uint64_t generation;
	struct kit_xs_node node[KIT_XS_NODES];
};

static int xs_init_lock(pthread_mutex_t *m)
{
	pthread_mutexattr_t a;
	int rc;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	rc = pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
	return -rc;
}

int kit_xs_create(struct kit_xs *xs)
{
	unsigned int i;

	memset(xs, 0, sizeof(*xs));
	xs->sh = mmap(NULL, sizeof(*xs->sh), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (xs->sh == MAP_FAILED)
		return -ENOMEM;
	for (i = 0; i < KIT_XS_WATCHERS; i++) {
		xs->watch_fd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (xs->watch_fd[i] < 0)
			goto out_destroy;
	}
	if (xs_init_lock(&xs->sh->lock))
		goto out_destroy;
	return 0;

out_destroy:
	kit_xs_destroy(xs);
	return -ENOMEM;
}

void kit_xs_destroy(struct kit_xs *xs)
{
	unsigned int i;

	for (i = 0; i < KIT_XS_WATCHERS; i++)
		if (xs->watch_fd[i] > 0)
			close(xs->watch_fd[i]);
	if (xs->sh && xs->sh != MAP_FAILED)
		munmap(xs->sh, sizeof(*xs->sh));
	memset(xs, 0, sizeof(*xs));
}

/* A holder that died mid-update left at worst one half-written node. */
static void xs_lock(struct kit_xs *xs)
{
	if (pthread_mutex_lock(&xs->sh->lock) == EOWNERDEAD)
		pthread_mutex_consistent(&xs->sh->lock);
}

static void xs_unlock(struct kit_xs *xs)
{
	pthread_mutex_unlock(&xs->sh->lock);
}

/* Call with the lock held. */
static void xs_changed(struct kit_xs *xs)
{
	uint64_t one = 1;
	unsigned int i;

	/* Release: a reader who sees the new number sees the change. */
	__atomic_fetch_add(&xs->sh->generation, 1, __ATOMIC_RELEASE);
	for (i = 0; i < KIT_XS_WATCHERS; i++)
		if (write(xs->watch_fd[i], &one, sizeof(one)) < 0)
			continue;	/* saturated: already readable */
}

/* xenstore's path alphabet, a leading '/' optional, no empty components. */
static int xs_check_path(const char *path)
{
	size_t len = strnlen(path, KIT_XS_PATH_MAX);
	size_t i;

	if (len == KIT_XS_PATH_MAX)
		return -E2BIG;
	if (len == 0 || path[len - 1] == '/' || strstr(path, "//"))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = path[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("/-_@.", c)))
			return -EINVAL;
	}
	return 0;
}

static struct kit_xs_node *xs_find(struct kit_xs *xs, const char *path)
{
	unsigned int i;

	for (i = 0; i < KIT_XS_NODES; i++)
		if (xs->sh->node[i].used && !strcmp(xs->sh->node[i].path, path))
			return &xs->sh->node[i];
	return NULL;
}

static struct kit_xs_node *xs_find_free(struct kit_xs *xs)
{
	unsigned int i;

	for (i = 0; i < KIT_XS_NODES; i++)
		if (!xs->sh->node[i].used)
			return &xs->sh->node[i];
	return NULL;
}

int kit_xs_write(struct kit_xs *xs, const char *path, const char *value)
{
	struct kit_xs_node *n;
	int rc = xs_check_path(path);

	if (rc)
		return rc;
	if (strnlen(value, KIT_XS_VALUE_MAX) == KIT_XS_VALUE_MAX)
		return -E2BIG;
	xs_lock(xs);
	n = xs_find(xs, path);
	if (!n) {
		n = xs_find_free(xs);
		if (!n) {
			xs_unlock(xs);
			return -ENOSPC;
		}
		strcpy(n->path, path);
	}
	strcpy(n->value, value);
	n->used = true;
	xs_changed(xs);
	xs_unlock(xs);
	return 0;
}

int kit_xs_read(struct kit_xs *xs, const char *path, char *buf, size_t size)
{
	struct kit_xs_node *n;
	size_t len;
	int rc;

	if (xs_check_path(path))
		return -ENOENT;
	xs_lock(xs);
	n = xs_find(xs, path);
	rc = -ENOENT;
	if (n) {
		len = strlen(n->value);
		rc = len < size ? (int)len : -E2BIG;
		if (rc >= 0)
			memcpy(buf, n->value, len + 1);
	}
	xs_unlock(xs);
	return rc;
}

/* Is path equal to dir or under it? */
static bool xs_under(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	return !strncmp(path, dir, len) && (path[len] == 0 || path[len] == '/');
}

int kit_xs_rm(struct kit_xs *xs, const char *path)
{
	unsigned int i, removed = 0;

	if (xs_check_path(path))
		return -EINVAL;
	xs_lock(xs);
	for (i = 0; i < KIT_XS_NODES; i++) {
		struct kit_xs_node *n = &xs->sh->node[i];

		if (n->used && xs_under(n->path, path)) {
			n->used = false;
			removed++;
		}
	}
	if (removed)
		xs_changed(xs);
	xs_unlock(xs);
	return removed ? 0 : -ENOENT;
}

uint64_t kit_xs_generation(struct kit_xs *xs)
{
	return __atomic_load_n(&xs->sh->generation, __ATOMIC_ACQUIRE);
}

int kit_xs_watch_fd(const struct kit_xs *xs, unsigned int idx)
{
	return idx < KIT_XS_WATCHERS ? xs->watch_fd[idx] : -1;
}

void kit_xs_watch_clear(const struct kit_xs *xs, unsigned int idx)
{
	uint64_t v;

	if (idx < KIT_XS_WATCHERS && read(xs->watch_fd[idx], &v, sizeof(v)) < 0)
		return;	/* nothing pending */
}

static int xs_cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct kit_xs_node *)a)->path,
		      ((const struct kit_xs_node *)b)->path);
}

void kit_xs_dump(struct kit_xs *xs, FILE *out)
{
	static struct kit_xs_node copy[KIT_XS_NODES];
	unsigned int i, n = 0;

	xs_lock(xs);
	for (i = 0; i < KIT_XS_NODES; i++)
		if (xs->sh->node[i].used)
			copy[n++] = xs->sh->node[i];
	xs_unlock(xs);
	qsort(copy, n, sizeof(copy[0]), xs_cmp_path);
	for (i = 0; i < n; i++)
		fprintf(out, "  %s = \"%s\"\n", copy[i].path, copy[i].value);
}

static int xs_join(char *out, const char *dir, const char *key)
{
	int n = snprintf(out, KIT_XS_PATH_MAX, "%s/%s", dir, key);

	return n < 0 || n >= (int)KIT_XS_PATH_MAX ? -E2BIG : 0;
}

int kit_xs_write_str(struct kit_xs *xs, const char *dir, const char *key,
		     const char *v)
{
	char path[KIT_XS_PATH_MAX];
	int rc = xs_join(path, dir, key);

	return rc ? rc : kit_xs_write(xs, path, v);
}

int kit_xs_write_uint(struct kit_xs *xs, const char *dir, const char *key,
		      uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return kit_xs_write_str(xs, dir, key, buf);
}

/* Strict decimal: digits only, no sign, no spaces, no overflow. */
static int xs_parse_uint(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t acc = 0;

	if (*s == 0)
		return -EINVAL;
	for (; *s; s++) {
		uint64_t d = (uint64_t)(*s - '0');

		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (d > max || acc > (max - d) / 10)	/* acc * 10 + d > max */
			return -EINVAL;
		acc = acc * 10 + d;
	}
	*v = acc;
	return 0;
}

int kit_xs_read_uint(struct kit_xs *xs, const char *dir, const char *key,
		     uint64_t max, uint64_t *v)
{
	char path[KIT_XS_PATH_MAX], buf[KIT_XS_VALUE_MAX];
	int rc = xs_join(path, dir, key);

	if (rc)
		return rc;
	rc = kit_xs_read(xs, path, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return xs_parse_uint(buf, max, v);
}

void kit_xs_test_die_locked(struct kit_xs *xs)
{
	xs_lock(xs);
	_exit(0);
}
