/* SPDX-License-Identifier: GPL-2.0 */
/* The 2-level ABI's bitmap operations (common/evtchn-2l.c). */
#ifndef XENO_EVTCHN_2L_H
#define XENO_EVTCHN_2L_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct domain;

void evtchn_2l_set_pending(struct vcpu *v, uint32_t port);
void evtchn_2l_unmask(struct vcpu *v, uint32_t port);
bool evtchn_2l_is_pending(struct domain *d, uint32_t port);
void evtchn_2l_clear(struct domain *d, uint32_t port);
/* The 'e' debug key's view of the mask bit. */
bool evtchn_2l_is_masked(struct domain *d, uint32_t port);

#endif
