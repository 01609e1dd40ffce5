/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FULLNAT local address pools: per service, the director's own addresses
 * that FULLNAT real servers see as the source of the flows.
 *
 * A pool is an array replaced whole on every change (copy, modify,
 * rcu_assign_pointer, free the old one after a grace period): the packet
 * path reads it under RCU without a lock and sees either the old or the new
 * array, never a torn one. Writers hold lbvs_net.config_lock. Connections
 * copy the address they were given, so removing it from a pool leaves its
 * flows running until they end.
 */
#ifndef _LBVS_LADDR_H
#define _LBVS_LADDR_H

#include <linux/netfilter.h>
#include <linux/rcupdate.h>

struct lbvs_net;
struct lbvs_service;
struct netlink_ext_ack;

struct lbvs_laddr_set {
	struct rcu_head rcu;
	unsigned int n;
	union nf_inet_addr addr[];
};

/* Configuration, under config_lock; extack names the problem. */
int lbvs_laddr_add(struct lbvs_net *ln, struct lbvs_service *svc,
		   const union nf_inet_addr *addr, struct netlink_ext_ack *extack);
int lbvs_laddr_del(struct lbvs_net *ln, struct lbvs_service *svc,
		   const union nf_inet_addr *addr, struct netlink_ext_ack *extack);
/* addr is in svc's pool. Under rcu_read_lock(). */
bool lbvs_laddr_has(struct lbvs_service *svc, u16 af, const union nf_inet_addr *addr);
/* The service is going away (after a grace period, or never published). */
void lbvs_laddr_free(struct lbvs_service *svc);

#endif /* _LBVS_LADDR_H */
