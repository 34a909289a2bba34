/* SPDX-License-Identifier: GPL-2.0-only */
/* Request handlers, one file per family; dispatch.c holds the table. */
#ifndef XS_OPS_H
#define XS_OPS_H

#include "dispatch.h"

/* ops-node.c */
int xs_op_read(struct xs_req *req);
int xs_op_write(struct xs_req *req);
int xs_op_mkdir(struct xs_req *req);
int xs_op_rm(struct xs_req *req);
int xs_op_directory(struct xs_req *req);
int xs_op_directory_part(struct xs_req *req);
int xs_op_get_perms(struct xs_req *req);
int xs_op_set_perms(struct xs_req *req);
/* ops-watch.c */
int xs_op_watch(struct xs_req *req);
int xs_op_unwatch(struct xs_req *req);
int xs_op_reset_watches(struct xs_req *req);
/* ops-txn.c */
int xs_op_transaction_start(struct xs_req *req);
int xs_op_transaction_end(struct xs_req *req);
/* ops-domain.c */
int xs_op_introduce(struct xs_req *req);
int xs_op_release(struct xs_req *req);
int xs_op_resume(struct xs_req *req);
int xs_op_get_domain_path(struct xs_req *req);
int xs_op_is_domain_introduced(struct xs_req *req);
int xs_op_set_target(struct xs_req *req);
/* ops-control.c */
int xs_op_control(struct xs_req *req);

#endif
