/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FULLNAT's local address and port for a new flow, taken from its
 * service's pool (the probing order is lport.h's).
 */
#ifndef _LBVS_FULLNAT_LPORT_H
#define _LBVS_FULLNAT_LPORT_H

#include <linux/types.h>

struct lbvs_net;
struct lbvs_conn;
struct lbvs_tuple;

/* Per namespace; lockless. */
struct lbvs_fullnat_net {
	u32 lport_seed;			/* where probing starts; constant */
};

void lbvs_fullnat_net_init(struct lbvs_fullnat_net *fn);

/*
 * FULLNAT's hash_out (fwd.h): file c's reply tuple under the first free
 * (laddr, lport) of its service's pool. Under rcu_read_lock().
 */
int lbvs_fullnat_hash_out(struct lbvs_net *ln, struct lbvs_conn *c, const struct lbvs_tuple *t);

#endif /* _LBVS_FULLNAT_LPORT_H */
