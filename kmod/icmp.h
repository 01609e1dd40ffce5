/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_ICMP_H
#define _LBVS_ICMP_H

#include <linux/skbuff.h>

#include "packet.h"

struct lbvs_net;

/*
 * An ICMP message, its IP header parsed by the hooks as any packet's (p,
 * p->thoff the ICMP header): if it is an error about a balanced flow,
 * translate it (NAT, FULLNAT) or forward it to the flow's real server
 * (lbvs_icmp_in(): also DR and TUN). Returns the verdict (NF_STOLEN: sent
 * on; NF_DROP: a bad checksum, counted, or no route); NF_ACCEPT with skb
 * untouched when it is none of ours.
 */
unsigned int lbvs_icmp_fwd(struct lbvs_net *ln, struct sk_buff *skb, const struct lbvs_pkt *p);
unsigned int lbvs_icmp_in(struct lbvs_net *ln, struct net *net, struct sk_buff *skb,
			  const struct lbvs_pkt *p);

#endif /* _LBVS_ICMP_H */
