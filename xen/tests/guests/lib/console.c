/* SPDX-License-Identifier: MIT */
/*
 * Output through HYPERVISOR_console_io, one hypercall per printf, so a
 * line reaches the serial log whole. A domU may use it only when the
 * hypervisor runs with domU_console_io (Xen's debug-build rule, which the
 * test scenarios use); refused (-EPERM, Xen's release rule), the output
 * goes to the domU's console ring instead, as XTF and Linux do.
 * A small vsnprintf: %d %i %u %x %lx %ld %lu %zu %s %p %c %%, with a field
 * width, '0' padding and a precision for %s.
 */
#include <stdarg.h>
#include "guest.h"

struct outbuf {
	char *buf;
	size_t size, len;
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct outbuf *o, unsigned long v, unsigned int base,
		       bool negative, int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative)
		digits[n++] = '-';
	for (; width > n; width--)
		put(o, pad);
	while (n)
		put(o, digits[--n]);
}

static void put_string(struct outbuf *o, const char *s, int width, int precision)
{
	int n;

	if (!s)
		s = "(null)";
	n = (int)strnlen(s, precision < 0 ? (size_t)-1 : (size_t)precision);
	for (; width > n; width--)
		put(o, ' ');
	while (n--)
		put(o, *s++);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		char pad = ' ';
		int width = 0, precision = -1;
		bool is_long = false;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.')
			for (precision = 0, fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				precision = precision * 10 + (*fmt - '0');
		while (*fmt == 'l' || *fmt == 'z')
			is_long = true, fmt++;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = is_long ? va_arg(ap, long) : va_arg(ap, int);

			put_number(&o, v < 0 ? -(unsigned long)v : (unsigned long)v, 10,
				   v < 0, width, pad);
			break;
		}
		case 'u':
			put_number(&o, is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				   10, false, width, pad);
			break;
		case 'x':
			put_number(&o, is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				   16, false, width, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (unsigned long)va_arg(ap, void *), 16, false, width, pad);
			break;
		case 's':
			put_string(&o, va_arg(ap, const char *), width, precision);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* The whole text into the ring. The notification has the hypervisor
 * drain the ring at once; a ring still full after it waits a tick. */
static long ring_write_all(const char *s, size_t len)
{
	size_t done = 0;

	if (console_ring_map())
		return -XEN_EPERM;
	for (unsigned int idle = 0; done < len && idle < 1000;) {
		size_t n = console_ring_write(s + done, len - done, true);

		done += n;
		if (n == 0) {
			idle++;
			HYPERVISOR_sched_op(SCHEDOP_yield, 0);
		}
	}
	return done == len ? 0 : -XEN_EAGAIN;
}

long console_write(const char *s, size_t len)
{
	long rc = HYPERVISOR_console_io(CONSOLEIO_write, len, gva(s));

	return rc == -XEN_EPERM ? ring_write_all(s, len) : rc;
}

void vprintf(const char *fmt, va_list ap)
{
	char buf[PRINTF_MAX];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n >= (int)sizeof(buf)) {
		/* Say that the line was cut rather than lose its end silently. */
		n = sizeof(buf) - 1;
		memcpy(buf + n - 4, "...\n", 4);
	}
	console_write(buf, (size_t)n);
}

void printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
