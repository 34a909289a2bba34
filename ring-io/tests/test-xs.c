/* SPDX-License-Identifier: MIT */
/*
 * xenstore stand-in: paths, values and numbers at and past every limit; a
 * rejected write changes nothing (generation included); watches fire; a
 * process dying with the lock held does not wedge the store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xs.h"

static int xs_setup(void **state)
{
	struct kit_xs *xs = calloc(1, sizeof(*xs));

	assert_non_null(xs);
	assert_int_equal(kit_xs_create(xs), 0);
	*state = xs;
	return 0;
}

static int xs_teardown(void **state)
{
	kit_xs_destroy(*state);
	free(*state);
	return 0;
}

static void test_write_read_rm(void **state)
{
	struct kit_xs *xs = *state;
	char buf[KIT_XS_VALUE_MAX];

	assert_int_equal(kit_xs_write(xs, "device/vbd/768/state", "1"), 0);
	assert_int_equal(kit_xs_write(xs, "device/vbd/768/ring-ref", "8"), 0);
	assert_int_equal(kit_xs_write(xs, "device/vbd/7680/state", "4"), 0);
	assert_int_equal(kit_xs_read(xs, "device/vbd/768/state", buf,
				     sizeof(buf)), 1);
	assert_string_equal(buf, "1");
	assert_int_equal(kit_xs_write(xs, "device/vbd/768/state", "4"), 0);
	assert_int_equal(kit_xs_read(xs, "device/vbd/768/state", buf,
				     sizeof(buf)), 1);
	assert_string_equal(buf, "4");
	/* rm takes the subtree, not a sibling that shares a prefix. */
	assert_int_equal(kit_xs_rm(xs, "device/vbd/768"), 0);
	assert_int_equal(kit_xs_read(xs, "device/vbd/768/state", buf,
				     sizeof(buf)), -ENOENT);
	assert_int_equal(kit_xs_read(xs, "device/vbd/7680/state", buf,
				     sizeof(buf)), 1);
	assert_int_equal(kit_xs_rm(xs, "device/vbd/768"), -ENOENT);
	/* Too small a buffer: told, not truncated. */
	assert_int_equal(kit_xs_read(xs, "device/vbd/7680/state", buf, 1),
			 -E2BIG);
}

struct path_case {
	const char *what;
	int len;		/* > 0: a path of this many 'a's */
	const char *path;
	int want;
};

static const struct path_case paths[] = {
	{ "empty", 0, "", -EINVAL },
	{ "root only", 0, "/", -EINVAL },
	{ "trailing slash", 0, "a/b/", -EINVAL },
	{ "empty component", 0, "a//b", -EINVAL },
	{ "space", 0, "a b", -EINVAL },
	{ "newline", 0, "a\nb", -EINVAL },
	{ "high byte", 0, "a\xff", -EINVAL },
	{ "leading slash", 0, "/local/domain/1/x", 0 },
	{ "all allowed punctuation", 0, "a-b_c@d.e/f", 0 },
	{ "longest path", KIT_XS_PATH_MAX - 1, NULL, 0 },
	{ "one too long", KIT_XS_PATH_MAX, NULL, -E2BIG },
	{ "far too long", 4 * KIT_XS_PATH_MAX, NULL, -E2BIG },
};

static void test_paths(void **state)
{
	struct kit_xs *xs = *state;
	char buf[8 * KIT_XS_PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const struct path_case *c = &paths[i];
		const char *p = c->path;
		uint64_t gen = kit_xs_generation(xs);

		if (c->len) {
			memset(buf, 'a', (size_t)c->len);
			buf[c->len] = 0;
			p = buf;
		}
		print_message("path: %s\n", c->what);
		assert_int_equal(kit_xs_write(xs, p, "v"), c->want);
		if (c->want)
			assert_int_equal(kit_xs_generation(xs), gen);
	}
}

static void test_values(void **state)
{
	struct kit_xs *xs = *state;
	char v[KIT_XS_VALUE_MAX + 1], out[KIT_XS_VALUE_MAX];

	memset(v, 'x', sizeof(v));
	v[KIT_XS_VALUE_MAX - 1] = 0;
	assert_int_equal(kit_xs_write(xs, "k", v), 0);
	assert_int_equal(kit_xs_read(xs, "k", out, sizeof(out)),
			 KIT_XS_VALUE_MAX - 1);
	v[KIT_XS_VALUE_MAX - 1] = 'x';
	v[KIT_XS_VALUE_MAX] = 0;
	assert_int_equal(kit_xs_write(xs, "k", v), -E2BIG);
	assert_int_equal(kit_xs_read(xs, "k", out, sizeof(out)),
			 KIT_XS_VALUE_MAX - 1);	/* unchanged */
	assert_int_equal(kit_xs_write(xs, "empty", ""), 0);
	assert_int_equal(kit_xs_read(xs, "empty", out, sizeof(out)), 0);
}

static void test_store_full(void **state)
{
	struct kit_xs *xs = *state;
	char path[32];
	unsigned int i;
	uint64_t gen;

	for (i = 0; i < KIT_XS_NODES; i++) {
		snprintf(path, sizeof(path), "n/%u", i);
		assert_int_equal(kit_xs_write(xs, path, "1"), 0);
	}
	gen = kit_xs_generation(xs);
	assert_int_equal(kit_xs_write(xs, "one/more", "1"), -ENOSPC);
	assert_int_equal(kit_xs_generation(xs), gen);
	assert_int_equal(kit_xs_write(xs, "n/0", "overwrite"), 0);
	assert_int_equal(kit_xs_rm(xs, "n/1"), 0);
	assert_int_equal(kit_xs_write(xs, "one/more", "1"), 0);
}

struct uint_case {
	const char *text;
	uint64_t max;
	int want;
	uint64_t value;
};

static const struct uint_case uints[] = {
	{ "0", 10, 0, 0 },
	{ "42", 100, 0, 42 },
	{ "10", 10, 0, 10 },
	{ "11", 10, -EINVAL, 0 },
	{ "5", 3, -EINVAL, 0 },		/* a digit alone above max */
	{ "007", 10, 0, 7 },
	{ "18446744073709551615", UINT64_MAX, 0, UINT64_MAX },
	{ "18446744073709551616", UINT64_MAX, -EINVAL, 0 },
	{ "99999999999999999999999", UINT64_MAX, -EINVAL, 0 },
	{ "4294967296", UINT32_MAX, -EINVAL, 0 },
	{ "", 10, -EINVAL, 0 },
	{ "-1", 10, -EINVAL, 0 },
	{ "+1", 10, -EINVAL, 0 },
	{ " 1", 10, -EINVAL, 0 },
	{ "1 ", 10, -EINVAL, 0 },
	{ "0x10", 100, -EINVAL, 0 },
	{ "1e3", 10000, -EINVAL, 0 },
};

static void test_read_uint(void **state)
{
	struct kit_xs *xs = *state;
	size_t i;
	uint64_t v;

	for (i = 0; i < sizeof(uints) / sizeof(uints[0]); i++) {
		const struct uint_case *c = &uints[i];

		print_message("number: \"%s\" max %llu\n", c->text,
			      (unsigned long long)c->max);
		assert_int_equal(kit_xs_write_str(xs, "d", "n", c->text), 0);
		v = 12345;
		assert_int_equal(kit_xs_read_uint(xs, "d", "n", c->max, &v),
				 c->want);
		assert_int_equal(v, c->want ? 12345 : c->value);
	}
	assert_int_equal(kit_xs_read_uint(xs, "d", "missing", 10, &v), -ENOENT);
}

static void test_watch_fires(void **state)
{
	struct kit_xs *xs = *state;
	struct pollfd p = { .fd = kit_xs_watch_fd(xs, 1), .events = POLLIN };
	char buf[8];

	kit_xs_watch_clear(xs, 1);
	assert_int_equal(poll(&p, 1, 0), 0);
	assert_int_equal(kit_xs_read(xs, "nothing", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(poll(&p, 1, 0), 0);	/* reads change nothing */
	assert_int_equal(kit_xs_write(xs, "a", "1"), 0);
	assert_int_equal(poll(&p, 1, 0), 1);
	kit_xs_watch_clear(xs, 1);
	assert_int_equal(kit_xs_rm(xs, "a"), 0);
	assert_int_equal(poll(&p, 1, 0), 1);
	assert_int_equal(kit_xs_watch_fd(xs, KIT_XS_WATCHERS), -1);
}

/* A child dies mid-write: the parent still reads and writes. */
static void test_survives_dead_writer(void **state)
{
	struct kit_xs *xs = *state;
	char buf[8];
	pid_t pid;
	int st;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		kit_xs_write(xs, "child", "1");
		kit_xs_test_die_locked(xs);	/* never returns */
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(kit_xs_read(xs, "child", buf, sizeof(buf)), 1);
	assert_int_equal(kit_xs_write(xs, "parent", "2"), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, xs_setup, xs_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_write_read_rm),
		T(test_paths),
		T(test_values),
		T(test_store_full),
		T(test_read_uint),
		T(test_watch_fires),
		T(test_survives_dead_writer),
	};

	return cmocka_run_group_tests_name("xs", tests, NULL, NULL);
}
