/* SPDX-License-Identifier: GPL-2.0-only */
/* Path syntax: validation, relative-to-absolute, parent and child tests. */
#ifndef XS_PATH_H
#define XS_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "wire.h"

#define XS_PATH_BUF (XENSTORE_ABS_PATH_MAX + 1)
#define XS_SPECIAL_INTRODUCE "@introduceDomain"
#define XS_SPECIAL_RELEASE   "@releaseDomain"

enum xs_path_kind {
	XS_PATH_NODE,       /* only tree paths */
	XS_PATH_SPECIAL,    /* also the two special nodes (perms) */
	XS_PATH_WATCH,      /* also any @name (watch on a special event) */
};

/* Writes the absolute form of @in into @out (XS_PATH_BUF bytes); relative
 * paths hang under /local/domain/@domid. 0, or -EINVAL for bad syntax. */
int xs_path_canon(const char *in, unsigned int domid, enum xs_path_kind kind,
		  char *out);
bool xs_path_is_special(const char *path);
/* Length of the parent's path ("/a/b" -> 2, "/a" -> 1); path is not "/". */
size_t xs_path_parent_len(const char *path, size_t len);
const char *xs_path_basename(const char *path);
/* @child equals @parent or lies below it. */
bool xs_path_is_child(const char *child, const char *parent);
/* Length of "/local/domain/N/" if @path lies strictly below it, else 0. */
size_t xs_path_domain_prefix(const char *path, unsigned int domid);

#endif
