/* SPDX-License-Identifier: GPL-2.0 */
/* Address and port rewriting, shared by the methods that translate. */
#ifndef _LBVS_REWRITE_H
#define _LBVS_REWRITE_H

#include <linux/skbuff.h>

#include "packet.h"

/* Make the IP and transport headers writable: 0 or -ENOMEM. */
int lbvs_rewrite_writable(struct sk_buff *skb, const struct lbvs_pkt *p);

/*
 * Replace the source (src) or destination address and the port beside it,
 * with incremental checksums; the headers must be writable
 * (lbvs_rewrite_writable()).
 */
void lbvs_rewrite(struct sk_buff *skb, const struct lbvs_pkt *p, bool src,
		  const void *addr, __be16 port);

#endif /* _LBVS_REWRITE_H */
