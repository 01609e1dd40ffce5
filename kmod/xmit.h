/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transmit paths, one file per forwarding method. Each returns a netfilter
 * verdict and either sends the packet itself (NF_STOLEN) or lets it go on.
 */
#ifndef _LBVS_XMIT_H
#define _LBVS_XMIT_H

#include <linux/skbuff.h>

#include "conn.h"
#include "packet.h"

/* xmit_nat.c: client -> real server (LOCAL_IN), and the reply (FORWARD). */
unsigned int lbvs_nat_in(struct net *net, struct sk_buff *skb,
			 const struct lbvs_conn *c, const struct lbvs_pkt *p);
unsigned int lbvs_nat_out(struct sk_buff *skb, const struct lbvs_conn *c,
			  const struct lbvs_pkt *p);
/*
 * Replace the source (src) or destination address and the port beside it,
 * with incremental checksums; the first thoff + lbvs_l4_len() bytes must be
 * writable.
 */
void lbvs_nat_rewrite(struct sk_buff *skb, const struct lbvs_pkt *p, bool src,
		      const void *addr, __be16 port);

/* xmit_fullnat.c: both ends rewritten; replies come back through LOCAL_IN. */
unsigned int lbvs_fullnat_in(struct net *net, struct sk_buff *skb,
			     struct lbvs_conn *c, const struct lbvs_pkt *p);
unsigned int lbvs_fullnat_out(struct net *net, struct sk_buff *skb,
			      const struct lbvs_conn *c, const struct lbvs_pkt *p);

/* xmit_dr.c: direct routing, only the MAC header changes. */
unsigned int lbvs_dr_in(struct net *net, struct sk_buff *skb,
			const struct lbvs_conn *c, const struct lbvs_pkt *p);

/* xmit_tun.c: IP-in-IP (IPv6-in-IPv6) to the real server. */
unsigned int lbvs_tun_in(struct net *net, struct sk_buff *skb,
			 const struct lbvs_conn *c, const struct lbvs_pkt *p);

#endif /* _LBVS_XMIT_H */
