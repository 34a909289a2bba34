/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One round: poll every listener and connection; accept; read and handle
 * complete requests; sync the journal; only then send replies, so nothing
 * is acknowledged before it is durable (while syncing fails, replies wait
 * and the sync is retried every second). A client that breaks its transport
 * is dropped at the end of the round without disturbing the others.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "conn.h"
#include "core.h"
#include "domain.h"
#include "journal.h"
#include "log.h"
#include "loop.h"
#include "sock.h"

struct poll_set {
	struct pollfd *fds;
	struct xs_conn **conns;
	size_t cap;
};

static int set_reserve(struct poll_set *ps, size_t n)
{
	struct pollfd *fds;
	struct xs_conn **conns;

	if (n <= ps->cap)
		return 0;
	fds = realloc(ps->fds, n * sizeof(*fds));
	if (fds)
		ps->fds = fds;
	conns = realloc(ps->conns, n * sizeof(*conns));
	if (conns)
		ps->conns = conns;
	if (!fds || !conns)
		return -ENOMEM;
	ps->cap = n;
	return 0;
}

static size_t count_conns(struct xs_core *core)
{
	struct xs_conn *c;
	size_t n = 0;

	for (c = core->conns; c; c = c->next)
		n++;
	return n;
}

/* Fills the poll set: listeners first, then one entry per connection. */
static size_t build_set(struct xs_core *core, struct poll_set *ps,
			struct xs_listener *ls, unsigned int nr_ls)
{
	struct xs_conn *c;
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < nr_ls; i++) {
		ps->fds[n] = (struct pollfd){ .fd = ls[i].fd, .events = POLLIN };
		ps->conns[n++] = NULL;
	}
	for (c = core->conns; c; c = c->next) {
		ps->fds[n].fd = c->ops->poll_fd(c->tp);
		ps->fds[n].events = c->ops->poll_events(c->tp,
						xs_conn_wants_input(c),
						xs_conn_has_output(c));
		ps->fds[n].revents = 0;
		ps->conns[n++] = c;
	}
	return n;
}

/* A test-only guest socket stands for a domain the toolstack introduced. */
static void accept_on(struct xs_core *core, struct xs_listener *l)
{
	struct xs_conn *c = xs_sock_accept(core, l->fd, l->domid,
					   l->privileged);

	if (c && !l->privileged && !c->dom->introduced) {
		c->dom->introduced = true;
		core->domains.nr_introduced++;
	}
}

/* Bytes the transport holds that no wake-up announced, and room for
 * them (see has_input in transport.h). */
static bool unannounced_input(const struct xs_conn *c)
{
	return c->ops->has_input && xs_conn_wants_input(c) &&
	       c->in_len < XS_IN_BUF_SIZE && c->ops->has_input(c->tp);
}

static void handle_input(struct xs_conn *c, short revents)
{
	if (c->dead)
		return;
	if ((revents & POLLIN) && c->ops->ack)
		c->ops->ack(c->tp);
	if (((revents & (POLLIN | POLLHUP | POLLERR)) || unannounced_input(c)) &&
	    xs_conn_read(c)) {
		c->dead = true;
		return;
	}
	if (xs_conn_process(c))
		c->dead = true;
}

static void flush_all(struct xs_core *core)
{
	struct xs_conn *c;

	for (c = core->conns; c; c = c->next) {
		if (c->dead || !xs_conn_has_output(c))
			continue;
		/* A throttled client gets going again next round, after
		 * this round's journal sync: never here. */
		if (xs_conn_flush(c))
			c->dead = true;
	}
}

static bool any_ready(struct xs_core *core)
{
	struct xs_conn *c;

	/* Only whole requests, or ring bytes not yet read: a half-sent
	 * request already read must not make us spin. */
	for (c = core->conns; c; c = c->next)
		if (!c->dead && (xs_conn_has_request(c) || unannounced_input(c)))
			return true;
	return false;
}

int xs_loop_run(struct xs_core *core, struct xs_listener *ls,
		unsigned int nr_ls, volatile sig_atomic_t *stop,
		const sigset_t *run_mask)
{
	struct poll_set ps = { 0 };
	struct timespec zero = { 0, 0 }, retry = { 1, 0 };
	bool held = false;
	size_t n, i;
	int rc = 0;

	while (!*stop) {
		if (set_reserve(&ps, nr_ls + count_conns(core))) {
			rc = -ENOMEM;
			break;
		}
		n = build_set(core, &ps, ls, nr_ls);
		if (ppoll(ps.fds, n, any_ready(core) ? &zero :
				     held ? &retry : NULL, run_mask) < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		for (i = 0; i < n; i++) {
			if (!ps.conns[i] && (ps.fds[i].revents & POLLIN) &&
			    ls[i].ready)
				ls[i].ready(ls[i].ctx);
			else if (!ps.conns[i] && (ps.fds[i].revents & POLLIN))
				accept_on(core, &ls[i]);
			else if (ps.conns[i])
				handle_input(ps.conns[i], ps.fds[i].revents);
		}
		/* Replies wait while the disk refuses: better late than a
		 * write acknowledged and then lost. */
		held = core->journal && xs_journal_sync(core->journal);
		if (!held)
			flush_all(core);
		xs_core_reap(core);
	}
	free(ps.fds);
	free(ps.conns);
	return rc;
}
