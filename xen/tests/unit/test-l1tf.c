/* SPDX-License-Identifier: GPL-2.0 */
/* L1TF decisions (arch/x86/mm/l1tf.c): which CPUs are affected, Xen's
 * defaults and pv-l1tf= syntax, the safe address, safe entries. */
#include "helpers.h"
#include <asm/l1tf.h>
#include <xeno/errno.h>

static void test_affected(void **state)
{
	const struct l1tf_cpu intel = { .intel = true, .paddr_bits = 46 };
	const struct l1tf_cpu intel_fixed = { .intel = true, .rdcl_no = true };
	const struct l1tf_cpu amd = { .intel = false, .paddr_bits = 40 };   /* QEMU's qemu64 */

	(void)state;
	assert_true(l1tf_cpu_affected(&intel));
	assert_false(l1tf_cpu_affected(&intel_fixed));
	assert_false(l1tf_cpu_affected(&amd));
	assert_false(l1tf_default_policy(false).domu);
	assert_true(l1tf_default_policy(true).domu);
	assert_false(l1tf_default_policy(true).dom0);   /* Xen: dom0 not by default */
}

static void test_option(void **state)
{
	struct l1tf_policy p = { false, false };
	static const char *const bad[] = { "", "dom1", "domu=maybe", "dom0,", ",domu", "no-", "x=1" };

	(void)state;
	assert_int_equal(l1tf_parse_option("domu", &p), 0);
	assert_true(p.domu && !p.dom0);
	assert_int_equal(l1tf_parse_option("true", &p), 0);
	assert_true(p.domu && p.dom0);
	assert_int_equal(l1tf_parse_option("no-dom0", &p), 0);
	assert_true(p.domu && !p.dom0);
	assert_int_equal(l1tf_parse_option("domu=0,dom0=yes", &p), 0);
	assert_true(!p.domu && p.dom0);
	assert_int_equal(l1tf_parse_option("off", &p), 0);
	assert_true(!p.domu && !p.dom0);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = (struct l1tf_policy){ true, false };
		assert_int_equal(l1tf_parse_option(bad[i], &p), bad[i][0] ? -EINVAL : 0);
		assert_true(p.dom0 && !p.domu);   /* unchanged */
	}
}

static void test_safe_maddr(void **state)
{
	(void)state;
	assert_int_equal(l1tf_safe_maddr(40, 1ULL << 30), 1ULL << 39);
	assert_int_equal(l1tf_safe_maddr(46, 1ULL << 30), 1ULL << 45);
	assert_int_equal(l1tf_safe_maddr(36, 48ULL << 30), 64ULL << 30);   /* RAM above half */
	assert_int_equal(l1tf_safe_maddr(0, 0), 1ULL << 51);   /* a nonsense width */
	assert_true(l1tf_entry_safe(0x2, 1ULL << 39));
	assert_true(l1tf_entry_safe(0x000ffffffffff000ULL, 1ULL << 39));
	assert_true(l1tf_entry_safe((1ULL << 39) | 0x6, 1ULL << 39));
	assert_false(l1tf_entry_safe(((1ULL << 39) - 4096) | 0x6, 1ULL << 39));
	assert_false(l1tf_entry_safe(0x1000, 1ULL << 39));
	assert_false(l1tf_entry_safe(0x8000000000001000ULL, 1ULL << 39));   /* NX is not address */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_affected),
		cmocka_unit_test(test_option),
		cmocka_unit_test(test_safe_maddr),
	};

	return RUN(tests);
}
