/* SPDX-License-Identifier: GPL-2.0 */
/* domain_lookup, the one domid resolver of every hypercall: DOMID_SELF and
 * the caller's own id are the caller; an id of no live domain is -ESRCH
 * whoever asks (a dead domain's record does not count); another domain
 * needs privilege only when the call says so (-EPERM), and the lookup
 * comes first, as in Xen. A refusal leaves the out-parameter alone. */
#include "helpers.h"
#include <xeno/domain.h>
#include <xeno/errno.h>

struct domain *domain_list[MAX_DOMAINS];

static struct domain dom0 = { .domain_id = 0, .is_privileged = true, .state = DOMAIN_RUNNING };
static struct domain domu = { .domain_id = 1, .state = DOMAIN_RUNNING };
static struct domain other = { .domain_id = 2, .state = DOMAIN_RUNNING };
static struct domain dead = { .domain_id = 3, .state = DOMAIN_DEAD };
static struct domain *const poison = (struct domain *)0x1;

static int setup(void **state)
{
	memset(domain_list, 0, sizeof(domain_list));
	domain_list[0] = &dom0;
	domain_list[5] = &domu;     /* slots need not match ids */
	domain_list[9] = &other;
	domain_list[7] = &dead;
	return 0;
}

static const struct {
	const char *what;
	struct domain *self;
	domid_t id;
	bool need_priv;
	int rc;
	struct domain *want;
} cases[] = {
	{ "DOMID_SELF", &domu, DOMID_SELF, true, 0, &domu },
	{ "own id", &domu, 1, true, 0, &domu },
	{ "another domain, unprivileged, priv needed", &domu, 2, true, -EPERM, NULL },
	{ "another domain, unprivileged, no priv needed", &domu, 2, false, 0, &other },
	{ "another domain, privileged", &dom0, 2, true, 0, &other },
	{ "missing, unprivileged: -ESRCH before -EPERM", &domu, 42, true, -ESRCH, NULL },
	{ "missing, privileged", &dom0, 42, true, -ESRCH, NULL },
	{ "dead domain", &dom0, 3, true, -ESRCH, NULL },
	{ "DOMID_XEN is no domain here", &dom0, DOMID_XEN, true, -ESRCH, NULL },
	{ "DOMID_IO is no domain here", &domu, DOMID_IO, false, -ESRCH, NULL },
};

static void test_table(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct domain *d = poison;
		int rc = domain_lookup(cases[i].self, cases[i].id, cases[i].need_priv, &d);

		if (rc != cases[i].rc)
			fail_msg("%s: rc %d, want %d", cases[i].what, rc, cases[i].rc);
		if (d != (cases[i].rc ? poison : cases[i].want))
			fail_msg("%s: wrong domain", cases[i].what);
	}
}

static void test_domain_by_id_skips_dead(void **state)
{
	assert_ptr_equal(domain_by_id(2), &other);
	assert_null(domain_by_id(3));
	assert_null(domain_by_id(DOMID_SELF));   /* only lookup knows "self" */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table, setup),
		cmocka_unit_test_setup(test_domain_by_id_skips_dead, setup),
	};

	return RUN(tests);
}
