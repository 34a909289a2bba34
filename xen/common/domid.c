/* SPDX-License-Identifier: GPL-2.0 */
/* From a domid in a hypercall argument to a domain: the one resolver every
 * hypercall uses, so that all of them answer a missing or forbidden domain
 * with the same code, in the same order, as Xen. Builds on the host too
 * (tests/unit/test-domid.c). */
#include <stddef.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>

struct domain *domain_by_id(domid_t id)
{
	/* State first: a record is reused (domain.c) by storing its new id
	 * before it turns RUNNING, so a live state read here comes with the
	 * id that belongs to it. */
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = __atomic_load_n(&domain_list[i], __ATOMIC_ACQUIRE);

		if (d && __atomic_load_n(&d->state, __ATOMIC_ACQUIRE) != DOMAIN_DEAD &&
		    d->domain_id == id)
			return d;
	}
	return NULL;
}

int domain_lookup(struct domain *self, domid_t id, bool need_priv, struct domain **d)
{
	/* Xen's rcu_lock_domain_by_any_id: DOMID_SELF is the caller. */
	struct domain *t = id == DOMID_SELF ? self : domain_by_id(id);

	/* Existence is checked before permission (Xen's XSM check comes
	 * after the lookup), so an unprivileged caller learns only what
	 * -ESRCH tells anyone. */
	if (!t)
		return -ESRCH;
	if (t != self && need_priv && !self->is_privileged)
		return -EPERM;
	*d = t;
	return 0;
}
