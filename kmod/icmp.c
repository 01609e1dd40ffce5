// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP errors about a balanced flow (port unreachable, fragmentation needed,
 * packet too big, time exceeded...) quote the packet they are about. When
 * that packet was translated, the error must be translated too, or its
 * receiver cannot match it to its socket:
 *
 * - FORWARD, from the real server's side to the client (NAT): the quoted
 *   packet is CIP:cport -> RIP:rport; it becomes CIP:cport -> VIP:vport, and
 *   an error sent by the real server itself comes from the VIP.
 * - LOCAL_IN, from the client's side to the VIP: the quoted packet is
 *   VIP:vport -> CIP:cport; it becomes RIP:rport -> CIP:cport and the error
 *   goes on to the real server.
 * - LOCAL_IN, from the real server's side to a FULLNAT pool address: as the
 *   first case, and the other end too: LIP:lport becomes CIP:cport.
 * - LOCAL_IN, about a DR or TUN flow: the real server answered from the VIP
 *   itself, so the error is already what it expects; it is forwarded
 *   untouched by the flow's own method (to RIP's MAC address, or
 *   encapsulated to RIP).
 *
 * A SYN-proxied flow's quote also moves between the two sequence spaces
 * (seqadj.h). The quoted transport checksum is left alone (the quote is
 * often cut short); the ICMP checksum is verified first (as IPVS: a
 * corrupt error is dropped and counted, never given a valid checksum),
 * then computed again over the whole message.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "drop.h"
#include "fwd.h"
#include "icmp.h"
#include "netns.h"
#include "route.h"
#include "seqadj.h"
#include "synproxy.h"

struct icmp_err {
	unsigned int icmp_off;		/* ICMP header */
	unsigned int quote_off;		/* quoted IP header */
	unsigned int quote_l4;		/* quoted transport header */
	struct lbvs_tuple quote;	/* the quoted packet's tuple */
	struct lbvs_tuple flow;		/* the flow it answers: quote reversed */
};

static bool is_error4(u8 type)
{
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH ||
	       type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

static int quote_ports(struct sk_buff *skb, struct icmp_err *e)
{
	__be16 _ports[2];
	const __be16 *ports;

	if (e->quote.proto != IPPROTO_TCP && e->quote.proto != IPPROTO_UDP)
		return -EPROTONOSUPPORT;
	ports = skb_header_pointer(skb, e->quote_l4, sizeof(_ports), _ports);
	if (!ports)
		return -EINVAL;
	e->quote.sport = ports[0];
	e->quote.dport = ports[1];
	return 0;
}

static int parse4(struct sk_buff *skb, struct icmp_err *e)
{
	struct icmphdr _ih;
	const struct icmphdr *ih;
	struct iphdr _qh;
	const struct iphdr *qh;

	ih = skb_header_pointer(skb, e->icmp_off, sizeof(_ih), &_ih);
	if (!ih || !is_error4(ih->type))
		return -EINVAL;
	e->quote_off = e->icmp_off + sizeof(*ih);
	qh = skb_header_pointer(skb, e->quote_off, sizeof(_qh), &_qh);
	if (!qh || qh->version != 4 || qh->ihl < 5 || (qh->frag_off & htons(IP_OFFSET)))
		return -EINVAL;
	e->quote_l4 = e->quote_off + qh->ihl * 4;
	e->quote.af = AF_INET;
	e->quote.proto = qh->protocol;
	e->quote.saddr.ip = qh->saddr;
	e->quote.daddr.ip = qh->daddr;
	return quote_ports(skb, e);
}

static int parse6(struct sk_buff *skb, struct icmp_err *e)
{
	struct icmp6hdr _ih;
	const struct icmp6hdr *ih;
	struct ipv6hdr _qh;
	const struct ipv6hdr *qh;
	__be16 qfrag;
	u8 nexthdr;
	int off;

	ih = skb_header_pointer(skb, e->icmp_off, sizeof(_ih), &_ih);
	if (!ih || (ih->icmp6_type & ICMPV6_INFOMSG_MASK))
		return -EINVAL;
	e->quote_off = e->icmp_off + sizeof(*ih);
	qh = skb_header_pointer(skb, e->quote_off, sizeof(_qh), &_qh);
	if (!qh || qh->version != 6)
		return -EINVAL;
	nexthdr = qh->nexthdr;
	off = ipv6_skip_exthdr(skb, e->quote_off + sizeof(*qh), &nexthdr, &qfrag);
	if (off < 0 || (qfrag & htons(IP6_OFFSET)))
		return -EINVAL;
	e->quote_l4 = off;
	e->quote.af = AF_INET6;
	e->quote.proto = nexthdr;
	e->quote.saddr.in6 = qh->saddr;
	e->quote.daddr.in6 = qh->daddr;
	return quote_ports(skb, e);
}

/* The tuple of the flow the quoted packet answers: source and dest swapped. */
static void reply_tuple(const struct lbvs_tuple *q, struct lbvs_tuple *t)
{
	*t = *q;
	t->saddr = q->daddr;
	t->daddr = q->saddr;
	t->sport = q->dport;
	t->dport = q->sport;
}

/*
 * The error's quote, from the ICMP header the hooks found (p->thoff), and
 * the flow it is about, for both handlers to look up.
 */
static int parse(struct sk_buff *skb, const struct lbvs_pkt *p, struct icmp_err *e)
{
	int err;

	e->icmp_off = p->thoff;
	err = p->t.af == AF_INET ? parse4(skb, e) : parse6(skb, e);
	if (!err)
		reply_tuple(&e->quote, &e->flow);
	return err;
}

static void set_addr(u16 af, void *field, const void *addr, __sum16 *ip_check)
{
	if (af == AF_INET) {
		if (ip_check)
			csum_replace4(ip_check, *(__be32 *)field, *(const __be32 *)addr);
		memcpy(field, addr, sizeof(__be32));
	} else {
		memcpy(field, addr, sizeof(struct in6_addr));
	}
}

/* Rewrite one side (src or dst) of the quote: address and port. */
static void set_quote(struct sk_buff *skb, const struct icmp_err *e, bool src,
		      const void *addr, __be16 port)
{
	__be16 *ports = (__be16 *)(skb->data + e->quote_l4);
	void *qh = skb->data + e->quote_off;

	if (e->quote.af == AF_INET) {
		struct iphdr *iph = qh;

		set_addr(AF_INET, src ? &iph->saddr : &iph->daddr, addr, &iph->check);
	} else {
		struct ipv6hdr *ip6h = qh;

		set_addr(AF_INET6, src ? &ip6h->saddr : &ip6h->daddr, addr, NULL);
	}
	ports[src ? 0 : 1] = port;
}

static void set_outer(struct sk_buff *skb, u16 af, bool src, const void *addr)
{
	if (af == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);

		set_addr(AF_INET, src ? &iph->saddr : &iph->daddr, addr, &iph->check);
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);

		set_addr(AF_INET6, src ? &ip6h->saddr : &ip6h->daddr, addr, NULL);
	}
}

static void fix_icmp_csum(struct sk_buff *skb, const struct icmp_err *e)
{
	unsigned int len = skb->len - e->icmp_off;
	__wsum csum;

	if (e->quote.af == AF_INET) {
		struct icmphdr *ih = (struct icmphdr *)(skb->data + e->icmp_off);

		ih->checksum = 0;
		ih->checksum = csum_fold(skb_checksum(skb, e->icmp_off, len, 0));
	} else {
		struct icmp6hdr *ih = (struct icmp6hdr *)(skb->data + e->icmp_off);
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		ih->icmp6_cksum = 0;
		csum = skb_checksum(skb, e->icmp_off, len, 0);
		ih->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
						  IPPROTO_ICMPV6, csum);
	}
	skb->ip_summed = CHECKSUM_NONE;
}

static const void *outer_saddr(struct sk_buff *skb, u16 af)
{
	return af == AF_INET ? (void *)&ip_hdr(skb)->saddr : (void *)&ipv6_hdr(skb)->saddr;
}

/* The quoted transport header's bytes a translation may touch. */
static unsigned int quote_len(const struct sk_buff *skb, const struct icmp_err *e)
{
	if (e->quote.proto != IPPROTO_TCP)
		return 2 * sizeof(__be16);
	return min_t(unsigned int, skb->len - e->quote_l4, sizeof(struct tcphdr));
}

/* A proxied flow's quote, once its server's sequence space is known. */
static void translate_seq(struct sk_buff *skb, const struct icmp_err *e,
			  const struct lbvs_conn *c, bool to_client)
{
	unsigned int len = quote_len(skb, e);
	const struct lbvs_proxy_conn *pc;

	if (!lbvs_conn_fwd(c)->proxied || len < 2 * sizeof(__be32))
		return;
	pc = lbvs_proxy_of(c);
	if (lbvs_proxy_open(pc))
		lbvs_seqadj_quote(skb->data + e->quote_l4, len, &pc->adj, !to_client);
}

/*
 * Make an error about one side of a translated flow speak about the other.
 * to_client: the quote is what the director sent the real server (NAT:
 * CIP:cport -> RIP:rport; FULLNAT: LIP:lport -> RIP:rport) and becomes what
 * the client sent (CIP:cport -> VIP:vport); an error from the real server
 * itself comes from the VIP. Otherwise the quote is what the client got
 * (VIP:vport -> CIP:cport) and becomes what the real server sent (RIP:rport
 * -> CIP:cport; FULLNAT: -> LIP:lport). FULLNAT readdresses both ends.
 */
static void translate(struct sk_buff *skb, const struct icmp_err *e,
		      const struct lbvs_conn *c, bool to_client)
{
	bool full = lbvs_conn_fwd(c)->both_ends;
	u16 af = e->quote.af;

	if (to_client) {
		if (lbvs_addr_eq(af, outer_saddr(skb, af), lbvs_conn_addr(c, LBVS_A_D)))
			set_outer(skb, af, true, lbvs_conn_addr(c, LBVS_A_V));
		set_quote(skb, e, false, lbvs_conn_addr(c, LBVS_A_V), c->vport);
		if (full) {
			set_outer(skb, af, false, lbvs_conn_addr(c, LBVS_A_C));
			set_quote(skb, e, true, lbvs_conn_addr(c, LBVS_A_C), c->cport);
		}
	} else {
		set_outer(skb, af, false, lbvs_conn_addr(c, LBVS_A_D));
		set_quote(skb, e, true, lbvs_conn_addr(c, LBVS_A_D), c->dport);
		if (full) {
			set_outer(skb, af, true, lbvs_conn_addr(c, LBVS_A_L));
			set_quote(skb, e, false, lbvs_conn_addr(c, LBVS_A_L), c->lport);
		}
	}
	translate_seq(skb, e, c, to_client);
	fix_icmp_csum(skb, e);
}

/*
 * Before an error is rewritten, its checksum is checked: the new one would
 * hide a corrupt one (-EBADMSG). hook: where the packet is
 * (CHECKSUM_COMPLETE is trusted only on input). Then what is rewritten is
 * made writable (-ENOMEM).
 */
static int prepare(struct lbvs_net *ln, struct sk_buff *skb, const struct icmp_err *e,
		   unsigned int hook)
{
	bool v4 = e->quote.af == AF_INET;

	if (nf_checksum(skb, hook, e->icmp_off, v4 ? IPPROTO_ICMP : IPPROTO_ICMPV6,
			v4 ? AF_INET : AF_INET6)) {
		atomic64_inc(&ln->icmp_bad_csum);
		return -EBADMSG;
	}
	return skb_ensure_writable(skb, e->quote_l4 + quote_len(skb, e));
}

unsigned int lbvs_icmp_fwd(struct lbvs_net *ln, struct sk_buff *skb, const struct lbvs_pkt *p)
{
	struct icmp_err e;
	struct lbvs_conn *c;
	int err;

	if (parse(skb, p, &e))
		return NF_ACCEPT;
	/* The quote is CIP -> RIP: the flow's "out" tuple is its reverse. */
	c = lbvs_conn_out_get(ln, &e.flow);
	if (!c || !lbvs_conn_fwd(c)->replies_routed)
		return NF_ACCEPT;
	err = prepare(ln, skb, &e, NF_INET_FORWARD);
	if (err)
		return lbvs_drop_err(ln->net, err, &e.flow);
	translate(skb, &e, c, true);
	return NF_ACCEPT;
}

/*
 * A method without replies (DR, TUN): its transmit path sends the ICMP
 * packet to the real server as it would the flow's.
 */
static unsigned int forward_as_is(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
				  const struct icmp_err *e)
{
	struct lbvs_pkt p = { .t.af = e->quote.af, .thoff = e->icmp_off };

	return lbvs_conn_fwd(c)->xmit_in(net, skb, c, &p);
}

/* Translated, the error goes on to the client or to the real server. */
static unsigned int send_translated(struct lbvs_net *ln, struct sk_buff *skb,
				    const struct icmp_err *e, const struct lbvs_conn *c,
				    bool to_client)
{
	struct net *net = ln->net;
	union nf_inet_addr daddr;
	int err;

	err = prepare(ln, skb, e, NF_INET_LOCAL_IN);
	if (!err && to_client) {
		lbvs_conn_get_addr(c, LBVS_A_C, &daddr);
		err = lbvs_route(net, skb, e->quote.af, &daddr, 0);
	} else if (!err) {
		err = lbvs_route_dest(net, skb, c, 0, NULL);
	}
	if (err)
		return lbvs_drop_err(net, err, &e->flow);
	translate(skb, e, c, to_client);
	return lbvs_send(net, skb);
}

unsigned int lbvs_icmp_in(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			  const struct lbvs_pkt *p)
{
	struct icmp_err e;
	struct lbvs_conn *c;

	if (parse(skb, p, &e))
		return NF_ACCEPT;
	/*
	 * Reversed, the quote is a flow's "in" tuple when it is what the
	 * client got (VIP -> CIP), its "out" tuple when it is what a FULLNAT
	 * real server got (LIP -> RIP).
	 */
	c = lbvs_conn_in_get(ln, &e.flow);
	if (c && !lbvs_conn_fwd(c)->xmit_out)
		return forward_as_is(net, skb, c, &e);
	if (c)
		return send_translated(ln, skb, &e, c, false);
	/* Routed replies' errors come through FORWARD (lbvs_icmp_fwd()). */
	c = lbvs_conn_out_get(ln, &e.flow);
	if (!c || lbvs_conn_fwd(c)->replies_routed)
		return NF_ACCEPT;
	return send_translated(ln, skb, &e, c, true);
}
