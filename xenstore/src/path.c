/* SPDX-License-Identifier: GPL-2.0-only */
/* Path syntax as xenstore.txt defines it: [A-Za-z0-9-/_@], no empty,
 * doubled or trailing components; length as Xen's C daemon limits it
 * (see valid_length). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "path.h"

static bool valid_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '_' ||
	       c == '@';
}

/* Bytes of a leading "/local/domain/<1-5 digits>/", else 0. */
static size_t home_prefix_len(const char *p, size_t len)
{
	static const char pre[] = "/local/domain/";
	size_t i = sizeof(pre) - 1, digits = 0;

	if (len <= i || strncmp(p, pre, i) != 0)
		return 0;
	while (i < len && p[i] >= '0' && p[i] <= '9' && digits < 5) {
		i++;
		digits++;
	}
	return (digits && i < len && p[i] == '/') ? i + 1 : 0;
}

/* As Xen 4.17's C daemon, for dom0 too: XENSTORE_REL_PATH_MAX bytes,
 * not counting a leading "/local/domain/N/", so a relative path of the
 * maximum length is valid in absolute form and nothing else is longer.
 * (xenstore.txt's XENSTORE_ABS_PATH_MAX is never reached.) */
static bool valid_length(const char *p, size_t len)
{
	return len <= XENSTORE_ABS_PATH_MAX &&
	       len <= home_prefix_len(p, len) + XENSTORE_REL_PATH_MAX;
}

static bool valid_absolute(const char *p, size_t len)
{
	size_t i;

	if (len == 0 || p[0] != '/' || !valid_length(p, len))
		return false;
	if (len == 1)
		return true;
	if (p[len - 1] == '/')
		return false;
	for (i = 0; i < len; i++) {
		if (!valid_char(p[i]))
			return false;
		if (p[i] == '/' && i + 1 < len && p[i + 1] == '/')
			return false;
	}
	return true;
}

static bool valid_special_name(const char *p, size_t len)
{
	size_t i;

	if (len < 2 || len > XENSTORE_REL_PATH_MAX)
		return false;
	for (i = 1; i < len; i++)
		if (!valid_char(p[i]) || p[i] == '/')
			return false;
	return true;
}

bool xs_path_is_special(const char *path)
{
	return strcmp(path, XS_SPECIAL_INTRODUCE) == 0 ||
	       strcmp(path, XS_SPECIAL_RELEASE) == 0;
}

int xs_path_canon(const char *in, unsigned int domid, enum xs_path_kind kind,
		  char *out)
{
	size_t len = strnlen(in, XS_PATH_BUF);
	int n;

	if (len >= XS_PATH_BUF)
		return -EINVAL;
	if (in[0] == '@') {
		if (kind == XS_PATH_NODE || !valid_special_name(in, len))
			return -EINVAL;
		if (kind == XS_PATH_SPECIAL && !xs_path_is_special(in))
			return -EINVAL;
		memcpy(out, in, len + 1);
		return 0;
	}
	if (in[0] == '/') {
		if (!valid_absolute(in, len))
			return -EINVAL;
		memcpy(out, in, len + 1);
		return 0;
	}
	if (len == 0 || len > XENSTORE_REL_PATH_MAX)
		return -EINVAL;
	n = snprintf(out, XS_PATH_BUF, "/local/domain/%u/%s", domid, in);
	if (n < 0 || n >= XS_PATH_BUF || !valid_absolute(out, n))
		return -EINVAL;
	return 0;
}

size_t xs_path_parent_len(const char *path, size_t len)
{
	while (len > 1 && path[len - 1] != '/')
		len--;
	return len > 1 ? len - 1 : 1;
}

const char *xs_path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool xs_path_is_child(const char *child, const char *parent)
{
	size_t plen = strlen(parent);

	if (strcmp(parent, "/") == 0)
		return child[0] == '/';
	return strncmp(child, parent, plen) == 0 &&
	       (child[plen] == '\0' || child[plen] == '/');
}

size_t xs_path_domain_prefix(const char *path, unsigned int domid)
{
	char prefix[40];
	int n = snprintf(prefix, sizeof(prefix), "/local/domain/%u/", domid);

	if (strncmp(path, prefix, n) == 0 && path[n] != '\0')
		return n;
	return 0;
}
