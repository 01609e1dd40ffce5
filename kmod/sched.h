/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scheduler glue: binds the pure algorithms of sched_algo.c to a service's
 * real servers.
 */
#ifndef _LBVS_SCHED_H
#define _LBVS_SCHED_H

#include <linux/spinlock.h>
#include <linux/netlink.h>
#include <linux/lbvs.h>

#include "sched_algo.h"

struct lbvs_net;
struct lbvs_service;
struct lbvs_dest;

/* An immutable snapshot of the schedulable servers plus the algorithm's state. */
struct lbvs_sched_set {
	unsigned int n;
	void *state;			/* algo->state_size(n) bytes, after dests[] */
	struct lbvs_dest *dests[];
};

struct lbvs_sched {
	/*
	 * lock serialises pick/update on the algorithm state (the algorithms
	 * keep cursors and heaps) and the swap of set. Taken on the packet path
	 * once per new connection, and on connection state changes for
	 * load-aware algorithms only; never per packet of a known flow.
	 */
	spinlock_t lock;
	const struct lbvs_sched_algo *algo;	/* lock (writers also hold config_lock) */
	/*
	 * lock; replaced only under config_lock. A rebuild builds the new
	 * set outside the lock, then under it carries the old state's
	 * learnt part (algo->carry) and swaps, so no pick is lost between.
	 */
	struct lbvs_sched_set *set;
	bool load_aware;			/* algo->load_aware: wants count updates */
};

void lbvs_sched_init(struct lbvs_sched *s);
/* Config path (ln->config_lock): (re)build from svc->dests with algo. */
int lbvs_sched_rebuild(struct lbvs_net *ln, struct lbvs_service *svc,
		       const struct lbvs_sched_algo *algo);
/* Config path (ln->config_lock): s's service is going. */
void lbvs_sched_free(struct lbvs_net *ln, struct lbvs_sched *s);
const struct lbvs_sched_algo *lbvs_sched_lookup(const char *name,
						struct netlink_ext_ack *extack);

struct lbvs_tuple;

/* Packet path: a server for a new connection of tuple t, or NULL. */
struct lbvs_dest *lbvs_sched_pick(struct lbvs_service *svc, const struct lbvs_tuple *t);
/*
 * Packet path, after lbvs_sched_pick() found none: LBVS_DROP_THRESHOLD if
 * a server is held back by its upper threshold, else LBVS_DROP_NO_DEST.
 * Walks the servers: for drops only.
 */
enum lbvs_drop_reason lbvs_sched_none_reason(struct lbvs_service *svc);
/* A server's connection counts changed: thresholds and lc/wlc follow. */
void lbvs_sched_load_changed(struct lbvs_dest *dest);
/*
 * Configuration: dest's upper threshold goes to u_thresh. Lifted (0) or
 * raised, it ends an overload at once, as IPVS: the server would otherwise
 * wait for one of its connections to change to be picked again.
 */
void lbvs_sched_set_limit(struct lbvs_dest *dest, u32 u_thresh);

#endif /* _LBVS_SCHED_H */
