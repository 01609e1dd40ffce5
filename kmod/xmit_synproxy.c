// SPDX-License-Identifier: GPL-2.0
/*
 * A SYN-proxied flow (synproxy.h): NAT's or FULLNAT's, bound to the entry
 * when the client's ACK made it, with the handshake to the server first
 * and the sequence translation after.
 *
 * The entry starts in SYN_RECV with our SYN on its way to the server, made
 * from what the cookie kept of the client's (its ISN, MSS, window scale,
 * SACK, timestamps). Until the server answers, one client segment with
 * data is kept (struct lbvs_proxy_conn.held), the others are dropped and
 * retransmitted by the client; our SYN goes again at most once a second,
 * and a client still sending after LBVS_PROXY_GIVE_UP gets a RST. The
 * server's SYN-ACK is taken here: it sets the deltas, the server gets the
 * ACK the client would have sent, the kept segment follows, and every
 * later segment is translated (seqadj.h) and goes by the method's own
 * transmit step. A server's RST before that goes to the client as ours;
 * its bare ACK (an old socket of the tuple's) gets a RST and our SYN again.
 */
#include <linux/tcp.h>
#include <net/tcp.h>

#include "drop.h"
#include "netns.h"
#include "proto_state.h"
#include "reset.h"
#include "synopt.h"
#include "synproxy.h"
#include "tcpedit.h"
#include "xmit.h"

#define LBVS_PROXY_GIVE_UP	(3 * HZ)
#define LBVS_PROXY_SYN_AGAIN	HZ

/* A kept segment's parse (the tuple is the entry's). */
struct held_cb {
	unsigned int thoff;
	u8 tcp_flags;
};

static struct held_cb *held_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct held_cb) > sizeof(skb->cb));
	return (struct held_cb *)skb->cb;
}

/* The flow's UAPI method: the transmit steps that readdress its packets. */
static const struct lbvs_fwd_ops *base_of(const struct lbvs_conn *c)
{
	return lbvs_fwd_table[lbvs_conn_method(c)];
}

/*
 * A segment as the client would send it, already in the server's
 * sequence space, through the method's transmit step.
 */
static void to_server(struct net *net, struct lbvs_conn *c, struct lbvs_tcp_seg *s)
{
	struct lbvs_pkt p = { .tcp_flags = s->flags };
	struct sk_buff *skb;

	lbvs_conn_client_tuple(c, &p.t);
	s->saddr = &p.t.saddr;
	s->daddr = &p.t.daddr;
	s->sport = p.t.sport;
	s->dport = p.t.dport;
	skb = lbvs_synproxy_seg(net, p.t.af, s);
	if (!skb) {
		lbvs_drop(lbvs_net(net), LBVS_DROP_NO_MEMORY, &p.t);
		return;
	}
	p.thoff = skb_transport_offset(skb);
	/* A drop is counted where it happened; the segment is ours to free. */
	if (base_of(c)->xmit_in(net, skb, c, &p) != NF_STOLEN)
		kfree_skb(skb);
}

/* Our SYN to the server: the client's, as its cookie kept it. */
static void send_syn(struct net *net, struct lbvs_conn *c, struct lbvs_proxy_conn *pc)
{
	struct lbvs_syn_opts o = pc->opts;
	u8 opts[LBVS_SYNOPT_MAX];
	struct lbvs_tcp_seg s = {
		.seq = pc->isn,
		.flags = LBVS_TCPF_SYN,
		.opts = opts,
	};
	u32 win = (u32)pc->win << (o.wscale_ok ? o.wscale : 0);

	/* Its echo is the server's to send: nothing to echo yet. */
	o.tsecr = 0;
	s.optlen = lbvs_synopt_put(opts, &o);
	s.win = min_t(u32, win, U16_MAX);
	WRITE_ONCE(pc->syn_sent, (u32)jiffies | 1);
	to_server(net, c, &s);
}

/* The ACK that ends the server's handshake; tsval: the server's timestamp. */
static void send_ack(struct net *net, struct lbvs_conn *c, const struct lbvs_proxy_conn *pc,
		     u32 ack, bool ts, u32 tsval)
{
	u8 opts[LBVS_SYNOPT_MAX];
	struct lbvs_tcp_seg s = {
		.seq = pc->isn + 1,
		.ack = ack,
		.flags = LBVS_TCPF_ACK,
		.win = pc->win,
		.opts = opts,
	};

	if (ts && pc->opts.ts_ok)
		s.optlen = lbvs_synopt_put_ts(opts, pc->opts.tsval, tsval);
	to_server(net, c, &s);
}

/* A client segment, translated, by the method's transmit step. */
static unsigned int forward_in(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			       const struct lbvs_pkt *p)
{
	unsigned int hdrlen;
	int err = lbvs_tcp_edit_begin(skb, p, 0, &hdrlen);

	if (err)
		return lbvs_drop_err(net, err, &p->t);
	lbvs_seqadj_to_server((u8 *)lbvs_tcp_at(skb, p), hdrlen, &lbvs_proxy_of(c)->adj);
	lbvs_tcp_edit_end(skb, p);
	return base_of(c)->xmit_in(net, skb, c, p);
}

/* The kept segment, if any is left, goes now that the flow is open. */
static void release_held(struct net *net, struct lbvs_conn *c, struct lbvs_proxy_conn *pc)
{
	struct sk_buff *skb = xchg(&pc->held, NULL);
	struct lbvs_pkt p = {};

	if (!skb)
		return;
	lbvs_conn_client_tuple(c, &p.t);
	p.thoff = held_cb(skb)->thoff;
	p.tcp_flags = held_cb(skb)->tcp_flags;
	if (forward_in(net, skb, c, &p) != NF_STOLEN)
		kfree_skb(skb);
}

/*
 * Keep the segment for when the server has answered: false if one is
 * kept already. It leaves the hook's context: no route (it may be a
 * borrowed one), device, socket or conntrack reference goes with it.
 */
static bool hold(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
		 struct lbvs_proxy_conn *pc, const struct lbvs_pkt *p)
{
	skb_dst_drop(skb);
	skb_orphan(skb);
	nf_reset_ct(skb);
	skb->dev = NULL;
	held_cb(skb)->thoff = p->thoff;
	held_cb(skb)->tcp_flags = p->tcp_flags;
	if (cmpxchg(&pc->held, NULL, skb))
		return false;
	/* Pairs with open()'s: the server's SYN-ACK may have found none. */
	if (lbvs_proxy_open(pc))
		release_held(net, c, pc);
	return true;
}

static bool has_data(const struct sk_buff *skb, const struct lbvs_pkt *p)
{
	const struct tcphdr *th = (const struct tcphdr *)(skb->data + p->thoff);

	return skb->len > p->thoff + th->doff * 4 || (p->tcp_flags & LBVS_TCPF_FIN);
}

/* A client segment before the server has answered. */
static unsigned int waiting_in(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			       const struct lbvs_pkt *p)
{
	struct lbvs_proxy_conn *pc = lbvs_proxy_of(c);
	struct lbvs_net *ln = lbvs_net(net);
	u32 now = jiffies, sent = READ_ONCE(pc->syn_sent);

	if (p->tcp_flags & LBVS_TCPF_RST) {
		lbvs_conn_expire_now(ln, c);
		return lbvs_drop(ln, LBVS_DROP_PROXY_WAIT, &p->t);
	}
	if (time_after32(now, pc->began + LBVS_PROXY_GIVE_UP)) {
		lbvs_reset_sender(net, skb, p->t.af, NF_INET_LOCAL_IN);
		lbvs_conn_expire_now(ln, c);
		return lbvs_drop(ln, LBVS_DROP_PROXY_NO_ANSWER, &p->t);
	}
	if (!sent || time_after32(now, sent + LBVS_PROXY_SYN_AGAIN))
		send_syn(net, c, pc);
	if (!pskb_may_pull(skb, p->thoff + sizeof(struct tcphdr)))
		return lbvs_drop(ln, LBVS_DROP_BAD_HEADER, &p->t);
	if (!has_data(skb, p)) {
		/* The cookie's ACK, or a repeat of it: its work is done. */
		consume_skb(skb);
		return NF_STOLEN;
	}
	if (hold(net, skb, c, pc, p))
		return NF_STOLEN;
	return lbvs_drop(ln, LBVS_DROP_PROXY_WAIT, &p->t);
}

unsigned int lbvs_synproxy_xmit_in(struct net *net, struct sk_buff *skb,
				   struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	if (lbvs_proxy_open(lbvs_proxy_of(c)))
		return forward_in(net, skb, c, p);
	return waiting_in(net, skb, c, p);
}

/* The server's SYN-ACK to our SYN: the flow opens. */
static unsigned int open_flow(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			      const struct lbvs_pkt *p)
{
	u8 buf[LBVS_TCP_HDR_MAX];
	struct lbvs_proxy_conn *pc = lbvs_proxy_of(c);
	const struct tcphdr *th;
	struct lbvs_syn_opts so;

	th = lbvs_synproxy_tcp(skb, p, buf, &so);
	if (!th)
		return lbvs_drop(lbvs_net(net), LBVS_DROP_BAD_HEADER, &p->t);
	if (ntohl(th->ack_seq) != pc->isn + 1 ||
	    cmpxchg(&pc->phase, LBVS_PROXY_WAIT, LBVS_PROXY_SETTING) != LBVS_PROXY_WAIT)
		return lbvs_drop(lbvs_net(net), LBVS_DROP_PROXY_WAIT, &p->t);
	pc->adj.seq = ntohl(th->seq) - pc->cookie;
	pc->adj.ts = so.ts_ok && pc->opts.ts_ok ? so.tsval - pc->ts_own : 0;
	/* Shifts hold only if both ends sent one. */
	pc->adj.srv_wscale = so.wscale_ok && pc->opts.wscale_ok ? so.wscale : 0;
	pc->adj.own_wscale = pc->opts.wscale_ok ? LBVS_PROXY_WSCALE : 0;
	/* adj before OPEN: pairs with lbvs_proxy_open()'s acquire. */
	smp_store_release(&pc->phase, LBVS_PROXY_OPEN);
	lbvs_conn_set_state(lbvs_net(net), c, LBVS_S_ESTABLISHED);
	send_ack(net, c, pc, ntohl(th->seq) + 1, so.ts_ok, so.tsval);
	release_held(net, c, pc);
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * The server answered our SYN with a bare ACK: its socket for this tuple is
 * an old one, in TIME_WAIT from an earlier flow (a reused client port, or
 * a FULLNAT local port) that took our ISN for an old segment. As a client
 * in SYN_SENT does (RFC 793): a RST at the ACK's acknowledgment ends that
 * socket, then the SYN goes again, at once and once; later ones wait for
 * the client's segments.
 */
static unsigned int stale_ack(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			      const struct lbvs_pkt *p)
{
	u8 buf[LBVS_TCP_HDR_MAX];
	struct lbvs_proxy_conn *pc = lbvs_proxy_of(c);
	struct lbvs_tcp_seg rst = { .flags = LBVS_TCPF_RST };
	const struct tcphdr *th;
	struct lbvs_syn_opts so;

	th = lbvs_synproxy_tcp(skb, p, buf, &so);
	if (!th || xchg(&pc->stale_reset, 1))
		return lbvs_drop(lbvs_net(net), LBVS_DROP_PROXY_WAIT, &p->t);
	rst.seq = ntohl(th->ack_seq);
	to_server(net, c, &rst);
	send_syn(net, c, pc);
	consume_skb(skb);
	return NF_STOLEN;
}

/* The server refused our SYN: the client hears it as the RST it expects. */
static unsigned int refused(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			    const struct lbvs_pkt *p)
{
	unsigned int hdrlen, verdict;
	int err = lbvs_tcp_edit_begin(skb, p, 0, &hdrlen);

	if (err)
		return lbvs_drop_err(net, err, &p->t);
	lbvs_tcp_at(skb, p)->seq = htonl(lbvs_proxy_of(c)->cookie + 1);
	lbvs_tcp_edit_end(skb, p);
	verdict = base_of(c)->xmit_out(net, skb, c, p);
	lbvs_conn_expire_now(lbvs_net(net), c);
	return verdict;
}

static bool is_synack(const struct lbvs_pkt *p)
{
	return (p->tcp_flags & (LBVS_TCPF_SYN | LBVS_TCPF_ACK | LBVS_TCPF_RST)) ==
	       (LBVS_TCPF_SYN | LBVS_TCPF_ACK);
}

unsigned int lbvs_synproxy_xmit_out(struct net *net, struct sk_buff *skb,
				    struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	u8 buf[LBVS_TCP_HDR_MAX];
	struct lbvs_proxy_conn *pc = lbvs_proxy_of(c);
	const struct tcphdr *th;
	struct lbvs_syn_opts so;
	unsigned int hdrlen;
	int err;

	if (!lbvs_proxy_open(pc)) {
		if (is_synack(p))
			return open_flow(net, skb, c, p);
		if (p->tcp_flags & LBVS_TCPF_RST)
			return refused(net, skb, c, p);
		if (p->tcp_flags & LBVS_TCPF_ACK)
			return stale_ack(net, skb, c, p);
		return lbvs_drop(lbvs_net(net), LBVS_DROP_PROXY_WAIT, &p->t);
	}
	if (is_synack(p)) {
		/* Again: our ACK was lost. */
		th = lbvs_synproxy_tcp(skb, p, buf, &so);
		if (th)
			send_ack(net, c, pc, ntohl(th->seq) + 1, so.ts_ok, so.tsval);
		consume_skb(skb);
		return NF_STOLEN;
	}
	err = lbvs_tcp_edit_begin(skb, p, 0, &hdrlen);
	if (err)
		return lbvs_drop_err(net, err, &p->t);
	lbvs_seqadj_to_client((u8 *)lbvs_tcp_at(skb, p), hdrlen, &pc->adj);
	lbvs_tcp_edit_end(skb, p);
	return base_of(c)->xmit_out(net, skb, c, p);
}

void lbvs_synproxy_release(struct lbvs_conn *c)
{
	kfree_skb(xchg(&lbvs_proxy_of(c)->held, NULL));
}
