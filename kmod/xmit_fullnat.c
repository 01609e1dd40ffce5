// SPDX-License-Identifier: GPL-2.0
/*
 * FULLNAT: both ends of a flow are rewritten. The client's CIP:cport ->
 * VIP:vport leaves as LIP:lport -> RIP:rport, with LIP:lport taken from the
 * service's pool when the flow was created (fullnat_lport.c). The real
 * server answers LIP, an address of the director, so its replies arrive
 * through LOCAL_IN like the client's packets, and RIP:rport -> LIP:lport
 * goes back to the client as VIP:vport -> CIP:cport. Real servers need no
 * route to the client and no configuration.
 *
 * The client's address (net.lbvs.fullnat_toa, TCP only; format in the UAPI
 * header): the SYN and the client's segments up to its first one with data
 * and an ACK carry CIP:cport in a TCP option, appended where the 40 bytes
 * of options and the path MTU leave room. So that full-sized segments have
 * room, the MSS the server announces in its SYN-ACK is lowered by the
 * option's size. An option of that kind sent by the client is overwritten
 * with NOPs in every segment of the flow, not only the first ones: nobody
 * vouches for himself, whatever the server takes as its handshake's end.
 *
 * Segments whose options change are edited as tcpedit.h says; without the
 * option (fullnat_toa 0), a client's own is blanked as in every method.
 */
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>
#include <linux/netfilter_ipv4.h>

#include "drop.h"
#include "fullnat_lport.h"
#include "netns.h"
#include "proto_state.h"
#include "rewrite.h"
#include "route.h"
#include "tcpedit.h"
#include "tcpopt.h"
#include "xmit.h"

/* Room for olen more bytes of options, in the header and on the path. */
static bool toa_fits(struct sk_buff *skb, unsigned int hdrlen, unsigned int olen)
{
	unsigned int mtu = dst_mtu(skb_dst(skb));

	if (hdrlen + olen > sizeof(struct tcphdr) + LBVS_TCPOPT_SPACE || mtu <= olen)
		return false;
	/* A GRO packet near 64 KiB: its 16-bit IP length must not wrap. */
	if (skb->len - skb_network_offset(skb) + olen > IP_MAX_MTU)
		return false;
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu - olen);
	return skb->len + olen <= mtu;
}

/* Grow the header by olen bytes at the end of the options; fill them. */
static void toa_insert(struct sk_buff *skb, const struct lbvs_pkt *p,
		       const struct lbvs_conn *c, unsigned int hdrlen, unsigned int olen)
{
	unsigned int end = p->thoff + hdrlen;

	skb_push(skb, olen);
	memmove(skb->data, skb->data + olen, end);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, p->thoff);
	lbvs_toa_put(skb->data + end, c->v6, lbvs_conn_addr(c, LBVS_A_C), &c->cport);
	lbvs_tcp_at(skb, p)->doff += olen / 4;
	if (p->t.af == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);

		iph->tot_len = htons(ntohs(iph->tot_len) + olen);
		ip_send_check(iph);
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);

		ip6h->payload_len = htons(ntohs(ip6h->payload_len) + olen);
	}
}

static bool toa_on(struct net *net, const struct lbvs_pkt *p)
{
	return p->t.proto == IPPROTO_TCP && !(p->tcp_flags & LBVS_TCPF_RST) &&
	       READ_ONCE(lbvs_net(net)->sysctl.fullnat_toa);
}

/*
 * The option goes on the SYN and on every client segment until one with
 * data and an ACK (one that can complete the handshake) has carried it.
 */
static bool toa_wanted(const struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	return (p->tcp_flags & LBVS_TCPF_SYN) || !c->toa_sent;
}

/* Blank the client's own options of that kind; with insert, add ours. */
static int toa_edit(struct sk_buff *skb, const struct lbvs_pkt *p, struct lbvs_conn *c,
		    bool insert)
{
	unsigned int olen = lbvs_toa_len(c->v6), hdrlen;
	bool data;
	int err;

	err = lbvs_tcp_edit_begin(skb, p, insert ? olen : 0, &hdrlen);
	if (err)
		return err;
	data = skb->len > p->thoff + hdrlen;
	if (lbvs_tcpopt_scrub((u8 *)(lbvs_tcp_at(skb, p) + 1), hdrlen - sizeof(struct tcphdr)) &&
	    insert && toa_fits(skb, hdrlen, olen)) {
		toa_insert(skb, p, c, hdrlen, olen);
		if (data && (p->tcp_flags & LBVS_TCPF_ACK))
			c->toa_sent = 1;
	}
	lbvs_tcp_edit_end(skb, p);
	return 0;
}

/* A SYN-ACK's MSS, lowered so that full segments leave room for the option. */
static int mss_lower(struct sk_buff *skb, const struct lbvs_pkt *p, const struct lbvs_conn *c)
{
	unsigned int olen = lbvs_toa_len(c->v6), hdrlen, mss;
	u8 *opts;
	int off, err;

	err = lbvs_tcp_edit_begin(skb, p, 0, &hdrlen);
	if (err)
		return err;
	opts = (u8 *)(lbvs_tcp_at(skb, p) + 1);
	off = lbvs_tcpopt_find(opts, hdrlen - sizeof(struct tcphdr), LBVS_TCPOPT_MSS,
			       LBVS_TCPOLEN_MSS);
	if (off >= 0) {
		mss = get_unaligned_be16(opts + off + 2);
		if (mss > olen + TCP_MIN_MSS)
			put_unaligned_be16(mss - olen, opts + off + 2);
	}
	lbvs_tcp_edit_end(skb, p);
	return 0;
}

static bool is_synack(const struct lbvs_pkt *p)
{
	return p->t.proto == IPPROTO_TCP &&
	       (p->tcp_flags & (LBVS_TCPF_SYN | LBVS_TCPF_ACK)) == (LBVS_TCPF_SYN | LBVS_TCPF_ACK);
}

static int route_to(struct net *net, struct sk_buff *skb, const struct lbvs_pkt *p,
		    const struct lbvs_conn *c, int which)
{
	union nf_inet_addr daddr;

	/* The real server's route is cached; the client's is not. */
	if (which == LBVS_A_D)
		return lbvs_route_dest(net, skb, c, 0, NULL);
	lbvs_conn_get_addr(c, which, &daddr);
	return lbvs_route(net, skb, p->t.af, &daddr, 0);
}

static int rewrite(struct sk_buff *skb, const struct lbvs_pkt *p,
		   const struct lbvs_conn *c, int src, __be16 sport, int dst, __be16 dport)
{
	if (lbvs_rewrite_writable(skb, p))
		return -ENOMEM;
	lbvs_rewrite(skb, p, true, lbvs_conn_addr(c, src), sport);
	lbvs_rewrite(skb, p, false, lbvs_conn_addr(c, dst), dport);
	return 0;
}

static unsigned int rewrite_send(struct net *net, struct sk_buff *skb,
				 const struct lbvs_pkt *p, const struct lbvs_conn *c,
				 int src, __be16 sport, int dst, __be16 dport)
{
	int err = rewrite(skb, p, c, src, sport, dst, dport);

	if (err)
		return lbvs_drop_err(net, err, &p->t);
	return lbvs_send(net, skb);
}

/*
 * A client on the director itself (hooks.c's LOCAL_OUT hook took its
 * packets): no route leads to it, and the reply is delivered where it
 * is, in LOCAL_IN. Looked at only when the route failed.
 */
static bool client_local(struct net *net, const struct lbvs_conn *c,
			 const struct lbvs_pkt *p)
{
	union nf_inet_addr a;

	lbvs_conn_get_addr(c, LBVS_A_C, &a);
	return lbvs_addr_local(net, p->t.af, &a);
}

/* The route comes first: the option must fit the path to the server. */
static unsigned int fullnat_in(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			       const struct lbvs_pkt *p)
{
	int err = route_to(net, skb, p, c, LBVS_A_D);

	if (!err && toa_on(net, p)) {
		bool insert = toa_wanted(c, p);

		if (insert || lbvs_toa_forged(skb, p))
			err = toa_edit(skb, p, c, insert);
	} else if (!err) {
		err = lbvs_toa_scrub(skb, p);
	}
	if (err)
		return lbvs_drop_err(net, err, &p->t);
	return rewrite_send(net, skb, p, c, LBVS_A_L, c->lport, LBVS_A_D, c->dport);
}

static unsigned int fullnat_out(struct net *net, struct sk_buff *skb,
				struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	int err = route_to(net, skb, p, c, LBVS_A_C);

	if (err == -EHOSTUNREACH && client_local(net, c, p)) {
		err = rewrite(skb, p, c, LBVS_A_V, c->vport, LBVS_A_C, c->cport);
		return err ? lbvs_drop_err(net, err, &p->t) : NF_ACCEPT;
	}
	if (!err && is_synack(p) && READ_ONCE(lbvs_net(net)->sysctl.fullnat_toa))
		err = mss_lower(skb, p, c);
	if (err)
		return lbvs_drop_err(net, err, &p->t);
	return rewrite_send(net, skb, p, c, LBVS_A_V, c->vport, LBVS_A_C, c->cport);
}

/* What FULLNAT and its SYN-proxied flows share. */
#define FULLNAT_OPS					\
	.hash_out = lbvs_fullnat_hash_out,		\
	.both_ends = true,				\
	.maps_ports = true,				\
	.method = LBVS_FWD_FULLNAT,			\
	.ipvs_fwd = IP_VS_CONN_F_MASQ

const struct lbvs_fwd_ops lbvs_fwd_fullnat = {
	FULLNAT_OPS,
	.xmit_in = fullnat_in,
	.xmit_out = fullnat_out,
	.proxy = LBVS_FWD_SYNPROXY_FULLNAT,
};

const struct lbvs_fwd_ops lbvs_fwd_synproxy_fullnat = {
	FULLNAT_OPS,
	LBVS_SYNPROXY_OPS,
};
