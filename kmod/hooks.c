// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path: parse -> look up the connection -> schedule a new one ->
 * transmit by the connection's forwarding method.
 *
 * LOCAL_IN sees what clients send to a virtual service (the VIP is a local
 * address) and FULLNAT replies (sent to a local pool address). FORWARD sees
 * NAT replies, routed through the director. LOCAL_OUT sees what the
 * director's own processes send, as clients. Anything that belongs to no
 * service and no connection is accepted untouched. Netfilter runs hooks
 * inside rcu_read_lock(), which covers every table lookup here.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/icmp.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "hooks.h"
#include "fwd.h"
#include "icmp.h"
#include "netlink.h"
#include "netns.h"
#include "packet.h"
#include "persist.h"
#include "pressure.h"
#include "proto_state.h"
#include "reset.h"
#include "sync.h"
#include "synproxy.h"

/* What parse() found: a packet of a flow, an ICMP message, or neither. */
enum parsed { P_OTHER, P_FLOW, P_ICMP };

static enum parsed parse_l4(struct sk_buff *skb, struct lbvs_pkt *p)
{
	struct tcphdr _th;
	const struct tcphdr *th;
	struct udphdr _uh;
	const struct udphdr *uh;

	switch (p->t.proto) {
	case IPPROTO_TCP:
		th = skb_header_pointer(skb, p->thoff, sizeof(_th), &_th);
		if (!th || th->doff * 4 < sizeof(*th))
			return P_OTHER;
		p->t.sport = th->source;
		p->t.dport = th->dest;
		p->tcp_flags = ((u8 *)th)[13];
		return P_FLOW;
	case IPPROTO_UDP:
		uh = skb_header_pointer(skb, p->thoff, sizeof(_uh), &_uh);
		if (!uh)
			return P_OTHER;
		p->t.sport = uh->source;
		p->t.dport = uh->dest;
		return P_FLOW;
	case IPPROTO_ICMP:
		return p->t.af == AF_INET ? P_ICMP : P_OTHER;
	case IPPROTO_ICMPV6:
		return p->t.af == AF_INET6 ? P_ICMP : P_OTHER;
	default:
		return P_OTHER;
	}
}

/* Fills p from skb's headers; fragments and other protocols are P_OTHER. */
static enum parsed parse(struct sk_buff *skb, u8 pf, struct lbvs_pkt *p)
{
	memset(p, 0, sizeof(*p));
	if (pf == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		if (ip_is_fragment(iph))
			return P_OTHER;
		p->t.af = AF_INET;
		p->t.proto = iph->protocol;
		p->t.saddr.ip = iph->saddr;
		p->t.daddr.ip = iph->daddr;
		p->thoff = skb_network_offset(skb) + iph->ihl * 4;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);
		unsigned short frag = 0;
		int offset = 0, proto;

		proto = ipv6_find_hdr(skb, &offset, -1, &frag, NULL);
		if (proto < 0 || frag)
			return P_OTHER;
		p->t.af = AF_INET6;
		p->t.proto = proto;
		p->t.saddr.in6 = ip6h->saddr;
		p->t.daddr.in6 = ip6h->daddr;
		p->thoff = offset;
	}
	return parse_l4(skb, p);
}

static void count(struct lbvs_conn *c, bool in, unsigned int len)
{
	struct lbvs_dest *dest = c->dest;
	unsigned int idx = in ? LBVS_CNT_INPKTS : LBVS_CNT_OUTPKTS;

	lbvs_stats_add(&dest->stats, idx, len);
	lbvs_stats_add(&dest->svc->stats, idx, len);
}

/* fresh: c was made for this packet. The sync master hears of changes. */
static void track(struct lbvs_net *ln, struct lbvs_conn *c, const struct lbvs_pkt *p,
		  enum lbvs_dir dir, bool fresh)
{
	u8 old = lbvs_conn_state(c), state = old;
	u32 old_expires = READ_ONCE(c->expires);

	if (lbvs_synproxy_waiting(c))
		return;
	if (p->t.proto == IPPROTO_TCP)
		state = lbvs_tcp_next_state(state, dir, p->tcp_flags);
	else if (!fresh && dir != LBVS_DIR_OUT && !c->assured)
		c->assured = 1;
	lbvs_conn_set_state(ln, c, state);
	lbvs_sync_conn(ln, c, old, old_expires, (fresh ? LBVS_SYNC_FRESH : 0) |
		       (dir != LBVS_DIR_OUT ? LBVS_SYNC_CLIENT : 0));
}

/* A TCP SYN (not a SYN-ACK or reset) or any UDP datagram opens a flow. */
static bool opens_flow(const struct lbvs_pkt *p)
{
	if (p->t.proto != IPPROTO_TCP)
		return true;
	return (p->tcp_flags & (LBVS_TCPF_SYN | LBVS_TCPF_ACK | LBVS_TCPF_RST)) ==
	       LBVS_TCPF_SYN;
}

/*
 * net.lbvs.conn_reuse_mode, as IPVS: a SYN on the tuple of a flow in
 * TIME_WAIT (mode 2 also: FIN_WAIT without replies seen, i.e. DR/TUN) is a
 * new connection from a reused client port: schedule it afresh.
 */
static bool reused(struct lbvs_net *ln, const struct lbvs_conn *c,
		   const struct lbvs_pkt *p)
{
	int mode = READ_ONCE(ln->sysctl.conn_reuse_mode);
	u8 state = lbvs_conn_state(c);

	if (!mode || p->t.proto != IPPROTO_TCP || !opens_flow(p))
		return false;
	return state == LBVS_S_TIME_WAIT ||
	       ((mode & 2) && state == LBVS_S_FIN_WAIT && !c->out);
}

/* A drop that a service (and perhaps a server) is known for. */
static unsigned int drop_svc(struct lbvs_net *ln, struct lbvs_service *svc,
			     struct lbvs_dest *dest, enum lbvs_drop_reason r,
			     const struct lbvs_tuple *t)
{
	lbvs_stats_inc(&svc->stats, LBVS_CNT_DROPS);
	if (dest)
		lbvs_stats_inc(&dest->stats, LBVS_CNT_DROPS);
	lbvs_drop_svc(svc, r);
	return lbvs_drop(ln, r, t);
}

/*
 * A transmit step's verdict: a drop (counted there, its reason with it)
 * is the service's and the server's too.
 */
static unsigned int counted(struct net *net, struct lbvs_conn *c, unsigned int verdict)
{
	struct lbvs_service *svc;

	if (unlikely(verdict == NF_DROP)) {
		svc = c->dest->svc;
		lbvs_stats_inc(&svc->stats, LBVS_CNT_DROPS);
		lbvs_stats_inc(&c->dest->stats, LBVS_CNT_DROPS);
		lbvs_drop_svc(svc, lbvs_drop_last(&lbvs_net(net)->drops));
	}
	return verdict;
}

/* Why lbvs_conn_new() made no entry (conn.h). */
static enum lbvs_drop_reason new_conn_reason(int err)
{
	switch (err) {
	case -ENOSPC:
		return LBVS_DROP_TABLE_FULL;
	case -ENOENT:
		return LBVS_DROP_NO_DEST;
	case -EADDRNOTAVAIL:
		return LBVS_DROP_NO_LPORT;
	case -ENOMEM:
		return LBVS_DROP_NO_MEMORY;
	default:
		return LBVS_DROP_CONN_RACE;
	}
}

static void no_server(struct sk_buff *skb, u16 af)
{
	/* As IPVS: the client learns at once instead of retrying. */
	if (af == AF_INET)
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	else
		icmpv6_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, 0);
}

static unsigned int xmit_in(struct net *net, struct sk_buff *skb,
			    struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	return counted(net, c, lbvs_conn_fwd(c)->xmit_in(net, skb, c, p));
}

/*
 * -o: the datagram goes to its server with no entry left behind; it
 * counts as a connection, as in IPVS.
 */
static unsigned int one_packet(struct net *net, struct sk_buff *skb,
			       struct lbvs_service *svc, struct lbvs_dest *dest,
			       const struct lbvs_pkt *p)
{
	union lbvs_conn_one one;
	struct lbvs_conn *c = lbvs_conn_one(&one, &p->t, dest);

	lbvs_stats_conn(&svc->stats);
	lbvs_stats_conn(&dest->stats);
	count(c, true, skb->len);
	return xmit_in(net, skb, c, p);
}

/*
 * A SYN-proxied service (synproxy.h), for a remote client's segment: a SYN
 * is answered (*verdict) and makes nothing; another segment makes a flow
 * only with a valid cookie, and then *pc holds what its entry carries.
 * False when no flow is to be made.
 */
static bool proxy_gate(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
		       const struct lbvs_pkt *p, struct lbvs_service *svc,
		       struct lbvs_proxy_conn *pc, unsigned int *verdict)
{
	if (opens_flow(p)) {
		*verdict = lbvs_synproxy_syn(ln, net, skb, p);
		return false;
	}
	if (lbvs_synproxy_ack(ln, skb, p, pc))
		return true;
	*verdict = drop_svc(ln, svc, NULL, LBVS_DROP_COOKIE_INVALID, &p->t);
	return false;
}

/*
 * No connection yet: if a service owns the destination, pick a real server
 * and create the entry. NULL with *verdict set when the packet is ours but
 * no connection came of it.
 */
static struct lbvs_conn *new_conn(struct lbvs_net *ln, struct net *net,
				  struct sk_buff *skb, const struct lbvs_pkt *p,
				  unsigned int hook, unsigned int *verdict)
{
	struct lbvs_conn *c, *tmpl = NULL;
	struct lbvs_proxy_conn pc, *proxy = NULL;
	struct lbvs_service *svc;
	struct lbvs_dest *dest;
	u32 flags;
	int err;

	*verdict = NF_ACCEPT;
	svc = lbvs_svc_lookup(ln, p->t.af, p->t.proto, &p->t.daddr, p->t.dport, skb->mark);
	if (!svc)
		return NULL;
	/* The director's own clients are no flood: they connect as ever. */
	if (p->t.proto == IPPROTO_TCP && hook != NF_INET_LOCAL_OUT &&
	    lbvs_svc_synproxy(ln, svc)) {
		if (!proxy_gate(ln, net, skb, p, svc, &pc, verdict))
			return NULL;
		proxy = &pc;
	} else if (!opens_flow(p)) {
		return NULL;
	}

	flags = READ_ONCE(svc->flags);
	/* Before the scheduler's lock: a full table refuses at once. */
	if (!((flags & LBVS_SVC_F_ONEPACKET) && p->t.proto == IPPROTO_UDP) &&
	    !lbvs_pressure_room(ln)) {
		*verdict = drop_svc(ln, svc, NULL, LBVS_DROP_TABLE_FULL, &p->t);
		return NULL;
	}
	if (flags & LBVS_SVC_F_PERSISTENT)
		dest = lbvs_persist_pick(ln, svc, &p->t, &tmpl);
	else
		dest = lbvs_sched_pick(svc, &p->t);
	if (!dest) {
		*verdict = drop_svc(ln, svc, NULL, lbvs_sched_none_reason(svc), &p->t);
		no_server(skb, p->t.af);
		return NULL;
	}
	if ((flags & LBVS_SVC_F_ONEPACKET) && p->t.proto == IPPROTO_UDP) {
		*verdict = one_packet(net, skb, svc, dest, p);
		return NULL;
	}
	c = lbvs_conn_new(ln, &p->t, dest, tmpl, proxy);
	/* A flood's packet on another CPU took the room made: once more. */
	if (c == ERR_PTR(-ENOSPC) && lbvs_pressure_room(ln))
		c = lbvs_conn_new(ln, &p->t, dest, tmpl, proxy);
	if (IS_ERR(c)) {
		err = PTR_ERR(c);
		*verdict = drop_svc(ln, svc, err == -ENOENT ? NULL : dest,
				    new_conn_reason(err), &p->t);
		return NULL;
	}
	lbvs_stats_conn(&svc->stats);
	lbvs_stats_conn(&dest->stats);
	return c;
}

/*
 * A real server's reply: through FORWARD if its method routes replies
 * (NAT), else through LOCAL_IN (FULLNAT: sent to a pool address). Only
 * methods with replies keep the reply-direction entry that finds it.
 */
static unsigned int xmit_out(struct net *net, struct sk_buff *skb,
			     struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	track(lbvs_net(net), c, p, LBVS_DIR_OUT, false);
	count(c, false, skb->len);
	return counted(net, c, lbvs_conn_fwd(c)->xmit_out(net, skb, c, p));
}

/* The sender's RST, then the packet made the receiver's: 0 or -ENOMEM. */
static int reset_both(struct net *net, struct sk_buff *skb, struct lbvs_pkt *p,
		      unsigned int hook)
{
	lbvs_reset_sender(net, skb, p->t.af, hook);
	return lbvs_reset_make(skb, p);
}

/*
 * A packet of a connection whose server is gone. If a drain removed it
 * (drain.c), a TCP flow is reset at both ends and any other packet
 * dropped, and the entry goes; otherwise see net.lbvs.expire_nodest_conn.
 */
static unsigned int nodest(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			   struct lbvs_conn *c, const struct lbvs_pkt *p,
			   unsigned int hook, bool in)
{
	struct lbvs_service *svc = c->dest->svc;
	struct lbvs_pkt rst = *p;
	unsigned int verdict;

	if (!lbvs_dest_drained(c->dest)) {
		if (READ_ONCE(ln->sysctl.expire_nodest_conn))
			lbvs_conn_expire_now(ln, c);
		return drop_svc(ln, svc, NULL, LBVS_DROP_DEST_GONE, &p->t);
	}
	if (p->t.proto == IPPROTO_TCP && !(p->tcp_flags & LBVS_TCPF_RST) &&
	    !reset_both(net, skb, &rst, hook))
		verdict = in ? xmit_in(net, skb, c, &rst) : xmit_out(net, skb, c, &rst);
	else
		verdict = drop_svc(ln, svc, NULL, LBVS_DROP_DEST_GONE, &p->t);
	/* After the transmit, which reads the entry (and counts by it). */
	lbvs_conn_expire_now(ln, c);
	return verdict;
}

/* A real server's reply, unless a drain removed the server. */
static unsigned int reply(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			  struct lbvs_conn *c, const struct lbvs_pkt *p, unsigned int hook)
{
	if (unlikely(lbvs_dest_drained(c->dest)))
		return nodest(ln, net, skb, c, p, hook, false);
	return xmit_out(net, skb, c, p);
}

static unsigned int handle(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			   const struct lbvs_pkt *p, unsigned int hook)
{
	unsigned int verdict;
	struct lbvs_conn *c;
	bool fresh = false;

	c = lbvs_conn_in_get(ln, &p->t);
	if (!c) {
		/*
		 * A reply addressed to the director: FULLNAT's always (to a
		 * pool address), NAT's when the client is one of its
		 * processes.
		 */
		c = lbvs_conn_out_get(ln, &p->t);
		if (c)
			return reply(ln, net, skb, c, p, hook);
	}
	if (c && reused(ln, c, p)) {
		lbvs_conn_expire_now(ln, c);
		c = NULL;
	}
	if (!c) {
		c = new_conn(ln, net, skb, p, hook, &verdict);
		if (!c)
			return verdict;
		fresh = true;
	}
	if (unlikely(!READ_ONCE(c->dest->available)))
		return nodest(ln, net, skb, c, p, hook, true);
	track(ln, c, p, c->out ? LBVS_DIR_IN : LBVS_DIR_IN_ONLY, fresh);
	/*
	 * Announced in the state its first packet put it in. Should its
	 * server go between the pick and here, a listener sees only its end.
	 */
	if (fresh)
		lbvs_genl_conn_event(ln, c, LBVS_CMD_NEW_CONN);
	count(c, true, skb->len);
	return xmit_in(net, skb, c, p);
}

static unsigned int in_hook(void *priv, struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	struct lbvs_net *ln = lbvs_net(state->net);
	struct lbvs_pkt p;

	switch (parse(skb, state->pf, &p)) {
	case P_FLOW:
		return handle(ln, state->net, skb, &p, state->hook);
	case P_ICMP:
		return lbvs_icmp_in(ln, state->net, skb, &p);
	default:
		return NF_ACCEPT;
	}
}

/*
 * The director's own processes as clients, as IPVS's local requests: their
 * packets to a service are taken before they reach the VIP on the loopback
 * (the replies come back through LOCAL_IN). What we send ourselves never
 * passes here (lbvs_send() goes to dst_output()), but the ICMP errors we
 * make do: they are not TCP or UDP, and are left alone.
 */
static unsigned int out_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	struct lbvs_pkt p;

	if (parse(skb, state->pf, &p) != P_FLOW)
		return NF_ACCEPT;
	return handle(lbvs_net(state->net), state->net, skb, &p, state->hook);
}

static unsigned int fwd_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	struct lbvs_net *ln = lbvs_net(state->net);
	struct lbvs_conn *c;
	struct lbvs_pkt p;

	switch (parse(skb, state->pf, &p)) {
	case P_FLOW:
		break;
	case P_ICMP:
		return lbvs_icmp_fwd(ln, skb, &p);
	default:
		return NF_ACCEPT;
	}
	c = lbvs_conn_out_get(ln, &p.t);
	if (!c || !lbvs_conn_fwd(c)->replies_routed)
		return NF_ACCEPT;
	return reply(ln, state->net, skb, c, &p, state->hook);
}

/* After the filter table, as IPVS: firewall rules still apply to VIPs. */
static const struct nf_hook_ops lbvs_nf_ops[] = {
	{ .hook = in_hook, .pf = NFPROTO_IPV4, .hooknum = NF_INET_LOCAL_IN,
	  .priority = NF_IP_PRI_NAT_SRC - 2 },
	{ .hook = fwd_hook, .pf = NFPROTO_IPV4, .hooknum = NF_INET_FORWARD,
	  .priority = NF_IP_PRI_NAT_SRC - 1 },
	{ .hook = in_hook, .pf = NFPROTO_IPV6, .hooknum = NF_INET_LOCAL_IN,
	  .priority = NF_IP6_PRI_NAT_SRC - 2 },
	{ .hook = fwd_hook, .pf = NFPROTO_IPV6, .hooknum = NF_INET_FORWARD,
	  .priority = NF_IP6_PRI_NAT_SRC - 1 },
	/* After the DNAT rules, as IPVS: they may make a packet ours. */
	{ .hook = out_hook, .pf = NFPROTO_IPV4, .hooknum = NF_INET_LOCAL_OUT,
	  .priority = NF_IP_PRI_NAT_DST + 2 },
	{ .hook = out_hook, .pf = NFPROTO_IPV6, .hooknum = NF_INET_LOCAL_OUT,
	  .priority = NF_IP6_PRI_NAT_DST + 2 },
};

/*
 * When a namespace has hooks: from its first service on, until the
 * namespace goes. A namespace that never had a service costs its packets
 * nothing (neither the hooks nor defragmentation). Once on, they stay on:
 * connections outlive the services that made them (they keep flowing after
 * the last service is deleted, until they expire or are flushed), and
 * unregistering when both tables are empty would need a point where no
 * packet can create an entry meanwhile; a namespace that had services pays
 * for its hooks until it is deleted. Both run under ln->config_lock, so
 * hooks_on needs no other lock; the packet path never reads it.
 */
int lbvs_hooks_register(struct lbvs_net *ln)
{
	int err;

	lockdep_assert_held(&ln->config_lock);
	if (ln->hooks_on)
		return 0;
	/* Reassemble before FORWARD too, so replies are never fragments. */
	err = nf_defrag_ipv4_enable(ln->net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(ln->net);
	if (err)
		goto err_v4;
	err = nf_register_net_hooks(ln->net, lbvs_nf_ops, ARRAY_SIZE(lbvs_nf_ops));
	if (err)
		goto err_v6;
	ln->hooks_on = true;
	return 0;

err_v6:
	nf_defrag_ipv6_disable(ln->net);
err_v4:
	nf_defrag_ipv4_disable(ln->net);
	return err;
}

void lbvs_hooks_unregister(struct lbvs_net *ln)
{
	lockdep_assert_held(&ln->config_lock);
	if (!ln->hooks_on)
		return;
	ln->hooks_on = false;
	nf_unregister_net_hooks(ln->net, lbvs_nf_ops, ARRAY_SIZE(lbvs_nf_ops));
	nf_defrag_ipv6_disable(ln->net);
	nf_defrag_ipv4_disable(ln->net);
}
