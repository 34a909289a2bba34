/* SPDX-License-Identifier: MIT */
/*
 * xeno-blkback's process: options, the single-instance lock, the event
 * loop (xenstore watches and event channels, one thread, every device
 * served a batch per turn), and the stand-in device model libxl starts
 * for a guest with a backendtype=qdisk disk (docs/xeno-blkback.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>

#include "xbk.h"

#define XBK_BASE	"/local/domain/0/backend/qdisk"
#define XBK_JOURNALS	"/run/xeno-blkback"
#define XBK_LOGFILE	"/var/log/xen/xeno-blkback.log"

/* A strict decimal id (a xenstore directory entry, an argument). */
int xbk_parse_id(const char *s, uint32_t *v)
{
	char *end;
	unsigned long n;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n > UINT16_MAX * 65536ul)
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

static struct xbk_dev **find_dev(struct xbk *d, uint32_t dom, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < XBK_MAX_DEVS; i++)
		if (d->dev[i] && d->dev[i]->fe_domid == dom &&
		    d->dev[i]->devid == id)
			return &d->dev[i];
	return NULL;
}

static void add_dev(struct xbk *d, uint32_t dom, uint32_t id)
{
	unsigned int i;

	if (find_dev(d, dom, id))
		return;
	for (i = 0; i < XBK_MAX_DEVS && d->dev[i]; i++)
		;
	if (i == XBK_MAX_DEVS) {
		fprintf(stderr, "xeno-blkback: d%u/%u: too many disks\n",
			dom, id);
		return;
	}
	d->dev[i] = xbk_dev_new(d, dom, id);
}

static void scan_domain(struct xbk *d, const char *dom_name)
{
	char path[XBK_PATH_MAX];
	unsigned int n, i;
	uint32_t dom, id;
	char **devs;

	if (xbk_parse_id(dom_name, &dom))
		return;
	snprintf(path, sizeof(path), "%s/%s", d->base, dom_name);
	devs = xs_directory(d->xs, XBT_NULL, path, &n);
	for (i = 0; devs && i < n; i++)
		if (!xbk_parse_id(devs[i], &id))
			add_dev(d, dom, id);
	free(devs);
}

static void drop_dev(struct xbk *d, struct xbk_dev **slot)
{
	struct xbk_dev *dev = *slot;
	char path[XBK_PATH_MAX + 8];

	if (dev->fe_watched) {
		snprintf(path, sizeof(path), "%s/state", dev->fe_path);
		xs_unwatch(d->xs, path, "fe");
	}
	xbk_log(dev, "removed (%llu requests, %llu errors)",
		(unsigned long long)dev->nr_requests,
		(unsigned long long)dev->nr_errors);
	xbk_dev_free(dev);
	*slot = NULL;
}

/* Find new disks, act on every disk's xenstore state, drop gone ones. */
static void scan(struct xbk *d)
{
	char path[XBK_PATH_MAX + 8];
	unsigned int n, i;
	char **doms;

	doms = xs_directory(d->xs, XBT_NULL, d->base, &n);
	for (i = 0; doms && i < n; i++)
		scan_domain(d, doms[i]);
	free(doms);
	for (i = 0; i < XBK_MAX_DEVS; i++) {
		struct xbk_dev *dev = d->dev[i];

		if (!dev)
			continue;
		if (xbk_dev_update(dev) == -ENOENT) {
			drop_dev(d, &d->dev[i]);
			continue;
		}
		if (!dev->fe_watched && dev->fe_path[0]) {
			snprintf(path, sizeof(path), "%s/state", dev->fe_path);
			dev->fe_watched = xs_watch(d->xs, path, "fe");
		}
	}
}

static void scan_cb(void *ctx)
{
	scan(ctx);
}

static struct pvback_unit *unit(void *ctx, unsigned int i)
{
	struct xbk *d = ctx;

	return d->dev[i] ? &d->dev[i]->u : NULL;
}

static int serve_one(void *ctx, unsigned int i)
{
	return xbk_dev_serve(((struct xbk *)ctx)->dev[i]);
}

static int run(struct xbk *d)
{
	const struct pvback_loop loop = {
		.xs = d->xs, .xce = d->xce, .ctx = d,
		.nr = XBK_MAX_DEVS, .scan = scan_cb, .unit = unit, .serve = serve_one,
	};

	if (!xs_watch(d->xs, d->base, "be")) {
		perror("xeno-blkback: watch");
		return 1;
	}
	return pvback_loop(&loop);
}

static void daemonize(const char *logfile)
{
	int fd;

	if (fork() != 0)
		_exit(0);
	setsid();
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		dup2(fd, 0);
		close(fd);
	}
	fd = open(logfile, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
}

static int daemon_main(int argc, char **argv)
{
	const char *pidfile = XBK_PIDFILE, *logfile = XBK_LOGFILE;
	struct xbk d = { .base = XBK_BASE, .journal_dir = XBK_JOURNALS };
	bool detach = false;
	int opt, rc;

	while ((opt = getopt(argc, argv, "db:j:p:l:")) != -1) {
		switch (opt) {
		case 'd': detach = true; break;
		case 'b': d.base = optarg; break;
		case 'j': d.journal_dir = optarg; break;
		case 'p': pidfile = optarg; break;
		case 'l': logfile = optarg; break;
		default:
			fprintf(stderr, "usage: xeno-blkback [-d] [-b BASE] "
				"[-j JOURNAL_DIR] [-p PIDFILE] [-l LOG]\n");
			return 2;
		}
	}
	if (detach)
		daemonize(logfile);
	if (pvback_take_lock(pidfile, "xeno-blkback") < 0) {
		fprintf(stderr, "xeno-blkback: already running (%s)\n",
			pidfile);
		return 1;
	}
	mkdir(d.journal_dir, 0700);
	pvback_catch_signals();
	d.xs = xs_open(0);
	d.xce = xenevtchn_open(NULL, 0);
	d.xgt = xengnttab_open(NULL, 0);
	if (!d.xs || !d.xce || !d.xgt) {
		perror("xeno-blkback: opening xenstore, evtchn or gntdev");
		return 1;
	}
	fprintf(stderr, "xeno-blkback: serving %s (pid %d)\n", d.base,
		(int)getpid());
	rc = run(&d);
	/* Leave xenstore as it is: a successor takes the rings over. */
	for (unsigned int i = 0; i < XBK_MAX_DEVS; i++)
		if (d.dev[i])
			xbk_dev_free(d.dev[i]);
	fprintf(stderr, "xeno-blkback: stopped\n");
	return rc;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-xen-domid"))
			return xbk_dm_main(argc, argv);
	return daemon_main(argc, argv);
}
