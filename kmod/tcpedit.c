// SPDX-License-Identifier: GPL-2.0
/*
 * Editing a client's TCP header in place; the rules are in tcpedit.h.
 */
#include <linux/ipv6.h>
#include <linux/lbvs.h>
#include <linux/netfilter.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>

#include "tcpedit.h"
#include "tcpopt.h"

int lbvs_tcp_edit_begin(struct sk_buff *skb, const struct lbvs_pkt *p,
			unsigned int headroom, unsigned int *hdrlen)
{
	u8 pf = p->t.af == AF_INET ? NFPROTO_IPV4 : NFPROTO_IPV6;

	if (nf_checksum(skb, NF_INET_LOCAL_IN, p->thoff, IPPROTO_TCP, pf))
		return -EBADMSG;
	if (skb_ensure_writable(skb, p->thoff + sizeof(struct tcphdr)))
		return -ENOMEM;
	*hdrlen = lbvs_tcp_at(skb, p)->doff * 4;
	if (skb_ensure_writable(skb, p->thoff + *hdrlen))
		return -ENOMEM;
	return skb_cow_head(skb, headroom);
}

void lbvs_tcp_edit_end(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	struct tcphdr *th = lbvs_tcp_at(skb, p);
	unsigned int len = skb->len - p->thoff;

	if (p->t.af == AF_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		th->check = ~tcp_v4_check(len, iph->saddr, iph->daddr, 0);
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		th->check = ~tcp_v6_check(len, &ip6h->saddr, &ip6h->daddr, 0);
	}
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_headroom(skb) + p->thoff;
	skb->csum_offset = offsetof(struct tcphdr, check);
}

bool lbvs_toa_forged(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	u8 buf[LBVS_TCPOPT_SPACE];
	struct tcphdr _th;
	const struct tcphdr *th;
	unsigned int len;
	const u8 *opts;

	if (p->t.proto != IPPROTO_TCP)
		return false;
	th = skb_header_pointer(skb, p->thoff, sizeof(_th), &_th);
	if (!th || th->doff * 4 <= sizeof(*th))
		return false;
	len = th->doff * 4 - sizeof(*th);
	opts = skb_header_pointer(skb, p->thoff + sizeof(*th), len, buf);
	return opts && lbvs_tcpopt_find(opts, len, LBVS_TOA_KIND, 0) >= 0;
}

int lbvs_toa_scrub(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	unsigned int hdrlen;
	int err;

	if (!lbvs_toa_forged(skb, p))
		return 0;
	err = lbvs_tcp_edit_begin(skb, p, 0, &hdrlen);
	if (err)
		return err;
	lbvs_tcpopt_scrub((u8 *)(lbvs_tcp_at(skb, p) + 1), hdrlen - sizeof(struct tcphdr));
	lbvs_tcp_edit_end(skb, p);
	return 0;
}
