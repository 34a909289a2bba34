/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest-triggered log lines are rate-limited; others are not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "log.h"

/* Runs @n calls of @fn with stderr captured; returns the lines written. */
static unsigned int captured_lines(void (*fn)(const char *, ...), unsigned int n)
{
	char path[] = "/tmp/xs-log.XXXXXX", buf[256];
	int fd = mkstemp(path), saved = dup(2);
	unsigned int i, lines = 0;
	FILE *f;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	for (i = 0; i < n; i++)
		fn("domain %u: line %u", 7u, i);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fdopen(fd, "r");
	rewind(f);
	while (fgets(buf, sizeof(buf), f))
		lines += strncmp(buf, "xenstored: domain 7: line ", 26) == 0;
	fclose(f);
	unlink(path);
	return lines;
}

static void test_guest_lines_are_limited(void **state)
{
	xs_log_quiet = 0;
	assert_int_equal(captured_lines(xs_log_guest, XS_LOG_BURST + 30),
			 XS_LOG_BURST);
	assert_int_equal(captured_lines(xs_log, 50), 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_lines_are_limited),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
