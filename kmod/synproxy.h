/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SYN proxy (a service's --synproxy, or net.lbvs.synproxy): the
 * director answers a client's SYN itself, with a cookie (syncookie.h) and
 * no entry, and opens the connection to a real server only when the
 * client's ACK brings a valid cookie back. A spoofed SYN flood then costs
 * one SYN-ACK per SYN and nothing in the table.
 *
 * The handshake with the client is here (synproxy.c); the flows it opens
 * are a forwarding method of their own (xmit_synproxy.c), bound to the
 * entry when it is made: NAT's or FULLNAT's, plus the handshake with the
 * server and the sequence translation (seqadj.h) for the flow's life.
 * DR and TUN cannot have it: their replies bypass the director.
 */
#ifndef _LBVS_SYNPROXY_H
#define _LBVS_SYNPROXY_H

#include <linux/skbuff.h>

#include "fwd.h"
#include "netns.h"
#include "packet.h"
#include "seqadj.h"
#include "syncookie.h"
#include "tcpopt.h"

struct lbvs_net;

/* The window shift the director's SYN-ACK announces to a client with one. */
#define LBVS_PROXY_WSCALE	7

/* lbvs_proxy_conn.phase */
enum {
	LBVS_PROXY_WAIT,	/* our SYN is out, the server has not answered */
	LBVS_PROXY_SETTING,	/* its SYN-ACK is being taken (one CPU) */
	LBVS_PROXY_OPEN,	/* adj holds; smp_store_release() */
};

/*
 * What a proxied entry carries after its addresses (conn.c's caches for
 * them). Everything but held, syn_sent, stale_reset, adj and phase is set
 * before the entry is hashed and never changes. adj is written once, by whoever moves
 * phase from WAIT to SETTING, and read only after phase reads OPEN
 * (smp_load_acquire()). held is one client segment kept while the server's
 * handshake is pending: taken in with cmpxchg() from NULL, out with xchg();
 * an entry freed with one frees it (the method's release).
 */
struct lbvs_proxy_conn {
	struct sk_buff *held;
	struct lbvs_seqadj adj;
	struct lbvs_syn_opts opts;	/* the client's, as the cookie kept them */
	u32 isn;			/* the client's ISN */
	u32 cookie;			/* ours */
	u32 ts_own;			/* the timestamp our SYN-ACK sent */
	u32 began;			/* jiffies: the entry's making */
	u32 syn_sent;			/* jiffies: our last SYN; a racy hint */
	u16 win;			/* the client's window field, as sent */
	u8 phase;
	u8 stale_reset;			/* stale_ack() ran: xchg 0 -> 1 */
};

static inline struct lbvs_proxy_conn *lbvs_proxy_of(const struct lbvs_conn *c)
{
	return (void *)&c->addrs[4 * lbvs_conn_alen(c)];
}

static inline bool lbvs_proxy_open(const struct lbvs_proxy_conn *pc)
{
	/* Pairs with open_flow()'s release: OPEN means adj is written. */
	return smp_load_acquire(&pc->phase) == LBVS_PROXY_OPEN;
}

/*
 * A proxied flow whose server has not answered: its state stays SYN_RECV
 * whatever the client sends (hooks.c), until the flow opens.
 */
static inline bool lbvs_synproxy_waiting(const struct lbvs_conn *c)
{
	return lbvs_conn_fwd(c)->proxied && !lbvs_proxy_open(lbvs_proxy_of(c));
}

/*
 * Does the proxy take svc's TCP flows? Its flag, or net.lbvs.synproxy, if
 * all its servers can have it. Under rcu_read_lock().
 */
static inline bool lbvs_svc_synproxy(const struct lbvs_net *ln,
				     const struct lbvs_service *svc)
{
	return READ_ONCE(svc->proxy_ok) &&
	       ((READ_ONCE(svc->flags) & LBVS_SVC_F_SYNPROXY) || READ_ONCE(ln->sysctl.synproxy));
}

/* The cookie key and clock of a namespace. */
void lbvs_synproxy_init(struct lbvs_net *ln);

/*
 * A client's SYN to a proxied service: answer it with a cookie. Returns
 * the verdict for the SYN (it goes no further).
 */
unsigned int lbvs_synproxy_syn(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			       const struct lbvs_pkt *p);
/*
 * A client's segment to a proxied service with no entry: true if it
 * acknowledges a valid cookie, with *pc filled for the entry to make.
 */
bool lbvs_synproxy_ack(struct lbvs_net *ln, struct sk_buff *skb, const struct lbvs_pkt *p,
		       struct lbvs_proxy_conn *pc);

/* A TCP header with the most options it can hold. */
#define LBVS_TCP_HDR_MAX	(sizeof(struct tcphdr) + LBVS_TCPOPT_SPACE)

/*
 * The TCP header of p (copied into buf, LBVS_TCP_HDR_MAX bytes, if it must be) with its
 * options in *o; NULL if the header is cut short.
 */
const struct tcphdr *lbvs_synproxy_tcp(struct sk_buff *skb, const struct lbvs_pkt *p,
				       u8 *buf, struct lbvs_syn_opts *o);

/*
 * A TCP segment of af from saddr:sport to daddr:dport with no payload,
 * checksummed, its network header set; NULL if out of memory.
 */
struct lbvs_tcp_seg {
	const union nf_inet_addr *saddr, *daddr;
	__be16 sport, dport;
	u32 seq, ack;
	u8 flags;		/* LBVS_TCPF_* */
	u16 win;
	const u8 *opts;
	unsigned int optlen;	/* a multiple of 4, at most 40 */
};

struct sk_buff *lbvs_synproxy_seg(struct net *net, u16 af, const struct lbvs_tcp_seg *s);

#endif /* _LBVS_SYNPROXY_H */
