// SPDX-License-Identifier: GPL-2.0
/*
 * DR (direct routing): the real server shares a link with the director and
 * holds the VIP on a device that does not answer ARP / neighbour discovery
 * for it (lo or a dummy device, arp_ignore=1, arp_announce=2). The director
 * sends the client's packet, IP and transport headers untouched, to the real
 * server's MAC address: the route to RIP is looked up with "known next hop",
 * so the neighbour entry is RIP's and not that of the VIP the IP header still
 * names; the output path writes the Ethernet header (destination: RIP's MAC,
 * source: the director's interface). The real server answers the client
 * directly from the VIP.
 *
 * There is nothing to rewrite, so no port mapping (the configuration
 * refuses one) and no checksum to touch: a CHECKSUM_PARTIAL or GSO packet
 * goes on as it came. The one exception is a client's own client-address
 * option, blanked as in every method (tcpedit.h).
 */
#include "drop.h"
#include "route.h"
#include "tcpedit.h"
#include "xmit.h"

static unsigned int dr_in(struct net *net, struct sk_buff *skb, struct lbvs_conn *c,
			  const struct lbvs_pkt *p)
{
	int err = lbvs_route_dest(net, skb, c, 0, NULL) ?: lbvs_toa_scrub(skb, p);

	if (err)
		return lbvs_drop_err(net, err, &p->t);
	return lbvs_send(net, skb);
}

const struct lbvs_fwd_ops lbvs_fwd_dr = {
	.xmit_in = dr_in,
	.rt_flags = LBVS_RT_KNOWN_NH,
	.method = LBVS_FWD_DR,
	.ipvs_fwd = IP_VS_CONN_F_DROUTE,
};
