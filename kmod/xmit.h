/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transmit paths, one file per forwarding method, each defining its
 * method's table (fwd.h).
 */
#ifndef _LBVS_XMIT_H
#define _LBVS_XMIT_H

#include "fwd.h"

extern const struct lbvs_fwd_ops lbvs_fwd_nat;		/* xmit_nat.c */
extern const struct lbvs_fwd_ops lbvs_fwd_dr;		/* xmit_dr.c */
extern const struct lbvs_fwd_ops lbvs_fwd_tun;		/* xmit_tun.c */
extern const struct lbvs_fwd_ops lbvs_fwd_fullnat;	/* xmit_fullnat.c */
/* The SYN-proxied twins of NAT and FULLNAT: theirs, and xmit_synproxy.c's. */
extern const struct lbvs_fwd_ops lbvs_fwd_synproxy_nat;		/* xmit_nat.c */
extern const struct lbvs_fwd_ops lbvs_fwd_synproxy_fullnat;	/* xmit_fullnat.c */

unsigned int lbvs_synproxy_xmit_in(struct net *net, struct sk_buff *skb,
				   struct lbvs_conn *c, const struct lbvs_pkt *p);
unsigned int lbvs_synproxy_xmit_out(struct net *net, struct sk_buff *skb,
				    struct lbvs_conn *c, const struct lbvs_pkt *p);
void lbvs_synproxy_release(struct lbvs_conn *c);

#define LBVS_SYNPROXY_OPS				\
	.xmit_in = lbvs_synproxy_xmit_in,		\
	.xmit_out = lbvs_synproxy_xmit_out,		\
	.proxied = true,				\
	.release = lbvs_synproxy_release

#endif /* _LBVS_XMIT_H */
