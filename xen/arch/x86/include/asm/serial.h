/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_SERIAL_H
#define ASM_SERIAL_H

#include <stdbool.h>
#include <stddef.h>

void serial_init(void);
void serial_write(const char *s, size_t len);
/* Next received byte, or -1 if none is waiting. */
int serial_getc(void);

#endif
