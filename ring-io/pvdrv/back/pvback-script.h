/* SPDX-License-Identifier: MIT */
/*
 * Scenario files (pvback-script.c): the kit's scripted xenbus steps as
 * text, played by `NAME-back scenario FILE DOMID [DEVID]` against a real
 * front end through libxenstore (pvback-scenario.c).
 */
#ifndef PVBACK_SCRIPT_H
#define PVBACK_SCRIPT_H

#include <stdbool.h>

#include <ring-io/xenbus-state.h>

#include "pvback.h"
#include "xb-script.h"

#define PVB_SCN_MAX_STEPS	64u
#define PVB_SCN_TEXT_MAX	64u	/* a key, a value, a name; with NUL */
#define PVB_SCN_LINE_MAX	160u
#define PVB_SCN_TICKS_MAX	600000u	/* ten minutes of ticks */
#define PVB_SCN_BUDGET_DEFAULT	30000u

struct pvback_scenario {
	char name[PVB_SCN_TEXT_MAX];
	unsigned int budget;
	enum xenbus_state expect;
	bool has_expect;
	enum xenbus_state start;	/* the front end's, before step 1 */
	bool has_start;
	unsigned int nr_steps;
	struct xbs_step steps[PVB_SCN_MAX_STEPS + 1];	/* + XBS_END */
	char key[PVB_SCN_MAX_STEPS][PVB_SCN_TEXT_MAX];
	char value[PVB_SCN_MAX_STEPS][PVB_SCN_TEXT_MAX];
};

/*
 * Parse a whole file's text. 0, or -EINVAL (a malformed line, or no step
 * or no expect at all) / -E2BIG (a line or the script too long), with the
 * line's number in *bad_line.
 */
int pvback_scn_parse(struct pvback_scenario *sc, const char *text,
		     unsigned int *bad_line);
/* A state as a number 0..8 or Xen's name for it: 0 or -EINVAL. */
int pvback_scn_parse_state(const char *s, enum xenbus_state *st);
const char *pvback_scn_state_name(enum xenbus_state st);

#endif /* PVBACK_SCRIPT_H */
