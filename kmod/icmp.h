/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_ICMP_H
#define _LBVS_ICMP_H

#include <linux/skbuff.h>

struct lbvs_net;

/*
 * If skb is an ICMP error about a balanced flow, translate it (NAT) or
 * forward it to the flow's real server (lbvs_icmp_in: also DR and TUN) and
 * set *verdict (the packet may have been sent on); otherwise -ENOENT and skb
 * untouched.
 */
int lbvs_icmp_fwd(struct lbvs_net *ln, struct sk_buff *skb, u8 pf, unsigned int *verdict);
int lbvs_icmp_in(struct lbvs_net *ln, struct net *net, struct sk_buff *skb, u8 pf,
		 unsigned int *verdict);

#endif /* _LBVS_ICMP_H */
