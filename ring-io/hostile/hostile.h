/* SPDX-License-Identifier: GPL-2.0 */
/* The hostile front end's case families; each returns main's status. */
#ifndef HOSTILE_H
#define HOSTILE_H

int blk_main(const char *name, const char *devid);
int net_main(const char *name, const char *devid);
int usage(void);

#endif /* HOSTILE_H */
