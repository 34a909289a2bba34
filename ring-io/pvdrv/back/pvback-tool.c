/* SPDX-License-Identifier: MIT */
/*
 * The toolstack's part of a kit device. xl 4.17 has no generic device
 * type, so NAME-back writes what libxl writes for a PV device: both
 * directories in one transaction, the back end's owned by dom0 and
 * readable by the guest, the front end's owned by the guest and readable
 * by dom0. Detach is libxl's too: online 0 and Closing, wait for the
 * daemon to reach Closed, then remove both directories (the removal is
 * what makes the guest's xenbus remove its device).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#include "pvback-int.h"

#define TX_RETRIES		PVBACK_TX_RETRIES
#define DETACH_WAIT_MS		10000
#define DETACH_POLL_MS		50

int pvback_parse_target(const struct pvback_class *cls, int argc,
			char **argv, uint32_t *domid, uint32_t *devid)
{
	uint64_t v;

	*devid = 0;
	if (argc < 1 || argc > 2 ||
	    pvback_parse_uint(argv[0], PVBACK_DOMID_MAX, &v) || v == 0) {
		fprintf(stderr, "%s: DOMID must be a guest's domain id "
			"(1..%u)\n", cls->prog, PVBACK_DOMID_MAX);
		return -EINVAL;
	}
	*domid = (uint32_t)v;
	if (argc == 2) {
		if (pvback_parse_uint(argv[1], PVBACK_DEVID_MAX, &v)) {
			fprintf(stderr, "%s: DEVID must be 0..%u\n", cls->prog,
				PVBACK_DEVID_MAX);
			return -EINVAL;
		}
		*devid = (uint32_t)v;
	}
	return 0;
}

static bool tx_write(struct xs_handle *xs, xs_transaction_t t,
		     const char *dir, const char *key, const char *fmt,
		     unsigned int v)
{
	char path[PVBACK_PATH_MAX + 32], val[PVBACK_PATH_MAX];
	int n = snprintf(val, sizeof(val), fmt, v);

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	return xs_write(xs, t, path, val, (unsigned int)n);
}

static bool tx_str(struct xs_handle *xs, xs_transaction_t t, const char *dir,
		   const char *key, const char *val)
{
	char path[PVBACK_PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	return xs_write(xs, t, path, val, (unsigned int)strlen(val));
}

/* A directory owned by owner, readable by reader; its keys inherit. */
static bool tx_dir(struct xs_handle *xs, xs_transaction_t t, const char *dir,
		   unsigned int owner, unsigned int reader)
{
	struct xs_permissions perms[2] = {
		{ .id = owner, .perms = XS_PERM_NONE },
		{ .id = reader, .perms = XS_PERM_READ },
	};

	return xs_mkdir(xs, t, dir) && xs_set_permissions(xs, t, dir, perms, 2);
}

static bool exists(struct xs_handle *xs, xs_transaction_t t, const char *p)
{
	unsigned int len;
	char *v = xs_read(xs, t, p, &len);

	free(v);
	return v != NULL;
}

/* One try: 0 done, -EEXIST attached already, -EAGAIN retry, -EIO. */
static int attach_tx(struct xs_handle *xs, const char *be, const char *fe,
		     uint32_t domid)
{
	xs_transaction_t t = xs_transaction_start(xs);
	bool ok;

	if (t == XBT_NULL)
		return -EIO;
	if (exists(xs, t, be) || exists(xs, t, fe)) {
		xs_transaction_end(xs, t, true);
		return -EEXIST;
	}
	ok = tx_dir(xs, t, be, 0, domid) &&
	     tx_str(xs, t, be, "frontend", fe) &&
	     tx_write(xs, t, be, "frontend-id", "%u", domid) &&
	     tx_write(xs, t, be, "online", "%u", 1) &&
	     tx_write(xs, t, be, "state", "%u", XenbusStateInitialising) &&
	     tx_dir(xs, t, fe, domid, 0) &&
	     tx_str(xs, t, fe, "backend", be) &&
	     tx_write(xs, t, fe, "backend-id", "%u", 0) &&
	     tx_write(xs, t, fe, "state", "%u", XenbusStateInitialising);
	if (!ok) {
		xs_transaction_end(xs, t, true);
		return -EIO;
	}
	if (xs_transaction_end(xs, t, false))
		return 0;
	return errno == EAGAIN ? -EAGAIN : -EIO;
}

static int paths(const struct pvback_class *cls, uint32_t domid,
		 uint32_t devid, char *be, char *fe)
{
	if (pvback_be_path(be, PVBACK_PATH_MAX, cls->kind, domid, devid) ||
	    pvback_fe_path(fe, PVBACK_PATH_MAX, cls->kind, domid, devid))
		return -E2BIG;
	return 0;
}

/*
 * attach's and detach's start: the "DOMID DEVID" target in argv, its two
 * directories, xenstore opened in *xs. Returns the command's exit status
 * on failure (2: usage, 1: no xenstore), else 0.
 */
static int open_target(const struct pvback_class *cls, int argc, char **argv,
		       uint32_t *domid, uint32_t *devid, char *be, char *fe,
		       struct xs_handle **xs)
{
	if (pvback_parse_target(cls, argc, argv, domid, devid) ||
	    paths(cls, *domid, *devid, be, fe))
		return 2;
	*xs = xs_open(0);
	if (!*xs) {
		fprintf(stderr, "%s: xenstore: %s\n", cls->prog, strerror(errno));
		return 1;
	}
	return 0;
}

int pvback_attach(const struct pvback_class *cls, int argc, char **argv)
{
	char be[PVBACK_PATH_MAX], fe[PVBACK_PATH_MAX], dom[32];
	uint32_t domid, devid;
	struct xs_handle *xs;
	int rc = -EAGAIN, i;
	int st = open_target(cls, argc - 1, argv + 1, &domid, &devid, be, fe,
			     &xs);

	if (st)
		return st;
	snprintf(dom, sizeof(dom), "/local/domain/%u", domid);
	if (!exists(xs, XBT_NULL, dom)) {
		fprintf(stderr, "%s: no domain %u\n", cls->prog, domid);
		xs_close(xs);
		return 1;
	}
	for (i = 0; i < TX_RETRIES && rc == -EAGAIN; i++)
		rc = attach_tx(xs, be, fe, domid);
	xs_close(xs);
	if (rc == -EEXIST)
		fprintf(stderr, "%s: %s/%u is attached already\n", cls->prog,
			cls->kind, devid);
	else if (rc)
		fprintf(stderr, "%s: attach d%u/%u failed (%d)\n", cls->prog,
			domid, devid, rc);
	else
		printf("%s: attached %s %u to domain %u\n", cls->prog,
		       cls->kind, devid, domid);
	return rc ? 1 : 0;
}

/* online 0 and Closing together, so the daemon sees both at once. */
static int detach_start(struct xs_handle *xs, const char *be)
{
	int i;

	for (i = 0; i < TX_RETRIES; i++) {
		xs_transaction_t t = xs_transaction_start(xs);

		if (t == XBT_NULL)
			return -EIO;
		if (!tx_write(xs, t, be, "online", "%u", 0) ||
		    !tx_write(xs, t, be, "state", "%u", XenbusStateClosing)) {
			xs_transaction_end(xs, t, true);
			return -EIO;
		}
		if (xs_transaction_end(xs, t, false))
			return 0;
		if (errno != EAGAIN)
			return -EIO;
	}
	return -EAGAIN;
}

static bool wait_closed(struct xs_handle *xs, const char *be)
{
	const struct timespec tick = { 0, DETACH_POLL_MS * 1000000L };
	int waited;

	for (waited = 0; waited < DETACH_WAIT_MS; waited += DETACH_POLL_MS) {
		if (pvback_xs_state(xs, be) == XenbusStateClosed)
			return true;
		nanosleep(&tick, NULL);
	}
	return false;
}

/* Remove both directories, and the back end's domain level if empty. */
static void remove_dirs(struct xs_handle *xs, const char *be, const char *fe)
{
	char parent[PVBACK_PATH_MAX];
	unsigned int n = 0;
	char **left, *slash;

	xs_rm(xs, XBT_NULL, fe);
	xs_rm(xs, XBT_NULL, be);
	snprintf(parent, sizeof(parent), "%s", be);
	slash = strrchr(parent, '/');
	if (!slash)
		return;
	*slash = '\0';
	left = xs_directory(xs, XBT_NULL, parent, &n);
	if (left && n == 0)
		xs_rm(xs, XBT_NULL, parent);
	free(left);
}

int pvback_detach(const struct pvback_class *cls, int argc, char **argv)
{
	char be[PVBACK_PATH_MAX], fe[PVBACK_PATH_MAX];
	bool force = argc > 1 && !strcmp(argv[1], "--force");
	uint32_t domid, devid;
	struct xs_handle *xs;
	int rc = open_target(cls, argc - 1 - force, argv + 1 + force, &domid,
			     &devid, be, fe, &xs);

	if (rc)
		return rc;
	if (!pvback_xs_exists(xs, be) && !pvback_xs_exists(xs, fe)) {
		fprintf(stderr, "%s: %s %u is not attached to domain %u\n",
			cls->prog, cls->kind, devid, domid);
		xs_close(xs);
		return 1;
	}
	/* Half a device (one directory removed by hand or by a scenario)
	 * has nobody to wait for: remove what is left. */
	if (!pvback_xs_exists(xs, be))
		force = true;
	if (!force && (detach_start(xs, be) || !wait_closed(xs, be))) {
		fprintf(stderr, "%s: d%u/%u did not reach Closed in %d ms "
			"(is '%s serve' running?): removing it anyway\n",
			cls->prog, domid, devid, DETACH_WAIT_MS, cls->prog);
		rc = 1;
	}
	remove_dirs(xs, be, fe);
	/* Something wrote into the device as it went (an old daemon that
	 * re-creates what it writes to): try once more, then say so. */
	if (pvback_xs_exists(xs, be) || pvback_xs_exists(xs, fe)) {
		remove_dirs(xs, be, fe);
		if (pvback_xs_exists(xs, be) || pvback_xs_exists(xs, fe)) {
			fprintf(stderr, "%s: d%u/%u: its directories came back "
				"after removal\n", cls->prog, domid, devid);
			rc = 1;
		}
	}
	xs_close(xs);
	if (!rc)
		printf("%s: detached %s %u from domain %u\n", cls->prog,
		       cls->kind, devid, domid);
	return rc;
}
