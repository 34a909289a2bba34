/* SPDX-License-Identifier: MIT */
/*
 * Scenario files for `NAME-back scenario` (pure, host-tested): the kit's
 * scripted xenbus steps (kit/xb-script.h) as text, one step a line, so a
 * scenario runs against a real front end without a rebuild:
 *   name TEXT           what the scenario is called in its PASS/FAIL line
 *   budget TICKS        how long it may take (a tick is about 1 ms)
 *   state S             write our (the back end's) state
 *   raw TEXT            write our state node as TEXT (garbage)
 *   key KEY VALUE       write KEY = VALUE in our directory
 *   remove              remove our directory: we are gone
 *   wait S              until the front end is in state S
 *   hold S TICKS        the front end stays in S for TICKS
 *   expect S            the state the front end must settle in (4 or 6)
 *   start S             the front end must be in S before the first step
 *                       (a precondition: FAIL at once, not a confusing
 *                       failure later)
 * S is a number 0..8 or a name (InitWait, Connected, ...); '#' starts a
 * comment. Anything else is refused with its line number.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pvback-script.h"

static const char *const state_names[] = {
	"Unknown", "Initialising", "InitWait", "Initialised", "Connected",
	"Closing", "Closed", "Reconfiguring", "Reconfigured",
};

int pvback_scn_parse_state(const char *s, enum xenbus_state *st)
{
	uint64_t v;
	unsigned int i;

	for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (!strcmp(s, state_names[i])) {
			*st = (enum xenbus_state)i;
			return 0;
		}
	if (pvback_parse_uint(s, XenbusStateReconfigured, &v))
		return -EINVAL;
	*st = (enum xenbus_state)v;
	return 0;
}

/* A key we write into our own directory: one path component. */
static bool key_valid(const char *k)
{
	size_t i, n = strlen(k);

	if (n == 0 || n >= PVB_SCN_TEXT_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' &&
		      k[i] <= 'Z') || (k[i] >= '0' && k[i] <= '9') ||
		      k[i] == '-' || k[i] == '_'))
			return false;
	return true;
}

/* Split off the next blank-separated word; NULL at the end of the line. */
static char *next_word(char **p)
{
	char *w = *p, *end;

	while (*w == ' ' || *w == '\t')
		w++;
	if (!*w)
		return NULL;
	end = w + strcspn(w, " \t");
	*p = *end ? end + 1 : end;
	*end = '\0';
	return w;
}

/* The rest of the line, blanks trimmed at both ends; NULL if empty. */
static char *rest(char *p)
{
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	return n ? p : NULL;
}

static int copy_text(char *dst, const char *src)
{
	if (!src || strlen(src) >= PVB_SCN_TEXT_MAX)
		return -EINVAL;
	strcpy(dst, src);
	return 0;
}

static int parse_ticks(const char *s, unsigned int *t)
{
	uint64_t v;

	if (!s || pvback_parse_uint(s, PVB_SCN_TICKS_MAX, &v) || v == 0)
		return -EINVAL;
	*t = (unsigned int)v;
	return 0;
}

/* One step into sc->steps[sc->nr_steps]; settings into sc itself. */
static int parse_line(struct pvback_scenario *sc, char *line)
{
	struct xbs_step *s = &sc->steps[sc->nr_steps];
	char *p = line, *word = next_word(&p), *a;
	unsigned int i = sc->nr_steps;

	if (!word)
		return 0;		/* blank */
	if (!strcmp(word, "name"))
		return copy_text(sc->name, rest(p));
	if (!strcmp(word, "budget"))
		return parse_ticks(next_word(&p), &sc->budget) ||
		       next_word(&p) ? -EINVAL : 0;
	if (!strcmp(word, "expect")) {
		a = next_word(&p);
		if (!a || pvback_scn_parse_state(a, &sc->expect) ||
		    next_word(&p) || (sc->expect != XenbusStateConnected &&
				      sc->expect != XenbusStateClosed))
			return -EINVAL;
		sc->has_expect = true;
		return 0;
	}
	if (!strcmp(word, "start")) {
		a = next_word(&p);
		if (!a || pvback_scn_parse_state(a, &sc->start) ||
		    next_word(&p))
			return -EINVAL;
		sc->has_start = true;
		return 0;
	}
	if (sc->nr_steps == PVB_SCN_MAX_STEPS)
		return -E2BIG;
	memset(s, 0, sizeof(*s));
	if (!strcmp(word, "state") || !strcmp(word, "wait")) {
		s->op = word[0] == 's' ? XBS_STATE : XBS_WAIT;
		a = next_word(&p);
		if (!a || pvback_scn_parse_state(a, &s->state) || next_word(&p))
			return -EINVAL;
	} else if (!strcmp(word, "hold")) {
		s->op = XBS_HOLD;
		a = next_word(&p);
		if (!a || pvback_scn_parse_state(a, &s->state) ||
		    parse_ticks(next_word(&p), &s->ticks) || next_word(&p))
			return -EINVAL;
	} else if (!strcmp(word, "raw")) {
		s->op = XBS_STATE_RAW;
		if (copy_text(sc->value[i], rest(p)))
			return -EINVAL;
		s->value = sc->value[i];
	} else if (!strcmp(word, "key")) {
		s->op = XBS_KEY;
		a = next_word(&p);
		if (!a || !key_valid(a) || copy_text(sc->key[i], a) ||
		    copy_text(sc->value[i], rest(p)))
			return -EINVAL;
		s->key = sc->key[i];
		s->value = sc->value[i];
	} else if (!strcmp(word, "remove")) {
		s->op = XBS_REMOVE;
		if (next_word(&p))
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	sc->nr_steps++;
	return 0;
}

int pvback_scn_parse(struct pvback_scenario *sc, const char *text,
		     unsigned int *bad_line)
{
	char line[PVB_SCN_LINE_MAX];
	const char *p = text, *nl;
	unsigned int lineno = 0;
	size_t n;
	int rc;

	memset(sc, 0, sizeof(*sc));
	sc->budget = PVB_SCN_BUDGET_DEFAULT;
	snprintf(sc->name, sizeof(sc->name), "unnamed");
	*bad_line = 0;
	while (*p) {
		lineno++;
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof(line)) {
			*bad_line = lineno;
			return -E2BIG;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl ? 1 : 0);
		line[strcspn(line, "#\r")] = '\0';
		rc = parse_line(sc, line);
		if (rc) {
			*bad_line = lineno;
			return rc;
		}
	}
	if (sc->nr_steps == 0 || !sc->has_expect) {
		*bad_line = lineno;
		return -EINVAL;		/* a scenario that checks nothing */
	}
	sc->steps[sc->nr_steps].op = XBS_END;
	return 0;
}

const char *pvback_scn_state_name(enum xenbus_state st)
{
	return (unsigned int)st < sizeof(state_names) / sizeof(state_names[0]) ?
	       state_names[st] : "?";
}
