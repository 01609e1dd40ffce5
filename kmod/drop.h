/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drop counters: each place the packet path drops or refuses a packet
 * counts a named reason (enum lbvs_drop_reason, UAPI) in its namespace,
 * and optionally logs it (net.lbvs.log_drops).
 */
#ifndef _LBVS_DROP_H
#define _LBVS_DROP_H

#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/types.h>
#include <linux/lbvs.h>

struct lbvs_net;
struct lbvs_tuple;
struct net;

/* One CPU's counts; only that CPU writes them (this_cpu_inc()). */
struct lbvs_drop_cpu {
	u64 cnt[__LBVS_DROP_MAX];
};

/*
 * A namespace's drops. cpu: from netns init to exit, after the hooks are
 * gone. log: log_drops' lines, each reason its own limit so that a flood
 * of one does not hide the others; __ratelimit() takes its own lock.
 */
struct lbvs_drops {
	struct lbvs_drop_cpu __percpu *cpu;
	struct ratelimit_state log[__LBVS_DROP_MAX];
};

int lbvs_drops_init(struct lbvs_drops *d);
void lbvs_drops_exit(struct lbvs_drops *d);
/* The sum over CPUs, read without a lock: a count read once off. */
u64 lbvs_drops_read(const struct lbvs_drops *d, enum lbvs_drop_reason r);

/*
 * Count a drop of reason r in ln, and log it if asked; t: the packet's
 * flow, or NULL. Returns NF_DROP for the caller to return.
 */
unsigned int lbvs_drop(struct lbvs_net *ln, enum lbvs_drop_reason r,
		       const struct lbvs_tuple *t);
/*
 * As lbvs_drop(), the reason told by a transmit step's error: a route's
 * (route.h: -EMSGSIZE too big, others no route), -ENOMEM, -EBADMSG.
 */
unsigned int lbvs_drop_err(struct net *net, int err, const struct lbvs_tuple *t);

#endif /* _LBVS_DROP_H */
