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

/*
 * A server whose ports all were taken is refused at once for a while: a
 * flood of SYNs would otherwise pay a whole probe sequence (hundreds of
 * hash inserts) each. A port freed meanwhile waits that long at most.
 */
#define LPORT_FULL_HOLD	(HZ / 10)

static bool lport_full(const struct lbvs_dest *dest)
{
	unsigned long until = READ_ONCE(dest->lport_full);

	return until && time_before(jiffies, until);
}

int lbvs_fullnat_hash_out(struct lbvs_net *ln, struct lbvs_conn *c, const struct lbvs_tuple *t)
{
	const struct lbvs_laddr_set *pool = rcu_dereference(c->dest->svc->laddrs);
	struct lbvs_lport_seq seq;
	int lo, hi, err = -EADDRNOTAVAIL;
	u32 i, a;
	u16 port;

	if (!pool || !pool->n || lport_full(c->dest))
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
	if (err == -EADDRNOTAVAIL)
		WRITE_ONCE(c->dest->lport_full, (jiffies + LPORT_FULL_HOLD) ?: 1);
out:
	return err;
}
