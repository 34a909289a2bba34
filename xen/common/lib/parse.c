/* SPDX-License-Identifier: GPL-2.0 */
/* Number parsing for command lines and notes. */
#include <xeno/lib.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

uint64_t parse_ulong(const char *s, const char **end)
{
	unsigned base = 10;
	const char *p = s;
	uint64_t v = 0;
	int d;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		base = 16;
		p += 2;
	}
	if (digit_value(*p) >= (int)base) {
		*end = s;
		return 0;
	}
	for (; (d = digit_value(*p)) < (int)base; p++) {
		if (v > (UINT64_MAX - (uint64_t)d) / base) {
			*end = s;   /* overflow: nothing parsed */
			return UINT64_MAX;
		}
		v = v * base + (uint64_t)d;
	}
	*end = p;
	return v;
}
