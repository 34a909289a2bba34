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
#include "ring-xen.h"
#include "sock.h"
#include "xen-libs.h"

#define DEFAULT_SOCKET "/run/xenstored/socket"
#define DEFAULT_XEN_PROC "/proc/xen"
#define MAX_LISTENERS  16

struct options {
	const char *socket;
	const char *state;
	const char *restore;
	const char *ring_dir;
	const char *xen_proc;
	bool no_xen;
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
"                 [--xen-proc DIR | --no-xen] [--guest-socket PATH:DOMID]...\n"
"  --socket PATH         dom0 socket (default " DEFAULT_SOCKET ")\n"
"  --state FILE          keep the tree in FILE across restarts\n"
"  --restore FILE        start from FILE's tree, without writing it\n"
"  --quota NAME=VALUE    nodes, node-size, perms, watches, transactions,\n"
"                        outstanding, memory\n"
"  --xen-proc DIR        where xenfs is (default " DEFAULT_XEN_PROC "): with\n"
"                        DIR/xsd_kva, serve dom0's ring and guests' rings\n"
"  --no-xen              sockets only, even in dom0\n"
"  --ring-dir DIR        test: INTRODUCE maps DIR/DOMID.page rings\n"
"  --guest-socket P:ID   test: clients of socket P act as domain ID\n");
}

static int parse_guest(struct options *o, char *arg)
{
	char *colon = strrchr(arg, ':');

	/* Room for the dom0 socket and VIRQ_DOM_EXC too. */
	if (!colon || o->nr_guest == MAX_LISTENERS - 2)
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
		{ "xen-proc", required_argument, NULL, 'x' },
		{ "no-xen", no_argument, NULL, 'X' },
		{ "quiet", no_argument, NULL, 'Q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->socket = DEFAULT_SOCKET;
	o->xen_proc = DEFAULT_XEN_PROC;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->socket = optarg; break;
		case 'S': o->state = optarg; break;
		case 'R': o->restore = optarg; break;
		case 'r': o->ring_dir = optarg; break;
		case 'x': o->xen_proc = optarg; break;
		case 'X': o->no_xen = true; break;
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
	ls[0] = (struct xs_listener){ .fd = fd, .privileged = true };
	for (i = 0; i < o->nr_guest; i++) {
		fd = xs_sock_listen(o->guest[i]);
		if (fd < 0) {
			fprintf(stderr, "xenstored: %s: %s\n", o->guest[i],
				strerror(-fd));
			return fd;
		}
		ls[i + 1] = (struct xs_listener){ .fd = fd,
						 .domid = o->guest_domid[i] };
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

/* In dom0 (xenfs offers xsd_kva): dom0's ring, guests' rings at
 * INTRODUCE, VIRQ_DOM_EXC as one more listener. NULL: sockets only, and
 * the log says why. */
static struct xs_ring_xen *start_xen(struct xs_core *core,
				     struct xs_xen_libs *libs,
				     const char *proc, struct xs_listener *ls,
				     unsigned int *nr_ls)
{
	char why[768], path[4096];
	struct xs_ring_xen *x;
	int rc, fd;

	snprintf(path, sizeof(path), "%s/xsd_kva", proc);
	if (access(path, F_OK)) {
		xs_log("no %s (not dom0, or xenfs not mounted): sockets only",
		       path);
		return NULL;
	}
	if (xs_xen_libs_load(libs, why, sizeof(why))) {
		xs_log("no libxenevtchn (%s): sockets only", why);
		return NULL;
	}
	if (why[0])
		xs_log("%s", why);
	x = xs_ring_xen_new(core, libs);
	if (!x)
		return NULL;
	rc = xs_ring_xen_dom0(x, proc);
	if (rc)
		xs_log("dom0's ring from %s: %s: dom0 has the socket only",
		       proc, strerror(-rc));
	fd = xs_ring_xen_virq_fd(x);
	if (fd >= 0)
		ls[(*nr_ls)++] = (struct xs_listener){
			.fd = fd, .ready = xs_ring_xen_virq, .ctx = x };
	return x;
}

int main(int argc, char **argv)
{
	struct xs_listener ls[MAX_LISTENERS];
	struct options o = { 0 };
	struct xs_journal *j = NULL;
	struct xs_core core;
	struct xs_ring_host *rh = NULL;
	struct xs_ring_xen *xen = NULL;
	struct xs_xen_libs libs;
	unsigned int nr_ls;
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
	nr_ls = o.nr_guest + 1;
	if (!o.ring_dir && !o.no_xen)
		xen = start_xen(&core, &libs, o.xen_proc, ls, &nr_ls);
	rc = xs_loop_run(&core, ls, nr_ls, &stop, &run_mask);
	xs_log("stopping (%s)", rc ? strerror(-rc) : "signal");
	xs_journal_close(j);
	xs_core_destroy(&core);
	xs_ring_host_free(rh);
	xs_ring_xen_free(xen);
	unlink(o.socket);
	return rc ? 1 : 0;
}
