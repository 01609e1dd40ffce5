// SPDX-License-Identifier: GPL-2.0
/*
 * TUN (IP-in-IP): the director wraps the client's packet, untouched, in an
 * outer header from its own address (the one the route to RIP chooses) to
 * RIP: IPv4 in IPv4 (protocol 4) for IPv4 services, IPv6 in IPv6 (next
 * header 41) for IPv6 ones. The real server decapsulates it on an ipip /
 * ip6tnl device that holds the VIP and answers the client directly, so it
 * may sit anywhere the director can route to.
 *
 * The outer header costs 20 (40) bytes of path MTU: lbvs_route_dest()
 * answers a packet that no longer fits, and may not be fragmented, with
 * "fragmentation needed" / "packet too big" carrying the path MTU less that
 * overhead, as a tunnel device would. Other oversized packets leave as fragments of the
 * outer packet (DF is copied from the inner IPv4 header).
 *
 * GSO packets keep their inner segmentation and gain SKB_GSO_IPXIP4/6, so
 * the stack (or the device) segments them with both headers; a
 * CHECKSUM_PARTIAL packet keeps its checksum offsets, which count from the
 * buffer's head and stay valid when the outer header is pushed.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>

#include "route.h"
#include "tcpedit.h"
#include "xmit.h"

static void push_outer4(struct net *net, struct sk_buff *skb,
			const union nf_inet_addr *saddr, const union nf_inet_addr *daddr)
{
	const struct iphdr *inner = ip_hdr(skb);
	u8 tos = ipv4_get_dsfield(inner);
	__be16 df = inner->frag_off & htons(IP_DF);
	u8 ttl = inner->ttl;
	struct iphdr *iph;

	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->tos = INET_ECN_encapsulate(tos, tos);
	iph->tot_len = htons(skb->len);
	iph->frag_off = df;
	iph->ttl = ttl;
	iph->protocol = IPPROTO_IPIP;
	iph->saddr = saddr->ip;
	iph->daddr = daddr->ip;
	/* One ID per segment a GSO packet becomes, as iptunnel_xmit(). */
	__ip_select_ident(net, iph, skb_shinfo(skb)->gso_segs ?: 1);
	ip_send_check(iph);
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
}

static void push_outer6(struct sk_buff *skb, const union nf_inet_addr *saddr,
			const union nf_inet_addr *daddr)
{
	const struct ipv6hdr *inner = ipv6_hdr(skb);
	u8 tclass = ipv6_get_dsfield(inner);
	u8 hop_limit = inner->hop_limit;
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, INET_ECN_encapsulate(tclass, tclass), 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = IPPROTO_IPV6;
	ip6h->hop_limit = hop_limit;
	ip6h->saddr = saddr->in6;
	ip6h->daddr = daddr->in6;
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
}

unsigned int lbvs_tun_in(struct net *net, struct sk_buff *skb,
			 const struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	bool v4 = p->t.af == AF_INET;
	unsigned int hlen = v4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	union nf_inet_addr daddr, saddr;

	lbvs_conn_get_addr(c, LBVS_A_D, &daddr);
	if (lbvs_route_dest(net, skb, c, hlen, &saddr) || lbvs_toa_scrub(skb, p))
		return NF_DROP;
	/* Room for the outer header and the link header in front of it. */
	if (skb_cow_head(skb, LL_RESERVED_SPACE(skb_dst(skb)->dev) + hlen))
		return NF_DROP;
	/* The inner headers, as iptunnel_handle_offloads() records them. */
	skb_set_transport_header(skb, p->thoff);
	if (iptunnel_handle_offloads(skb, v4 ? SKB_GSO_IPXIP4 : SKB_GSO_IPXIP6))
		return NF_DROP;
	skb_set_inner_ipproto(skb, v4 ? IPPROTO_IPIP : IPPROTO_IPV6);
	/* Seen from the outer header, the inner one is the transport. */
	skb_reset_transport_header(skb);
	if (v4)
		push_outer4(net, skb, &saddr, &daddr);
	else
		push_outer6(skb, &saddr, &daddr);
	return lbvs_send(net, skb);
}
