/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forwarding methods. Each is one table: what it does to a flow's packets
 * and what it needs from the configuration and the connection table. A
 * connection keeps its server's method from its first packet on (c->fwd,
 * as IPVS binds packet_xmit once), so a server's later change of method
 * leaves its live flows as they were. Adding a method is one file that
 * defines its table (xmit.h) and one entry in fwd.c.
 *
 * The tables are constant; the packet path reads them without a lock.
 */
#ifndef _LBVS_FWD_H
#define _LBVS_FWD_H

#include <linux/ip_vs.h>
#include <linux/skbuff.h>

#include "conn.h"
#include "packet.h"

struct lbvs_net;

struct lbvs_fwd_ops {
	/*
	 * The client's packet (and, for a method without replies, an ICMP
	 * error about the flow) to the real server: a netfilter verdict,
	 * NF_STOLEN when it sent the packet itself.
	 */
	unsigned int (*xmit_in)(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
				const struct lbvs_pkt *p);
	/*
	 * The real server's reply to the client. NULL: replies go to the
	 * client without the director (DR, TUN); the connection keeps no
	 * reply-direction entry and ICMP errors are forwarded as is.
	 */
	unsigned int (*xmit_out)(struct net *net, struct sk_buff *skb,
				 struct lbvs_conn *c, const struct lbvs_pkt *p);
	/*
	 * Settle the reply tuple of new connection c (made for tuple t) and
	 * hash it with lbvs_conn_hash_out(): 0 or an error. NULL: the reply
	 * tuple is the reverse of the real server's side (NAT).
	 */
	int (*hash_out)(struct lbvs_net *ln, struct lbvs_conn *c, const struct lbvs_tuple *t);
	/* Replies are routed through the director (FORWARD) rather than sent to it. */
	bool replies_routed;
	/* Both ends are readdressed: the server talks with a director's address. */
	bool both_ends;
	/* The real server's port may differ from the service's. */
	bool maps_ports;
	/* Takes tunnel options (type, port, checksums). */
	bool tunnels;
	/* route.h's LBVS_RT_* flags for the route to the real server. */
	unsigned int rt_flags;
	/* The UAPI method (enum lbvs_fwd) its flows are shown and synced as. */
	u8 method;
	/* The method a SYN-proxied flow of this one takes (0: none). */
	u8 proxy;
	/*
	 * Its entries are a SYN proxy's: they carry struct lbvs_proxy_conn
	 * after their addresses (synproxy.h), and are not synced.
	 */
	bool proxied;
	/* Frees what an entry of this method holds; NULL: nothing. */
	void (*release)(struct lbvs_conn *c);
	/*
	 * IPVS's IP_VS_CONN_F_* for it, in the IPVS personality (ipvs_api.h):
	 * what IPVS's tools show and send. FULLNAT, which IPVS lacks, shows
	 * as masquerading; a request for masquerading means NAT, the first
	 * method with it.
	 */
	u8 ipvs_fwd;
};

/* Kernel-only methods past the UAPI's: SYN-proxied flows (xmit_synproxy.c). */
enum {
	LBVS_FWD_SYNPROXY_NAT = __LBVS_FWD_MAX,
	LBVS_FWD_SYNPROXY_FULLNAT,
	__LBVS_FWD_ALL
};

/* Indexed by enum lbvs_fwd and the above; as many as c->fwd can hold. */
extern const struct lbvs_fwd_ops *const lbvs_fwd_table[16];

/* Method fwd's table, or NULL if there is none (a value from userspace). */
static inline const struct lbvs_fwd_ops *lbvs_fwd(u32 fwd)
{
	return fwd <= LBVS_FWD_MAX ? lbvs_fwd_table[fwd] : NULL;
}

/* A connection's method: set from a configured server, never NULL. */
static inline const struct lbvs_fwd_ops *lbvs_conn_fwd(const struct lbvs_conn *c)
{
	return lbvs_fwd_table[c->fwd];
}

/* The UAPI method of a connection, as listings and sync peers know it. */
static inline u8 lbvs_conn_method(const struct lbvs_conn *c)
{
	return lbvs_conn_fwd(c)->method;
}

#endif /* _LBVS_FWD_H */
