/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line parsing: tokens, booleans, sizes and the option table. */
#include <xeno/cmdline.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

static bool token_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncmp(s, word, len) == 0;
}

int parse_bool(const char *s, size_t len, bool *out)
{
	static const char *const yes[] = { "1", "yes", "true", "on", "enable" };
	static const char *const no[] = { "0", "no", "false", "off", "disable" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (token_is(s, len, yes[i])) {
			*out = true;
			return 0;
		}
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (token_is(s, len, no[i])) {
			*out = false;
			return 0;
		}
	return -EINVAL;
}

/* Parse an unsigned decimal or 0x number from exactly [s, s+len). */
static int parse_uint_span(const char *s, size_t len, uint64_t *out, size_t *used)
{
	char buf[24];
	const char *end;

	if (len == 0)
		return -EINVAL;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;   /* longer numbers overflow anyway */
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = parse_ulong(buf, &end);
	if (end == buf)
		return -EINVAL;
	*used = (size_t)(end - buf);
	return 0;
}

/* A size option's value: a number with an optional one-letter unit
 * (B, K, M, G, T, either case) and KiB without one, as Xen reads mem= and
 * dom0_mem=. -EINVAL for trailing junk or a value that overflows. */
int parse_size(const char *s, size_t len, uint64_t *out)
{
	uint64_t v;
	size_t used;
	unsigned shift = 10;   /* no suffix: KiB, as Xen */

	if (parse_uint_span(s, len, &v, &used))
		return -EINVAL;
	if (used < len) {
		if (used + 1 != len)
			return -EINVAL;
		switch (s[used]) {
		case 'B': case 'b': shift = 0; break;
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		case 'T': case 't': shift = 40; break;
		default: return -EINVAL;
		}
	}
	if (shift && v > (UINT64_MAX >> shift))
		return -EINVAL;
	*out = v << shift;
	return 0;
}

static int store_uint(void *var, size_t size, uint64_t v)
{
	switch (size) {
	case 1: if (v > UINT8_MAX) return -EINVAL; *(uint8_t *)var = (uint8_t)v; return 0;
	case 2: if (v > UINT16_MAX) return -EINVAL; *(uint16_t *)var = (uint16_t)v; return 0;
	case 4: if (v > UINT32_MAX) return -EINVAL; *(uint32_t *)var = (uint32_t)v; return 0;
	case 8: *(uint64_t *)var = v; return 0;
	default: return -EINVAL;
	}
}

static int apply_param(const struct kernel_param *p, const char *val,
		       size_t vlen, bool negated)
{
	uint64_t v;
	size_t used;
	bool b = !negated;

	switch (p->type) {
	case PARAM_BOOL:
		if (val && (negated || parse_bool(val, vlen, &b)))
			return -EINVAL;
		*(bool *)p->var = b;
		return 0;
	case PARAM_UINT:
		if (!val || negated || parse_uint_span(val, vlen, &v, &used) || used != vlen)
			return -EINVAL;
		return store_uint(p->var, p->len, v);
	case PARAM_SIZE:
		if (!val || negated || parse_size(val, vlen, &v))
			return -EINVAL;
		return store_uint(p->var, p->len, v);
	case PARAM_STRING:
		if (!val || negated || vlen >= p->len)
			return -EINVAL;
		memcpy(p->var, val, vlen);
		((char *)p->var)[vlen] = '\0';
		return 0;
	case PARAM_CUSTOM: {
		char buf[128];

		if (negated || (val && vlen >= sizeof(buf)))
			return -EINVAL;
		if (val) {
			memcpy(buf, val, vlen);
			buf[vlen] = '\0';
		}
		return p->custom(val ? buf : NULL);
	}
	}
	return -EINVAL;
}

static const struct kernel_param *find_param(const struct kernel_param *params,
					     size_t nr, const char *name, size_t len)
{
	for (size_t i = 0; i < nr; i++)
		if (token_is(name, len, params[i].name))
			return &params[i];
	return NULL;
}

/* One "name", "name=value" or "no-name" token: 0, or 1 after reporting
 * an unknown option or a bad value (the boot goes on with the default,
 * as Xen's does). */
static int parse_one(const char *tok, size_t len, const struct kernel_param *params,
		     size_t nr, cmdline_report_t report)
{
	const char *eq = memchr(tok, '=', len);
	size_t nlen = eq ? (size_t)(eq - tok) : len;
	const char *val = eq ? eq + 1 : NULL;
	size_t vlen = eq ? len - nlen - 1 : 0;
	const struct kernel_param *p = find_param(params, nr, tok, nlen);
	bool negated = false;

	if (!p && nlen > 3 && strncmp(tok, "no-", 3) == 0) {
		p = find_param(params, nr, tok + 3, nlen - 3);
		negated = p != NULL;
	}
	if (!p) {
		report("unknown option", tok, len);
		return 1;
	}
	if (apply_param(p, val, vlen, negated)) {
		report("bad value", tok, len);
		return 1;
	}
	return 0;
}

/* Space- or tab-separated tokens, no quoting (Xen's command line has
 * none either); returns how many were reported as problems. */
int cmdline_parse(const char *cmdline, const struct kernel_param *params,
		  size_t nr_params, cmdline_report_t report)
{
	int problems = 0;
	const char *s = cmdline;

	if (!s)
		return 0;
	for (;;) {
		size_t len = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		while (s[len] && s[len] != ' ' && s[len] != '\t')
			len++;
		problems += parse_one(s, len, params, nr_params, report);
		s += len;
	}
	return problems;
}

static int dom0_mem_item(const char *s, size_t len, uint64_t *v, bool *neg)
{
	*neg = len && s[0] == '-';
	if (*neg) {
		s++;
		len--;
	}
	return parse_size(s, len, v) || *v == 0 ? -EINVAL : 0;
}

int parse_dom0_mem(const char *s, struct dom0_mem_spec *out)
{
	*out = (struct dom0_mem_spec){ 0 };
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		int rc;

		if (len > 4 && !strncmp(s, "min:", 4))
			rc = dom0_mem_item(s + 4, len - 4, &out->min, &out->min_neg);
		else if (len > 4 && !strncmp(s, "max:", 4))
			rc = dom0_mem_item(s + 4, len - 4, &out->max, &out->max_neg);
		else
			rc = dom0_mem_item(s, len, &out->amount, &out->amount_neg);
		if (rc)
			return rc;
		s = comma ? comma + 1 : s + len;
	}
	return 0;
}

static uint64_t resolve(uint64_t v, bool neg, uint64_t free)
{
	return neg ? (v < free ? free - v : 0) : v;
}

void dom0_mem_size(const struct dom0_mem_spec *sp, uint64_t free, uint64_t dflt,
		   uint64_t *size, uint64_t *max)
{
	uint64_t lo = sp->min ? resolve(sp->min, sp->min_neg, free) : 0;
	uint64_t hi = sp->max ? resolve(sp->max, sp->max_neg, free) : UINT64_MAX;
	uint64_t n = sp->amount ? resolve(sp->amount, sp->amount_neg, free)
				: MIN(dflt, hi);

	/* As Xen: the amount is clamped to [min, max], and to what is free. */
	n = MAX(n, lo);
	n = MIN(n, hi);
	n = MIN(n, free);
	*size = n;
	*max = sp->max ? MAX(hi, n) : n;
}
