/* SPDX-License-Identifier: MIT */
/*
 * The process side every dom0 back-end daemon shares (pvback's serve and
 * xeno-blkback): stopping on a signal, and per-device log lines a
 * hostile front end cannot turn into a flood.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xenstore.h>

#include "pvback-dom0.h"

#define LOG_BURST	10u	/* lines per device per window */
#define LOG_WINDOW_S	10

volatile sig_atomic_t pvback_stop;

static void on_signal(int sig)
{
	(void)sig;
	pvback_stop = 1;
}

void pvback_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void pvback_vlog(struct pvback_ratelimit *rl, const char *prog,
		 uint32_t domid, uint32_t devid, const char *fmt, va_list ap)
{
	time_t now = time(NULL);

	if (now - rl->window >= LOG_WINDOW_S) {
		rl->window = now;
		rl->count = 0;
	}
	if (rl->count++ >= LOG_BURST) {
		if (rl->count == LOG_BURST + 1)
			fprintf(stderr, "%s: d%u/%u: more lines suppressed\n",
				prog, domid, devid);
		return;
	}
	fprintf(stderr, "%s: d%u/%u: ", prog, domid, devid);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int pvback_take_lock(const char *pidfile, const char *prog)
{
	char buf[24];
	int fd = open(pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) || write(fd, buf, strlen(buf)) < 0)
		fprintf(stderr, "%s: pidfile %s: %s\n", prog, pidfile,
			strerror(errno));
	return fd;
}

static void kick_port(const struct pvback_loop *l, int port)
{
	struct pvback_unit *u;
	unsigned int i;

	for (i = 0; i < l->nr; i++)
		if ((u = l->unit(l->ctx, i)) && u->local_port == port)
			u->kick = true;
}

/* A batch for each kicked device: true while any has more. */
static bool serve_all(const struct pvback_loop *l)
{
	struct pvback_unit *u;
	bool busy = false;
	unsigned int i;

	for (i = 0; i < l->nr; i++) {
		u = l->unit(l->ctx, i);
		if (u && u->kick && l->serve(l->ctx, i) > 0)
			u->kick = true;
		if (u && u->kick)
			busy = true;
	}
	return busy;
}

int pvback_loop(const struct pvback_loop *l)
{
	struct pollfd pfd[2];
	bool busy = false, rescan;
	xenevtchn_port_or_error_t port;
	char **w;

	pfd[0].fd = xs_fileno(l->xs);
	pfd[1].fd = l->xce ? xenevtchn_fd(l->xce) : -1;	/* poll skips */
	pfd[0].events = pfd[1].events = POLLIN;
	l->scan(l->ctx);
	while (!pvback_stop) {
		if (poll(pfd, 2, busy ? 0 : 1000) < 0 && errno != EINTR)
			return 1;
		rescan = false;
		while ((w = xs_check_watch(l->xs))) {
			free(w);
			rescan = true;
		}
		if (rescan)
			l->scan(l->ctx);
		/* One port per read; others keep the fd readable. */
		if ((pfd[1].revents & POLLIN) &&
		    (port = xenevtchn_pending(l->xce)) >= 0) {
			kick_port(l, port);
			xenevtchn_unmask(l->xce, (evtchn_port_t)port);
		}
		busy = serve_all(l);
	}
	return 0;
}
