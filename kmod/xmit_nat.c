// SPDX-License-Identifier: GPL-2.0
/*
 * NAT (masquerading): the client's packets to VIP:vport are rewritten to
 * RIP:rport and sent to the real server; its replies, which come back
 * through the director (it is their gateway), are rewritten from RIP:rport
 * back to VIP:vport on their way to the client.
 */
#include "drop.h"
#include "rewrite.h"
#include "route.h"
#include "tcpedit.h"
#include "xmit.h"

static unsigned int nat_in(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			   const struct lbvs_pkt *p)
{
	int err = lbvs_route_dest(net, skb, c, 0, NULL) ?: lbvs_toa_scrub(skb, p) ?:
		  lbvs_rewrite_writable(skb, p);

	if (err)
		return lbvs_drop_err(net, err, &p->t);
	lbvs_rewrite(skb, p, false, lbvs_conn_addr(c, LBVS_A_D), c->dport);
	return lbvs_send(net, skb);
}

/* In FORWARD: the packet goes on its way, routed to the client. */
static unsigned int nat_out(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			    const struct lbvs_pkt *p)
{
	int err = lbvs_rewrite_writable(skb, p);

	if (err)
		return lbvs_drop_err(net, err, &p->t);
	lbvs_rewrite(skb, p, true, lbvs_conn_addr(c, LBVS_A_V), c->vport);
	return NF_ACCEPT;
}

/* What NAT and its SYN-proxied flows share. */
#define NAT_OPS						\
	.replies_routed = true,				\
	.maps_ports = true,				\
	.method = LBVS_FWD_NAT,				\
	.ipvs_fwd = IP_VS_CONN_F_MASQ

const struct lbvs_fwd_ops lbvs_fwd_nat = {
	NAT_OPS,
	.xmit_in = nat_in,
	.xmit_out = nat_out,
	.proxy = LBVS_FWD_SYNPROXY_NAT,
};

const struct lbvs_fwd_ops lbvs_fwd_synproxy_nat = {
	NAT_OPS,
	LBVS_SYNPROXY_OPS,
};
