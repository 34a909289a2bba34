/* SPDX-License-Identifier: GPL-2.0-only */
/* READ, WRITE, MKDIR, RM, DIRECTORY(_PART), GET_PERMS, SET_PERMS. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "path.h"

/* The single path argument of READ, MKDIR, RM, DIRECTORY, GET_PERMS. */
static int one_path(struct xs_req *req, enum xs_path_kind kind, char *path)
{
	const char *arg;
	int rc = xs_req_strings(req, 1, &arg, NULL, NULL);

	return rc ? rc : xs_req_path(req, arg, kind, path);
}

int xs_op_read(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	const struct xs_node *n;
	int rc = one_path(req, XS_PATH_NODE, path);

	if (!rc)
		rc = xs_tree_read(&req->tree, path, &n);
	return rc ? rc : xs_reply_bytes(req, xs_node_value(n), n->value_len);
}

int xs_op_write(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	const char *arg, *value;
	uint32_t len;
	int rc = xs_req_strings(req, 1, &arg, &value, &len);

	if (!rc)
		rc = xs_req_path(req, arg, XS_PATH_NODE, path);
	if (!rc)
		rc = xs_tree_write(&req->tree, path, value, len);
	return rc ? rc : xs_reply_ok(req);
}

int xs_op_mkdir(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	int rc = one_path(req, XS_PATH_NODE, path);

	if (!rc)
		rc = xs_tree_mkdir(&req->tree, path);
	return rc ? rc : xs_reply_ok(req);
}

int xs_op_rm(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	int rc = one_path(req, XS_PATH_NODE, path);

	if (!rc)
		rc = xs_tree_rm(&req->tree, path);
	return rc ? rc : xs_reply_ok(req);
}

int xs_op_directory(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	const struct xs_node *n;
	int rc = one_path(req, XS_PATH_NODE, path);

	if (!rc)
		rc = xs_tree_read(&req->tree, path, &n);
	/* Past the payload limit the client retries with DIRECTORY_PART. */
	return rc ? rc : xs_reply_bytes(req, xs_node_children(n),
					n->children_len);
}

/* Bytes of whole names from @off that fit in @room. */
static size_t names_that_fit(const struct xs_node *n, size_t off, size_t room)
{
	const char *c = xs_node_children(n);
	size_t end = off;

	while (end < n->children_len) {
		size_t len = strlen(c + end) + 1;

		if (end - off + len > room)
			break;
		end += len;
	}
	return end - off;
}

/* Reply: "<generation>\0" then names from the byte offset; an empty name
 * closes the list once the rest fitted, which is how clients stop. An
 * offset at or past the end gets just the closing empty name. */
int xs_op_directory_part(struct xs_req *req)
{
	char path[XS_PATH_BUF], gen[24];
	const char *args[2];
	const struct xs_node *n;
	unsigned long off;
	size_t part;
	char *end;
	int rc = xs_req_strings(req, 2, args, NULL, NULL);

	if (!rc)
		rc = xs_req_path(req, args[0], XS_PATH_NODE, path);
	if (!rc)
		rc = xs_tree_read(&req->tree, path, &n);
	if (rc)
		return rc;
	/* Decimal digits only (Xen takes anything, as atoi does). */
	if (args[1][0] < '0' || args[1][0] > '9')
		return -EINVAL;
	off = strtoul(args[1], &end, 10);
	if (*end)
		return -EINVAL;
	snprintf(gen, sizeof(gen), "%" PRIu64, n->gen);
	rc = xs_reply_string(req, gen);
	/* At or past the end, e.g. the list shrank between two parts: an
	 * empty list. The client sees the generation change and restarts. */
	if (off >= n->children_len)
		return rc ? rc : xs_reply_bytes(req, "", 1);
	part = names_that_fit(n, off, sizeof(req->reply) - req->reply_len - 1);
	if (!rc)
		rc = xs_reply_bytes(req, xs_node_children(n) + off, part);
	if (!rc && off + part == n->children_len)
		rc = xs_reply_bytes(req, "", 1);
	return rc;
}

int xs_op_get_perms(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	const struct xs_node *n;
	int rc = one_path(req, XS_PATH_SPECIAL, path);

	if (!rc)
		rc = xs_tree_read(&req->tree, path, &n);
	if (!rc)
		rc = xs_perms_format(xs_node_perms(n), n->nr_perms, req->reply,
				     sizeof(req->reply));
	if (rc < 0)
		return rc;
	req->reply_len = (uint32_t)rc;
	return 0;
}

int xs_op_set_perms(struct xs_req *req)
{
	struct xs_perm perms[XS_PERMS_MAX];
	char path[XS_PATH_BUF];
	const char *arg, *rest;
	unsigned int nr;
	uint32_t len;
	int rc = xs_req_strings(req, 1, &arg, &rest, &len);

	if (!rc)
		rc = xs_req_path(req, arg, XS_PATH_SPECIAL, path);
	if (!rc)
		rc = xs_perms_parse(rest, len, perms, &nr);
	if (!rc)
		rc = xs_tree_set_perms(&req->tree, path, perms, nr);
	return rc ? rc : xs_reply_ok(req);
}
