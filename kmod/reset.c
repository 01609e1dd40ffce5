// SPDX-License-Identifier: GPL-2.0
/*
 * Both ends of a TCP flow accept a RST whose sequence number is the one
 * they expect next (RFC 5961). From a packet of the flow, its sender's is
 * the packet's acknowledgment, which the netfilter reject helpers use;
 * its receiver's is the packet's own sequence number, once the packet's
 * data is dropped: so the packet itself, cut to its header, becomes the
 * receiver's RST, and the method's transmit path delivers it as it would
 * have delivered the packet (translated, encapsulated, or routed).
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/tcp.h>

#include "proto_state.h"
#include "reset.h"

void lbvs_reset_sender(struct net *net, struct sk_buff *skb, u16 af, unsigned int hook)
{
	if (af == AF_INET)
		nf_send_reset(net, NULL, skb, hook);
	else
		nf_send_reset6(net, NULL, skb, hook);
}

static void rst_csum(struct sk_buff *skb, struct tcphdr *th, u16 af)
{
	unsigned int len = sizeof(*th);
	__wsum sum;

	th->check = 0;
	sum = csum_partial(th, len, 0);
	if (af == AF_INET)
		th->check = tcp_v4_check(len, ip_hdr(skb)->saddr, ip_hdr(skb)->daddr, sum);
	else
		th->check = tcp_v6_check(len, &ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr,
					 sum);
	skb->ip_summed = CHECKSUM_NONE;
}

int lbvs_reset_make(struct sk_buff *skb, struct lbvs_pkt *p)
{
	unsigned int len = p->thoff + sizeof(struct tcphdr);
	struct tcphdr *th;

	if (skb_ensure_writable(skb, len) || pskb_trim(skb, len))
		return -ENOMEM;
	skb_gso_reset(skb);	/* a GRO train is one segment now */
	th = (struct tcphdr *)(skb->data + p->thoff);
	/* Data offset 5 (no options), RST and ACK, window 0. */
	tcp_flag_word(th) = TCP_FLAG_RST | TCP_FLAG_ACK | htonl(5 << 28);
	th->urg_ptr = 0;
	if (p->t.af == AF_INET) {
		ip_hdr(skb)->tot_len = htons(skb->len);
		ip_send_check(ip_hdr(skb));
	} else {
		ipv6_hdr(skb)->payload_len = htons(skb->len - sizeof(struct ipv6hdr));
	}
	rst_csum(skb, th, p->t.af);
	p->tcp_flags = LBVS_TCPF_RST | LBVS_TCPF_ACK;
	return 0;
}
