// SPDX-License-Identifier: GPL-2.0
/*
 * FULLNAT local address pools; the rules are in laddr.h.
 */
#include <linux/inetdevice.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <net/addrconf.h>
#include <net/route.h>

#include "addr.h"
#include "laddr.h"
#include "route.h"
#include "netns.h"
#include "service.h"

/*
 * Replies to a pool address arrive through LOCAL_IN only where it is
 * local. A backup director, whose addresses VRRP moves to it on takeover,
 * says so as other software bound to moving addresses does: by setting
 * the namespace's ip_nonlocal_bind.
 */
static bool may_pool(struct net *net, u16 af, const union nf_inet_addr *addr)
{
	if (af == AF_INET ? READ_ONCE(net->ipv4.sysctl_ip_nonlocal_bind) :
			    READ_ONCE(net->ipv6.sysctl.ip_nonlocal_bind))
		return true;
	return lbvs_addr_local(net, af, addr);
}

static struct lbvs_laddr_set *pool(struct lbvs_net *ln, struct lbvs_service *svc)
{
	return rcu_dereference_protected(svc->laddrs, lockdep_is_held(&ln->config_lock));
}

static int find(const struct lbvs_laddr_set *set, u16 af, const union nf_inet_addr *addr)
{
	unsigned int i, alen = lbvs_addr_len(af);

	for (i = 0; set && i < set->n; i++)
		if (!memcmp(&set->addr[i], addr, alen))
			return i;
	return -1;
}

bool lbvs_laddr_has(struct lbvs_service *svc, u16 af, const union nf_inet_addr *addr)
{
	return find(rcu_dereference(svc->laddrs), af, addr) >= 0;
}

/* A copy of old without entry skip (-1: none) and with room for extra more. */
static struct lbvs_laddr_set *copy(const struct lbvs_laddr_set *old, int skip,
				   unsigned int extra)
{
	unsigned int i, n = old ? old->n : 0;
	struct lbvs_laddr_set *set;

	set = kzalloc(struct_size(set, addr, n + extra), GFP_KERNEL);
	if (!set)
		return NULL;
	for (i = 0; i < n; i++)
		if ((int)i != skip)
			set->addr[set->n++] = old->addr[i];
	return set;
}

static void replace(struct lbvs_net *ln, struct lbvs_service *svc,
		    struct lbvs_laddr_set *old, struct lbvs_laddr_set *set)
{
	rcu_assign_pointer(svc->laddrs, set);
	lbvs_svc_changed(ln);
	if (old)
		kfree_rcu(old, rcu);
}

int lbvs_laddr_add(struct lbvs_net *ln, struct lbvs_service *svc,
		   const union nf_inet_addr *addr, struct netlink_ext_ack *extack)
{
	struct lbvs_laddr_set *old = pool(ln, svc), *set;

	lockdep_assert_held(&ln->config_lock);
	if (find(old, svc->af, addr) >= 0) {
		NL_SET_ERR_MSG(extack, "local address already in this service's pool");
		return -EEXIST;
	}
	if (old && old->n >= LBVS_LADDR_MAX) {
		NL_SET_ERR_MSG(extack, "local address pool full (at most "
			       __stringify(LBVS_LADDR_MAX) " per service)");
		return -ENOSPC;
	}
	if (!may_pool(ln->net, svc->af, addr)) {
		NL_SET_ERR_MSG(extack,
			       "local address not configured on this host (nor ip_nonlocal_bind set)");
		return -EADDRNOTAVAIL;
	}
	set = copy(old, -1, 1);
	if (!set)
		return -ENOMEM;
	set->addr[set->n++] = *addr;
	replace(ln, svc, old, set);
	return 0;
}

int lbvs_laddr_del(struct lbvs_net *ln, struct lbvs_service *svc,
		   const union nf_inet_addr *addr, struct netlink_ext_ack *extack)
{
	struct lbvs_laddr_set *old = pool(ln, svc), *set;
	int i = find(old, svc->af, addr);

	lockdep_assert_held(&ln->config_lock);
	if (i < 0) {
		NL_SET_ERR_MSG(extack, "no such local address in this service's pool");
		return -ENOENT;
	}
	set = NULL;
	if (old->n > 1) {
		set = copy(old, i, 0);
		if (!set)
			return -ENOMEM;
	}
	replace(ln, svc, old, set);
	return 0;
}

void lbvs_laddr_free(struct lbvs_service *svc)
{
	kfree(rcu_dereference_protected(svc->laddrs, true));
}
