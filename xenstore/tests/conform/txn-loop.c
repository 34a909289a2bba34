// SPDX-License-Identifier: GPL-2.0-only
/*
 * Three libxenstore clients run the same transaction at once: read /a and
 * /b, read them again, write both plus one, commit. Every commit must
 * succeed or fail with EAGAIN; re-reads inside a transaction must repeat
 * the first read; a transaction that saw /a != /b (a torn state) must not
 * commit; at the end /a == /b == the number of commits. Prints one
 * PASS/FAIL line. Usage: txn-loop SECONDS (XENSTORED_PATH: dom0 socket)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xenstore.h>

#define A "/conform-txn/a"
#define B "/conform-txn/b"
#define CLIENTS 3

struct tally {
	unsigned long commits, eagain, torn_seen;
	char error[160];
};

static long read_num(struct xs_handle *h, xs_transaction_t t, const char *p)
{
	unsigned int len;
	char *v = xs_read(h, t, p, &len);
	long n;

	if (!v)
		return -1;
	n = strtol(v, NULL, 10);
	free(v);
	return n;
}

static int write_num(struct xs_handle *h, xs_transaction_t t, const char *p,
		     long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	return xs_write(h, t, p, buf, strlen(buf)) ? 0 : -1;
}

static void client(time_t end, struct tally *r)
{
	struct xs_handle *h = xs_open(0);

	if (!h) {
		snprintf(r->error, sizeof(r->error), "xs_open: %s",
			 strerror(errno));
		return;
	}
	while (time(NULL) < end) {
		xs_transaction_t t = xs_transaction_start(h);
		long a, b, a2, b2;

		if (t == XBT_NULL) {
			snprintf(r->error, sizeof(r->error), "start: %s",
				 strerror(errno));
			return;
		}
		a = read_num(h, t, A);
		b = read_num(h, t, B);
		usleep(rand() % 200);          /* let the others commit */
		a2 = read_num(h, t, A);
		b2 = read_num(h, t, B);
		if (a < 0 || b < 0 || a2 != a || b2 != b) {
			snprintf(r->error, sizeof(r->error),
				 "re-read in a transaction changed: a %ld->%ld, "
				 "b %ld->%ld", a, a2, b, b2);
			return;
		}
		if (a != b)
			r->torn_seen++;
		if (write_num(h, t, A, a + 1) || write_num(h, t, B, b + 1)) {
			snprintf(r->error, sizeof(r->error), "write: %s",
				 strerror(errno));
			return;
		}
		if (xs_transaction_end(h, t, false)) {
			if (a != b) {
				snprintf(r->error, sizeof(r->error),
					 "committed after a torn read a=%ld "
					 "b=%ld", a, b);
				return;
			}
			r->commits++;
		} else if (errno == EAGAIN) {
			r->eagain++;
		} else {
			snprintf(r->error, sizeof(r->error), "commit: %s",
				 strerror(errno));
			return;
		}
	}
	xs_close(h);
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 3;
	struct tally total = { 0 }, r;
	int fds[CLIENTS][2], i;
	struct xs_handle *h;
	const char *err = NULL;
	long a, b;
	time_t end;

	alarm(secs + 60);
	h = xs_open(0);
	if (!h || write_num(h, XBT_NULL, A, 0) || write_num(h, XBT_NULL, B, 0)) {
		printf("FAIL conform/txn-three-clients: setup failed\n");
		return 1;
	}
	end = time(NULL) + secs;
	for (i = 0; i < CLIENTS; i++) {
		if (pipe(fds[i]))
			return 1;
		if (fork() == 0) {
			memset(&r, 0, sizeof(r));
			srand((unsigned int)getpid());
			client(end, &r);
			if (write(fds[i][1], &r, sizeof(r)) != sizeof(r))
				_exit(1);
			_exit(0);
		}
		close(fds[i][1]);
	}
	for (i = 0; i < CLIENTS; i++) {
		memset(&r, 0, sizeof(r));
		if (read(fds[i][0], &r, sizeof(r)) != sizeof(r))
			snprintf(r.error, sizeof(r.error), "client died");
		if (r.error[0] && !err) {
			static char first[160];

			memcpy(first, r.error, sizeof(first));
			err = first;
		}
		total.commits += r.commits;
		total.eagain += r.eagain;
		total.torn_seen += r.torn_seen;
	}
	while (wait(NULL) > 0)
		;
	a = read_num(h, XBT_NULL, A);
	b = read_num(h, XBT_NULL, B);
	xs_rm(h, XBT_NULL, "/conform-txn");
	xs_close(h);
	if (!err && (a != b || a != (long)total.commits))
		err = "lost or torn update at the end";
	if (!err && (total.commits == 0 || total.eagain == 0))
		err = "no commits or no conflicts: the test proved nothing";
	if (err) {
		printf("FAIL conform/txn-three-clients: %s (a=%ld b=%ld, %lu "
		       "commits, %lu EAGAIN)\n", err, a, b, total.commits,
		       total.eagain);
		return 1;
	}
	printf("PASS conform/txn-three-clients (%lu commits, %lu EAGAIN, %lu "
	       "torn views refused)\n", total.commits, total.eagain,
	       total.torn_seen);
	return 0;
}
