// SPDX-License-Identifier: GPL-2.0
/*
 * Address and port rewriting, for the methods that translate (NAT and
 * FULLNAT). Checksums are updated incrementally. inet_proto_csum_replace*()
 * handle every ip_summed mode: CHECKSUM_PARTIAL packets (from local sockets
 * and veth) only carry the pseudo-header sum, which is what they adjust.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "rewrite.h"

int lbvs_rewrite_writable(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	return skb_ensure_writable(skb, p->thoff + lbvs_l4_len(p->t.proto));
}

static __sum16 *l4_check(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	void *th = skb->data + p->thoff;

	if (p->t.proto == IPPROTO_TCP)
		return &((struct tcphdr *)th)->check;
	return &((struct udphdr *)th)->check;
}

/* Port fields sit at the same offsets in TCP and UDP headers. */
static __be16 *l4_port(struct sk_buff *skb, const struct lbvs_pkt *p, bool src)
{
	struct udphdr *uh = (struct udphdr *)(skb->data + p->thoff);

	return src ? &uh->source : &uh->dest;
}

void lbvs_rewrite(struct sk_buff *skb, const struct lbvs_pkt *p, bool src,
		  const void *addr, __be16 port)
{
	__sum16 *check = l4_check(skb, p);
	__be16 *pp = l4_port(skb, p, src);
	/* A zero UDP/IPv4 checksum means "none": keep it so. */
	bool csum = !(p->t.proto == IPPROTO_UDP && p->t.af == AF_INET && !*check &&
		      skb->ip_summed != CHECKSUM_PARTIAL);

	if (p->t.af == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);
		__be32 *a = src ? &iph->saddr : &iph->daddr;
		__be32 to = *(const __be32 *)addr;

		if (csum)
			inet_proto_csum_replace4(check, skb, *a, to, true);
		csum_replace4(&iph->check, *a, to);
		*a = to;
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);
		struct in6_addr *a = src ? &ip6h->saddr : &ip6h->daddr;

		if (csum)
			inet_proto_csum_replace16(check, skb, a->s6_addr32,
						  ((const struct in6_addr *)addr)->s6_addr32, true);
		*a = *(const struct in6_addr *)addr;
	}
	if (csum) {
		inet_proto_csum_replace2(check, skb, *pp, port, false);
		if (p->t.proto == IPPROTO_UDP && !*check)
			*check = CSUM_MANGLED_0;
	}
	*pp = port;
}
