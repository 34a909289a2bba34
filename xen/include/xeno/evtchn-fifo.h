/* SPDX-License-Identifier: GPL-2.0 */
/* The FIFO event ABI (common/evtchn-fifo.c): what event-channel.c calls
 * once a domain has switched to it with EVTCHNOP_init_control. */
#ifndef XENO_EVTCHN_FIFO_H
#define XENO_EVTCHN_FIFO_H

#include <stdbool.h>
#include <stdint.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

/* EVTCHNOP_init_control, EVTCHNOP_expand_array and EVTCHNOP_set_priority
 * for the calling domain d (arguments already copied in). */
int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *a);
int evtchn_fifo_expand_array(struct domain *d, const struct evtchn_expand_array *a);
int evtchn_fifo_set_priority(struct domain *d, uint32_t port, uint32_t priority);

/* Delivery, as the 2-level functions of the same names. */
void evtchn_fifo_set_pending(struct vcpu *v, uint32_t port);
void evtchn_fifo_unmask(struct vcpu *v, uint32_t port);
bool evtchn_fifo_is_pending(struct domain *d, uint32_t port);
void evtchn_fifo_clear(struct domain *d, uint32_t port);
/* A port was closed: its next binding starts at the default priority. */
void evtchn_fifo_port_closed(struct domain *d, uint32_t port);

/* Back to no FIFO state. unmap: drop the references on the guest's
 * control blocks and event pages (false once the domain's memory is
 * gone: domain_release_memory forgot them). */
void evtchn_fifo_destroy(struct domain *d, bool unmap);
/* The 'e' debug key's views (lock-free snapshots). */
bool evtchn_fifo_peek_word(struct domain *d, uint32_t port, uint32_t *word);
void evtchn_fifo_dump_vcpu(struct vcpu *v);

#endif
