/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FULLNAT local port allocation, as plain C (module and unit tests).
 *
 * A new FULLNAT flow needs a (local address, local port) pair that no live
 * flow to the same real server RIP:rport uses, so that the server's replies
 * name exactly one flow. Candidates are probed in a fixed order from a
 * start drawn from the flow's hash, and the first one whose reply tuple
 * could be inserted into the connection table wins: the table's own insert
 * is the collision check, so nothing else has to be kept in sync.
 *
 * The order cycles through the pool's addresses fastest, so flows spread
 * over the addresses, and visits every pair of the pool exactly once in
 * n * (hi - lo + 1) probes. At most LBVS_LPORT_TRIES are tried per flow: a
 * nearly full pool refuses some flows early instead of letting each SYN
 * cost thousands of table lookups.
 */
#ifndef _LBVS_LPORT_H
#define _LBVS_LPORT_H

#include "pure.h"

#define LBVS_LPORT_TRIES	512

struct lbvs_lport_seq {
	u32 naddr;		/* addresses in the pool */
	u32 lo;			/* first port */
	u32 nport;		/* ports per address */
	u32 start;		/* first candidate, < naddr * nport */
	u32 tries;		/* candidates to probe */
};

/* 1 <= naddr <= LBVS_LADDR_MAX, lo <= hi; hash: e.g. the flow's tuple hash. */
void lbvs_lport_seq_init(struct lbvs_lport_seq *s, u32 naddr, u16 lo, u16 hi, u32 hash);
/* Candidate i < s->tries: which address of the pool, and the port. */
void lbvs_lport_probe(const struct lbvs_lport_seq *s, u32 i, u32 *addr, u16 *port);

#endif /* _LBVS_LPORT_H */
