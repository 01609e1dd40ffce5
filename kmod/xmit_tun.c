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
#include <net/gre.h>
#include <net/gue.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/udp.h>

#include "drop.h"
#include "route.h"
#include "service.h"
#include "tcpedit.h"
#include "xmit.h"

static void push_outer4(struct net *net, struct sk_buff *skb, u8 proto,
			const union nf_inet_addr *saddr, const union nf_inet_addr *daddr)
{
	const struct iphdr *inner = inner_ip_hdr(skb);
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
	iph->protocol = proto;
	iph->saddr = saddr->ip;
	iph->daddr = daddr->ip;
	/* One ID per segment a GSO packet becomes, as iptunnel_xmit(). */
	__ip_select_ident(net, iph, skb_shinfo(skb)->gso_segs ?: 1);
	ip_send_check(iph);
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
}

static void push_outer6(struct sk_buff *skb, u8 proto, const union nf_inet_addr *saddr,
			const union nf_inet_addr *daddr)
{
	const struct ipv6hdr *inner = inner_ipv6_hdr(skb);
	u8 tclass = ipv6_get_dsfield(inner);
	u8 hop_limit = inner->hop_limit;
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, INET_ECN_encapsulate(tclass, tclass), 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = proto;
	ip6h->hop_limit = hop_limit;
	ip6h->saddr = saddr->in6;
	ip6h->daddr = daddr->in6;
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
}

/* The remote checksum option: the receiver completes the inner checksum. */
static bool gue_remcsum(union lbvs_tun tun, const struct sk_buff *skb)
{
	return tun.type == LBVS_TUN_GUE && (tun.flags & LBVS_TUN_F_REMCSUM) &&
	       skb->ip_summed == CHECKSUM_PARTIAL;
}

static __be16 gre_flags(union lbvs_tun tun)
{
	return tun.flags & LBVS_TUN_F_CSUM ? TUNNEL_CSUM : 0;
}

/* What the encapsulation adds between the outer and the inner IP header. */
static unsigned int encap_len(union lbvs_tun tun, bool remcsum)
{
	switch (tun.type) {
	case LBVS_TUN_GUE:
		return sizeof(struct udphdr) + sizeof(struct guehdr) +
		       (remcsum ? GUE_LEN_PRIV + GUE_PLEN_REMCSUM : 0);
	case LBVS_TUN_GRE:
		return gre_calc_hlen(gre_flags(tun));
	default:
		return 0;
	}
}

/* As IPVS's tunnel GSO types: the stack segments inner and outer. */
static int gso_type(union lbvs_tun tun, bool v4, bool remcsum)
{
	int type = v4 ? SKB_GSO_IPXIP4 : SKB_GSO_IPXIP6;

	switch (tun.type) {
	case LBVS_TUN_GUE:
		type |= tun.flags ? SKB_GSO_UDP_TUNNEL_CSUM : SKB_GSO_UDP_TUNNEL;
		if (remcsum)
			type |= SKB_GSO_TUNNEL_REMCSUM;
		break;
	case LBVS_TUN_GRE:
		type |= tun.flags ? SKB_GSO_GRE_CSUM : SKB_GSO_GRE;
		break;
	}
	return type;
}

/*
 * GUE's header (with the remote checksum option: where the inner checksum
 * starts and lies, counted from after the GUE header) and its UDP header,
 * whose checksum needs the outer addresses: gue_csum().
 */
static void gue_push(struct net *net, struct sk_buff *skb, union lbvs_tun tun,
		     bool remcsum, u8 inner)
{
	size_t optlen = remcsum ? GUE_LEN_PRIV + GUE_PLEN_REMCSUM : 0;
	__be16 sport = udp_flow_src_port(net, skb, 0, 0, false);
	struct guehdr *gueh;
	struct udphdr *uh;

	if (remcsum) {
		u16 start = skb_checksum_start_offset(skb);
		__be16 *pd;

		pd = skb_push(skb, GUE_PLEN_REMCSUM);
		pd[0] = htons(start);
		pd[1] = htons(start + skb->csum_offset);
		*(__be32 *)skb_push(skb, GUE_LEN_PRIV) = GUE_PFLAG_REMCSUM;
		if (!skb_is_gso(skb)) {
			skb->ip_summed = CHECKSUM_NONE;
			skb->encapsulation = 0;
		}
	}
	gueh = skb_push(skb, sizeof(*gueh));
	memset(gueh, 0, sizeof(*gueh));
	gueh->hlen = optlen >> 2;
	gueh->flags = remcsum ? GUE_FLAG_PRIV : 0;
	gueh->proto_ctype = inner;

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = sport;
	uh->dest = tun.port;
	uh->len = htons(skb->len);
	uh->check = 0;
}

static void gue_csum(struct sk_buff *skb, union lbvs_tun tun, bool v4,
		     const union nf_inet_addr *saddr, const union nf_inet_addr *daddr)
{
	bool nocheck = !tun.flags;	/* remote checksum offload needs one too */

	if (v4)
		udp_set_csum(nocheck, skb, saddr->ip, daddr->ip, skb->len);
	else
		udp6_set_csum(nocheck, skb, &saddr->in6, &daddr->in6, skb->len);
}

/* The encapsulation in front of the inner header: the outer protocol. */
static u8 encap_push(struct net *net, struct sk_buff *skb, union lbvs_tun tun,
		     bool v4, bool remcsum, const union nf_inet_addr *saddr,
		     const union nf_inet_addr *daddr)
{
	u8 inner = v4 ? IPPROTO_IPIP : IPPROTO_IPV6;

	switch (tun.type) {
	case LBVS_TUN_GUE:
		gue_push(net, skb, tun, remcsum, inner);
		gue_csum(skb, tun, v4, saddr, daddr);
		return IPPROTO_UDP;
	case LBVS_TUN_GRE:
		gre_build_header(skb, encap_len(tun, false), gre_flags(tun),
				 v4 ? htons(ETH_P_IP) : htons(ETH_P_IPV6), 0, 0);
		return IPPROTO_GRE;
	default:
		return inner;
	}
}

static unsigned int tun_in(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			   const struct lbvs_pkt *p)
{
	union lbvs_tun tun = { .word = READ_ONCE(c->dest->tun.word) };
	bool v4 = p->t.af == AF_INET, remcsum = gue_remcsum(tun, skb);
	unsigned int hlen = v4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	union nf_inet_addr daddr, saddr;
	u8 proto;
	int err;

	hlen += encap_len(tun, remcsum);
	lbvs_conn_get_addr(c, LBVS_A_D, &daddr);
	err = lbvs_route_dest(net, skb, c, hlen, &saddr) ?: lbvs_toa_scrub(skb, p);
	/* Room for the outer headers and the link header in front of them. */
	if (!err)
		err = skb_cow_head(skb, LL_RESERVED_SPACE(skb_dst(skb)->dev) + hlen);
	if (err)
		return lbvs_drop_err(net, err, &p->t);
	/* The inner headers, as iptunnel_handle_offloads() records them. */
	skb_set_transport_header(skb, p->thoff);
	err = iptunnel_handle_offloads(skb, gso_type(tun, v4, remcsum));
	if (err)
		return lbvs_drop_err(net, err, &p->t);
	skb_set_inner_ipproto(skb, v4 ? IPPROTO_IPIP : IPPROTO_IPV6);
	skb_set_inner_mac_header(skb, skb_inner_network_offset(skb));
	/* Seen from the outer header, the inner one is the transport. */
	skb_reset_transport_header(skb);
	proto = encap_push(net, skb, tun, v4, remcsum, &saddr, &daddr);
	if (v4)
		push_outer4(net, skb, proto, &saddr, &daddr);
	else
		push_outer6(skb, proto, &saddr, &daddr);
	return lbvs_send(net, skb);
}

const struct lbvs_fwd_ops lbvs_fwd_tun = {
	.xmit_in = tun_in,
	.tunnels = true,
	.method = LBVS_FWD_TUN,
	.ipvs_fwd = IP_VS_CONN_F_TUNNEL,
};
