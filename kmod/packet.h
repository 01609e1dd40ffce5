/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A parsed packet, as the hooks hand it to the transmit paths.
 */
#ifndef _LBVS_PACKET_H
#define _LBVS_PACKET_H

#include <linux/tcp.h>
#include <linux/udp.h>

#include "conn.h"

struct lbvs_pkt {
	struct lbvs_tuple t;
	unsigned int thoff;	/* transport header offset from skb->data */
	u8 tcp_flags;		/* LBVS_TCPF_* (TCP only) */
};

/* Bytes of the transport header that NAT rewrites (ports and checksum). */
static inline unsigned int lbvs_l4_len(u8 proto)
{
	return proto == IPPROTO_TCP ? sizeof(struct tcphdr) : sizeof(struct udphdr);
}

#endif /* _LBVS_PACKET_H */
