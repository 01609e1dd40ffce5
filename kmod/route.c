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
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/netfilter/nf_conntrack.h>

#include "route.h"

static u8 rt_flowi_flags(unsigned int flags)
{
	return (flags & LBVS_RT_KNOWN_NH) ? FLOWI_FLAG_KNOWN_NH : 0;
}

static struct dst_entry *route4(struct net *net, __be32 daddr, unsigned int flags,
				union nf_inet_addr *saddr)
{
	struct flowi4 fl4 = { .daddr = daddr, .flowi4_flags = rt_flowi_flags(flags) };
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
	if (saddr)
		saddr->ip = fl4.saddr;
	return &rt->dst;
}

static struct dst_entry *route6(struct net *net, const struct in6_addr *daddr,
				unsigned int flags, union nf_inet_addr *saddr)
{
	struct flowi6 fl6 = { .daddr = *daddr, .flowi6_flags = rt_flowi_flags(flags) };
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
	int err = dst->error;

	if (!err && (dst->dev->flags & IFF_LOOPBACK))
		err = -EHOSTUNREACH;
	/* ip6_route_output() leaves the source to the caller. */
	if (!err && saddr)
		err = ipv6_dev_get_saddr(net, ip6_dst_idev(dst)->dev, daddr, 0, &saddr->in6);
	if (err) {
		dst_release(dst);
		return ERR_PTR(err < 0 ? err : -EHOSTUNREACH);
	}
	return dst;
}

/*
 * As the forwarding path decides: a GSO packet is too big when its segments
 * are; a packet netfilter reassembled, when its largest fragment was (it is
 * sent on as fragments of that size again).
 */
static bool exceeds_mtu(const struct sk_buff *skb, u16 af, unsigned int mtu)
{
	if (af == AF_INET6 && IP6CB(skb)->frag_max_size)
		return IP6CB(skb)->frag_max_size > mtu;
	if (skb->len <= mtu)
		return false;
	if (skb_is_gso(skb))
		return !skb_gso_validate_network_len(skb, mtu);
	return true;
}

/* The input route is still attached: ICMP errors need it to answer. */
static bool too_big(struct net *net, struct sk_buff *skb, u16 af, unsigned int mtu)
{
	if (!exceeds_mtu(skb, af, mtu))
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

/*
 * The MTU a packet may have before overhead bytes are added. Below the
 * protocol's minimum, the outer packet is fragmented instead, as a tunnel
 * device does.
 */
static unsigned int inner_mtu(const struct dst_entry *dst, u16 af, unsigned int overhead)
{
	unsigned int mtu = dst_mtu(dst), min = af == AF_INET ? 68 : IPV6_MIN_MTU;

	return mtu >= min + overhead ? mtu - overhead : min;
}

int lbvs_route_ext(struct net *net, struct sk_buff *skb, u16 af,
		   const union nf_inet_addr *daddr, unsigned int overhead,
		   unsigned int flags, union nf_inet_addr *saddr)
{
	struct dst_entry *dst;

	if (af == AF_INET)
		dst = route4(net, daddr->ip, flags, saddr);
	else
		dst = route6(net, &daddr->in6, flags, saddr);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	if (too_big(net, skb, af, inner_mtu(dst, af, overhead))) {
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
	/*
	 * Oversized DF packets were refused by lbvs_route(); what is left may
	 * be fragmented (a reassembled IPv6 packet, a tunnel's outer packet).
	 */
	skb->ignore_df = 1;
	dst_output(net, NULL, skb);
	return NF_STOLEN;
}
