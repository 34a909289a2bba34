/* SPDX-License-Identifier: MIT */
/*
 * `NAME-back scenario [--pidfile F] FILE DOMID [DEVID]`: play a scenario file (the kit's
 * scripted xenbus peer, kit/xb-script.c) as the back end of an attached
 * device against the real front end in the guest, through libxenstore.
 * The script writes our directory; the front end's state, read from
 * xenstore every tick, is the driver under test. It maps nothing: a
 * scenario checks the front end's handshake, not its I/O. The serving
 * daemon must not run meanwhile (two back ends would fight): the lock
 * that `serve` holds is taken here too (--pidfile as serve's).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#include "pvback-int.h"
#include "pvback-script.h"

#define TICK_NS		1000000L	/* a tick: 1 ms, plus a xenstore read */
#define FILE_MAX	(PVB_SCN_LINE_MAX * 2 * PVB_SCN_MAX_STEPS)

struct real_front {
	struct xs_handle *xs;
	const char *fe_path;
	enum xenbus_state last;
};

static int xs_store_write(void *ctx, const char *dir, const char *key,
			  const char *value)
{
	char path[PVBACK_PATH_MAX + PVB_SCN_TEXT_MAX + 2];

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	return xs_write(ctx, XBT_NULL, path, value, (unsigned int)strlen(value))
	       ? 0 : -EIO;
}

static int xs_store_remove(void *ctx, const char *dir)
{
	return xs_rm(ctx, XBT_NULL, dir) ? 0 : -ENOENT;
}

static const struct xbs_store xs_store = {
	.write = xs_store_write,
	.remove = xs_store_remove,
};

/* The driver under test is the guest's: we only watch its state. */
static int front_step(void *drv)
{
	const struct timespec tick = { 0, TICK_NS };
	struct real_front *f = drv;
	enum xenbus_state now;

	nanosleep(&tick, NULL);
	now = pvback_xs_state(f->xs, f->fe_path);
	if (now != f->last) {
		f->last = now;
		return 1;		/* moving: not settled yet */
	}
	return 0;
}

static enum xenbus_state front_state(void *drv)
{
	return ((struct real_front *)drv)->last;
}

static int read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -errno;
	n = fread(buf, 1, size - 1, f);
	if (!feof(f)) {
		fclose(f);
		return -E2BIG;
	}
	fclose(f);
	buf[n] = '\0';
	return memchr(buf, '\0', n) ? -EINVAL : 0;
}

/* The daemon's lock: free means no daemon serves this class now. */
static int lock_out_daemon(const char *pidfile)
{
	int fd;

	fd = open(pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

static int play(const struct pvback_class *cls, struct pvback_scenario *sc,
		struct xs_handle *xs, const char *be, const char *fe)
{
	struct real_front f = { xs, fe, XenbusStateUnknown };
	struct xbs_peer peer = {
		.store = &xs_store, .ctx = xs, .dir = be, .script = sc->steps,
	};
	struct xbs_driver d = { front_step, front_state, &f };
	struct xbs_result res = { XenbusStateUnknown, 0 };
	int rc;

	f.last = pvback_xs_state(xs, fe);
	if (sc->has_start && f.last != sc->start) {
		printf("FAIL scenario %s: precondition: front end %s, want %s "
		       "(start from a freshly attached device: %s detach "
		       "--force DOMID; %s attach DOMID)\n", sc->name,
		       pvback_scn_state_name(f.last),
		       pvback_scn_state_name(sc->start), cls->prog, cls->prog);
		return 1;
	}
	rc = xbs_run(&peer, &d, sc->budget, &res);
	if (rc == 0 && res.end != sc->expect) {
		rc = -EPROTO;
		peer.why = "settled in the wrong state";
	}
	printf("%s scenario %s: front end %s after %u ticks, want %s%s%s\n",
	       rc ? "FAIL" : "PASS", sc->name, pvback_scn_state_name(res.end),
	       res.ticks, pvback_scn_state_name(sc->expect),
	       peer.why ? ": " : "", peer.why ? peer.why : "");
	if (rc)
		fprintf(stderr, "%s: stopped at step %zu of %u\n", cls->prog,
			peer.pc + 1, sc->nr_steps);
	return rc ? 1 : 0;
}

int pvback_scenario(const struct pvback_class *cls, int argc, char **argv)
{
	static struct pvback_scenario sc;
	static char text[FILE_MAX];
	char be[PVBACK_PATH_MAX], fe[PVBACK_PATH_MAX], pidfile[PVBACK_PATH_MAX];
	uint32_t domid, devid;
	struct xs_handle *xs;
	unsigned int bad_line;
	int rc, lock;

	snprintf(pidfile, sizeof(pidfile), "/run/%s.pid", cls->prog);
	if (argc > 2 && !strcmp(argv[1], "--pidfile")) {
		snprintf(pidfile, sizeof(pidfile), "%s", argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: %s scenario [--pidfile FILE] SCENARIO "
			"DOMID [DEVID]\n", cls->prog);
		return 2;
	}
	if (pvback_parse_target(cls, argc - 2, argv + 2, &domid, &devid) ||
	    pvback_be_path(be, sizeof(be), cls->kind, domid, devid) ||
	    pvback_fe_path(fe, sizeof(fe), cls->kind, domid, devid))
		return 2;
	rc = read_file(argv[1], text, sizeof(text));
	if (!rc)
		rc = pvback_scn_parse(&sc, text, &bad_line);
	if (rc) {
		fprintf(stderr, "%s: %s:%u: %s\n", cls->prog, argv[1],
			rc == -EINVAL || rc == -E2BIG ? bad_line : 0,
			strerror(-rc));
		return 2;
	}
	lock = lock_out_daemon(pidfile);
	if (lock < 0) {
		fprintf(stderr, "%s: '%s serve' is running: stop it first\n",
			cls->prog, cls->prog);
		return 1;
	}
	xs = xs_open(0);
	if (!xs || !pvback_xs_exists(xs, be) || !pvback_xs_exists(xs, fe)) {
		fprintf(stderr, "%s: %s %u is not attached to domain %u\n",
			cls->prog, cls->kind, devid, domid);
		rc = 1;
	} else {
		rc = play(cls, &sc, xs, be, fe);
	}
	if (xs)
		xs_close(xs);
	close(lock);
	return rc;
}
