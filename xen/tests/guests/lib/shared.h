/* SPDX-License-Identifier: MIT */
/*
 * shared_info for test guests: start_info gives its machine address; we
 * map it over a page of our own .bss with update_va_mapping, as Linux
 * maps it at a fixmap slot. Also the pvclock read of system time.
 */
#ifndef GUEST_SHARED_H
#define GUEST_SHARED_H

#include <public/xen.h>

extern volatile struct shared_info *shared;

/* Map shared_info; NULL on success, else a reason for a "setup:" FAIL. */
const char *shared_info_map(void);
/* vcpu 0's system time in ns, from vcpu_time_info and the TSC. */
uint64_t system_time_ns(void);
/* Clear vcpu 0's upcall-pending flag, selector and the port's pending bit. */
void evtchn_clear_pending(unsigned int port);
bool evtchn_is_pending(unsigned int port);

#endif /* GUEST_SHARED_H */
