/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Routing and sending, shared by every forwarding method.
 */
#ifndef _LBVS_ROUTE_H
#define _LBVS_ROUTE_H

#include <linux/skbuff.h>
#include <linux/netfilter.h>

/*
 * Route skb to daddr and attach the route. If the packet is too big for the
 * path and must not be fragmented, tell its sender (ICMP fragmentation
 * needed / packet too big, with the path MTU less overhead) and fail with
 * -EMSGSIZE; the caller drops it.
 */
int lbvs_route(struct net *net, struct sk_buff *skb, u16 af,
	       const union nf_inet_addr *daddr, unsigned int overhead);
/* Send a packet the hook has taken over; returns NF_STOLEN. */
unsigned int lbvs_send(struct net *net, struct sk_buff *skb);

#endif /* _LBVS_ROUTE_H */
