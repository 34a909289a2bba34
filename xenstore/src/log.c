/* SPDX-License-Identifier: GPL-2.0-only */
/* One line per message, prefixed so it stands out in mixed test output. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

int xs_log_quiet;

static void vlog(const char *fmt, va_list ap)
{
	if (xs_log_quiet)
		return;
	fputs("xenstored: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void xs_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void xs_log_guest(const char *fmt, ...)
{
	static time_t window;
	static unsigned int used, held;
	time_t now = time(NULL);
	va_list ap;

	if (now - window >= XS_LOG_WINDOW) {
		if (held)
			xs_log("%u guest-triggered lines held back", held);
		window = now;
		used = held = 0;
	}
	if (used == XS_LOG_BURST) {
		held++;
		return;
	}
	used++;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}
