/* SPDX-License-Identifier: GPL-2.0 */
/* Physical interrupts: the hypervisor owns the IO-APIC; the privileged
 * domain sees each GSI as a pirq (pirq == gsi, as Linux asks) bound to an
 * event channel. Level-triggered lines stay masked from delivery until the
 * domain's PHYSDEVOP_eoi, so a screaming device costs one event per EOI,
 * never a CPU. Lifecycle of a GSI:
 *   free -> mapped (map_pirq) -> bound (bind_pirq: unmasked)
 *        -> in flight (level: masked, event pending) -> bound (eoi)
 *   bound -> mapped (close) -> free (unmap_pirq, or the domain dies).
 * The pirq logic (irq.c) is pure; io-apic.c drives the hardware. */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#define NR_GSIS          24
#define VECTOR_GSI_BASE  0x30    /* GSI g arrives on vector 0x30 + g */

struct domain;

/* Hardware hooks (io-apic.c, or a test double). */
void ioapic_program(unsigned int gsi, unsigned int vector, bool level, bool low);
void ioapic_set_masked(unsigned int gsi, bool masked);
unsigned int ioapic_nr_pins(void);
/* Tell a domain its port fired (event-channel delivery). */
void pirq_notify(struct domain *d, uint32_t port);

/* Boot: the MADT's defaults for ISA IRQs (source overrides). */
void pirq_set_default_mode(unsigned int gsi, bool level, bool low);

/* PHYSDEVOP_map_pirq (GSI type): *pirq becomes gsi. -EINVAL bad GSI,
 * -EPERM a GSI the hypervisor keeps, -EEXIST another domain's. */
int pirq_map_gsi(struct domain *d, int gsi, int *pirq);
int pirq_unmap(struct domain *d, int pirq);
/* PHYSDEVOP_setup_gsi: trigger (0 level, 1 edge) and polarity (0 high,
 * 1 low), as ACPI encodes them. -EEXIST once set up. */
int pirq_setup_gsi(struct domain *d, int gsi, unsigned int trigger, unsigned int polarity);
int pirq_status_flags(struct domain *d, uint32_t pirq, uint32_t *flags);
int pirq_eoi(struct domain *d, uint32_t pirq);
/* Event-channel side: bind unmasks the line, unbind masks it. */
int pirq_bind(struct domain *d, uint32_t pirq, uint32_t port);
void pirq_unbind(struct domain *d, uint32_t pirq);
/* The domain is going away: every line it held is masked and freed. */
void pirq_release_domain(struct domain *d);
/* The interrupt arrived (called with interrupts off, before the EOI). */
void pirq_raise(unsigned int gsi);
/* Count of interrupts delivered for gsi (debug keys, tests). */
uint64_t pirq_count(unsigned int gsi);

/* io-apic.c: find, mask and route the IO-APIC (from the MADT). */
void io_apic_init(void);
uint32_t io_apic_read_reg(uint32_t reg);

#endif
