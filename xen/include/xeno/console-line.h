/* SPDX-License-Identifier: GPL-2.0 */
/* A guest's console output before it reaches the host console: control
 * bytes and escape sequences stripped (domUs), assembled into whole lines
 * per domain, and rate-limited per domain (domUs). Hardware-free: the
 * caller passes the time and says where a line goes (console-line.c). */
#ifndef XENO_CONSOLE_LINE_H
#define XENO_CONSOLE_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_LINE_MAX      256           /* a longer line is cut in pieces */
#define CONSOLE_RATE_BPS    4096ULL       /* sustained bytes per second */
#define CONSOLE_NS_PER_BYTE (1000000000ULL / CONSOLE_RATE_BPS)
#define CONSOLE_RATE_BURST  (64ULL << 10) /* bytes printed at once */
#define CONSOLE_RATE_RESUME (8ULL << 10)  /* after a drop: credit before printing again */

/* Token bucket, counted in nanoseconds of credit: one byte costs
 * CONSOLE_NS_PER_BYTE, time adds credit up to the burst. */
struct console_rate {
	bool primed;               /* credit set up (starts full) */
	bool dropping;             /* dropping until RESUME bytes of credit */
	uint64_t credit_ns;
	uint64_t last_ns;
	uint32_t dropped_lines;    /* since the last report */
	uint64_t dropped_bytes;
};

struct guest_line {
	char text[GUEST_LINE_MAX];
	unsigned int len;
	bool open;                 /* its start is on the console (a prompt) */
	struct console_rate rate;
};

/* Where lines go: emit prints text[0..len) as the next piece of this
 * domain's line (continuing it when l->open), ended by a newline or not;
 * report says how much the rate limit dropped. */
struct gline_sink {
	void (*emit)(void *ctx, struct guest_line *l, const char *text, unsigned int len,
		     bool newline);
	void (*report)(void *ctx, uint32_t lines, uint64_t bytes);
	void *ctx;
};

/* What a domain may send the host's terminal: printable ASCII and tab
 * (and newline, which ends a line). Everything else, ESC, CR, BEL, DEL,
 * C1 and all bytes >= 0x80, is dropped. */
bool console_char_allowed(char c);
/* Whether `bytes` may be printed now; counts a drop when not. */
bool console_rate_allow(struct console_rate *r, uint64_t now_ns, uint64_t bytes);

/* Feed guest bytes. trusted: the privileged domain, neither filtered nor
 * rate-limited (as Xen's hardware domain); show_partial: after the
 * bytes, an unterminated line is shown now (a prompt, typed echo). */
void gline_write(struct guest_line *l, const char *s, size_t n, uint64_t now_ns,
		 bool trusted, bool show_partial, const struct gline_sink *out);
/* End the line: whatever is buffered or open is printed and closed, and
 * drops not yet reported are (the domain goes away or the hypervisor is
 * about to print about it). */
void gline_end(struct guest_line *l, uint64_t now_ns, bool trusted,
	       const struct gline_sink *out);
/* From the tick: report drops once the bucket has refilled enough to
 * print again, so a flood that just stops is still accounted for. */
void gline_poll(struct guest_line *l, uint64_t now_ns, const struct gline_sink *out);

#endif
