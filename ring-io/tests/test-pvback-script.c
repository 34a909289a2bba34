/* SPDX-License-Identifier: MIT */
/*
 * Scenario files for `NAME-back scenario` (pvdrv/back/pvback-script.c):
 * every line form, each malformed one refused with its line number, and
 * the shipped scenarios (pvdrv/scenarios/) played through the kit's
 * engine over a store stand-in against a model of the contract's front
 * end; a front end that connects on a stale Connected must fail.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pvback-script.h"

#define S(x) XenbusState##x

static void test_parse_all_forms(void **state)
{
	static struct pvback_scenario sc;
	const char *text =
		"# a comment\n"
		"name  two words  \n"
		"budget 1234\n"
		"\n"
		"state 2\t# trailing comment\n"
		"state Connected\n"
		"raw banana split\n"
		"key feature-x_1 some value\n"
		"remove\n"
		"wait Initialised\n"
		"hold 4 50\n"
		"start Initialising\n"
		"expect Closed\r\n";
	unsigned int bad = 99;

	(void)state;
	assert_int_equal(pvback_scn_parse(&sc, text, &bad), 0);
	assert_string_equal(sc.name, "two words");
	assert_int_equal(sc.budget, 1234);
	assert_int_equal(sc.expect, S(Closed));
	assert_true(sc.has_start);
	assert_int_equal(sc.start, S(Initialising));
	assert_int_equal(sc.nr_steps, 7);
	assert_int_equal(sc.steps[0].op, XBS_STATE);
	assert_int_equal(sc.steps[0].state, S(InitWait));
	assert_int_equal(sc.steps[1].state, S(Connected));
	assert_int_equal(sc.steps[2].op, XBS_STATE_RAW);
	assert_string_equal(sc.steps[2].value, "banana split");
	assert_int_equal(sc.steps[3].op, XBS_KEY);
	assert_string_equal(sc.steps[3].key, "feature-x_1");
	assert_string_equal(sc.steps[3].value, "some value");
	assert_int_equal(sc.steps[4].op, XBS_REMOVE);
	assert_int_equal(sc.steps[5].op, XBS_WAIT);
	assert_int_equal(sc.steps[5].state, S(Initialised));
	assert_int_equal(sc.steps[6].op, XBS_HOLD);
	assert_int_equal(sc.steps[6].ticks, 50);
	assert_int_equal(sc.steps[7].op, XBS_END);
}

struct bad_case {
	const char *text;
	unsigned int line;
	int rc;
};

static void test_parse_refuses(void **state)
{
	static char long_line[PVB_SCN_LINE_MAX + 8], many[8192];
	static const struct bad_case cases[] = {
		{ "state 2\nfrobnicate\nexpect 4\n", 2, -EINVAL },
		{ "state\nexpect 4\n", 1, -EINVAL },
		{ "state 9\nexpect 4\n", 1, -EINVAL },
		{ "state -1\nexpect 4\n", 1, -EINVAL },
		{ "state 02\nexpect 4\n", 1, -EINVAL },
		{ "state connected\nexpect 4\n", 1, -EINVAL },
		{ "state 2 3\nexpect 4\n", 1, -EINVAL },
		{ "wait\nexpect 4\n", 1, -EINVAL },
		{ "hold 4\nexpect 4\n", 1, -EINVAL },
		{ "hold 4 0\nexpect 4\n", 1, -EINVAL },
		{ "hold 4 600001\nexpect 4\n", 1, -EINVAL },
		{ "hold 4 5 6\nexpect 4\n", 1, -EINVAL },
		{ "raw\nexpect 4\n", 1, -EINVAL },
		{ "key\nexpect 4\n", 1, -EINVAL },
		{ "key onlykey\nexpect 4\n", 1, -EINVAL },
		{ "key a/b 1\nexpect 4\n", 1, -EINVAL },
		{ "key ../x 1\nexpect 4\n", 1, -EINVAL },
		{ "remove now\nexpect 4\n", 1, -EINVAL },
		{ "budget 0\nstate 2\nexpect 4\n", 1, -EINVAL },
		{ "budget x\nstate 2\nexpect 4\n", 1, -EINVAL },
		{ "state 2\nexpect 3\n", 2, -EINVAL },
		{ "state 2\nexpect\n", 2, -EINVAL },
		{ "start\nstate 2\nexpect 4\n", 1, -EINVAL },
		{ "start 9\nstate 2\nexpect 4\n", 1, -EINVAL },
		{ "start 1 2\nstate 2\nexpect 4\n", 1, -EINVAL },
		{ "name\nstate 2\nexpect 4\n", 1, -EINVAL },
		/* nothing to play, or nothing checked */
		{ "expect 4\n", 1, -EINVAL },
		{ "state 2\nwait 3\n", 2, -EINVAL },
		{ "", 0, -EINVAL },
	};
	static struct pvback_scenario sc;
	unsigned int bad, i;
	size_t n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = 99;
		if (pvback_scn_parse(&sc, cases[i].text, &bad) != cases[i].rc ||
		    bad != cases[i].line)
			fail_msg("case %u: line %u, want %u", i, bad,
				 cases[i].line);
	}
	/* A line one longer than the buffer. */
	memset(long_line, 'x', PVB_SCN_LINE_MAX);
	memcpy(long_line, "raw ", 4);
	assert_int_equal(pvback_scn_parse(&sc, long_line, &bad), -E2BIG);
	assert_int_equal(bad, 1);
	/* A value of PVB_SCN_TEXT_MAX characters (no room for the NUL). */
	memset(many, 'v', sizeof(many));
	memcpy(many, "raw ", 4);
	strcpy(many + 4 + PVB_SCN_TEXT_MAX, "\nexpect 4\n");
	assert_int_equal(pvback_scn_parse(&sc, many, &bad), -EINVAL);
	/* One step more than the table holds. */
	for (i = 0, n = 0; i <= PVB_SCN_MAX_STEPS; i++)
		n += (size_t)sprintf(many + n, "state 2\n");
	strcpy(many + n, "expect 4\n");
	assert_int_equal(pvback_scn_parse(&sc, many, &bad), -E2BIG);
	assert_int_equal(bad, PVB_SCN_MAX_STEPS + 1);
}

/* --- the shipped scenarios against a model front end ------------------ */

struct model {
	enum xenbus_state be, fe;	/* the store: two state nodes */
	bool be_gone, be_garbage;
	bool naive;			/* connects on any Connected */
	bool have_ring;
};

static int m_write(void *ctx, const char *dir, const char *key,
		   const char *value)
{
	struct model *m = ctx;
	enum xenbus_state st;

	(void)dir;
	if (strcmp(key, "state"))
		return 0;
	m->be_gone = false;
	m->be_garbage = pvback_scn_parse_state(value, &st) != 0;
	if (!m->be_garbage)
		m->be = st;
	return 0;
}

static int m_remove(void *ctx, const char *dir)
{
	struct model *m = ctx;

	(void)dir;
	m->be_gone = true;
	return 0;
}

static const struct xbs_store model_store = { m_write, m_remove, NULL };

/* The contract's front end (pvfront), one reaction per tick. */
static int m_step(void *drv)
{
	struct model *m = drv;
	enum xenbus_state be = m->be_gone || m->be_garbage ? S(Unknown) : m->be;
	enum xenbus_state old = m->fe;

	if (m->fe == S(Unknown))
		m->fe = S(Initialising);
	else if (be == S(InitWait) && m->fe != S(Initialised)) {
		m->have_ring = true;
		m->fe = S(Initialised);
	} else if (be == S(Connected) && (m->naive ||
		   (m->fe == S(Initialised) && m->have_ring)))
		m->fe = S(Connected);
	else if ((be == S(Closing) || be == S(Closed) || be == S(Unknown)) &&
		 m->fe != S(Initialising) && m->fe != S(Closed)) {
		m->have_ring = false;
		m->fe = S(Closed);
	}
	return m->fe != old;
}

static enum xenbus_state m_state(void *drv)
{
	return ((struct model *)drv)->fe;
}

static int play_file(const char *path, bool naive, const char **why)
{
	static struct pvback_scenario sc;
	static char text[8192];
	struct model m = { .be = S(Initialising), .naive = naive };
	struct xbs_peer peer = { .store = &model_store, .ctx = &m,
				 .dir = "/be" };
	struct xbs_driver d = { m_step, m_state, &m };
	struct xbs_result res;
	unsigned int bad;
	FILE *f = fopen(path, "r");
	size_t n;
	int rc;

	if (!f)
		return -ENOENT;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	rc = pvback_scn_parse(&sc, text, &bad);
	if (rc) {
		*why = "does not parse";
		return rc;
	}
	peer.script = sc.steps;
	m.fe = S(Initialising);		/* a freshly attached device */
	if (!sc.has_start || sc.start != m.fe) {
		*why = "no start Initialising";
		return -EINVAL;
	}
	rc = xbs_run(&peer, &d, sc.budget, &res);
	*why = peer.why;
	if (rc == 0 && res.end != sc.expect) {
		*why = "settled in the wrong state";
		rc = -EPROTO;
	}
	return rc;
}

static void test_shipped_scenarios(void **state)
{
	DIR *dir = opendir("pvdrv/scenarios");
	struct dirent *e;
	char path[300];
	const char *why = NULL;
	unsigned int nr = 0;
	int rc;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		if (!strstr(e->d_name, ".xbs"))
			continue;
		snprintf(path, sizeof(path), "pvdrv/scenarios/%s", e->d_name);
		rc = play_file(path, false, &why);
		print_message("%s: %d%s%s\n", e->d_name, rc, why ? ": " : "",
			      why ? why : "");
		if (rc)
			fail_msg("%s: %d (%s)", path, rc, why ? why : "");
		nr++;
	}
	closedir(dir);
	assert_true(nr >= 6);
	/* The stale-Connected scenario catches a front end that trusts it. */
	assert_int_equal(play_file("pvdrv/scenarios/back-stale-connected.xbs",
				   true, &why), -EPROTO);
	assert_non_null(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_all_forms),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_shipped_scenarios),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
