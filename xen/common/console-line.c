/* SPDX-License-Identifier: GPL-2.0 */
/* Guest console output made safe for the host's terminal (see
 * xeno/console-line.h): the policy, with no locking and no hardware.
 * console.c holds its lock around every call and does the printing. */
#include <xeno/console-line.h>

#define BURST_NS  (CONSOLE_RATE_BURST * CONSOLE_NS_PER_BYTE)
#define RESUME_NS (CONSOLE_RATE_RESUME * CONSOLE_NS_PER_BYTE)

bool console_char_allowed(char c)
{
	unsigned char u = (unsigned char)c;

	/* ESC starts every terminal escape sequence; CR lets a line
	 * overwrite what came before; bytes >= 0x80 include the C1 controls
	 * (0x9b is CSI on 8-bit terminals) and, in UTF-8, their encodings. */
	return (u >= 0x20 && u < 0x7f) || c == '\t';
}

static void rate_refill(struct console_rate *r, uint64_t now_ns)
{
	if (!r->primed) {
		r->primed = true;
		r->credit_ns = BURST_NS;
		r->last_ns = now_ns;
		return;
	}
	if (now_ns <= r->last_ns)
		return;   /* no time passed (or a clock step back): no credit */
	if (now_ns - r->last_ns >= BURST_NS - r->credit_ns)
		r->credit_ns = BURST_NS;
	else
		r->credit_ns += now_ns - r->last_ns;
	r->last_ns = now_ns;
}

/* Once dropping, nothing passes until RESUME bytes of credit are back:
 * a steady flood then shows as bursts with one report each, not as a
 * trickle of single lines each behind a report. */
bool console_rate_allow(struct console_rate *r, uint64_t now_ns, uint64_t bytes)
{
	uint64_t cost = bytes * CONSOLE_NS_PER_BYTE;

	rate_refill(r, now_ns);
	if (!(r->dropping && r->credit_ns < RESUME_NS) && r->credit_ns >= cost) {
		r->credit_ns -= cost;
		r->dropping = false;
		return true;
	}
	r->dropping = true;
	r->dropped_lines++;
	r->dropped_bytes += bytes;
	return false;
}

static void report_drops(struct guest_line *l, const struct gline_sink *out)
{
	if (!l->rate.dropped_lines)
		return;
	out->report(out->ctx, l->rate.dropped_lines, l->rate.dropped_bytes);
	l->rate.dropped_lines = 0;
	l->rate.dropped_bytes = 0;
}

/* Print what is buffered as the next piece of the line. A dropped piece
 * that would have ended an open line still closes it (an empty piece),
 * so the console never stays on this domain's half line. */
static void put_piece(struct guest_line *l, uint64_t now_ns, bool trusted, bool newline,
		      const struct gline_sink *out)
{
	unsigned int len = l->len;

	l->len = 0;
	if (!trusted && !console_rate_allow(&l->rate, now_ns, len + 1)) {
		if (newline && l->open) {
			out->emit(out->ctx, l, l->text, 0, true);
			l->open = false;
		}
		return;
	}
	report_drops(l, out);
	out->emit(out->ctx, l, l->text, len, newline);
	l->open = !newline;
}

void gline_write(struct guest_line *l, const char *s, size_t n, uint64_t now_ns,
		 bool trusted, bool show_partial, const struct gline_sink *out)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\n') {
			put_piece(l, now_ns, trusted, true, out);
			continue;
		}
		/* The trusted domain's bytes go out as they are (it may drive
		 * an interactive terminal), but for CR as before. */
		if (trusted ? c == '\r' : !console_char_allowed(c))
			continue;
		if (l->len == GUEST_LINE_MAX - 1)
			put_piece(l, now_ns, trusted, true, out);   /* overlong: cut */
		l->text[l->len++] = c;
	}
	if (show_partial && l->len)
		put_piece(l, now_ns, trusted, false, out);
}

void gline_end(struct guest_line *l, uint64_t now_ns, bool trusted,
	       const struct gline_sink *out)
{
	if (l->len || l->open)
		put_piece(l, now_ns, trusted, true, out);
	report_drops(l, out);
}

void gline_poll(struct guest_line *l, uint64_t now_ns, const struct gline_sink *out)
{
	if (!l->rate.dropped_lines)
		return;
	rate_refill(&l->rate, now_ns);
	if (l->rate.credit_ns >= RESUME_NS)
		report_drops(l, out);
}
