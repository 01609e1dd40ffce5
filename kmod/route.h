/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Routing and sending, shared by every forwarding method.
 */
#ifndef _LBVS_ROUTE_H
#define _LBVS_ROUTE_H

#include <linux/skbuff.h>
#include <linux/netfilter.h>

struct lbvs_conn;
struct lbvs_dest;
struct lbvs_net;

/* lbvs_route_ext() flags */
enum {
	/*
	 * The next hop is daddr itself (on link), whatever the packet's IP
	 * destination says: direct routing sends a packet for the VIP to the
	 * real server's MAC address (FLOWI_FLAG_KNOWN_NH, as IPVS).
	 */
	LBVS_RT_KNOWN_NH = 1 << 0,
};

/*
 * Route skb to daddr and attach the route, looked up afresh (for addresses
 * that are no real server's, such as FULLNAT's replies to the client). If
 * the packet is too big for the path and must not be fragmented, tell its
 * sender (ICMP fragmentation needed / packet too big, with the path MTU
 * less overhead) and fail with -EMSGSIZE; the caller drops it. saddr, if
 * not NULL, receives the source address the route chose (the tunnel's outer
 * source).
 */
int lbvs_route_ext(struct net *net, struct sk_buff *skb, u16 af,
		   const union nf_inet_addr *daddr, unsigned int overhead,
		   unsigned int flags, union nf_inet_addr *saddr);

static inline int lbvs_route(struct net *net, struct sk_buff *skb, u16 af,
			     const union nf_inet_addr *daddr, unsigned int overhead)
{
	return lbvs_route_ext(net, skb, af, daddr, overhead, 0, NULL);
}

/*
 * lbvs_route_ext() to the connection's real server (c->dest->addr), with
 * the flags its forwarding method needs (DR: LBVS_RT_KNOWN_NH), through the
 * server's per-CPU route cache (lbvs_dest.rt_cache, see service.h): the
 * lookup happens only when the cached route went stale. The size check and
 * its ICMP error still apply to every packet. From the netfilter hooks
 * (BH disabled), under rcu_read_lock().
 */
int lbvs_route_dest(struct net *net, struct sk_buff *skb, const struct lbvs_conn *c,
		    unsigned int overhead, union nf_inet_addr *saddr);

/*
 * A real server's forwarding method changes (config_lock): its cached
 * routes, looked up for the old method, go, without racing a packet that
 * is filling the cache.
 */
void lbvs_route_dest_set_fwd(struct lbvs_net *ln, struct lbvs_dest *dest, u32 fwd);

/*
 * addr is one of the namespace's own addresses: FULLNAT's pool addresses
 * must be (replies come back through LOCAL_IN), and a client there is a
 * process of the director. No route leads to it.
 */
bool lbvs_addr_local(struct net *net, u16 af, const union nf_inet_addr *addr);

/* Send a packet the hook has taken over; returns NF_STOLEN. */
unsigned int lbvs_send(struct net *net, struct sk_buff *skb);

#endif /* _LBVS_ROUTE_H */
