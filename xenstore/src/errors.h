/* SPDX-License-Identifier: GPL-2.0-only */
/* Errors travel as errno names ("ENOENT"); the set is the one xs_wire.h
 * lists, which is all a client library can decode. */
#ifndef XS_ERRORS_H
#define XS_ERRORS_H

struct xs_errname {
	int err;
	const char *name;
};

extern const struct xs_errname xs_errnames[];
extern const unsigned int xs_nr_errnames;

/* The wire name of a positive errno; EINVAL's for anything unlisted. */
const char *xs_errno_name(int err);

#endif
