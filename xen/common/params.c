/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-wide options and parsing against every option in the image. */
#include <xeno/cmdline.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

extern const struct kernel_param __param_start[], __param_end[];

char opt_selftest[32];
char opt_console[32] = "com1";
uint64_t opt_mem;
static char opt_loglvl[32] = "info";

string_param("selftest", opt_selftest);
string_param("console", opt_console);
size_param("mem", opt_mem);
string_param("loglvl", opt_loglvl);

static void report(const char *what, const char *opt, size_t len)
{
	printk(XENLOG_WARNING "cmdline: %s '%.*s' ignored\n", what, (int)len, opt);
}

int cmdline_parse_all(const char *cmdline)
{
	enum log_level lvl;
	int problems;

	problems = cmdline_parse(cmdline, __param_start,
				 (size_t)(__param_end - __param_start), report);
	if (console_parse_loglvl(opt_loglvl, &lvl) == 0) {
		console_set_loglvl(lvl);
	} else {
		printk(XENLOG_WARNING "cmdline: loglvl '%s' not understood\n", opt_loglvl);
		problems++;
	}
	if (strcmp(opt_console, "com1") && strcmp(opt_console, "none")) {
		printk(XENLOG_WARNING "cmdline: console '%s' not supported, using com1\n",
		       opt_console);
		problems++;
	}
	return problems;
}
