/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor command-line options. Each file declares its own options with
 * the *_param() macros; the parser walks the collected table. */
#ifndef XENO_CMDLINE_H
#define XENO_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum param_type { PARAM_BOOL, PARAM_UINT, PARAM_SIZE, PARAM_STRING, PARAM_CUSTOM };

struct kernel_param {
	const char *name;
	enum param_type type;
	void *var;
	size_t len;                     /* PARAM_STRING: buffer size */
	int (*custom)(const char *val); /* PARAM_CUSTOM: 0 or -EINVAL */
};

#define __param(name_, type_, var_, len_, fn_) \
	static const struct kernel_param __param_##var_ \
	__attribute__((used, section(".param"), aligned(8))) = \
		{ name_, type_, &(var_), len_, fn_ }

#define boolean_param(n, v) __param(n, PARAM_BOOL, v, sizeof(v), NULL)
#define integer_param(n, v) __param(n, PARAM_UINT, v, sizeof(v), NULL)
#define size_param(n, v)    __param(n, PARAM_SIZE, v, sizeof(v), NULL)
#define string_param(n, v)  __param(n, PARAM_STRING, v, sizeof(v), NULL)

/* Called once per problem: an unknown option or a bad value. */
typedef void (*cmdline_report_t)(const char *what, const char *opt, size_t len);

/* Parse a space-separated "name", "no-name" or "name=value" list. Returns
 * the number of problems reported (unknown options, bad values). */
int cmdline_parse(const char *cmdline, const struct kernel_param *params,
		  size_t nr_params, cmdline_report_t report);

/* "1G", "512M", "4096K", "100B"; no suffix means KiB, as Xen. */
int parse_size(const char *s, size_t len, uint64_t *out);
int parse_bool(const char *s, size_t len, bool *out);

/* Xen's dom0_mem: a comma list of [-]SIZE (the amount; a leading minus
 * means "all free memory but SIZE"), min:[-]SIZE and max:[-]SIZE. */
struct dom0_mem_spec {
	uint64_t amount, min, max;          /* bytes; 0: not given */
	bool amount_neg, min_neg, max_neg;  /* "all but" forms */
};
int parse_dom0_mem(const char *s, struct dom0_mem_spec *out);
/* Bytes the initial domain gets and may grow to, given free bytes and
 * the size used when nothing is said. */
void dom0_mem_size(const struct dom0_mem_spec *sp, uint64_t free, uint64_t dflt,
		   uint64_t *size, uint64_t *max);

/* Parse against every *_param() in the image. */
int cmdline_parse_all(const char *cmdline);

#endif
