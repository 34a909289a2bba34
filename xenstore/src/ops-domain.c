/* SPDX-License-Identifier: GPL-2.0-only */
/* INTRODUCE, RELEASE, RESUME, GET_DOMAIN_PATH, IS_DOMAIN_INTRODUCED,
 * SET_TARGET: the toolstack telling xenstored about domains. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "ops.h"
#include "path.h"

/* A real domain id: not dom0, not one of the DOMID_* specials. */
static int guest_domid(const char *s, unsigned int *domid)
{
	int rc = xs_parse_domid(s, domid);

	if (rc)
		return rc;
	return (*domid == 0 || *domid > XS_DOMID_MAX) ? -EINVAL : 0;
}

/* The one domid argument (reserved trailing fields allowed). */
static int domid_arg(struct xs_req *req, unsigned int *domid)
{
	const char *arg, *rest;
	uint32_t len;
	int rc = xs_req_strings(req, 1, &arg, &rest, &len);

	return rc ? rc : xs_parse_domid(arg, domid);
}

static struct xs_domain *introduced(struct xs_req *req, unsigned int domid)
{
	struct xs_domain *d = xs_domain_find(&req->core->domains, domid);

	return d && d->introduced ? d : NULL;
}

/* The one argument names an introduced domain: -ENOENT if it is not. */
static int introduced_arg(struct xs_req *req, struct xs_domain **d)
{
	unsigned int domid;
	int rc = domid_arg(req, &domid);

	if (rc)
		return rc;
	*d = introduced(req, domid);
	return *d ? 0 : -ENOENT;
}

static int special_event(struct xs_req *req, const char *path)
{
	const struct xs_node *n = xs_map_get(&req->core->store.nodes, path,
					     strlen(path));

	return n ? xs_events_add(&req->events, path, n, false) : 0;
}

static int parse_ulong(const char *s, unsigned long *v)
{
	char *end;

	/* INTRODUCE's mfn is signed decimal on the wire; keep its bits. */
	if (!*s)
		return -EINVAL;
	*v = (unsigned long)strtoll(s, &end, 10);
	return *end ? -EINVAL : 0;
}

int xs_op_introduce(struct xs_req *req)
{
	const char *args[3], *rest;
	unsigned long mfn, port;
	unsigned int domid;
	struct xs_domain *d;
	uint32_t len;
	int rc = xs_req_strings(req, 3, args, &rest, &len);

	if (!rc)
		rc = guest_domid(args[0], &domid);
	if (!rc)
		rc = parse_ulong(args[1], &mfn);
	if (!rc)
		rc = parse_ulong(args[2], &port);
	/* Port 0 is never a bound channel (Xen's check). */
	if (!rc && (port == 0 || port > UINT32_MAX))
		rc = -EINVAL;
	if (rc)
		return rc;
	d = xs_domain_get(&req->core->domains, domid);
	if (!d)
		return -ENOMEM;
	if (d->introduced)     /* a repeat is harmless, a change is not */
		return d->mfn == mfn && d->evtchn == port ? xs_reply_ok(req)
							  : -EEXIST;
	d->mfn = mfn;
	d->evtchn = (unsigned int)port;
	if (req->core->rings) {
		rc = req->core->rings->attach(req->core->rings->ctx,
					      req->core, d);
		if (rc)
			return rc;
	}
	d->introduced = true;
	req->core->domains.nr_introduced++;
	rc = special_event(req, XS_SPECIAL_INTRODUCE);
	return rc ? rc : xs_reply_ok(req);
}

int xs_op_release(struct xs_req *req)
{
	struct xs_domain *d;
	int rc = introduced_arg(req, &d);

	if (rc)
		return rc;
	rc = xs_domain_end(req->core, d, &req->events);
	return rc ? rc : xs_reply_ok(req);
}

int xs_op_resume(struct xs_req *req)
{
	struct xs_domain *d;
	int rc = introduced_arg(req, &d);

	if (rc)
		return rc;
	d->shutdown_seen = false;     /* a later shutdown is news again */
	return xs_reply_ok(req);
}

int xs_op_get_domain_path(struct xs_req *req)
{
	char path[32];
	unsigned int domid;
	int rc = domid_arg(req, &domid);

	if (rc)
		return rc;
	snprintf(path, sizeof(path), "/local/domain/%u", domid);
	return xs_reply_string(req, path);
}

int xs_op_is_domain_introduced(struct xs_req *req)
{
	unsigned int domid;
	int rc = domid_arg(req, &domid);

	if (rc)
		return rc;
	/* dom0 is there from the start. */
	return xs_reply_string(req, domid == 0 || introduced(req, domid) ?
			       "T" : "F");
}

int xs_op_set_target(struct xs_req *req)
{
	const char *args[2];
	unsigned int domid, target;
	struct xs_domain *d;
	int rc = xs_req_strings(req, 2, args, NULL, NULL);

	if (!rc)
		rc = guest_domid(args[0], &domid);
	if (!rc)
		rc = guest_domid(args[1], &target);
	if (rc)
		return rc;
	d = introduced(req, domid);
	if (!d || !introduced(req, target))
		return -ENOENT;
	d->target = target;
	return xs_reply_ok(req);
}
