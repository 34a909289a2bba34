/* SPDX-License-Identifier: GPL-2.0 */
/* printk with Xen-style level prefixes, and panic. */
#ifndef XENO_PRINTK_H
#define XENO_PRINTK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define XENLOG_ERR     "<0>"
#define XENLOG_WARNING "<1>"
#define XENLOG_INFO    "<2>"
#define XENLOG_DEBUG   "<3>"

enum log_level { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG, LOG_NR_LEVELS };

/* Where formatted console text goes (the serial port; a buffer in tests). */
typedef void (*console_sink_t)(const char *s, size_t len);

void console_set_sink(console_sink_t sink);
void console_set_loglvl(enum log_level lvl);
int console_parse_loglvl(const char *s, enum log_level *lvl);
/* Strip a "<N>" prefix from *fmt and return its level (INFO if none). */
enum log_level printk_level_of(const char **fmt);

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* A guest's console text (console.c), which may leave its line open: the
 * hypervisor's next printk closes it first and counts that in
 * printk_guest_breaks(). */
void guest_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
unsigned long printk_guest_breaks(void);
/* Copy up to len bytes of the console history (oldest first). */
size_t console_read_history(char *buf, size_t len);
/* The history as Xen's console ring (XEN_SYSCTL_readconsole): the
 * consumer and producer indexes (free-running, 32 bits), a copy of the
 * bytes from 'from' (the caller keeps within the bounds), and a clear
 * that moves the consumer up to 'upto'. */
void console_ring_bounds(uint32_t *cons, uint32_t *prod);
void console_ring_copy(uint32_t from, char *buf, size_t len);
void console_ring_clear(uint32_t upto);

void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
