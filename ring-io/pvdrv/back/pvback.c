/* SPDX-License-Identifier: MIT */
/*
 * A driver back end's program: main() hands the driver's class to
 * pvback_main(), which runs a subcommand.
 *   attach DOMID [DEVID]           the toolstack's part (pvback-tool.c)
 *   detach [--force] DOMID [DEVID]
 *   serve [-v] [--garbage MODE]    the daemon: watches backend/KIND and
 *                                  serves every device under it, one
 *                                  thread, each device a batch per turn
 *   scenario FILE DOMID [DEVID]    play a scripted back end against the
 *                                  guest's front end (pvback-scenario.c)
 * serve --no-xen runs the handshake on xenstore alone (no event channel or
 * grant device; rings never connect): the host tests' daemon.
 * The daemon leaves xenstore as it is when it stops: a successor finds
 * the devices Connected and makes their front ends reconnect.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>

#include "pvback-int.h"

static struct pvback_dev **find_dev(struct pvback *pb, uint32_t dom,
				    uint32_t id)
{
	unsigned int i;

	for (i = 0; i < PVBACK_MAX_DEVS; i++)
		if (pb->dev[i] && pb->dev[i]->domid == dom &&
		    pb->dev[i]->devid == id)
			return &pb->dev[i];
	return NULL;
}

static void add_dev(struct pvback *pb, uint32_t dom, uint32_t id)
{
	unsigned int i;

	if (find_dev(pb, dom, id))
		return;
	for (i = 0; i < PVBACK_MAX_DEVS && pb->dev[i]; i++)
		;
	if (i == PVBACK_MAX_DEVS) {
		fprintf(stderr, "%s: d%u/%u: too many devices\n",
			pb->cls->prog, dom, id);
		return;
	}
	pb->dev[i] = pvback_dev_new(pb, dom, id);
}

static void scan_domain(struct pvback *pb, const char *dom_name)
{
	char path[PVBACK_PATH_MAX + 16];
	uint64_t dom, id;
	unsigned int n, i;
	char **devs;

	if (pvback_parse_uint(dom_name, PVBACK_DOMID_MAX, &dom) || dom == 0)
		return;
	snprintf(path, sizeof(path), "%s/%s", pb->base, dom_name);
	devs = xs_directory(pb->xs, XBT_NULL, path, &n);
	for (i = 0; devs && i < n; i++)
		if (!pvback_parse_uint(devs[i], PVBACK_DEVID_MAX, &id))
			add_dev(pb, (uint32_t)dom, (uint32_t)id);
	free(devs);
}

static void drop_dev(struct pvback *pb, struct pvback_dev **slot)
{
	struct pvback_dev *dev = *slot;

	if (dev->fe_watched)
		xs_unwatch(pb->xs, dev->fe_path, "fe");
	pvback_log(dev, "removed (%llu requests, %llu errors)",
		   (unsigned long long)dev->nr_requests,
		   (unsigned long long)dev->nr_errors);
	pvback_dev_free(dev);
	*slot = NULL;
}

/*
 * A guest destroyed with the device attached: libxl removes the guest's
 * /local/domain/DOMID but not a back-end directory of a kind it does not
 * know, so we remove it, as libxl does its own kinds'.
 */
static bool reap_dead_domain(struct pvback *pb, const char *dom_name)
{
	char path[PVBACK_PATH_MAX + 16];
	uint64_t dom;

	if (pvback_parse_uint(dom_name, PVBACK_DOMID_MAX, &dom) || dom == 0)
		return false;
	snprintf(path, sizeof(path), "/local/domain/%s", dom_name);
	if (pvback_xs_exists(pb->xs, path))
		return false;
	snprintf(path, sizeof(path), "%s/%s", pb->base, dom_name);
	fprintf(stderr, "%s: domain %s is gone: removing %s\n", pb->cls->prog,
		dom_name, path);
	xs_rm(pb->xs, XBT_NULL, path);
	return true;
}

/* Find new devices, act on each one's xenstore state, drop gone ones. */
static void scan(struct pvback *pb)
{
	unsigned int n, i;
	char **doms;

	doms = xs_directory(pb->xs, XBT_NULL, pb->base, &n);
	for (i = 0; doms && i < n; i++)
		if (!reap_dead_domain(pb, doms[i]))
			scan_domain(pb, doms[i]);
	free(doms);
	for (i = 0; i < PVBACK_MAX_DEVS; i++) {
		struct pvback_dev *dev = pb->dev[i];

		if (!dev)
			continue;
		if (pvback_dev_update(dev) == -ENOENT) {
			drop_dev(pb, &pb->dev[i]);
			continue;
		}
		/* The whole front directory: state, keys, its removal. */
		if (!dev->fe_watched && dev->fe_path[0])
			dev->fe_watched = xs_watch(pb->xs, dev->fe_path, "fe");
	}
}

static void scan_cb(void *ctx)
{
	scan(ctx);
}

static struct pvback_unit *unit(void *ctx, unsigned int i)
{
	struct pvback *pb = ctx;

	return pb->dev[i] ? &pb->dev[i]->u : NULL;
}

static int serve_one(void *ctx, unsigned int i)
{
	return pvback_dev_serve(((struct pvback *)ctx)->dev[i]);
}

static int run(struct pvback *pb)
{
	const struct pvback_loop loop = {
		.xs = pb->xs, .xce = pb->xce, .ctx = pb,
		.nr = PVBACK_MAX_DEVS, .scan = scan_cb, .unit = unit, .serve = serve_one,
	};

	/* @releaseDomain: a guest died; its devices may need reaping. */
	if (!xs_watch(pb->xs, pb->base, "be") ||
	    !xs_watch(pb->xs, "@releaseDomain", "rd")) {
		fprintf(stderr, "%s: watch %s: %s\n", pb->cls->prog, pb->base,
			strerror(errno));
		return 1;
	}
	return pvback_loop(&loop);
}

static int serve_usage(const struct pvback_class *cls)
{
	fprintf(stderr, "usage: %s serve [-v] [--garbage ids|prod-ahead|len|"
		"status|mixed] [--pidfile FILE]\n", cls->prog);
	return 2;
}

static int serve_main(const struct pvback_class *cls, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "garbage", required_argument, NULL, 'g' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "no-xen", no_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 },
	};
	struct pvback pb = { .cls = cls };
	const char *garbage = NULL;
	bool no_xen = false;
	char pidfile[PVBACK_PATH_MAX];
	int opt, rc;

	snprintf(pidfile, sizeof(pidfile), "/run/%s.pid", cls->prog);
	while ((opt = getopt_long(argc, argv, "vg:p:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'v': pb.verbose = true; break;
		case 'g':
			if (pvback_garbage_parse(optarg, &pb.garbage))
				return serve_usage(cls);
			garbage = optarg;
			break;
		case 'p': snprintf(pidfile, sizeof(pidfile), "%s", optarg); break;
		case 'X': no_xen = true; break;
		default: return serve_usage(cls);
		}
	}
	if (optind != argc)
		return serve_usage(cls);
	snprintf(pb.base, sizeof(pb.base), "/local/domain/0/backend/%s",
		 cls->kind);
	if (pvback_take_lock(pidfile, cls->prog) < 0) {
		fprintf(stderr, "%s: already running (%s)\n", cls->prog,
			pidfile);
		return 1;
	}
	pvback_catch_signals();
	pb.xs = xs_open(0);
	/* --no-xen (host tests): the handshake on xenstore alone; no ring
	 * ever connects. */
	if (!no_xen) {
		pb.xce = xenevtchn_open(NULL, 0);
		pb.xgt = xengnttab_open(NULL, 0);
	}
	if (!pb.xs || (!no_xen && (!pb.xce || !pb.xgt))) {
		fprintf(stderr, "%s: opening xenstore, evtchn or gntdev: %s\n",
			cls->prog, strerror(errno));
		return 1;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	fprintf(stderr, "%s: serving %s (pid %d)%s%s%s\n", cls->prog, pb.base,
		(int)getpid(), garbage ? ", garbage " : "",
		garbage ? garbage : "", no_xen ? ", no Xen" : "");
	rc = run(&pb);
	for (unsigned int i = 0; i < PVBACK_MAX_DEVS; i++)
		if (pb.dev[i])
			pvback_dev_free(pb.dev[i]);
	fprintf(stderr, "%s: stopped\n", cls->prog);
	return rc;
}

static int usage(const struct pvback_class *cls)
{
	fprintf(stderr,
		"usage: %s attach DOMID [DEVID]\n"
		"       %s detach [--force] DOMID [DEVID]\n"
		"       %s serve [-v] [--garbage MODE] [--pidfile FILE]\n"
		"       %s scenario [--pidfile FILE] SCENARIO DOMID [DEVID]\n",
		cls->prog, cls->prog, cls->prog, cls->prog);
	return 2;
}

int pvback_main(const struct pvback_class *cls, int argc, char **argv)
{
	if (pvback_class_check(cls)) {
		fprintf(stderr, "%s: the driver's class is malformed\n",
			cls->prog ? cls->prog : "pvback");
		return 1;
	}
	if (argc < 2)
		return usage(cls);
	if (!strcmp(argv[1], "attach"))
		return pvback_attach(cls, argc - 1, argv + 1);
	if (!strcmp(argv[1], "detach"))
		return pvback_detach(cls, argc - 1, argv + 1);
	if (!strcmp(argv[1], "serve"))
		return serve_main(cls, argc - 1, argv + 1);
	if (!strcmp(argv[1], "scenario"))
		return pvback_scenario(cls, argc - 1, argv + 1);
	return usage(cls);
}

int main(int argc, char **argv)
{
	return pvback_main(pvback_driver, argc, argv);
}
