// SPDX-License-Identifier: GPL-2.0
/*
 * Output routing for packets lbvs forwards from LOCAL_IN: they arrived for a
 * local address (the VIP), so the stack routed them to us; we route them
 * again towards the real server and send them, bypassing local delivery.
 */
#include <net/icmp.h>
#include <linux/icmpv6.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/netfilter/nf_conntrack.h>

#include "route.h"

static struct dst_entry *route4(struct net *net, __be32 daddr)
{
	struct flowi4 fl4 = { .daddr = daddr };
	struct rtable *rt = ip_route_output_key(net, &fl4);

	if (IS_ERR(rt))
		return ERR_CAST(rt);
	/* Real servers are remote hosts; a local or broadcast route is a
	 * configuration error that would loop the packet back to us.
	 */
	if (rt->rt_type != RTN_UNICAST) {
		ip_rt_put(rt);
		return ERR_PTR(-EHOSTUNREACH);
	}
	return &rt->dst;
}

static struct dst_entry *route6(struct net *net, const struct in6_addr *daddr)
{
	struct flowi6 fl6 = { .daddr = *daddr };
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
	int err = dst->error;

	if (!err && (dst->dev->flags & IFF_LOOPBACK))
		err = -EHOSTUNREACH;
	if (err) {
		dst_release(dst);
		return ERR_PTR(err);
	}
	return dst;
}

/* The input route is still attached: ICMP errors need it to answer. */
static bool too_big(struct net *net, struct sk_buff *skb, u16 af, unsigned int mtu)
{
	if (skb->len <= mtu || skb_is_gso(skb))
		return false;
	if (af == AF_INET) {
		if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
			return false;
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		return true;
	}
	if (!skb->dev)
		skb->dev = net->loopback_dev;
	icmpv6_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	return true;
}

int lbvs_route(struct net *net, struct sk_buff *skb, u16 af,
	       const union nf_inet_addr *daddr, unsigned int overhead)
{
	struct dst_entry *dst;

	dst = af == AF_INET ? route4(net, daddr->ip) : route6(net, &daddr->in6);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	if (too_big(net, skb, af, dst_mtu(dst) - overhead)) {
		dst_release(dst);
		return -EMSGSIZE;
	}
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return 0;
}

unsigned int lbvs_send(struct net *net, struct sk_buff *skb)
{
	/* Early demux may have matched a local socket before we rerouted. */
	skb_orphan(skb);
	/* Our table tracks the flow: keep conntrack and NAT rules out of it. */
	nf_reset_ct(skb);
	nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
	skb_forward_csum(skb);
	skb_clear_tstamp(skb);
	dst_output(net, NULL, skb);
	return NF_STOLEN;
}
