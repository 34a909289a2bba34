/* SPDX-License-Identifier: GPL-2.0-only */
/* CONTROL: daemon-specific commands for dom0 tools and tests. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core.h"
#include "log.h"
#include "ops.h"

static int control_help(struct xs_req *req, const char **args, unsigned int n)
{
	return xs_reply_string(req, "check\nhelp\nprint|<string>\n"
			       "quota[|<name>[|<value>]]\n");
}

static int control_print(struct xs_req *req, const char **args, unsigned int n)
{
	if (n != 1)
		return -EINVAL;
	xs_log("control: %s", args[0]);
	return xs_reply_ok(req);
}

static int control_check(struct xs_req *req, const char **args, unsigned int n)
{
	return xs_core_check(req->core) ? -EIO : xs_reply_ok(req);
}

static int control_quota(struct xs_req *req, const char **args, unsigned int n)
{
	char buf[96];
	int i, rc = 0;

	if (n == 2) {
		snprintf(buf, sizeof(buf), "%s=%s", args[0], args[1]);
		rc = xs_quota_parse(&req->core->quota, buf);
		return rc ? rc : xs_reply_ok(req);
	}
	for (i = 0; i < XS_QUOTA_COUNT && !rc; i++) {
		if (n == 1 && strcmp(args[0], xs_quota_name(i)))
			continue;
		snprintf(buf, sizeof(buf), "%s %lu\n", xs_quota_name(i),
			 req->core->quota.limit[i]);
		rc = xs_reply_bytes(req, buf, strlen(buf));
	}
	if (!rc && req->reply_len == 0)
		return -EINVAL;
	return rc ? rc : xs_reply_bytes(req, "", 1);
}

static const struct {
	const char *name;
	int (*run)(struct xs_req *req, const char **args, unsigned int n);
} commands[] = {
	{ "check", control_check },
	{ "help", control_help },
	{ "print", control_print },
	{ "quota", control_quota },
};

#define CONTROL_MAX_ARGS 4

int xs_op_control(struct xs_req *req)
{
	const char *args[CONTROL_MAX_ARGS + 1];
	uint32_t off = 0, len = req->hdr->len;
	unsigned int n = 0, i;

	while (off < len) {
		size_t slen = strnlen(req->payload + off, len - off);

		if (off + slen >= len || n == CONTROL_MAX_ARGS + 1)
			return -EINVAL;
		args[n++] = req->payload + off;
		off += (uint32_t)slen + 1;
	}
	if (n == 0)
		return -EINVAL;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(args[0], commands[i].name) == 0)
			return commands[i].run(req, args + 1, n - 1);
	return -EINVAL;
}
