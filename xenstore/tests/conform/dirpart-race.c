// SPDX-License-Identifier: GPL-2.0-only
/*
 * libxenstore's xs_directory() on a directory of 5,000 long names while a
 * second client shrinks and regrows it. libxenstore lists it with
 * DIRECTORY_PART and restarts when the generation changes; every call
 * must succeed and return a consistent listing: known names only, no
 * duplicates, no cut-off names. Prints one PASS/FAIL line.
 * Usage: dirpart-race SECONDS (XENSTORED_PATH names a dom0 socket)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xenstore.h>

#define DIR "/conform-race"
#define FULL 5000
#define NAME_FMT "entry-with-a-long-name-that-fills-the-listing-fast-%05u"

static void name_of(char *buf, size_t len, unsigned int i)
{
	snprintf(buf, len, DIR "/" NAME_FMT, i);
}

/* Writes or removes names [from, to) in one transaction, retrying. */
static int change(struct xs_handle *h, unsigned int from, unsigned int to,
		  bool add)
{
	char p[128];

	for (;;) {
		xs_transaction_t t = xs_transaction_start(h);
		unsigned int i;

		if (t == XBT_NULL)
			return -1;
		for (i = from; i < to; i++) {
			name_of(p, sizeof(p), i);
			if (!(add ? xs_write(h, t, p, "", 0) : xs_rm(h, t, p))) {
				xs_transaction_end(h, t, true);
				return -1;
			}
		}
		if (xs_transaction_end(h, t, false))
			return 0;
		if (errno != EAGAIN)
			return -1;
	}
}

/* Empties the directory but for entry 0, in one transaction. */
static int shrink_to_one(struct xs_handle *h)
{
	char p[128];

	name_of(p, sizeof(p), 0);
	for (;;) {
		xs_transaction_t t = xs_transaction_start(h);

		if (t == XBT_NULL || !xs_rm(h, t, DIR) ||
		    !xs_write(h, t, p, "", 0)) {
			xs_transaction_end(h, t, true);
			return -1;
		}
		if (xs_transaction_end(h, t, false))
			return 0;
		if (errno != EAGAIN)
			return -1;
	}
}

/* Shrinks (every third time to a single name), then grows back in steps
 * so listings of every size overlap changes, until @end. */
static int writer(time_t end)
{
	struct xs_handle *h = xs_open(0);
	unsigned int round = 0, keep, i;

	if (!h)
		return 1;
	while (time(NULL) < end) {
		keep = (round * 1543u + 7) % FULL;
		if (round++ % 3 == 0 || keep == 0) {
			keep = 1;
			if (shrink_to_one(h))
				return 1;
		} else if (change(h, keep, FULL, false)) {
			return 1;
		}
		for (i = keep; i < FULL; i += 700)
			if (change(h, i, i + 700 < FULL ? i + 700 : FULL, true))
				return 1;
	}
	xs_close(h);
	return 0;
}

/* NULL if the listing is consistent, else what is wrong with it. */
static const char *check_listing(char **d, unsigned int num,
				 unsigned char *seen)
{
	unsigned int i, idx;
	char want[128];

	if (num < 1 || num > FULL)
		return "entry count out of range";
	memset(seen, 0, FULL);
	for (i = 0; i < num; i++) {
		if (sscanf(d[i], NAME_FMT, &idx) != 1 || idx >= FULL)
			return "unknown or cut-off name";
		snprintf(want, sizeof(want), NAME_FMT, idx);
		if (strcmp(want, d[i]))
			return "unknown or cut-off name";
		if (seen[idx]++)
			return "duplicate name";
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 3;
	unsigned long ok = 0, failed = 0, bad = 0, restarts_seen = 0;
	unsigned char seen[FULL];
	const char *why = NULL;
	struct xs_handle *h;
	unsigned int num, last = 0;
	time_t end;
	pid_t pid;
	int status;

	alarm(secs + 120);       /* a hang is a failure, not a stuck suite */
	h = xs_open(0);
	if (!h || change(h, 0, FULL, true)) {
		printf("FAIL conform/xs_directory-5000-shrinking: setup: %s\n",
		       strerror(errno));
		return 1;
	}
	end = time(NULL) + secs;
	pid = fork();
	if (pid == 0)
		_exit(writer(end));
	while (time(NULL) < end) {
		char **d = xs_directory(h, XBT_NULL, DIR, &num);

		if (!d) {
			if (!failed++)
				fprintf(stderr, "xs_directory: %s\n",
					strerror(errno));
			continue;
		}
		ok++;
		if (num != last)
			restarts_seen++;
		last = num;
		if (!why)
			why = check_listing(d, num, seen);
		if (why)
			bad++;
		free(d);
	}
	waitpid(pid, &status, 0);
	xs_rm(h, XBT_NULL, DIR);
	xs_close(h);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("FAIL conform/xs_directory-5000-shrinking: writer failed\n");
		return 1;
	}
	/* The listing must actually have changed size under the reader. */
	if (failed || bad || ok < 5 || restarts_seen < 2) {
		printf("FAIL conform/xs_directory-5000-shrinking: %lu ok, %lu "
		       "failed, %lu inconsistent (%s), %lu size changes seen\n",
		       ok, failed, bad, why ? why : "-", restarts_seen);
		return 1;
	}
	printf("PASS conform/xs_directory-5000-shrinking (%lu listings, %lu "
	       "size changes seen)\n", ok, restarts_seen);
	return 0;
}
