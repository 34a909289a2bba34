/* SPDX-License-Identifier: GPL-2.0-only */
/* Node building and the packed child list. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "node.h"

static struct xs_node *mk(const char *path, const char *value)
{
	static const struct xs_perm p = { 4, XS_PERM_READ, 0 };
	struct xs_node_spec s = {
		.path = path, .path_len = strlen(path), .perms = &p,
		.nr_perms = 1, .value = value, .value_len = strlen(value),
	};

	return xs_node_build(&s);
}

static void test_build_layout(void **state)
{
	struct xs_node *n = mk("/a/b", "val");

	assert_non_null(n);
	assert_string_equal(xs_node_path(n), "/a/b");
	assert_memory_equal(xs_node_value(n), "val", 3);
	assert_int_equal(xs_node_owner(n), 4);
	assert_int_equal(n->children_len, 0);
	assert_int_equal(xs_node_data_size(n), 3 + sizeof(struct xs_perm));
	free(n);
}

static void test_children_add_remove(void **state)
{
	struct xs_node *n = mk("/d", ""), *a, *b, *c, *d;

	a = xs_node_with_child(n, "x");
	b = xs_node_with_child(a, "yy");
	c = xs_node_with_child(b, "z");
	assert_int_equal(c->children_len, 7);
	assert_memory_equal(xs_node_children(c), "x\0yy\0z\0", 7);
	assert_true(xs_node_has_child(c, "yy"));
	assert_false(xs_node_has_child(c, "y"));
	d = xs_node_without_child(c, "yy");
	assert_memory_equal(xs_node_children(d), "x\0z\0", 4);
	assert_string_equal(xs_node_path(d), "/d");
	free(n); free(a); free(b); free(c);
	n = xs_node_without_child(d, "absent");
	assert_int_equal(n->children_len, 4);
	free(n);
	free(d);
}

static void test_value_and_perms_copies(void **state)
{
	static const struct xs_perm p2[] = { { 1, XS_PERM_NONE, 0 },
					     { 2, XS_PERM_BOTH, 0 } };
	struct xs_node *n = mk("/v", "old"), *w, *c, *x;

	c = xs_node_with_child(n, "k");
	w = xs_node_with_value(c, "newer", 5);
	assert_memory_equal(xs_node_value(w), "newer", 5);
	assert_memory_equal(xs_node_children(w), "k", 2);
	x = xs_node_with_perms(w, p2, 2);
	assert_int_equal(x->nr_perms, 2);
	assert_int_equal(xs_node_perms(x)[1].domid, 2);
	assert_memory_equal(xs_node_value(x), "newer", 5);
	assert_string_equal(xs_node_path(x), "/v");
	free(n); free(c); free(w); free(x);
}

static void test_build_rejects_zero_perms(void **state)
{
	struct xs_node_spec s = { .path = "/x", .path_len = 2 };

	assert_null(xs_node_build(&s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_layout),
		cmocka_unit_test(test_children_add_remove),
		cmocka_unit_test(test_value_and_perms_copies),
		cmocka_unit_test(test_build_rejects_zero_perms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
