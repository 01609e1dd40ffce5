// SPDX-License-Identifier: GPL-2.0
/*
 * FULLNAT local port probe order; the rules are in lport.h.
 */
#include "lport.h"

void lbvs_lport_seq_init(struct lbvs_lport_seq *s, u32 naddr, u16 lo, u16 hi, u32 hash)
{
	u32 total;

	s->naddr = naddr;
	s->lo = lo;
	s->nport = (u32)hi - lo + 1;
	/* LBVS_LADDR_MAX (256) addresses x 65536 ports: 2^24 at most. */
	total = naddr * s->nport;
	/* Multiply-shift maps the hash onto [0, total) without a division. */
	s->start = (u32)(((u64)hash * total) >> 32);
	s->tries = total < LBVS_LPORT_TRIES ? total : LBVS_LPORT_TRIES;
}

void lbvs_lport_probe(const struct lbvs_lport_seq *s, u32 i, u32 *addr, u16 *port)
{
	u32 total = s->naddr * s->nport;
	u32 k = s->start + i;

	if (k >= total)
		k -= total;
	*addr = k % s->naddr;
	*port = (u16)(s->lo + k / s->naddr);
}
