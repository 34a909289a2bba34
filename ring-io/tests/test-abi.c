/* SPDX-License-Identifier: MIT */
/*
 * Our protocol headers against Xen's (libxen-dev): every size, offset and
 * constant in abi-list.h must be equal, or a Linux front end would read
 * our back end's ring wrongly. One case per group; a mismatch names itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "abi.h"

#define MAX_FACTS 512

static struct abi_fact xen[MAX_FACTS], ours[MAX_FACTS];
static size_t nr_xen, nr_ours;

static int load_facts(void **state)
{
	(void)state;
	nr_xen = abi_facts_xen(xen, MAX_FACTS);
	nr_ours = abi_facts_ours(ours, MAX_FACTS);
	return 0;
}

static void check_group(const char *group)
{
	size_t i, checked = 0, bad = 0;

	assert_true(nr_xen > 0);
	assert_int_equal(nr_xen, nr_ours);
	for (i = 0; i < nr_xen; i++) {
		if (strcmp(xen[i].group, group))
			continue;
		assert_string_equal(xen[i].what, ours[i].what);
		checked++;
		if (xen[i].value == ours[i].value)
			continue;
		print_error("%s: Xen %lld, ours %lld\n", xen[i].what,
			    xen[i].value, ours[i].value);
		bad++;
	}
	print_message("%s: %zu facts checked\n", group, checked);
	assert_true(checked > 0);
	assert_int_equal(bad, 0);
}

static void test_abi_ring(void **state) { (void)state; check_group("ring"); }
static void test_abi_blkif(void **state) { (void)state; check_group("blkif"); }
static void test_abi_netif(void **state) { (void)state; check_group("netif"); }
static void test_abi_xenbus(void **state) { (void)state; check_group("xenbus"); }
static void test_abi_grant(void **state) { (void)state; check_group("grant"); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_ring),
		cmocka_unit_test(test_abi_blkif),
		cmocka_unit_test(test_abi_netif),
		cmocka_unit_test(test_abi_xenbus),
		cmocka_unit_test(test_abi_grant),
	};

	return cmocka_run_group_tests_name("abi", tests, load_facts, NULL);
}
