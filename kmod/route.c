// SPDX-License-Identifier: GPL-2.0
/*
 * Output routing for packets lbvs forwards from LOCAL_IN: they arrived for a
 * local address (the VIP), so the stack routed them to us; we route them
 * again towards the real server and send them, bypassing local delivery.
 */
#include <net/icmp.h>
#include <linux/icmpv6.h>
#include <net/dst.h>
#include <net/dst_cache.h>
#include <net/ip.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/netfilter/nf_conntrack.h>

#include "conn.h"
#include "fwd.h"
#include "netns.h"
#include "route.h"
#include "service.h"

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

/*
 * saddr, if not NULL, receives the source address for daddr on the route's
 * device: ip6_route_output() leaves it to the caller. :: when the device has
 * none; lbvs_route_ext() refuses that to a caller that asked for it.
 */
static struct dst_entry *route6(struct net *net, const struct in6_addr *daddr,
				unsigned int flags, union nf_inet_addr *saddr)
{
	struct flowi6 fl6 = { .daddr = *daddr, .flowi6_flags = rt_flowi_flags(flags) };
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
	int err = dst->error;

	if (!err && (dst->dev->flags & IFF_LOOPBACK))
		err = -EHOSTUNREACH;
	if (err) {
		dst_release(dst);
		return ERR_PTR(err < 0 ? err : -EHOSTUNREACH);
	}
	if (saddr && ipv6_dev_get_saddr(net, ip6_dst_idev(dst)->dev, daddr, 0, &saddr->in6))
		saddr->in6 = in6addr_any;
	return dst;
}

static struct dst_entry *route(struct net *net, u16 af, const union nf_inet_addr *daddr,
			       unsigned int flags, union nf_inet_addr *saddr)
{
	if (af == AF_INET)
		return route4(net, daddr->ip, flags, saddr);
	return route6(net, &daddr->in6, flags, saddr);
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

/*
 * Attach dst, whose reference the caller hands over, to skb; src is the
 * route's source address, copied to saddr when the caller wants it.
 */
static int attach(struct net *net, struct sk_buff *skb, u16 af, struct dst_entry *dst,
		  unsigned int overhead, const union nf_inet_addr *src,
		  union nf_inet_addr *saddr)
{
	int err = -EMSGSIZE;

	if (saddr) {
		if (af == AF_INET6 && ipv6_addr_any(&src->in6)) {
			err = -EADDRNOTAVAIL;
			goto drop;
		}
		*saddr = *src;
	}
	if (too_big(net, skb, af, inner_mtu(dst, af, overhead)))
		goto drop;
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return 0;

drop:
	dst_release(dst);
	return err;
}

int lbvs_route_ext(struct net *net, struct sk_buff *skb, u16 af,
		   const union nf_inet_addr *daddr, unsigned int overhead,
		   unsigned int flags, union nf_inet_addr *saddr)
{
	union nf_inet_addr src = {};
	struct dst_entry *dst;

	dst = route(net, af, daddr, flags, saddr ? &src : NULL);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	return attach(net, skb, af, dst, overhead, &src, saddr);
}

static unsigned int fwd_rt_flags(u8 fwd)
{
	return lbvs_fwd(fwd)->rt_flags;
}

/*
 * Whether a route of this kind may be kept. Not: one that no longer matches
 * the server's method (service.h), and an IPv6 "known next hop" route to an
 * on-link server, an uncached clone that holds its fib6_info: a device
 * going away takes the clone's device but not that reference, so the
 * fib6_info, and with it the device, would stay until the server is freed,
 * and unregistering the device (netns deletion) would wait forever.
 */
static bool cacheable(const struct lbvs_dest *dest, unsigned int flags)
{
	if (dest->af == AF_INET6 && (flags & LBVS_RT_KNOWN_NH))
		return false;
	return flags == fwd_rt_flags(READ_ONCE(dest->fwd));
}

/*
 * The dst_cache calls want BH disabled (they use this CPU's slot): the
 * callers are netfilter's LOCAL_IN and FORWARD hooks, which run from the
 * receive path, in softirq or with BH disabled.
 */
static struct dst_entry *cache_get(struct dst_cache *cache, u16 af, union nf_inet_addr *src)
{
	struct rtable *rt;

	if (af == AF_INET6)
		return dst_cache_get_ip6(cache, &src->in6);
	rt = dst_cache_get_ip4(cache, &src->ip);
	return rt ? &rt->dst : NULL;
}

static void cache_set(struct dst_cache *cache, u16 af, struct dst_entry *dst,
		      const union nf_inet_addr *src)
{
	if (af == AF_INET6)
		dst_cache_set_ip6(cache, dst, &src->in6);
	else
		dst_cache_set_ip4(cache, dst, src->ip);
}

/*
 * A server's route cache gets its per-CPU slots with its first packet, not
 * when the server is added: a restore of 100,000 servers then makes no
 * per-CPU allocation for them, and a server that never gets a packet
 * costs none. If the atomic allocation fails, this
 * packet is routed uncached and the next one tries again.
 */
static bool cache_ready(struct dst_cache *cache)
{
	struct dst_cache fresh;

	if (likely(READ_ONCE(cache->cache)))
		return true;
	if (dst_cache_init(&fresh, GFP_ATOMIC))
		return false;
	/* Another CPU may have been first: then ours goes, still empty. */
	if (cmpxchg(&cache->cache, NULL, fresh.cache))
		dst_cache_destroy(&fresh);
	return true;
}

int lbvs_route_dest(struct net *net, struct sk_buff *skb, const struct lbvs_conn *c,
		    unsigned int overhead, union nf_inet_addr *saddr)
{
	struct lbvs_dest *dest = c->dest;
	unsigned int flags = lbvs_conn_fwd(c)->rt_flags;
	union nf_inet_addr src = {};
	struct dst_entry *dst;

	/*
	 * dest->rt_cache holds routes looked up with the flags of the
	 * server's current method (service.h). A connection made before the
	 * method changed between DR and another one needs the other kind: it
	 * looks its route up every time, as before the cache; so does IPv6 DR.
	 */
	if (unlikely(!cacheable(dest, flags) || !cache_ready(&dest->rt_cache)))
		return lbvs_route_ext(net, skb, dest->af, &dest->addr, overhead, flags, saddr);
	dst = cache_get(&dest->rt_cache, dest->af, &src);
	if (!dst) {
		/* Always with the source address: the next user may want it. */
		dst = route(net, dest->af, &dest->addr, flags, &src);
		if (IS_ERR(dst))
			return PTR_ERR(dst);
		cache_set(&dest->rt_cache, dest->af, dst, &src);
		/*
		 * Pairs with the barrier in lbvs_route_dest_set_fwd(): either
		 * the method change happened before our read, and we reset
		 * the cache, or its reset comes after our store and
		 * invalidates it.
		 */
		smp_mb();
		if (unlikely(!cacheable(dest, flags)))
			dst_cache_reset(&dest->rt_cache);
	}
	return attach(net, skb, dest->af, dst, overhead, &src, saddr);
}

void lbvs_route_dest_set_fwd(struct lbvs_net *ln, struct lbvs_dest *dest, u32 fwd)
{
	lockdep_assert_held(&ln->config_lock);
	WRITE_ONCE(dest->fwd, fwd);
	/* Pairs with the barrier in lbvs_route_dest(). */
	smp_mb();
	dst_cache_reset(&dest->rt_cache);
}

bool lbvs_addr_local(struct net *net, u16 af, const union nf_inet_addr *addr)
{
	if (af == AF_INET)
		return inet_addr_type(net, addr->ip) == RTN_LOCAL;
	return ipv6_chk_addr(net, &addr->in6, NULL, 0);
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
	 * Oversized DF packets were refused by lbvs_route*(); what is left may
	 * be fragmented (a reassembled IPv6 packet, a tunnel's outer packet).
	 */
	skb->ignore_df = 1;
	dst_output(net, NULL, skb);
	return NF_STOLEN;
}
