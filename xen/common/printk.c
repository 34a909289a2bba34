/* SPDX-License-Identifier: GPL-2.0 */
/* printk: level filtering, a "(XEN) " prefix at each line start, a history
 * ring for later `xl dmesg`, and output through one sink under one lock so
 * lines from two CPUs do not interleave mid-line. */
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/spinlock.h>

#define HISTORY_SIZE 16384
#define LINE_MAX_LEN 512

static console_sink_t sink;
static enum log_level threshold = LOG_INFO;
static spinlock_t console_lock = SPIN_LOCK_UNLOCKED;
static bool at_line_start = true;
static char history[HISTORY_SIZE];
static size_t history_head;   /* total bytes ever written */
/* XEN_SYSCTL_readconsole's view: free-running 32-bit producer (the low
 * half of history_head) and consumer, which a clear moves on. */
static uint32_t history_cons;

void console_set_sink(console_sink_t s)
{
	sink = s;
}

void console_set_loglvl(enum log_level lvl)
{
	threshold = lvl;
}

int console_parse_loglvl(const char *s, enum log_level *lvl)
{
	static const char *const names[LOG_NR_LEVELS] = {
		"error", "warning", "info", "debug"
	};
	size_t len;

	if (strcmp(s, "all") == 0 || strcmp(s, "debug") == 0) {
		*lvl = LOG_DEBUG;
		return 0;
	}
	if (strcmp(s, "none") == 0) {
		*lvl = LOG_ERR;   /* errors always reach the console */
		return 0;
	}
	/* Xen's form "info/warning": the part before '/' counts here. */
	len = strchr(s, '/') ? (size_t)(strchr(s, '/') - s) : strlen(s);
	for (int i = 0; i < LOG_NR_LEVELS; i++)
		if (strlen(names[i]) == len && strncmp(s, names[i], len) == 0) {
			*lvl = (enum log_level)i;
			return 0;
		}
	return -EINVAL;
}

enum log_level printk_level_of(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>') {
		*fmt = f + 3;
		return (enum log_level)(f[1] - '0');
	}
	return LOG_INFO;
}

/* Into the history ring (overwriting the oldest bytes; history_head
 * never wraps in practice) and out to the sink. Caller holds
 * console_lock, so whole printk calls never interleave. */
static void emit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		history[(history_head + i) % HISTORY_SIZE] = s[i];
	history_head += len;
	if (sink)
		sink(s, len);
}

/* Write text, inserting the prefix at the start of every line. */
static void emit_lines(const char *s, size_t len)
{
	static const char prefix[] = "(XEN) ";

	while (len) {
		const char *nl = memchr(s, '\n', len);
		size_t chunk = nl ? (size_t)(nl - s) + 1 : len;

		if (at_line_start)
			emit(prefix, sizeof(prefix) - 1);
		emit(s, chunk);
		at_line_start = nl != NULL;
		s += chunk;
		len -= chunk;
	}
}

static bool guest_line;          /* the open line is a guest's (console.c) */
static unsigned long guest_breaks; /* guest lines the hypervisor closed */

/* Out under the lock. A guest's line left open (a prompt) is closed
 * before the hypervisor's own text, so "(XEN) domain 2: ..." never
 * continues "(d1) login: "; console.c sees the count move and starts
 * the guest's continuation with its prefix again. */
static void print_buf(const char *buf, size_t n, bool guest)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);

	if (!guest && guest_line && !at_line_start) {
		emit_lines("\n", 1);
		guest_breaks++;
	}
	emit_lines(buf, n);
	guest_line = guest && !at_line_start;
	spin_unlock_irqrestore(&console_lock, flags);
}

/* Format into a stack buffer first, outside the lock, so the lock is
 * held only for the copy out; an over-long message is cut, not split. */
static void vprintk_from(bool guest, const char *fmt, va_list ap)
{
	char buf[LINE_MAX_LEN];
	enum log_level lvl = printk_level_of(&fmt);
	int n;

	if (lvl > threshold)
		return;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) {
		/* Truncated: keep what fits, but still end the line. */
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';
	}
	print_buf(buf, (size_t)n, guest);
}

void vprintk(const char *fmt, va_list ap)
{
	vprintk_from(false, fmt, ap);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_from(false, fmt, ap);
	va_end(ap);
}

void guest_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_from(true, fmt, ap);
	va_end(ap);
}

unsigned long printk_guest_breaks(void)
{
	return __atomic_load_n(&guest_breaks, __ATOMIC_RELAXED);
}

size_t console_read_history(char *buf, size_t len)
{
	size_t have = history_head < HISTORY_SIZE ? history_head : HISTORY_SIZE;
	size_t first = history_head - have;

	if (len > have)
		len = have;
	/* The newest len bytes, oldest first. */
	first += have - len;
	for (size_t i = 0; i < len; i++)
		buf[i] = history[(first + i) % HISTORY_SIZE];
	return len;
}

void console_ring_bounds(uint32_t *cons, uint32_t *prod)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);
	uint32_t p = (uint32_t)history_head;

	/* Bytes older than the ring's size have been overwritten. */
	if (p - history_cons > HISTORY_SIZE)
		history_cons = p - HISTORY_SIZE;
	*cons = history_cons;
	*prod = p;
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_ring_copy(uint32_t from, char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);

	for (size_t i = 0; i < len; i++)
		buf[i] = history[(from + i) % HISTORY_SIZE];
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_ring_clear(uint32_t upto)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);
	uint32_t p = (uint32_t)history_head;

	history_cons = p - upto > HISTORY_SIZE ? p - HISTORY_SIZE : upto;
	spin_unlock_irqrestore(&console_lock, flags);
}
