/* SPDX-License-Identifier: GPL-2.0-only */
/* The path map: growth, replacement, and deletion keeping every other
 * entry reachable (backward shift), checked against a simple model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "map.h"

static struct xs_node *mk(const char *path)
{
	static const struct xs_perm p = { 0, 0, 0 };
	struct xs_node_spec s = { .path = path, .path_len = strlen(path),
				  .perms = &p, .nr_perms = 1 };

	return xs_node_build(&s);
}

static void test_put_get_replace(void **state)
{
	struct xs_map m;
	struct xs_node *a = mk("/a"), *a2 = mk("/a");

	xs_map_init(&m);
	assert_null(xs_map_get(&m, "/a", 2));
	assert_null(xs_map_put(&m, a));
	assert_ptr_equal(xs_map_get(&m, "/a", 2), a);
	assert_ptr_equal(xs_map_put(&m, a2), a);
	free(a);
	assert_int_equal(m.count, 1);
	assert_ptr_equal(xs_map_del(&m, "/a", 2), a2);
	free(a2);
	assert_null(xs_map_del(&m, "/a", 2));
	xs_map_destroy(&m, 1);
}

static void test_many_with_deletions(void **state)
{
	enum { N = 5000 };
	static bool present[N];
	struct xs_map m;
	char path[32];
	unsigned int i, seen = 0;
	size_t idx = 0;

	xs_map_init(&m);
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), "/n%u", i);
		assert_null(xs_map_put(&m, mk(path)));
		present[i] = true;
	}
	srand(1);
	for (i = 0; i < N / 2; i++) {
		unsigned int k = (unsigned int)rand() % N;

		snprintf(path, sizeof(path), "/n%u", k);
		free(xs_map_del(&m, path, strlen(path)));
		present[k] = false;
	}
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), "/n%u", i);
		if ((xs_map_get(&m, path, strlen(path)) != NULL) != present[i])
			fail_msg("%s: presence wrong", path);
		seen += present[i];
	}
	assert_int_equal(m.count, seen);
	i = 0;
	while (xs_map_next(&m, &idx))
		i++;
	assert_int_equal(i, seen);
	xs_map_destroy(&m, 1);
}

static void test_reserve_prevents_growth(void **state)
{
	struct xs_map m;
	char path[32];
	size_t cap;
	unsigned int i;

	xs_map_init(&m);
	assert_int_equal(xs_map_reserve(&m, 100), 0);
	cap = m.cap;
	for (i = 0; i < 100; i++) {
		snprintf(path, sizeof(path), "/r%u", i);
		assert_null(xs_map_put(&m, mk(path)));
	}
	assert_int_equal(m.cap, cap);
	xs_map_destroy(&m, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_replace),
		cmocka_unit_test(test_many_with_deletions),
		cmocka_unit_test(test_reserve_prevents_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
