/* SPDX-License-Identifier: GPL-2.0 */
/* Guest consoles: console_io (the privileged domain; domUs only with
 * domU_console_io), and the domU console ring
 * drained by the hypervisor, each line prefixed with the domain id. */
#ifndef XENO_CONSOLE_H
#define XENO_CONSOLE_H

#include <stdint.h>

struct domain;

/* Set up d's console ring page (frame mfn) and its event port. */
int console_attach_ring(struct domain *d, uint64_t mfn);
/* Stop using the ring (the domain is shutting down). */
void console_detach_ring(struct domain *d);
/* Move everything the guest has put in its ring to our console. */
void console_flush_domain(struct domain *d);
void console_end_line(struct domain *d);
/* Poll every ring (from the timer tick). */
void console_poll_rings(void);
/* Bytes typed at the serial console, for the focus domain. */
void console_input(const char *s, unsigned int n);
/* Raw serial bytes: Ctrl-] then a key is a debug key for the hypervisor
 * (h: hypercall counts, d: domains), everything else goes to the guest. */
void console_serial_input(const char *s, unsigned int n);

/* Run one debug key's handler, as typed (debug-keys.c). */
void debug_key_handle(char k);

#endif
