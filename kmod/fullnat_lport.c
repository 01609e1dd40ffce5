// SPDX-License-Identifier: GPL-2.0
/*
 * FULLNAT's reply tuple: a new flow's LIP:lport is the first candidate of
 * lport.h's order whose reply tuple the connection table accepts; the
 * table's insert is the collision check, so no other state is kept.
 */
#include <linux/random.h>

#include "conn.h"
#include "fullnat_lport.h"
#include "laddr.h"
#include "lport.h"
#include "netns.h"
#include "sysctl.h"

void lbvs_fullnat_net_init(struct lbvs_fullnat_net *fn)
{
	fn->lport_seed = get_random_u32();
}

int lbvs_fullnat_hash_out(struct lbvs_net *ln, struct lbvs_conn *c, const struct lbvs_tuple *t)
{
	const struct lbvs_laddr_set *pool = rcu_dereference(c->dest->svc->laddrs);
	struct lbvs_lport_seq seq;
	int lo, hi, err = -EADDRNOTAVAIL;
	u32 i, a;
	u16 port;

	if (!pool || !pool->n)
		goto out;
	lbvs_sysctl_port_range(ln, &lo, &hi);
	lbvs_lport_seq_init(&seq, pool->n, lo, hi, lbvs_tuple_hash(t, ln->fullnat.lport_seed));
	for (i = 0; i < seq.tries; i++) {
		lbvs_lport_probe(&seq, i, &a, &port);
		memcpy(lbvs_conn_addr(c, LBVS_A_L), &pool->addr[a], lbvs_conn_alen(c));
		c->lport = htons(port);
		err = lbvs_conn_hash_out(ln, c);
		if (err != -EEXIST)
			break;
		err = -EADDRNOTAVAIL;
	}
out:
	return err;
}
