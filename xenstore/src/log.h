/* SPDX-License-Identifier: GPL-2.0-only */
/* Daemon log lines on stderr; tests can silence them. */
#ifndef XS_LOG_H
#define XS_LOG_H

extern int xs_log_quiet;
void xs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
