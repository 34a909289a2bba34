/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored: command line, signals, listeners; the loop does the rest. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "journal.h"
#include "log.h"
#include "loop.h"
#include "perms.h"
#include "ring-host.h"
#include "sock.h"

#define DEFAULT_SOCKET "/run/xenstored/socket"
#define MAX_LISTENERS  16

struct options {
	const char *socket;
	const char *state;
	const char *restore;
	const char *ring_dir;
	const char *guest[MAX_LISTENERS];
	unsigned int guest_domid[MAX_LISTENERS];
	unsigned int nr_guest;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: xenstored [--socket PATH] [--state FILE | --restore FILE]\n"
"                 [--quota NAME=VALUE]... [--ring-dir DIR] [--quiet]\n"
"                 [--guest-socket PATH:DOMID]...\n"
"  --socket PATH         dom0 socket (default " DEFAULT_SOCKET ")\n"
"  --state FILE          keep the tree in FILE across restarts\n"
"  --restore FILE        start from FILE's tree, without writing it\n"
"  --quota NAME=VALUE    nodes, node-size, perms, watches, transactions,\n"
"                        outstanding, memory\n"
"  --ring-dir DIR        test: INTRODUCE maps DIR/DOMID.page rings\n"
"  --guest-socket P:ID   test: clients of socket P act as domain ID\n");
}

static int parse_guest(struct options *o, char *arg)
{
	char *colon = strrchr(arg, ':');

	if (!colon || o->nr_guest == MAX_LISTENERS - 1)
		return -EINVAL;
	*colon = '\0';
	if (xs_parse_domid(colon + 1, &o->guest_domid[o->nr_guest]) ||
	    o->guest_domid[o->nr_guest] == 0 ||
	    o->guest_domid[o->nr_guest] > XS_DOMID_MAX)
		return -EINVAL;
	o->guest[o->nr_guest++] = arg;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o,
		      struct xs_core *core)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 'S' },
		{ "restore", required_argument, NULL, 'R' },
		{ "quota", required_argument, NULL, 'q' },
		{ "ring-dir", required_argument, NULL, 'r' },
		{ "guest-socket", required_argument, NULL, 'g' },
		{ "quiet", no_argument, NULL, 'Q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->socket = DEFAULT_SOCKET;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->socket = optarg; break;
		case 'S': o->state = optarg; break;
		case 'R': o->restore = optarg; break;
		case 'r': o->ring_dir = optarg; break;
		case 'Q': xs_log_quiet = 1; break;
		case 'h': usage(stdout); exit(0);
		case 'q':
			if (xs_quota_parse(&core->quota, optarg))
				return -EINVAL;
			break;
		case 'g':
			if (parse_guest(o, optarg))
				return -EINVAL;
			break;
		default:
			return -EINVAL;
		}
	}
	return optind == argc ? 0 : -EINVAL;
}

static int open_listeners(const struct options *o, struct xs_listener *ls)
{
	unsigned int i;
	int fd;

	fd = xs_sock_listen(o->socket);
	if (fd < 0) {
		fprintf(stderr, "xenstored: %s: %s\n", o->socket, strerror(-fd));
		return fd;
	}
	ls[0] = (struct xs_listener){ fd, 0, true };
	for (i = 0; i < o->nr_guest; i++) {
		fd = xs_sock_listen(o->guest[i]);
		if (fd < 0) {
			fprintf(stderr, "xenstored: %s: %s\n", o->guest[i],
				strerror(-fd));
			return fd;
		}
		ls[i + 1] = (struct xs_listener){ fd, o->guest_domid[i], false };
	}
	return 0;
}

static void setup_signals(sigset_t *run_mask)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	/* Delivered only inside ppoll, so a stop request is never missed
	 * between checking the flag and going to sleep. */
	sigprocmask(SIG_BLOCK, &block, run_mask);
	sigdelset(run_mask, SIGTERM);
	sigdelset(run_mask, SIGINT);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int load_state(const struct options *o, struct xs_core *core,
		      struct xs_journal **j)
{
	int rc = 0;

	if (o->restore)
		rc = xs_journal_restore(core, o->restore);
	if (!rc && o->state)
		*j = xs_journal_open(core, o->state, &rc);
	if (rc)
		fprintf(stderr, "xenstored: loading state: %s\n", strerror(-rc));
	return rc;
}

int main(int argc, char **argv)
{
	struct xs_listener ls[MAX_LISTENERS];
	struct options o = { 0 };
	struct xs_journal *j = NULL;
	struct xs_core core;
	struct xs_ring_host *rh = NULL;
	sigset_t run_mask;
	int rc;

	if (xs_core_init(&core))
		return 1;
	if (parse_args(argc, argv, &o, &core)) {
		usage(stderr);
		return 2;
	}
	setup_signals(&run_mask);
	if (load_state(&o, &core, &j) || xs_core_populate(&core) ||
	    open_listeners(&o, ls))
		return 1;
	if (o.ring_dir) {
		rh = xs_ring_host_new(&core, o.ring_dir);
		if (!rh)
			return 1;
	}
	rc = xs_loop_run(&core, ls, o.nr_guest + 1, &stop, &run_mask);
	xs_log("stopping (%s)", rc ? strerror(-rc) : "signal");
	xs_journal_close(j);
	xs_core_destroy(&core);
	xs_ring_host_free(rh);
	unlink(o.socket);
	return rc ? 1 : 0;
}
