/* SPDX-License-Identifier: GPL-2.0-only */
/* One line per message, prefixed so it stands out in mixed test output. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int xs_log_quiet;

void xs_log(const char *fmt, ...)
{
	va_list ap;

	if (xs_log_quiet)
		return;
	va_start(ap, fmt);
	fputs("xenstored: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
