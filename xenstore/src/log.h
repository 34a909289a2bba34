/* SPDX-License-Identifier: GPL-2.0-only */
/* Daemon log lines on stderr; tests can silence them. */
#ifndef XS_LOG_H
#define XS_LOG_H

extern int xs_log_quiet;
void xs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For lines a guest can provoke at will: at most XS_LOG_BURST per
 * XS_LOG_WINDOW seconds, then a count of what was held back. */
#define XS_LOG_BURST  20
#define XS_LOG_WINDOW 10
void xs_log_guest(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
