/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Editing a client's TCP header in place: its options (the client-address
 * option of FULLNAT, the MSS of a SYN-ACK). A segment is checked before it
 * changes (a corrupt one must not leave with a valid checksum), then handed
 * on with CHECKSUM_PARTIAL: the check field holds the pseudo-header sum and
 * the output path (or the NIC) completes it, as for a locally sent segment.
 */
#ifndef _LBVS_TCPEDIT_H
#define _LBVS_TCPEDIT_H

#include <linux/skbuff.h>
#include <linux/tcp.h>

#include "packet.h"

static inline struct tcphdr *lbvs_tcp_at(struct sk_buff *skb, const struct lbvs_pkt *p)
{
	return (struct tcphdr *)(skb->data + p->thoff);
}

/*
 * Make the TCP header editable, with headroom bytes to grow into; fails on
 * a bad checksum. *hdrlen: the header's length with its options.
 */
int lbvs_tcp_edit_begin(struct sk_buff *skb, const struct lbvs_pkt *p,
			unsigned int headroom, unsigned int *hdrlen);
/* Leave the checksum to the output path: the pseudo-header sum, as now. */
void lbvs_tcp_edit_end(struct sk_buff *skb, const struct lbvs_pkt *p);

/* Does a TCP segment carry a client-address option? Cheap: no copy. */
bool lbvs_toa_forged(struct sk_buff *skb, const struct lbvs_pkt *p);
/*
 * No client speaks for itself: blank (NOPs) the client-address options a
 * client's TCP segment carries, whatever the forwarding method. Nonzero:
 * drop the segment (bad checksum, no memory).
 */
int lbvs_toa_scrub(struct sk_buff *skb, const struct lbvs_pkt *p);

#endif /* _LBVS_TCPEDIT_H */
