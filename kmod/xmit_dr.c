// SPDX-License-Identifier: GPL-2.0
/*
 * Placeholder: see issue "Data path II".
 */
#include "xmit.h"

unsigned int lbvs_dr_in(struct net *net, struct sk_buff *skb,
			const struct lbvs_conn *c, const struct lbvs_pkt *p)
{
	return NF_DROP;
}
