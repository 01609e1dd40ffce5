/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resetting a TCP flow at both ends from one of its packets, for the
 * connections of a server whose drain has removed it (drain.c).
 */
#ifndef _LBVS_RESET_H
#define _LBVS_RESET_H

#include "packet.h"

/* A RST to the packet's sender, from its own acknowledgment. */
void lbvs_reset_sender(struct net *net, struct sk_buff *skb, u16 af, unsigned int hook);

/*
 * Turns the packet into a bare RST from its sender, with the sequence
 * number its receiver expects next, for the transmit path that would
 * have carried it; p follows. 0, or -ENOMEM (the packet is unchanged).
 */
int lbvs_reset_make(struct sk_buff *skb, struct lbvs_pkt *p);

#endif /* _LBVS_RESET_H */
