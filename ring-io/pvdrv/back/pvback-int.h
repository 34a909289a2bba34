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

#include "pvback.h"

#define PVBACK_MAX_DEVS		64u
#define PVBACK_BATCH		64u	/* requests per device per turn */
#define PVBACK_MAX_PORT		((1u << 17) - 1)	/* FIFO ABI's last */
#define PVBACK_LOG_BURST	10u	/* guest-caused lines per window */
#define PVBACK_LOG_WINDOW_S	10
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
	int local_port;			/* -1 when not bound */
	bool kick;			/* an event, or more work left */
	uint64_t nr_requests, nr_errors;
	time_t log_window;
	unsigned int log_count;
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

/* pvback-xs.c: reads copy the value out and check it. */
int pvback_xs_read(struct xs_handle *xs, const char *dir, const char *key,
		   char *buf, size_t size);
int pvback_xs_read_uint(struct xs_handle *xs, const char *dir,
			const char *key, uint64_t max, uint64_t *v);
/* Into an existing directory only (one transaction): 0, -ENOENT, -EIO. */
int pvback_xs_write(struct xs_handle *xs, const char *dir, const char *key,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Missing or not a state we know: Unknown. */
enum xenbus_state pvback_xs_state(struct xs_handle *xs, const char *dir);
bool pvback_xs_exists(struct xs_handle *xs, const char *path);

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
