// SPDX-License-Identifier: GPL-2.0
/*
 * The SYN proxy's handshake with the client (synproxy.h): a SYN is
 * answered with a cookie and forgotten; an ACK that brings a valid cookie
 * back tells what the client's SYN offered, for the entry made from it.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/random.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/tcp.h>

#include "drop.h"
#include "netns.h"
#include "proto_state.h"
#include "route.h"
#include "synopt.h"
#include "synproxy.h"
#include "tcpopt.h"

/* A cookie's tick: a minute, so a cookie lives one to two (as Linux's). */
static u32 cookie_now(void)
{
	return (u32)(jiffies / (60 * HZ));
}

/* The clock of the timestamps the director sends: milliseconds. */
static u32 ts_now(void)
{
	return (u32)div_u64(ktime_get_ns(), NSEC_PER_MSEC);
}

void lbvs_synproxy_init(struct lbvs_net *ln)
{
	get_random_bytes(&ln->cookie_key, sizeof(ln->cookie_key));
}

static void cookie_flow(const struct lbvs_tuple *t, struct lbvs_cookie_flow *f)
{
	unsigned int alen = lbvs_addr_len(t->af);

	memset(f, 0, sizeof(*f));
	memcpy(f->saddr, &t->saddr, alen);
	memcpy(f->daddr, &t->daddr, alen);
	f->sport = ntohs(t->sport);
	f->dport = ntohs(t->dport);
	f->v6 = t->af == AF_INET6;
}

const struct tcphdr *lbvs_synproxy_tcp(struct sk_buff *skb, const struct lbvs_pkt *p,
				       u8 *buf, struct lbvs_syn_opts *o)
{
	const struct tcphdr *th;
	unsigned int len;

	memset(o, 0, sizeof(*o));
	th = skb_header_pointer(skb, p->thoff, sizeof(*th), buf);
	if (!th)
		return NULL;
	len = th->doff * 4;
	th = skb_header_pointer(skb, p->thoff, len, buf);
	if (!th)
		return NULL;
	/* A malformed list counts as what it held before the fault. */
	lbvs_synopt_parse((const u8 *)(th + 1), len - sizeof(*th), o);
	return th;
}

/*
 * The MSS the director announces: what its link to the client carries,
 * less a FULLNAT client-address option (a few bytes, whatever the method).
 */
static u16 own_mss(const struct sk_buff *skb, u16 af)
{
	unsigned int hdr = sizeof(struct tcphdr) + lbvs_toa_len(af == AF_INET6) +
			   (af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr));
	unsigned int mtu = min_t(unsigned int, skb->dev ? skb->dev->mtu : 1500, 0xffff);

	return mtu > hdr + TCP_MIN_MSS ? mtu - hdr : TCP_MIN_MSS;
}

static void put_ip4(struct net *net, struct sk_buff *skb, const struct lbvs_tcp_seg *s)
{
	struct iphdr *iph = ip_hdr(skb);

	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tot_len = htons(skb->len);
	iph->frag_off = htons(IP_DF);
	iph->ttl = READ_ONCE(net->ipv4.sysctl_ip_default_ttl);
	iph->protocol = IPPROTO_TCP;
	iph->saddr = s->saddr->ip;
	iph->daddr = s->daddr->ip;
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
}

static void put_ip6(struct net *net, struct sk_buff *skb, const struct lbvs_tcp_seg *s)
{
	struct ipv6hdr *ip6h = ipv6_hdr(skb);

	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = IPPROTO_TCP;
	ip6h->hop_limit = READ_ONCE(net->ipv6.devconf_all->hop_limit);
	ip6h->saddr = s->saddr->in6;
	ip6h->daddr = s->daddr->in6;
	skb->protocol = htons(ETH_P_IPV6);
}

struct sk_buff *lbvs_synproxy_seg(struct net *net, u16 af, const struct lbvs_tcp_seg *s)
{
	unsigned int iplen = af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	unsigned int len = sizeof(struct tcphdr) + s->optlen;
	struct sk_buff *skb;
	struct tcphdr *th;

	skb = alloc_skb(LL_MAX_HEADER + iplen + len, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_MAX_HEADER + iplen);
	th = skb_put_zero(skb, len);
	skb_reset_transport_header(skb);
	th->source = s->sport;
	th->dest = s->dport;
	th->seq = htonl(s->seq);
	th->ack_seq = htonl(s->ack);
	tcp_flag_word(th) = htonl((len / 4) << 28 | (u32)s->flags << 16);
	th->window = htons(s->win);
	memcpy(th + 1, s->opts, s->optlen);
	skb_push(skb, iplen);
	skb_reset_network_header(skb);
	if (af == AF_INET) {
		put_ip4(net, skb, s);
		th->check = tcp_v4_check(len, s->saddr->ip, s->daddr->ip,
					 csum_partial(th, len, 0));
	} else {
		put_ip6(net, skb, s);
		th->check = tcp_v6_check(len, &s->saddr->in6, &s->daddr->in6,
					 csum_partial(th, len, 0));
	}
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
}

static bool csum_bad(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	return nf_checksum(skb, NF_INET_LOCAL_IN, p->thoff, IPPROTO_TCP,
			   p->t.af == AF_INET ? NFPROTO_IPV4 : NFPROTO_IPV6);
}

/* Our SYN-ACK's options: what the cookie and its timestamp can restore. */
static void synack_opts(const struct sk_buff *skb, u16 af, const struct lbvs_syn_opts *o,
			struct lbvs_syn_opts *r)
{
	memset(r, 0, sizeof(*r));
	r->mss = own_mss(skb, af);
	if (!o->ts_ok)
		return;
	r->ts_ok = true;
	r->tsval = lbvs_syncookie_tsval(ts_now(), o);
	r->tsecr = o->tsval;
	r->sack_ok = o->sack_ok;
	r->wscale_ok = o->wscale_ok;
	r->wscale = LBVS_PROXY_WSCALE;
}

unsigned int lbvs_synproxy_syn(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			       const struct lbvs_pkt *p)
{
	u8 buf[LBVS_TCP_HDR_MAX], opts[LBVS_SYNOPT_MAX];
	struct lbvs_syn_opts o, r;
	struct lbvs_cookie_flow f;
	const struct tcphdr *th;
	struct lbvs_tcp_seg s;
	struct sk_buff *nskb;
	u32 cookie;

	th = lbvs_synproxy_tcp(skb, p, buf, &o);
	if (!th)
		return lbvs_drop(ln, LBVS_DROP_BAD_HEADER, &p->t);
	if (csum_bad(skb, p))
		return lbvs_drop(ln, LBVS_DROP_BAD_CSUM, &p->t);
	/* The client's ECN is not kept: our SYN-ACK does not offer it. */
	o.ecn_ok = false;
	if (!o.mss)
		o.mss = p->t.af == AF_INET ? TCP_MSS_DEFAULT : IPV6_MIN_MTU - 60;
	cookie_flow(&p->t, &f);
	cookie = lbvs_syncookie_make(&ln->cookie_key, &f, ntohl(th->seq), cookie_now(), &o.mss);
	synack_opts(skb, p->t.af, &o, &r);
	s = (struct lbvs_tcp_seg){
		.saddr = &p->t.daddr, .daddr = &p->t.saddr,
		.sport = p->t.dport, .dport = p->t.sport,
		.seq = cookie, .ack = ntohl(th->seq) + 1,
		.flags = LBVS_TCPF_SYN | LBVS_TCPF_ACK,
		/* One segment until the server's own window reaches the client. */
		.win = r.mss,
		.opts = opts, .optlen = lbvs_synopt_put(opts, &r),
	};
	nskb = lbvs_synproxy_seg(net, p->t.af, &s);
	if (!nskb)
		return lbvs_drop(ln, LBVS_DROP_NO_MEMORY, &p->t);
	if (lbvs_route(net, nskb, p->t.af, &p->t.saddr, 0)) {
		kfree_skb(nskb);
		return lbvs_drop(ln, LBVS_DROP_NO_ROUTE, &p->t);
	}
	lbvs_send(net, nskb);
	return lbvs_drop(ln, LBVS_DROP_SYN_PROXIED, &p->t);
}

bool lbvs_synproxy_ack(struct lbvs_net *ln, struct sk_buff *skb, const struct lbvs_pkt *p,
		       struct lbvs_proxy_conn *pc)
{
	u8 buf[LBVS_TCP_HDR_MAX];
	struct lbvs_cookie_flow f;
	const struct tcphdr *th;
	struct lbvs_syn_opts o;
	u32 isn, cookie;
	u16 mss;

	if ((p->tcp_flags & (LBVS_TCPF_SYN | LBVS_TCPF_RST | LBVS_TCPF_ACK)) != LBVS_TCPF_ACK)
		return false;
	th = lbvs_synproxy_tcp(skb, p, buf, &o);
	if (!th || csum_bad(skb, p))
		return false;
	isn = ntohl(th->seq) - 1;
	cookie = ntohl(th->ack_seq) - 1;
	cookie_flow(&p->t, &f);
	mss = lbvs_syncookie_check(&ln->cookie_key, &f, isn, cookie, cookie_now());
	if (!mss)
		return false;
	memset(pc, 0, sizeof(*pc));
	pc->opts.mss = mss;
	if (o.ts_ok) {
		lbvs_syncookie_ts_decode(o.tsecr, &pc->opts);
		pc->opts.ecn_ok = false;
		pc->opts.ts_ok = true;
		pc->opts.tsval = o.tsval;
		pc->ts_own = o.tsecr;
	}
	pc->isn = isn;
	pc->cookie = cookie;
	pc->win = ntohs(th->window);
	pc->began = (u32)jiffies;
	return true;
}
