/* SPDX-License-Identifier: GPL-2.0 */
/* The guest console policy (common/console-line.c): what a domU may send
 * the host's terminal, line assembly (a line is printed whole, an overlong
 * one cut in pieces of GUEST_LINE_MAX - 1), prompts shown only when asked,
 * the per-domain rate limit with its one report per drop episode, and the
 * trusted (privileged) domain passing unfiltered and unlimited. */
#include "helpers.h"
#include <xeno/console-line.h>

#define SEC 1000000000ULL

/* What the sink saw: the printed text with "|" after each piece that
 * ended a line and "~" after each that did not, and the reports. */
static char seen[1 << 18];
static size_t seen_len;
static unsigned int nr_reports;
static uint32_t reported_lines;
static uint64_t reported_bytes;

static void emit(void *ctx, struct guest_line *l, const char *text, unsigned int len,
		 bool newline)
{
	(void)ctx;
	if (!l->open && seen_len + 2 < sizeof(seen))
		seen[seen_len++] = '>';   /* a new line with its prefix */
	for (unsigned int i = 0; i < len && seen_len + 2 < sizeof(seen); i++)
		seen[seen_len++] = text[i];
	seen[seen_len++] = newline ? '|' : '~';
	seen[seen_len] = '\0';
}

static void report(void *ctx, uint32_t lines, uint64_t bytes)
{
	(void)ctx;
	nr_reports++;
	reported_lines += lines;
	reported_bytes += bytes;
}

static const struct gline_sink sink = { emit, report, NULL };
static struct guest_line line;

static int setup(void **state)
{
	(void)state;
	memset(&line, 0, sizeof(line));
	seen_len = 0;
	seen[0] = '\0';
	nr_reports = 0;
	reported_lines = 0;
	reported_bytes = 0;
	return 0;
}

static void put(const char *s, uint64_t now, bool trusted, bool partial)
{
	gline_write(&line, s, strlen(s), now, trusted, partial, &sink);
}

static void test_allowed_chars(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++)
		assert_int_equal(console_char_allowed((char)c),
				 (c >= 0x20 && c <= 0x7e) || c == '\t');
}

static void test_escapes_stripped(void **state)
{
	(void)state;
	put("a\x1b[2Jb\x1b]0;t\x07 c\r\b\x7f\x01\x9b\xc2\x9b\xff\td\n", 0, false, false);
	assert_string_equal(seen, ">a[2Jb]0;t c\td|");
}

static void test_trusted_unfiltered(void **state)
{
	(void)state;
	put("\x1b[1mbold\r\x07\n", 0, true, false);
	assert_string_equal(seen, ">\x1b[1mbold\x07|");
}

static void test_line_whole_until_newline(void **state)
{
	(void)state;
	put("hello ", 0, false, false);
	put("wor", 0, false, false);
	assert_string_equal(seen, "");   /* nothing shown: no split possible */
	put("ld\nnext", 0, false, false);
	assert_string_equal(seen, ">hello world|");
	gline_end(&line, 0, false, &sink);
	assert_string_equal(seen, ">hello world|>next|");
}

static void test_prompt_shown_when_asked(void **state)
{
	(void)state;
	put("# ", 0, false, true);
	put("ls", 0, false, true);
	put("\n", 0, false, true);
	assert_string_equal(seen, "># ~ls~|");
	assert_false(line.open);
}

static void test_overlong_cut(void **state)
{
	char big[1000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	put(big, 0, false, false);
	put("\n", 0, false, false);
	/* 999 = 3 x 255 + 234 */
	assert_int_equal(seen_len, 4 + 999 + 4);
	assert_int_equal(seen[256], '|');
	assert_int_equal(seen[257], '>');
	assert_int_equal(seen[seen_len - 1], '|');
}

static void test_rate_limit_drops_and_reports_once(void **state)
{
	char l100[101];
	unsigned int shown = 0;

	(void)state;
	memset(l100, 'f', 99);
	l100[99] = '\n';
	l100[100] = '\0';
	for (unsigned int i = 0; i < 3000; i++)
		put(l100, 1 * SEC, false, false);
	for (size_t i = 0; i < seen_len; i++)
		shown += seen[i] == '|';
	/* The burst: 64 KiB of 100-byte lines, then nothing. */
	assert_int_equal(shown, CONSOLE_RATE_BURST / 100);
	assert_int_equal(nr_reports, 0);
	/* Not yet refilled to the resume mark: still silent. */
	gline_poll(&line, 2 * SEC, &sink);
	assert_int_equal(nr_reports, 0);
	/* Refilled: one report, for every line dropped. */
	gline_poll(&line, 4 * SEC, &sink);
	assert_int_equal(nr_reports, 1);
	assert_int_equal(reported_lines, 3000 - shown);
	assert_int_equal(reported_bytes, (uint64_t)(3000 - shown) * 100);
	gline_poll(&line, 5 * SEC, &sink);
	assert_int_equal(nr_reports, 1);
}

static void test_report_before_next_line(void **state)
{
	char l100[101];

	(void)state;
	memset(l100, 'f', 99);
	l100[99] = '\n';
	l100[100] = '\0';
	for (unsigned int i = 0; i < 1000; i++)
		put(l100, 0, false, false);
	assert_int_equal(nr_reports, 0);
	put("after\n", 3 * SEC, false, false);
	assert_int_equal(nr_reports, 1);
	assert_non_null(strstr(seen, ">after|"));
}

static void test_resume_hysteresis(void **state)
{
	struct console_rate r = { 0 };

	(void)state;
	assert_true(console_rate_allow(&r, 0, CONSOLE_RATE_BURST));
	assert_false(console_rate_allow(&r, 0, 1));
	/* One byte's worth of credit is back, but not the resume mark. */
	assert_false(console_rate_allow(&r, CONSOLE_NS_PER_BYTE * 10, 1));
	assert_true(console_rate_allow(&r, CONSOLE_NS_PER_BYTE * CONSOLE_RATE_RESUME, 1));
	assert_int_equal(r.dropped_lines, 2);
	assert_int_equal(r.dropped_bytes, 2);
}

static void test_credit_capped_and_clock_back(void **state)
{
	struct console_rate r = { 0 };

	(void)state;
	assert_true(console_rate_allow(&r, 100 * SEC, 1));
	/* An hour idle refills to the burst, no more. */
	assert_true(console_rate_allow(&r, 3700 * SEC, CONSOLE_RATE_BURST));
	assert_false(console_rate_allow(&r, 3700 * SEC, 1));
	/* Time going back gives no credit. */
	assert_false(console_rate_allow(&r, 1 * SEC, 1));
}

static void test_trusted_not_limited(void **state)
{
	char l100[101];

	(void)state;
	memset(l100, 't', 99);
	l100[99] = '\n';
	l100[100] = '\0';
	for (unsigned int i = 0; i < 2000; i++)
		put(l100, 0, true, false);
	assert_int_equal(seen_len, 2000 * 101);
	assert_int_equal(nr_reports, 0);
}

static void test_dropped_piece_closes_open_line(void **state)
{
	(void)state;
	line.rate.primed = true;   /* no credit at all */
	line.open = true;          /* a prompt of ours is on the console */
	put("x\n", 0, false, false);
	assert_string_equal(seen, "|");
	assert_false(line.open);
	gline_end(&line, 0, false, &sink);
	assert_int_equal(nr_reports, 1);
	assert_int_equal(reported_lines, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_allowed_chars, setup),
		cmocka_unit_test_setup(test_escapes_stripped, setup),
		cmocka_unit_test_setup(test_trusted_unfiltered, setup),
		cmocka_unit_test_setup(test_line_whole_until_newline, setup),
		cmocka_unit_test_setup(test_prompt_shown_when_asked, setup),
		cmocka_unit_test_setup(test_overlong_cut, setup),
		cmocka_unit_test_setup(test_rate_limit_drops_and_reports_once, setup),
		cmocka_unit_test_setup(test_report_before_next_line, setup),
		cmocka_unit_test_setup(test_resume_hysteresis, setup),
		cmocka_unit_test_setup(test_credit_capped_and_clock_back, setup),
		cmocka_unit_test_setup(test_trusted_not_limited, setup),
		cmocka_unit_test_setup(test_dropped_piece_closes_open_line, setup),
	};

	return RUN(tests);
}
