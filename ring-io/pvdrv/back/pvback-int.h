/* SPDX-License-Identifier: MIT */
/*
 * pvback's dom0 side: the daemon and its devices, on libxenstore,
 * libxenevtchn and libxengnttab. Not for drivers: they see pvback.h.
 */
#ifndef PVBACK_INT_H
#define PVBACK_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <xenevtchn.h>
#include <xengnttab.h>

#include <ring-io/ring.h>

#include "pvback-dom0.h"
#include "pvback.h"

#define PVBACK_MAX_DEVS		64u
#define PVBACK_BATCH		64u	/* requests per device per turn */
#define PVBACK_MAX_PORT		((1u << 17) - 1)	/* FIFO ABI's last */
#define PVBACK_TX_RETRIES	16	/* a busy xenstore retries transactions */

struct xs_handle;
struct pvback;

struct pvback_dev {
	struct pvback *pb;
	uint32_t domid, devid;
	char be_path[PVBACK_PATH_MAX];
	char fe_path[PVBACK_PATH_MAX];	/* the toolstack's, checked */
	bool fe_watched;
	bool connected;			/* ring mapped, port bound */
	void *ring_mem;
	uint32_t ring_ref;
	struct ring_back ring;
	uint32_t remote_port;
	struct pvback_unit u;		/* port (-1: not bound), kick */
	uint64_t nr_requests, nr_errors;
	struct pvback_ratelimit log;
};

struct pvback {
	const struct pvback_class *cls;
	struct xs_handle *xs;
	xenevtchn_handle *xce;
	xengnttab_handle *xgt;
	char base[PVBACK_PATH_MAX];	/* /local/domain/0/backend/KIND */
	bool verbose;
	enum pvback_garbage garbage;
	uint64_t seq;			/* responses sent: garbage's cycle */
	struct pvback_dev *dev[PVBACK_MAX_DEVS];
};

/* pvback-dev.c: one device. */
struct pvback_dev *pvback_dev_new(struct pvback *pb, uint32_t domid,
				  uint32_t devid);
/* Act on xenstore: 0, or -ENOENT when the device is gone (free it). */
int pvback_dev_update(struct pvback_dev *dev);
/* Serve a batch: > 0 more work may wait, 0 idle. */
int pvback_dev_serve(struct pvback_dev *dev);
void pvback_dev_free(struct pvback_dev *dev);
void pvback_log(struct pvback_dev *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* pvback-tool.c: the toolstack's part. */
int pvback_attach(const struct pvback_class *cls, int argc, char **argv);
int pvback_detach(const struct pvback_class *cls, int argc, char **argv);
/* pvback-scenario.c: scenario FILE DOMID [DEVID] */
int pvback_scenario(const struct pvback_class *cls, int argc, char **argv);
/* DOMID [DEVID] from argv: 0, or -EINVAL (message printed). */
int pvback_parse_target(const struct pvback_class *cls, int argc,
			char **argv, uint32_t *domid, uint32_t *devid);

#endif /* PVBACK_INT_H */
